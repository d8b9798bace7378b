/**
 * One generated case as a save stores it: the corpus case (bench/corpus.ts), validated by the
 * core as an import validates it, its analysis and the list columns derived from both, and the
 * time of the save. Pure (no I/O), so the bench can compute it in worker threads.
 */
import { analyseCase, validateCase } from '../src/core/index.js';
import { caseIndex } from '../src/server/case-index.js';
import type { NewRevision } from '../src/store/index.js';
import { generateCase, seededRandom } from './corpus.js';

/** A revision without its author and message, which the seeder adds. */
export type SeededCase = Omit<NewRevision, 'author' | 'message'>;

/** Saves are spread over the three years before this time, so that "most recently changed" sorts. */
const LAST_SAVE = Date.parse('2026-01-01T00:00:00Z');
const SPAN_MS = 3 * 365 * 24 * 3600 * 1000;

/** Case number `index` of the corpus with this seed, ready to store. */
export function seededCase(seed: number, index: number): SeededCase {
  const checked = validateCase(generateCase(seed, index));
  if (!checked.ok)
    throw new Error(`generated case ${index} is not valid: ${JSON.stringify(checked.error[0])}`);
  const document = checked.value;
  const analysis = analyseCase(document);
  const when = LAST_SAVE - Math.floor(seededRandom(seed ^ (index + 1))() * SPAN_MS);
  return {
    document,
    index: caseIndex(document, analysis),
    analysis: JSON.stringify(analysis),
    now: new Date(when).toISOString(),
  };
}
