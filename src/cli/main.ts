/** The `coprism` command line. Exit codes: 0 success, 1 invalid input, 2 usage error. */
import { parseArgs } from 'node:util';
import { createColors } from 'picocolors';
import {
  RULEBOOK,
  analyseCase,
  caseJsonSchema,
  formatTextProblem,
  type Analysis,
  type Fit,
} from '../core/index.js';
import { findCaseFiles, readCaseFile } from '../files/index.js';
import {
  PLAIN,
  analysisMarkdown,
  analysisText,
  rulebookText,
  type Palette,
} from '../report/index.js';

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly colour: boolean;
}

const HELP = `coprism — record who did what in a mental health initiative, and read which models of good practice fit.

Usage:
  coprism analyse FILE|FOLDER... [--format text|json|markdown]   read cases and explain which models fit
  coprism validate FILE|FOLDER...                                  check case files and report every mistake
  coprism schema                                                   print the JSON Schema of the case format
  coprism rules [--format text|markdown]                           list the rulebook in plain English
  coprism help                                                     show this help

Options:
  --format   how to print: text (the default), json or markdown
  --no-color print without colour (by default colour is used only on a terminal)
  --color    print with colour even when not on a terminal

Exit codes: 0 done, 1 a case file has mistakes, 2 the command was not understood.`;

const FORMATS = ['text', 'json', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

class UsageError extends Error {}

/** Runs one command line and returns its exit code. */
export function run(argv: readonly string[], io: Io): number {
  try {
    return dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.err(
        `coprism: ${(error as Error).message}\nRun 'coprism help' for the commands and options.\n`,
      );
      return 2;
    }
    throw error;
  }
}

function dispatch(argv: readonly string[], io: Io): number {
  const [command, ...rest] = argv;
  switch (command) {
    case 'analyse':
    case 'analyze':
      return analyse(rest, io);
    case 'validate':
      return validate(rest, io);
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
      throw new UsageError(
        "'serve' is not part of this version yet; use 'analyse' to read case files",
      );
    default:
      throw new UsageError(
        `'${command}' is not a command; expected one of analyse, validate, schema, rules, help`,
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

function analyse(args: readonly string[], io: Io): number {
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
  const palette = colour === 'always' || (colour === 'auto' && io.colour) ? COLOURS : PLAIN;
  const analyses: Analysis[] = [];
  let invalid = 0;
  const single = found.files.length === 1 && paths.length === 1 && found.files[0] === paths[0];
  if (format === 'json' && !single) io.out('[');
  for (const file of found.files) {
    const read = readCaseFile(file);
    if (!read.ok) {
      invalid++;
      reportProblems(read.error, io);
      continue;
    }
    const analysis = analyseCase(read.value);
    if (format === 'json')
      io.out(
        `${single ? '' : analyses.length > 0 ? ',\n' : '\n'}${JSON.stringify(analysis, null, 2)}`,
      );
    else if (format === 'markdown')
      io.out(`${analyses.length > 0 ? '\n---\n\n' : ''}${analysisMarkdown(analysis)}`);
    else io.out(`${analysisText(analysis, palette)}\n`);
    analyses.push(analysis);
  }
  if (format === 'json')
    io.out(single ? (analyses.length > 0 ? '\n' : '') : `${analyses.length > 0 ? '\n' : ''}]\n`);
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
      reportProblems(read.error, io);
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

function reportProblems(
  problems: readonly Parameters<typeof formatTextProblem>[0][],
  io: Io,
): void {
  const sorted = [...problems].sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
  const count = sorted.length;
  io.err(`${sorted[0]?.file ?? ''}: ${count} mistake${count === 1 ? '' : 's'}\n`);
  for (const p of sorted) io.err(`  ${formatTextProblem(p)}\n`);
}

// Colour is decided here (terminal or --color), not by picocolors' own detection.
const pc = createColors(true);

const FIT_COLOURS: Record<Fit, (s: string) => string> = {
  fits: pc.green,
  'partly-fits': pc.yellow,
  'does-not-fit': pc.red,
  undetermined: pc.cyan,
};

const COLOURS: Palette = { bold: pc.bold, dim: pc.dim, fit: (fit, s) => FIT_COLOURS[fit](s) };

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
