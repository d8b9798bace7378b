/** Everything a case report shows, gathered once so that Markdown, HTML and PDF say the same things. */
import {
  gripp2Draft,
  participationGrid,
  readLadders,
  type Analysis,
  type CaseFile,
  type Gripp2Draft,
  type LadderReading,
  type ParticipationGrid,
} from '../core/index.js';

export interface CaseReport {
  readonly doc: CaseFile;
  readonly analysis: Analysis;
  /** The case's revision, when the caller knows it (a store revision, a commit). */
  readonly revision: string | undefined;
  /** One per component, in the case's order. */
  readonly grids: readonly ParticipationGrid[];
  /** Per component, one reading per ladder. */
  readonly ladders: readonly (readonly LadderReading[])[];
  readonly gripp2: Gripp2Draft;
}

export function caseReport(doc: CaseFile, analysis: Analysis, revision?: string): CaseReport {
  return {
    doc,
    analysis,
    revision,
    grids: doc.components.map((_, i) => participationGrid(doc, i)),
    ladders: readLadders(doc),
    gripp2: gripp2Draft(doc, analysis),
  };
}
