/** The closed vocabularies of the case format, each with plain-English words for people. */

export const FORMAT = 'coprism/1';

export const PARTY_KINDS = [
  'service-users',
  'carers',
  'mental-health-professionals',
  'other-professionals',
  'community',
  'researchers',
  'designers',
  'funder-or-client',
] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

export const STAGES = [
  'initiation',
  'needs-assessment',
  'design',
  'piloting',
  'governance',
  'staff-training',
  'delivery',
  'evaluation',
  'outreach',
] as const;
export type Stage = (typeof STAGES)[number];

export const LEVELS = ['none', 'informed', 'consulted', 'partner', 'leads'] as const;
export type Level = (typeof LEVELS)[number];

export const CERTAINTIES = ['documented', 'reported', 'suggested'] as const;
export type Certainty = (typeof CERTAINTIES)[number];

export const SOURCE_KINDS = [
  'peer-reviewed',
  'grey-literature',
  'report',
  'informal-conversation',
  'self-report',
  'observation',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const SERVICE_DOMAINS = [
  'mental-health',
  'housing',
  'employment',
  'education',
  'public-awareness',
  'other',
] as const;
export type ServiceDomain = (typeof SERVICE_DOMAINS)[number];

export const PRODUCTS = ['service', 'materials', 'decisions', 'nothing'] as const;
export type Product = (typeof PRODUCTS)[number];

export const EVALUATIONS = [
  'none',
  'feedback',
  'pilot',
  'before-after',
  'controlled-trial',
] as const;
export type Evaluation = (typeof EVALUATIONS)[number];

export const DESIGN_STAGES = ['research', 'ideation', 'prototype', 'test'] as const;
export type DesignStage = (typeof DESIGN_STAGES)[number];

export const EFFECTS = ['equalises', 'keeps-apart'] as const;
export type Effect = (typeof EFFECTS)[number];

export const OUTCOMES = ['achieved', 'failed', 'ongoing'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const MODELS = [
  'co-production',
  'evidence-based-practice',
  'service-user-led',
  'community-involvement',
  'user-centred-design',
] as const;
export type ModelId = (typeof MODELS)[number];

export const FITS = ['fits', 'partly-fits', 'does-not-fit', 'undetermined'] as const;
export type Fit = (typeof FITS)[number];

/** Written out, `unknown` means the same as leaving the field out. */
export const UNKNOWN = 'unknown';

export const MODEL_NAMES: Record<ModelId, string> = {
  'co-production': 'co-production',
  'evidence-based-practice': 'evidence-based practice',
  'service-user-led': 'service user-led',
  'community-involvement': 'community involvement',
  'user-centred-design': 'user-centred design',
};

export const FIT_WORDS: Record<Fit, string> = {
  fits: 'fits',
  'partly-fits': 'partly fits',
  'does-not-fit': 'does not fit',
  undetermined: 'cannot be settled from the record',
};

export const PARTY_KIND_WORDS: Record<PartyKind, string> = {
  'service-users': 'service users',
  carers: 'carers',
  'mental-health-professionals': 'mental health professionals',
  'other-professionals': 'other professionals',
  community: 'community members',
  researchers: 'researchers',
  designers: 'designers',
  'funder-or-client': 'the funder or client',
};

export const STAGE_WORDS: Record<Stage, string> = {
  initiation: 'the original idea',
  'needs-assessment': 'assessing needs',
  design: 'design',
  piloting: 'piloting',
  governance: 'governance (money, staff and policy)',
  'staff-training': 'recruiting and training staff',
  delivery: 'delivery',
  evaluation: 'evaluation',
  outreach: 'outreach',
};

export const LEVEL_WORDS: Record<Level, string> = {
  none: 'had no part',
  informed: 'was told',
  consulted: 'was asked for their views',
  partner: 'took part as an equal partner',
  leads: 'was in charge',
};

/** The levels as short states, for facts quoted in reasons: "Design — ward staff: in charge". */
export const LEVEL_STATES: Record<Level, string> = {
  none: 'no part',
  informed: 'told',
  consulted: 'asked for views',
  partner: 'an equal partner',
  leads: 'in charge',
};

/** The same levels, said of "they", for what-if sentences. */
export const THEY_LEVEL_WORDS: Record<Level, string> = {
  none: 'they had no part',
  informed: 'they were told',
  consulted: 'they were asked for their views',
  partner: 'they took part as equal partners',
  leads: 'they were in charge',
};

export const EVALUATION_WORDS: Record<Evaluation, string> = {
  none: 'no evaluation',
  feedback: 'feedback only',
  pilot: 'a pilot',
  'before-after': 'a before-and-after comparison',
  'controlled-trial': 'a controlled trial',
};

export const PRODUCT_WORDS: Record<Product, string> = {
  service: 'a service',
  materials: 'materials',
  decisions: 'decisions',
  nothing: 'nothing (a right, an arrangement or a way of living)',
};

export const DOMAIN_WORDS: Record<ServiceDomain, string> = {
  'mental-health': 'mental health',
  housing: 'housing',
  employment: 'employment',
  education: 'education',
  'public-awareness': 'public awareness',
  other: 'another field',
};

export const CERTAINTY_RANK: Record<Certainty, number> = {
  documented: 3,
  reported: 2,
  suggested: 1,
};

export const levelRank = (level: Level): number => LEVELS.indexOf(level);
