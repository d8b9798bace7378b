/** The language rules are written in: plain data, read by one small evaluator. */
import type { Attempt } from './case.schema.js';
import type {
  DesignStage,
  Evaluation,
  Fit,
  Level,
  ModelId,
  PartyKind,
  Product,
  ServiceDomain,
  Stage,
} from './vocabulary.js';

/**
 * Who takes part, grouped by the side they speak for. Most sides follow party kinds (`users` are
 * parties of kind service-users, `professionals` of kind mental-health-professionals). The
 * `lived-experience` side, which the user-led reading uses, also takes in any party with lived
 * experience or run by service users, whatever its kind; so a party can be on two sides.
 */
export const SIDES = [
  'users',
  'lived-experience',
  'professionals',
  'carers',
  'other-professionals',
  'community',
  'researchers',
  'designers',
  'funders',
] as const;
export type Side = (typeof SIDES)[number];

/** A test on how far one side (or the strongest of several) took part at a stage. */
export interface LevelTest {
  readonly side: Side | readonly Side[];
  /** Leave out parties that are also on this side. */
  readonly except?: Side;
  readonly atLeast?: Level;
  readonly below?: Level;
  /**
   * For `below`: also holds when some parties of the side have no claim at the stage, as long as
   * no claim says otherwise. Used for the parties a model contrasts with (professionals who are
   * not partners), never for the facts a verdict rests on; the unrecorded parties still count as
   * doubts, so the uncertainties show what a claim for them would change.
   */
  readonly unlessRecorded?: boolean;
}

/** Field tests on a component; an absent or `unknown` field makes the test unknown. */
export type FieldTest =
  | { readonly field: 'produces'; readonly in: readonly Product[] }
  | { readonly field: 'serviceDomain'; readonly in: readonly ServiceDomain[] }
  | {
      readonly field:
        'evidence.drivenByEvidence' | 'evidence.reviewed' | 'design.respondsToEndUsers';
      readonly is: boolean;
    }
  | { readonly field: 'evidence.evaluation'; readonly in: readonly Evaluation[] }
  | { readonly field: 'design.iterations'; readonly atLeast: number }
  | { readonly field: 'design.stages'; readonly includesAny: readonly DesignStage[] };

export type FieldName = FieldTest['field'];

/** A condition, evaluated in three values: true, false or unknown. */
export type Condition =
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] }
  | { readonly not: Condition }
  /** At some (or, with `every`, each) of the stages, every test holds at that same stage. */
  | {
      readonly atStage: {
        readonly stages: readonly Stage[];
        readonly every?: boolean;
        readonly where: readonly LevelTest[];
      };
    }
  | FieldTest
  /** The record says the component evens out (or keeps apart) a relationship between two kinds. */
  | {
      readonly relationship: {
        readonly between: readonly [PartyKind, PartyKind];
        readonly effect: 'equalises' | 'keeps-apart';
      };
    }
  /** An attempt at the model being read (or a named one) is recorded, with one of these outcomes. */
  | {
      readonly attempt: {
        readonly model?: ModelId;
        readonly outcome: readonly Attempt['outcome'][];
      };
    }
  /** A party of this kind (with these flags) is listed. The parties list is complete, so this is never unknown. */
  | {
      readonly party: {
        readonly kind?: PartyKind;
        readonly side?: Side;
        readonly livedExperience?: boolean;
        readonly userLed?: boolean;
      };
    }
  | { readonly humanising: true }
  | { readonly always: true };

interface RuleBase {
  /** Stable id, cited in every reason; never reused for a different meaning. */
  readonly id: string;
  /** The rule in plain English, as `coprism rules` prints it. */
  readonly statement: string;
  /** The first words of a reason when the rule applies; the facts found follow. */
  readonly finding: string;
  readonly when: Condition;
}

/** Decides a model's fit. A model's verdict rules are tried in order; the first that holds decides. */
export interface VerdictRule extends RuleBase {
  readonly kind: 'verdict';
  readonly model: ModelId;
  readonly fit: Fit;
}

/** Adds a reason to a model's reading without deciding it. */
export interface NoteRule extends RuleBase {
  readonly kind: 'note';
  readonly model: ModelId;
  /** Only when the model's fit is one of these. */
  readonly whenFit?: readonly Fit[];
}

/** Finds a relationship the component evens out. */
export interface EqualisingRule extends RuleBase {
  readonly kind: 'equalises';
  readonly between: readonly [PartyKind, PartyKind];
}

/** A reading across models: humane features, the label check. Its condition is built in. */
export interface ReadingRule {
  readonly kind: 'reading';
  readonly id: string;
  readonly statement: string;
}

export type Rule = VerdictRule | NoteRule | EqualisingRule | ReadingRule;

export interface Rulebook {
  readonly version: string;
  readonly rules: readonly Rule[];
}
