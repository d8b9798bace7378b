/** The shape of an analysis: the `coprism-analysis/1` contract shared by the CLI, the API and the app. */
import type { Fit, ModelId, PartyKind } from './vocabulary.js';

/** One step of reasoning: the rule applied, what it found, and the fields it rests on. */
export interface Reason {
  readonly rule: string;
  readonly text: string;
  /** Paths into the record: component fields such as `roles[3]`, case fields such as `parties[1]`. */
  readonly refs: readonly string[];
}

export interface ModelReading {
  readonly fit: Fit;
  readonly reasons: readonly Reason[];
}

export type ModelReadings = Readonly<Record<ModelId, ModelReading>>;

export interface EqualisedRelationship {
  readonly between: readonly [PartyKind, PartyKind];
  readonly reasons: readonly Reason[];
}

export interface LabelCheck {
  readonly rule: string;
  readonly model: ModelId;
  readonly fit: Fit;
  readonly text: string;
  /** Models that do fit, which describe it better. */
  readonly betterFits: readonly ModelId[];
}

export interface FitChange {
  readonly model: ModelId;
  readonly from: Fit;
  readonly to: Fit;
  /** The alternative under which the fit changes, in plain words. */
  readonly if: string;
}

export interface Uncertainty {
  readonly kind: 'unknown' | 'suggested' | 'disagreement';
  /** What is unknown or doubtful, in plain words. */
  readonly about: string;
  readonly refs: readonly string[];
  readonly changes: readonly FitChange[];
  readonly text: string;
}

export interface ComponentAnalysis {
  readonly id: string;
  readonly title: string;
  readonly models: ModelReadings;
  readonly relationshipsEqualised: readonly EqualisedRelationship[];
  readonly humanisingWithoutEqualising: boolean;
  readonly humanisingReasons: readonly Reason[];
  readonly labelCheck: readonly LabelCheck[];
  readonly uncertainties: readonly Uncertainty[];
  readonly summary: string;
}

export interface OverallAnalysis {
  readonly models: ModelReadings;
  readonly labelCheck: readonly LabelCheck[];
  readonly summary: string;
}

export interface Analysis {
  readonly format: 'coprism-analysis/1';
  readonly rulebook: string;
  readonly case: string;
  readonly title: string;
  readonly components: readonly ComponentAnalysis[];
  readonly overall: OverallAnalysis;
}
