/** The `coprism` command line. Exit codes: 0 success, 1 invalid input, 2 usage error. */
import { parseArgs } from 'node:util';
import { RULEBOOK, caseJsonSchema } from '../core/index.js';
import { findCaseFiles, readCaseFile } from '../files/index.js';
import { rulebookText } from '../report/index.js';
import { problemsText } from './analyse-file.js';
import { analyseMany } from './analyse-many.js';
import { summaryCommand, tableCommand } from './corpus-commands.js';
import { gripp2Command, reportCommand } from './report-command.js';
import { backupCommand, restoreCommand } from './backup-command.js';
import { pullCommand, pushCommand } from './remote-command.js';
import { serve } from './serve-command.js';
import { CommandUsageError } from './usage-error.js';

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Standard output is a terminal (a person reads it). */
  readonly terminal: boolean;
  /** Colour is wanted: a terminal, and NO_COLOR is not set. */
  readonly colour: boolean;
  /** Writes bytes (a PDF) to standard output. */
  readonly outBytes?: (bytes: Uint8Array) => void;
}

const HELP = `coprism — record who did what in a mental health initiative, and read which models of good practice fit.

Usage:
  coprism analyse FILE|FOLDER... [--format text|json|markdown]   read cases and explain which models fit
  coprism validate FILE|FOLDER...                                  check case files and report every mistake
  coprism schema                                                   print the JSON Schema of the case format
  coprism rules [--format text|markdown]                           list the rulebook in plain English
  coprism report FILE|WORKSPACE/CASE [--format markdown|html|pdf] [--out PATH] [--revision REV]
                                                                   a case report: reading, who-did-what grid, ladders, GRIPP2 draft
  coprism gripp2 FILE [--out PATH]                                 a GRIPP2 draft in Markdown, gaps marked to write by hand
  coprism table FILE|FOLDER... [--format csv|json|markdown] [--out PATH]
                                                                   one row per case and part: fits, label check, unknowns
  coprism summary FILE|FOLDER... [--figure PATH.svg]               how often each model fits, and which "co-produced" claims hold
  coprism serve [--port N] [--host H] [--data FOLDER]             run the server and the web app (see below)
  coprism push FILE|FOLDER... --workspace ID [--server URL]         send case files to a server (needs COPRISM_TOKEN)
  coprism pull WORKSPACE/CASE [--format yaml|json] [--out PATH]     fetch a case file from a server
  coprism backup --out FILE [--data FOLDER]                         copy a whole installation to one file
  coprism restore FILE [--data FOLDER]                              restore a backup into an empty installation
  coprism help                                                     show this help

Options:
  --format   how to print: text (the default), json or markdown
  --no-color print without colour (by default colour is used only on a terminal)
  --color    print with colour even when not on a terminal

Server: 'coprism serve' listens on http://localhost:4321 (--port or PORT), keeps its data in
SQLite in ./coprism-data (--data or COPRISM_DATA), or in PostgreSQL when DATABASE_URL is set,
and loads the case library as a public, read-only workspace (--cases FOLDER, or --no-library).
--host 0.0.0.0 (or HOST) listens beyond this machine; put it behind HTTPS and add --secure-cookies.
push and pull talk to COPRISM_SERVER (default http://localhost:4321) with the API token in
COPRISM_TOKEN. backup and restore work on the data folder, or on DATABASE_URL when it is set.

JSON is indented on a terminal and compact when piped to another program.

Exit codes: 0 done, 1 a case file has mistakes, 2 the command was not understood.`;

const FORMATS = ['text', 'json', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

class UsageError extends Error {}

/** Runs one command line and returns its exit code. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof CommandUsageError ||
      isParseArgsError(error)
    ) {
      io.err(
        `coprism: ${(error as Error).message}\nRun 'coprism help' for the commands and options.\n`,
      );
      return 2;
    }
    throw error;
  }
}

async function dispatch(argv: readonly string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'analyse':
    case 'analyze':
      return analyse(rest, io);
    case 'validate':
      return validate(rest, io);
    case 'report':
      return reportCommand(rest, io);
    case 'gripp2':
      return gripp2Command(rest, io);
    case 'table':
      return tableCommand(rest, io);
    case 'summary':
      return summaryCommand(rest, io);
    case 'schema':
      noArguments('schema', rest);
      io.out(`${JSON.stringify(caseJsonSchema(), null, 2)}\n`);
      return 0;
    case 'rules': {
      const { format } = options(rest, false);
      if (format === 'json') io.out(`${JSON.stringify(RULEBOOK, null, 2)}\n`);
      else io.out(rulebookText(RULEBOOK, format === 'markdown'));
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.out(`${HELP}\n`);
      return command === undefined ? 2 : 0;
    case 'serve':
      return serve(rest, io, process.env);
    case 'push':
      return pushCommand(rest, io, process.env);
    case 'pull':
      return pullCommand(rest, io, process.env);
    case 'backup':
      return backupCommand(rest, io, process.env);
    case 'restore':
      return restoreCommand(rest, io, process.env);
    default:
      throw new UsageError(
        `'${command}' is not a command; expected one of analyse, validate, report, gripp2, table, summary, schema, rules, serve, push, pull, backup, restore, help`,
      );
  }
}

function options(
  args: readonly string[],
  needFiles: boolean,
): { format: Format; colour: 'auto' | 'always' | 'never'; files: string[] } {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
    },
  });
  const format = values.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`'${format}' is not a format; expected one of ${FORMATS.join(', ')}`);
  }
  if (needFiles && positionals.length === 0)
    throw new UsageError('name at least one case file or folder');
  if (!needFiles && positionals.length > 0)
    throw new UsageError(`unexpected '${positionals[0] ?? ''}'`);
  const colour = values['no-color'] === true ? 'never' : values.color === true ? 'always' : 'auto';
  return { format: format as Format, colour, files: positionals };
}

function noArguments(command: string, rest: readonly string[]): void {
  if (rest.length > 0) throw new UsageError(`'${command}' takes no arguments`);
}

async function analyse(args: readonly string[], io: Io): Promise<number> {
  const { format, colour, files: paths } = options(args, true);
  const found = findCaseFiles(paths);
  if (!found.ok) {
    io.err(`${found.message}\n`);
    return 1;
  }
  if (found.files.length === 0) {
    io.err(`No case files (.yaml, .yml or .json) found in ${paths.join(', ')}.\n`);
    return 1;
  }
  const coloured = colour === 'always' || (colour === 'auto' && io.colour);
  // One file named on its own prints one JSON object; anything else prints a list.
  const single = found.files.length === 1 && paths.length === 1 && found.files[0] === paths[0];
  let printed = 0;
  let invalid = 0;
  if (format === 'json' && !single) io.out('[');
  // JSON is indented for a person at a terminal, compact for a program reading a pipe.
  await analyseMany(found.files, { format, colour: coloured, pretty: io.terminal }, (result) => {
    if (!result.ok) {
      invalid++;
      io.err(result.problems);
      return;
    }
    if (format === 'json') io.out(`${single ? '' : printed > 0 ? ',\n' : '\n'}${result.output}`);
    else if (format === 'markdown') io.out(`${printed > 0 ? '\n---\n\n' : ''}${result.output}`);
    else io.out(result.output);
    printed++;
  });
  if (format === 'json')
    io.out(single ? (printed > 0 ? '\n' : '') : `${printed > 0 ? '\n' : ''}]\n`);
  if (invalid > 0) {
    io.err(
      `${invalid} of ${found.files.length} case file${found.files.length === 1 ? '' : 's'} could not be read; fix the mistakes above and run again.\n`,
    );
    return 1;
  }
  return 0;
}

function validate(args: readonly string[], io: Io): number {
  const { files: paths } = options(args, true);
  const found = findCaseFiles(paths);
  if (!found.ok) {
    io.err(`${found.message}\n`);
    return 1;
  }
  let invalid = 0;
  for (const file of found.files) {
    const read = readCaseFile(file);
    if (read.ok)
      io.out(
        `${file}: valid (${read.value.components.length} component${read.value.components.length === 1 ? '' : 's'}, ${read.value.parties.length} parties)\n`,
      );
    else {
      invalid++;
      io.err(problemsText(read.error));
    }
  }
  if (found.files.length === 0) {
    io.err(`No case files (.yaml, .yml or .json) found in ${paths.join(', ')}.\n`);
    return 1;
  }
  if (invalid > 0)
    io.err(
      `${invalid} of ${found.files.length} file${found.files.length === 1 ? '' : 's'} ${invalid === 1 ? 'has' : 'have'} mistakes.\n`,
    );
  return invalid > 0 ? 1 : 0;
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
