/** `coprism table` and `coprism summary`: many cases side by side, for reviews. */
import { corpusRows, corpusSummary } from '../core/index.js';
import {
  corpusCsv,
  corpusJson,
  corpusMarkdown,
  corpusSummaryText,
  modelProfileSvg,
} from '../report/index.js';
import type { Io } from './main.js';
import { readCases } from './read-cases.js';
import { CommandUsageError, oneOf, parseCommand, withUsage } from './usage.js';
import { writeOut } from './write-output.js';

const TABLE_FORMATS = ['csv', 'json', 'markdown'] as const;

/** One row per case and part, with each model's fit, the label check and the unknowns. */
export function tableCommand(args: readonly string[], io: Io): Promise<number> {
  return withUsage(io, () => {
    const { values, positionals } = parseCommand(args, {
      format: { type: 'string', short: 'f' },
      out: { type: 'string', short: 'o' },
    });
    const format = oneOf('table format', values.format ?? 'csv', TABLE_FORMATS);
    if (positionals.length === 0)
      throw new CommandUsageError('name at least one case file or folder');
    const { cases, failed } = readCases(positionals, io);
    const rows = cases.flatMap((c) => corpusRows(c.doc, c.analysis));
    const text =
      format === 'csv'
        ? corpusCsv(rows)
        : format === 'json'
          ? corpusJson(rows, io.terminal)
          : corpusMarkdown(rows);
    if (cases.length > 0) {
      if (values.out === undefined) io.out(text);
      else if (!writeOut(io, values.out, text)) return 1;
    }
    return failed ? 1 : 0;
  });
}

/** How often each model fits, how many "co-produced" claims the record supports, and a figure. */
export function summaryCommand(args: readonly string[], io: Io): Promise<number> {
  return withUsage(io, () => {
    const { values, positionals } = parseCommand(args, {
      figure: { type: 'string' },
      format: { type: 'string', short: 'f' },
    });
    const format = oneOf('summary format', values.format ?? 'text', ['text', 'json'] as const);
    if (positionals.length === 0)
      throw new CommandUsageError('name at least one case file or folder');
    const { cases, failed } = readCases(positionals, io);
    if (cases.length === 0) return 1;
    const summary = corpusSummary(cases);
    io.out(
      format === 'json'
        ? `${JSON.stringify(summary, null, io.terminal ? 2 : undefined)}\n`
        : corpusSummaryText(summary),
    );
    if (values.figure !== undefined && !writeOut(io, values.figure, modelProfileSvg(summary)))
      return 1;
    return failed ? 1 : 0;
  });
}
