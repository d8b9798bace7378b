/** Many cases side by side, for reviews: one row per case and part, and how often each model fits. */
import type { Analysis, LabelCheck, ModelReadings } from './analysis.types.js';
import type { CaseFile } from './case.schema.js';
import { participationGrid } from './participation-grid.js';
import {
  FIT_WORDS,
  FITS,
  MODEL_NAMES,
  MODELS,
  STAGES,
  type Fit,
  type ModelId,
} from './vocabulary.js';

export interface CorpusRow {
  readonly case: string;
  readonly title: string;
  /** The component's id, or empty for the row of the whole initiative. */
  readonly component: string;
  readonly componentTitle: string;
  readonly fits: Readonly<Record<ModelId, Fit>>;
  readonly describedAs: readonly ModelId[];
  /** The label check in words: empty when nothing is claimed. */
  readonly labelCheck: string;
  /** Stages at which nothing is recorded about anyone (for the whole initiative: in any part). */
  readonly unknownStages: number;
  /** Party-and-stage cells whose accounts disagree. */
  readonly disagreements: number;
}

/** The rows of one case: the whole initiative first, then each component. */
export function corpusRows(doc: CaseFile, analysis: Analysis): CorpusRow[] {
  const grids = doc.components.map((_, i) => participationGrid(doc, i));
  const describedAs = [...new Set(doc.describedAs ?? [])];
  const row = (
    component: string,
    componentTitle: string,
    models: ModelReadings,
    checks: readonly LabelCheck[],
    unknownStages: number,
    disagreements: number,
  ): CorpusRow => ({
    case: analysis.case,
    title: analysis.title,
    component,
    componentTitle,
    fits: Object.fromEntries(MODELS.map((m) => [m, models[m].fit])) as Record<ModelId, Fit>,
    describedAs,
    labelCheck: labelCheckWords(describedAs, models, checks),
    unknownStages,
    disagreements,
  });
  const whole = row(
    '',
    'The initiative as a whole',
    analysis.overall.models,
    analysis.overall.labelCheck,
    STAGES.filter((s) => grids.every((g) => g.unknownStages.includes(s))).length,
    grids.reduce((n, g) => n + g.disagreements, 0),
  );
  return [
    whole,
    ...analysis.components.map((c, i) =>
      row(
        c.id,
        c.title,
        c.models,
        c.labelCheck,
        grids[i]?.unknownStages.length ?? 0,
        grids[i]?.disagreements ?? 0,
      ),
    ),
  ];
}

/** "co-production: supported" or the analysis's own label-check sentence, for each label claimed. */
function labelCheckWords(
  describedAs: readonly ModelId[],
  models: ModelReadings,
  checks: readonly LabelCheck[],
): string {
  return describedAs
    .map((m) => {
      const check = checks.find((c) => c.model === m);
      return check === undefined
        ? `${MODEL_NAMES[m]}: supported (${FIT_WORDS[models[m].fit]})`
        : `${MODEL_NAMES[m]}: ${check.text}`;
    })
    .join(' ');
}

export interface CorpusSummary {
  readonly cases: number;
  readonly components: number;
  /** How many cases (whole initiatives) reach each fit, per model. */
  readonly byCase: Readonly<Record<ModelId, Readonly<Record<Fit, number>>>>;
  /** The same count over components. */
  readonly byComponent: Readonly<Record<ModelId, Readonly<Record<Fit, number>>>>;
  /** Cases that call themselves co-produced, and what the record says. */
  readonly claimsCoProduction: readonly {
    readonly case: string;
    readonly title: string;
    readonly fit: Fit;
    readonly supported: boolean;
  }[];
}

/** How often each model fits across many analyses. */
export function corpusSummary(
  items: readonly { doc: CaseFile; analysis: Analysis }[],
): CorpusSummary {
  const count = (readings: readonly ModelReadings[]): Record<ModelId, Record<Fit, number>> =>
    Object.fromEntries(
      MODELS.map((m) => [
        m,
        Object.fromEntries(FITS.map((f) => [f, readings.filter((r) => r[m].fit === f).length])),
      ]),
    ) as Record<ModelId, Record<Fit, number>>;
  return {
    cases: items.length,
    components: items.reduce((n, i) => n + i.analysis.components.length, 0),
    byCase: count(items.map((i) => i.analysis.overall.models)),
    byComponent: count(items.flatMap((i) => i.analysis.components.map((c) => c.models))),
    claimsCoProduction: items
      .filter((i) => (i.doc.describedAs ?? []).includes('co-production'))
      .map((i) => {
        const fit = i.analysis.overall.models['co-production'].fit;
        return { case: i.analysis.case, title: i.analysis.title, fit, supported: fit === 'fits' };
      }),
  };
}
