/** One case file read, analysed and rendered: the unit of work of `coprism analyse`. */
import { analyseCase, formatTextProblem, type TextProblem } from '../core/index.js';
import { readCaseFile } from '../files/index.js';
import { PLAIN, analysisMarkdown, analysisText } from '../report/index.js';
import { COLOURS } from './colours.js';

export type OutputFormat = 'text' | 'json' | 'markdown';

/** How to print: the format, colour for a terminal, and JSON indented for people or compact for programs. */
export interface OutputStyle {
  readonly format: OutputFormat;
  readonly colour: boolean;
  readonly pretty: boolean;
}

/** The rendered analysis, or the problems that stopped it, already as text. */
export type FileResult =
  | { readonly ok: true; readonly output: string }
  | { readonly ok: false; readonly problems: string };

export function analyseFile(file: string, style: OutputStyle): FileResult {
  const read = readCaseFile(file);
  if (!read.ok) return { ok: false, problems: problemsText(read.error) };
  const analysis = analyseCase(read.value);
  if (style.format === 'json')
    return { ok: true, output: JSON.stringify(analysis, null, style.pretty ? 2 : undefined) };
  if (style.format === 'markdown') return { ok: true, output: analysisMarkdown(analysis) };
  return { ok: true, output: `${analysisText(analysis, style.colour ? COLOURS : PLAIN)}\n` };
}

/** A file's problems, in line order, one per line under a heading with their count. */
export function problemsText(problems: readonly TextProblem[]): string {
  const sorted = [...problems].sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
  const count = sorted.length;
  const lines = sorted.map((p) => `  ${formatTextProblem(p)}\n`);
  return `${sorted[0]?.file ?? ''}: ${count} mistake${count === 1 ? '' : 's'}\n${lines.join('')}`;
}
