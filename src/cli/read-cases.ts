/** Reads and analyses the case files named on a command line, keeping the good ones when some are bad. */
import { analyseCase, type Analysis, type CaseFile } from '../core/index.js';
import { findCaseFiles, readCaseFile } from '../files/index.js';
import { problemsText } from './analyse-file.js';
import type { Io } from './main.js';

export interface ReadCase {
  readonly file: string;
  readonly doc: CaseFile;
  readonly analysis: Analysis;
}

/** The analysed cases in path order, and whether any file had mistakes (already reported on stderr). */
export function readCases(
  paths: readonly string[],
  io: Io,
): { readonly cases: ReadCase[]; readonly failed: boolean } {
  const found = findCaseFiles(paths);
  if (!found.ok) {
    io.err(`${found.message}\n`);
    return { cases: [], failed: true };
  }
  if (found.files.length === 0) {
    io.err(`No case files (.yaml, .yml or .json) found in ${paths.join(', ')}.\n`);
    return { cases: [], failed: true };
  }
  const cases: ReadCase[] = [];
  let invalid = 0;
  for (const file of found.files) {
    const read = readCaseFile(file);
    if (!read.ok) {
      invalid++;
      io.err(problemsText(read.error));
      continue;
    }
    cases.push({ file, doc: read.value, analysis: analyseCase(read.value) });
  }
  if (invalid > 0)
    io.err(
      `${invalid} of ${found.files.length} case file${found.files.length === 1 ? '' : 's'} could not be read; fix the mistakes above and run again.\n`,
    );
  return { cases, failed: invalid > 0 };
}
