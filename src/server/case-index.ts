/** The columns a case is listed, searched and filtered by, derived from its document and analysis. */
import {
  MODELS,
  gridShape,
  shapeCode,
  type Analysis,
  type CaseFile,
  type Fit,
  type ModelId,
} from '../core/index.js';
import type { CaseIndex } from '../store/index.js';

export function caseIndex(document: CaseFile, analysis: Analysis): CaseIndex {
  const fits = Object.fromEntries(MODELS.map((m) => [m, analysis.overall.models[m].fit])) as Record<
    ModelId,
    Fit
  >;
  const words = [
    document.title,
    document.summary,
    document.setting,
    ...document.parties.map((p) => p.label),
    ...document.components.flatMap((c) => [c.title, c.summary]),
  ];
  return {
    title: document.title,
    summary: document.summary ?? null,
    periodStart: document.period?.start ?? null,
    periodEnd: document.period?.end ?? null,
    rulebook: analysis.rulebook,
    fits,
    reading: analysis.overall.summary,
    shape: shapeCode(gridShape(document)),
    searchText: words
      .filter((w) => w !== undefined)
      .join('\n')
      .toLowerCase(),
    domains: document.components.flatMap((c) => (c.serviceDomain ? [c.serviceDomain] : [])),
    labels: document.describedAs ?? [],
    sourceKinds: (document.sources ?? []).map((s) => s.kind),
  };
}
