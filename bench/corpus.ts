/**
 * A deterministic corpus of realistic `coprism/1` cases for the benchmarks: the same seed always
 * gives the same files. Each case has about 8 parties, 5 components and 40 role claims (some only
 * suggested, some disputed by two sources), and comes out as YAML of about 8 KB, written the way
 * the library's cases are (role claims as one-line flow maps).
 */
import { Document, isMap, isSeq, type Node } from 'yaml';
import type {
  Attempt,
  CaseFile,
  Component,
  Level,
  Party,
  PartyKind,
  Relationship,
  Role,
  Source,
  Stage,
} from '../src/core/index.js';
import {
  DESIGN_STAGES,
  EVALUATIONS,
  LEVELS,
  MODELS,
  PRODUCTS,
  SERVICE_DOMAINS,
  SOURCE_KINDS,
  STAGES,
} from '../src/core/vocabulary.js';

/** A seeded generator of numbers in [0, 1) (mulberry32): small, fast and repeatable. */
export type Random = () => number;

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rng: Random, min: number, max: number): number =>
  min + Math.floor(rng() * (max - min + 1));
const chance = (rng: Random, p: number): boolean => rng() < p;

function pick<T>(rng: Random, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function sample<T>(rng: Random, items: readonly T[], n: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length > 0)
    out.push(...pool.splice(int(rng, 0, pool.length - 1), 1));
  return out;
}

const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

// Word pools, in the register of the case library.
const PLACES = [
  'Leeds',
  'Bristol',
  'Cardiff',
  'Glasgow',
  'Norwich',
  'Sheffield',
  'south London',
  'Belfast',
  'Harare',
  'Lille',
  'Tampere',
  'Montreal',
  'Melbourne',
  'Nottingham',
];
const INITIATIVES = [
  'Peer Support',
  'Crisis Café',
  'Recovery College',
  'Open Door',
  'Safe Haven',
  'Hearing Voices',
  'Wellbeing Hub',
  'Bridge to Work',
  'Home First',
  'Quiet Nights',
  'Talking Together',
  'Steps Ahead',
];
const SURNAMES = [
  'Novak',
  'Okafor',
  'Lindqvist',
  'Patel',
  'Moreau',
  'Chikwanha',
  'Hughes',
  'Rossi',
  'Tanaka',
  'Byrne',
  'Kowalski',
  'Mensah',
  'Ahmed',
  'Fraser',
];
const INITIALS = [...'ABCDEFGHJKLMNPRST'];
const JOURNALS = [
  'BJPsych Bulletin',
  'Health Expectations',
  'Journal of Mental Health',
  'Psychiatric Services',
  'International Journal of Social Psychiatry',
  'BMC Psychiatry',
  'Mental Health Review Journal',
];

/** Parties, by kind: [id, label, livedExperience, userLed]. */
const PARTY_POOL: Record<
  PartyKind,
  readonly (readonly [id: string, label: string, livedExperience: boolean, userLed: boolean])[]
> = {
  'service-users': [
    ['cmht-users', 'People using the community mental health teams', false, false],
    ['inpatients', 'In-patients on the pilot wards', false, false],
    ['peer-network', 'Members of the local peer network', false, false],
    ['young-people', 'Young people referred to early intervention', false, false],
  ],
  carers: [
    ['carers', 'Family carers and friends', false, false],
    ['parents', 'Parents of young people using the service', false, false],
  ],
  'mental-health-professionals': [
    ['cpns', 'Community psychiatric nurses', false, false],
    ['ward-staff', 'Consultant psychiatrists and ward staff', false, false],
    ['psychologists', 'Clinical psychologists of the trust', false, false],
    ['peer-workers', 'Peer support workers employed by the trust', true, false],
  ],
  'other-professionals': [
    ['housing-officers', 'Housing officers of the city council', false, false],
    ['job-centre', 'Employment specialists at the job centre', false, false],
    ['college-teachers', 'Teachers at the adult education college', false, false],
    ['police', 'Police liaison officers', false, false],
  ],
  community: [
    ['residents', 'Local residents', false, false],
    ['faith-groups', 'Faith and community groups', false, false],
    ['local-firms', 'Local businesses', false, false],
    ['artists', 'Artists working with the project', false, false],
    ['user-association', 'A user-run community association', false, true],
  ],
  researchers: [
    ['university', 'University research team', false, false],
    ['le-researchers', 'Lived-experience researchers', true, false],
  ],
  designers: [
    ['design-agency', 'Service design agency', false, false],
    ['le-facilitators', 'Facilitators with lived experience', true, false],
  ],
  'funder-or-client': [
    ['commissioners', 'Clinical commissioning group', false, false],
    ['charitable-trust', 'Charitable trust', false, false],
    ['user-led-charity', 'User-led charity that commissioned the work', false, true],
  ],
};

const COMPONENT_POOL = [
  'Peer-run drop-in sessions',
  'Training for ward staff',
  'Crisis line staffed by volunteers',
  'Shared care plans',
  'Supported housing places',
  'Anti-stigma campaign in schools',
  'Recovery courses',
  'Job placements with coaching',
  'Self-management app',
  'Family meetings at home',
  'Protected sleep period',
  'Evening arts workshops',
  'Community gardening project',
  'Service user advisory panel',
  'Hospital discharge support',
  'Outreach to homeless people',
];

const NOTE_PHRASES = [
  'the paper names them as running the sessions',
  'the annual report describes this in passing',
  'interviews with staff suggest this, without detail',
  'the evaluation report lists them among the partners',
  'the project website says so',
  'the authors say this was decided before users joined',
  'a steering group minute records their vote',
  'the funder set the budget and the targets',
  'workshops were held to gather their views',
  'they were told of the plan at a launch event',
  'they co-wrote the training materials',
  'the pilot was revised after their feedback',
  'no involvement is mentioned at this stage',
  'as far as the authors can tell',
];

const HUMANE_FEATURES = [
  'People are greeted by name and offered a hot drink',
  'Ward doors are not locked during the day',
  'People can come without a referral',
  'Sessions are held in ordinary community buildings',
  'People are seen soon after asking for help',
  'Staff and visitors eat together',
  'People can read what is written about them',
];

/** Which side a party speaks for, as far as the generator needs to know. */
type Side = 'users' | 'professionals' | 'community' | 'design' | 'research' | 'funders' | 'others';

function sideOf(p: Party): Side {
  if (p.kind === 'service-users' || p.livedExperience === true || p.userLed === true)
    return 'users';
  switch (p.kind) {
    case 'mental-health-professionals':
      return 'professionals';
    case 'community':
      return 'community';
    case 'designers':
      return 'design';
    case 'researchers':
      return 'research';
    case 'funder-or-client':
      return 'funders';
    default:
      return 'others';
  }
}

/** The shape of a component: who holds power where. Drives the levels its claims get. */
type Archetype = 'top-down' | 'co-produced' | 'user-led' | 'community' | 'design-led' | 'evidence';
const ARCHETYPES: readonly Archetype[] = [
  'top-down',
  'co-produced',
  'user-led',
  'community',
  'design-led',
  'evidence',
];

const KEY_STAGES: ReadonlySet<Stage> = new Set(['design', 'delivery', 'governance']);

function baseLevel(arch: Archetype, side: Side, stage: Stage): Level {
  const key = KEY_STAGES.has(stage);
  switch (arch) {
    case 'top-down':
      if (side === 'professionals' || side === 'funders') return key ? 'leads' : 'partner';
      return side === 'users' ? (key ? 'none' : 'informed') : 'consulted';
    case 'co-produced':
      if (side === 'users' || side === 'professionals') return key ? 'partner' : 'consulted';
      return 'informed';
    case 'user-led':
      if (side === 'users') return key ? 'leads' : 'partner';
      if (side === 'community') return stage === 'outreach' ? 'partner' : 'informed';
      return side === 'professionals' ? 'informed' : 'consulted';
    case 'community':
      if (side === 'community')
        return ['needs-assessment', 'delivery', 'outreach'].includes(stage) ? 'leads' : 'partner';
      return side === 'users' ? 'consulted' : 'partner';
    case 'design-led':
      if (side === 'design')
        return stage === 'design' || stage === 'piloting' ? 'leads' : 'partner';
      if (side === 'funders') return stage === 'governance' ? 'leads' : 'consulted';
      return side === 'users' ? 'consulted' : 'partner';
    case 'evidence':
      if (side === 'research')
        return ['initiation', 'evaluation', 'design'].includes(stage) ? 'leads' : 'consulted';
      if (side === 'professionals') return stage === 'delivery' ? 'leads' : 'partner';
      return side === 'users' ? 'consulted' : 'informed';
  }
}

/** The base level most of the time; otherwise a neighbouring one, as real accounts vary. */
function levelFor(rng: Random, arch: Archetype, side: Side, stage: Stage): Level {
  const base = LEVELS.indexOf(baseLevel(arch, side, stage));
  const roll = rng();
  const shift = roll < 0.7 ? 0 : roll < 0.85 ? -1 : 1;
  return LEVELS[Math.min(LEVELS.length - 1, Math.max(0, base + shift))] ?? 'none';
}

const STAGE_WEIGHT: Record<Stage, number> = {
  initiation: 1,
  'needs-assessment': 1,
  design: 3,
  piloting: 1,
  governance: 2,
  'staff-training': 1,
  delivery: 3,
  evaluation: 1,
  outreach: 1,
};

/** How many of the case's 40 claims each of its 5 components gets: 8 each, shuffled a little. */
function claimCounts(rng: Random, components: number, total: number): number[] {
  const counts = Array.from(
    { length: components },
    (_, i) => Math.floor(total / components) + (i < total % components ? 1 : 0),
  );
  for (let moves = 0; moves < components + 1; moves++) {
    const from = int(rng, 0, components - 1);
    const to = int(rng, 0, components - 1);
    if ((counts[from] ?? 0) > 4 && (counts[to] ?? 0) < 12) {
      counts[from] = (counts[from] ?? 0) - 1;
      counts[to] = (counts[to] ?? 0) + 1;
    }
  }
  return counts;
}

/** Party-stage cells for a component's claims, drawn without replacement, key stages and key parties likelier. */
function drawCells(rng: Random, parties: readonly Party[], n: number): [number, Stage][] {
  const cells: { party: number; stage: Stage; weight: number }[] = [];
  parties.forEach((p, party) => {
    const side = sideOf(p);
    const partyWeight = side === 'users' || side === 'professionals' ? 2 : 1;
    for (const stage of STAGES)
      cells.push({ party, stage, weight: partyWeight * STAGE_WEIGHT[stage] });
  });
  const out: [number, Stage][] = [];
  while (out.length < n && cells.length > 0) {
    let roll = rng() * cells.reduce((sum, c) => sum + c.weight, 0);
    let index = cells.findIndex((c) => (roll -= c.weight) < 0);
    if (index < 0) index = cells.length - 1;
    const [cell] = cells.splice(index, 1);
    if (cell !== undefined) out.push([cell.party, cell.stage]);
  }
  return out;
}

function note(rng: Random): string {
  return `${pick(rng, ['p.', 'section', 'para.'])} ${int(rng, 2, 48)}: ${pick(rng, NOTE_PHRASES)}`;
}

function makeSources(rng: Random, year: number): Source[] {
  const count = int(rng, 3, 5);
  const used = new Set<string>();
  const sources: Source[] = [];
  for (let i = 0; i < count; i++) {
    const author = pick(rng, SURNAMES);
    const y = year + int(rng, 0, 4);
    let id = `${author.toLowerCase()}${y}`;
    while (used.has(id)) id = `${id}-${used.size}`;
    used.add(id);
    const kind = i === 0 ? 'peer-reviewed' : pick(rng, SOURCE_KINDS);
    const citation =
      kind === 'peer-reviewed'
        ? `${author} ${pick(rng, INITIALS)}, ${pick(rng, SURNAMES)} ${pick(rng, INITIALS)} et al. Evaluating a new approach to ${pick(rng, COMPONENT_POOL).toLowerCase()}. ${pick(rng, JOURNALS)} ${int(rng, 10, 60)}(${int(rng, 1, 12)}), ${y}, ${int(rng, 1, 400)}-${int(rng, 401, 800)}.`
        : kind === 'informal-conversation'
          ? `Conversations with staff and members of the project, ${y}, as reported by ${author}.`
          : `${author} ${pick(rng, INITIALS)}. Annual report of the project, ${y}. Published by the trust.`;
    const source: Source = { id, kind, citation };
    if (chance(rng, 0.4)) source.url = `https://example.org/reports/${id}`;
    sources.push(source);
  }
  return sources;
}

function makeParties(rng: Random): Party[] {
  // Users and professionals nearly always; the rest of the eight drawn from the other kinds.
  const kinds: PartyKind[] = ['service-users', 'mental-health-professionals'];
  if (chance(rng, 0.3)) kinds.push('service-users');
  if (chance(rng, 0.3)) kinds.push('mental-health-professionals');
  const others: PartyKind[] = [
    'carers',
    'other-professionals',
    'community',
    'community',
    'researchers',
    'designers',
    'funder-or-client',
  ];
  kinds.push(...sample(rng, others, int(rng, 7, 9) - kinds.length));
  const used = new Set<string>();
  return kinds.map((kind) => {
    const [base, label, livedExperience, userLed] = pick(rng, PARTY_POOL[kind]);
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    const party: Party = { id, kind, label };
    if (livedExperience) party.livedExperience = true;
    if (userLed) party.userLed = true;
    return party;
  });
}

function makeRoles(
  rng: Random,
  arch: Archetype,
  parties: readonly Party[],
  sources: readonly Source[],
  claims: number,
): Role[] {
  const disputes = chance(rng, 0.45) ? 1 : 0;
  const roles: Role[] = [];
  for (const [party, stage] of drawCells(rng, parties, claims - disputes)) {
    const p = parties[party];
    if (p === undefined) continue;
    const role: Role = { party: p.id, stage, level: levelFor(rng, arch, sideOf(p), stage) };
    if (chance(rng, 0.9)) role.source = pick(rng, sources).id;
    const roll = rng();
    if (roll < 0.15) role.certainty = 'suggested';
    else if (roll < 0.45) role.certainty = 'documented';
    else if (roll < 0.65) role.certainty = 'reported';
    if (chance(rng, 0.3)) role.note = note(rng);
    roles.push(role);
  }
  // A disagreement: another source gives another level for a claim already made.
  const sourced = roles.filter((r) => r.source !== undefined);
  if (disputes > 0 && sourced.length > 0) {
    const first = pick(rng, sourced);
    const second: Role = {
      party: first.party,
      stage: first.stage,
      level: pick(
        rng,
        LEVELS.filter((l) => l !== first.level),
      ),
      source: pick(
        rng,
        sources.filter((s) => s.id !== first.source),
      ).id,
    };
    if (chance(rng, 0.5)) second.note = note(rng);
    roles.splice(int(rng, 0, roles.length), 0, second);
  }
  return roles;
}

function makeComponent(
  rng: Random,
  index: number,
  title: string,
  place: string,
  parties: readonly Party[],
  sources: readonly Source[],
  claims: number,
): Component {
  const arch = pick(rng, ARCHETYPES);
  const head: Omit<Component, 'roles'> = {
    id: `${slug(title)}-${index + 1}`,
    title,
    summary: `${title} in ${place}, ${pick(rng, ['weekly', 'every evening', 'on request', 'for six months', 'since the pilot'])}.`,
  };
  const domain = rng();
  if (domain < 0.65) head.serviceDomain = 'mental-health';
  else if (domain < 0.85) head.serviceDomain = pick(rng, SERVICE_DOMAINS);
  else if (domain < 0.92) head.serviceDomain = 'unknown';
  const produces = rng();
  if (produces < 0.6) head.produces = 'service';
  else if (produces < 0.85) head.produces = pick(rng, PRODUCTS);

  const component: Component = { ...head, roles: makeRoles(rng, arch, parties, sources, claims) };
  // Evidence and design blocks are present in some components and absent (unknown) in others.
  if (arch === 'evidence' || chance(rng, 0.4)) {
    component.evidence = { drivenByEvidence: arch === 'evidence' || chance(rng, 0.4) };
    if (chance(rng, 0.8)) {
      component.evidence.reviewed = chance(rng, 0.6);
      component.evidence.evaluation = pick(rng, EVALUATIONS);
    }
  }
  if (arch === 'design-led' || chance(rng, 0.3))
    component.design = {
      stages: sample(rng, DESIGN_STAGES, int(rng, 0, 4)).sort(
        (a, b) => DESIGN_STAGES.indexOf(a) - DESIGN_STAGES.indexOf(b),
      ),
      iterations: int(rng, 0, 4),
      respondsToEndUsers: chance(rng, 0.6),
    };
  if (chance(rng, 0.7)) {
    component.relationships = [];
    for (let r = int(rng, 0, 2); r > 0; r--) {
      const rel: Relationship = {
        between: [
          'service-users',
          pick(rng, ['mental-health-professionals', 'community', 'other-professionals'] as const),
        ],
        effect: chance(rng, 0.7) ? 'equalises' : 'keeps-apart',
        source: pick(rng, sources).id,
      };
      if (chance(rng, 0.5)) rel.note = note(rng);
      component.relationships.push(rel);
    }
  }
  if (chance(rng, 0.6)) component.humanising = sample(rng, HUMANE_FEATURES, int(rng, 0, 2));
  if (chance(rng, 0.25)) {
    const attempt: Attempt = {
      model: pick(rng, MODELS),
      with: pick(rng, ['mental-health-professionals', 'community', 'service-users'] as const),
      outcome: pick(rng, ['achieved', 'failed', 'ongoing'] as const),
      source: pick(rng, sources).id,
    };
    if (chance(rng, 0.5)) attempt.note = note(rng);
    component.attempts = [attempt];
  }
  return component;
}

/** Case number `index` of the corpus with this seed; each case depends only on (seed, index). */
export function generateCase(seed: number, index: number): CaseFile {
  const rng = seededRandom((Math.imul(seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
  const place = pick(rng, PLACES);
  const name = pick(rng, INITIATIVES);
  const start = int(rng, 1995, 2022);
  const sources = makeSources(rng, start);
  const parties = makeParties(rng);
  const titles = sample(rng, COMPONENT_POOL, 5);
  const counts = claimCounts(rng, titles.length, 40);
  const components = titles.map((title, i) =>
    makeComponent(rng, i, title, place, parties, sources, counts[i] ?? 8),
  );
  const doc: CaseFile = {
    format: 'coprism/1',
    id: `${slug(name)}-${slug(place)}-${index + 1}`,
    title: `${name} ${place}`,
    summary: `${name} brings together ${parties.length} groups in ${place} to improve support for people with mental health problems, from ${pick(rng, ['housing', 'crisis care', 'employment', 'in-patient care', 'public attitudes'])} to everyday ${pick(rng, ['wellbeing', 'recovery', 'peer support'])}. Its parts were set up at different times, by different people.`,
    setting: `${pick(rng, ['An NHS mental health trust', 'A city council area', 'A public psychiatric sector', 'A voluntary sector network'])} in ${place}`,
    period: chance(rng, 0.7) ? { start, end: start + int(rng, 1, 8) } : { start },
    describedAs: sample(rng, MODELS, int(rng, 0, 2)),
    sources,
    parties,
    components,
  };
  return doc;
}

/** A case as YAML, in the style of the library: claims, relationships and attempts on one line each. */
export function caseYaml(doc: CaseFile): string {
  const yaml = new Document(doc);
  const flow = (node: unknown): void => {
    if (isMap(node)) node.flow = true;
  };
  const components = yaml.get('components');
  if (isSeq(components))
    for (const component of components.items) {
      if (!isMap(component)) continue;
      for (const key of ['roles', 'relationships', 'attempts']) {
        const list = component.get(key);
        if (isSeq(list)) list.items.forEach((item: unknown) => flow(item as Node));
      }
      const design = component.get('design');
      if (isMap(design)) {
        const stages = design.get('stages');
        if (isSeq(stages)) stages.flow = true;
      }
    }
  const period = yaml.get('period');
  flow(period);
  const describedAs = yaml.get('describedAs');
  if (isSeq(describedAs)) describedAs.flow = true;
  return yaml.toString({ lineWidth: 0 });
}
