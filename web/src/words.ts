/** Plain words for the app: the core's vocabulary, plus the few phrases only screens need. */
import {
  DOMAIN_WORDS,
  FIT_WORDS,
  LEVEL_STATES,
  MODEL_NAMES,
  PARTY_KIND_WORDS,
  STAGE_WORDS,
  type Fit,
  type ModelId,
  type SourceKind,
} from '../../src/core/vocabulary.js';

export { sourceName, sourceNamer } from '../../src/core/source-names.js';
export {
  CERTAINTIES,
  DOMAIN_WORDS,
  FITS,
  LEVELS,
  MODELS,
  PARTY_KINDS,
  PARTY_KIND_WORDS,
  PRODUCT_WORDS,
  SERVICE_DOMAINS,
  SOURCE_KINDS,
  STAGES,
  STAGE_WORDS,
} from '../../src/core/vocabulary.js';
export type {
  Certainty,
  Fit,
  Level,
  ModelId,
  PartyKind,
  SourceKind,
  Stage,
} from '../../src/core/vocabulary.js';

export const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** "Co-production", "Evidence-based practice"… as headings and badge labels. */
export const modelName = (model: ModelId): string => capitalise(MODEL_NAMES[model]);

/** Fits in a few words, for badges: the long "cannot be settled from the record" becomes "not settled". */
export const FIT_SHORT: Record<Fit, string> = {
  fits: 'fits',
  'partly-fits': 'partly fits',
  'does-not-fit': 'does not fit',
  undetermined: 'not settled',
};

export const fitWords = (fit: Fit): string => FIT_WORDS[fit];

export const stageHeading = (stage: keyof typeof STAGE_WORDS): string =>
  capitalise(STAGE_WORDS[stage]);

export const levelState = (level: keyof typeof LEVEL_STATES): string =>
  capitalise(LEVEL_STATES[level]);

export const SOURCE_KIND_WORDS: Record<SourceKind, string> = {
  'peer-reviewed': 'peer-reviewed research',
  'grey-literature': 'grey literature',
  report: 'a report',
  'informal-conversation': 'an informal conversation',
  'self-report': 'someone’s own account',
  observation: 'observation',
};

export const domainWords = (domain: keyof typeof DOMAIN_WORDS): string => DOMAIN_WORDS[domain];
export const partyKindWords = (kind: keyof typeof PARTY_KIND_WORDS): string =>
  PARTY_KIND_WORDS[kind];

export const CERTAINTY_WORDS = {
  documented: 'documented',
  reported: 'reported',
  suggested: 'only suggested',
} as const;

/** "2019–2020", "from 2019", "until 2020", or nothing. */
export function periodWords(
  period:
    | {
        readonly start?: number | null | undefined;
        readonly end?: number | null | undefined;
      }
    | undefined,
): string {
  const start = period?.start ?? null;
  const end = period?.end ?? null;
  if (start !== null && end !== null) return start === end ? `${start}` : `${start}–${end}`;
  if (start !== null) return `from ${start}`;
  if (end !== null) return `until ${end}`;
  return '';
}
