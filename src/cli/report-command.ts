/** `coprism report FILE`: a case report in Markdown, HTML or PDF. */
import { existsSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { analyseCase } from '../core/index.js';
import { readCaseFile } from '../files/index.js';
import {
  caseReport,
  caseReportHtml,
  caseReportMarkdown,
  caseReportPdf,
  gripp2Markdown,
} from '../report/index.js';
import { problemsText } from './analyse-file.js';
import type { Io } from './main.js';
import { call, problemOf, remote } from './remote-command.js';
import { CommandUsageError, oneOf, parseCommand, withUsage } from './usage.js';
import { writeOut } from './write-output.js';

const REPORT_FORMATS = ['markdown', 'html', 'pdf'] as const;

export function reportCommand(args: readonly string[], io: Io): Promise<number> {
  return withUsage(io, async () => {
    const { values, positionals } = parseCommand(args, {
      format: { type: 'string', short: 'f' },
      out: { type: 'string', short: 'o' },
      revision: { type: 'string' },
      server: { type: 'string' },
    });
    const format = oneOf('report format', values.format ?? 'markdown', REPORT_FORMATS);
    const file = singleFile('report', positionals);
    const out = values.out;
    if (format === 'pdf' && out === undefined && (io.terminal || io.outBytes === undefined))
      throw new CommandUsageError(
        'a PDF is not text for a terminal; name a file with --out report.pdf, or pipe the output to a file',
      );
    // WORKSPACE/CASE that is not a file on disk: the report comes from the server.
    if (!existsSync(file) && SERVER_CASE.test(file)) {
      return remoteReport(io, file, format, out, values.revision, values.server);
    }
    const read = readCaseFile(file);
    if (!read.ok) {
      io.err(problemsText(read.error));
      return 1;
    }
    const report = caseReport(read.value, analyseCase(read.value), values.revision);
    if (format === 'pdf') {
      const bytes = await caseReportPdf(report);
      if (out === undefined) io.outBytes?.(bytes);
      else if (!writeOut(io, out, bytes)) return 1;
      return 0;
    }
    if (format === 'html') return emit(io, out, caseReportHtml(report));
    if (out === undefined) return emit(io, out, caseReportMarkdown(report));
    // Beside a Markdown file, each figure is its own SVG file, linked by name.
    const stem = basename(out, extname(out));
    const figures: [string, string][] = [];
    const markdown = caseReportMarkdown(report, (name, svg) => {
      const figure = `${stem}-${name}.svg`;
      figures.push([join(dirname(out), figure), svg]);
      return figure;
    });
    for (const [path, svg] of figures) if (!writeOut(io, path, svg)) return 1;
    return emit(io, out, markdown);
  });
}

/** `coprism gripp2 FILE`: the GRIPP2 draft alone, in Markdown. */
export function gripp2Command(args: readonly string[], io: Io): Promise<number> {
  return withUsage(io, () => {
    const { values, positionals } = parseCommand(args, { out: { type: 'string', short: 'o' } });
    const file = singleFile('gripp2', positionals);
    const read = readCaseFile(file);
    if (!read.ok) {
      io.err(problemsText(read.error));
      return 1;
    }
    const report = caseReport(read.value, analyseCase(read.value));
    return emit(io, values.out, `${gripp2Markdown(report.gripp2).join('\n').trimEnd()}\n`);
  });
}

function singleFile(command: string, positionals: readonly string[]): string {
  const [file, extra] = positionals;
  if (file === undefined)
    throw new CommandUsageError(
      `name the case file to ${command === 'report' ? 'report on' : 'draft from'}`,
    );
  if (extra !== undefined)
    throw new CommandUsageError(`'${command}' takes one case file; '${extra}' is one too many`);
  return file;
}

function emit(io: Io, out: string | undefined, text: string): number {
  if (out === undefined) {
    io.out(text);
    return 0;
  }
  return writeOut(io, out, text) ? 0 : 1;
}

const SERVER_CASE = /^[A-Za-z0-9_-]+\/[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A report of a case on a server (`coprism report WORKSPACE/CASE`), with the API token. */
async function remoteReport(
  io: Io,
  target: string,
  format: (typeof REPORT_FORMATS)[number],
  out: string | undefined,
  revision: string | undefined,
  server: string | undefined,
): Promise<number> {
  const [workspace = '', caseId = ''] = target.split('/');
  if (revision !== undefined && !/^\d+$/.test(revision))
    throw new CommandUsageError(`'${revision}' is not a revision number`);
  const query = `format=${format}${revision === undefined ? '' : `&revision=${revision}`}`;
  const response = await call(
    remote(server, process.env),
    `/api/workspaces/${encodeURIComponent(workspace)}/cases/${encodeURIComponent(caseId)}/report?${query}`,
  );
  if (typeof response === 'string' || !response.ok) {
    io.err(`coprism: ${typeof response === 'string' ? response : await problemOf(response)}\n`);
    return 1;
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (format === 'pdf') {
    if (out === undefined) io.outBytes?.(bytes);
    else if (!writeOut(io, out, bytes)) return 1;
    return 0;
  }
  return emit(io, out, new TextDecoder().decode(bytes));
}
