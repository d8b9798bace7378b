/**
 * `npm run bench`: how fast cases are read, validated and analysed, each against its floor.
 *
 * 1. parse+validate: `parseCaseText` on YAML text, in process (the built core, as the CLI runs it);
 * 2. analysis: `analyseCase` on cases already parsed, in process;
 * 3. the CLI: `coprism analyse DIR --format json` over 10,000 files, the whole process timed;
 * 4. the floor: one Node process reading and parsing the same files with js-yaml `load`.
 *
 * Goals: analysis costs no more than parse+validate (ratio ≤ 1.0), and the CLI no more than three
 * times the floor. A benchmark is not a test: it exits 0 whether the goals are met or not, and
 * fails only when the generated corpus is not valid.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { load } from 'js-yaml';
import type * as CoreModule from '../src/core/index.js';
import type { CaseFile } from '../src/core/index.js';
import { caseYaml, generateCase } from './corpus.js';

const SEED = 20_251_125;
/** Cases timed in process, per run: the first cases of the corpus. */
const SAMPLE = 200;
const WARM_UP_RUNS = 2;
const RUNS = 7;
/** A run longer than this is slow enough that fewer runs give a steady median. */
const LONG_RUN_MS = 3_000;
/** Parsing is fast: each parse run goes over the sample this many times, for steadier timings. */
const PARSE_REPEAT = 3;
/** Files for the whole-process measurements. */
const FILES = 10_000;
/** Whole-process runs of the floor and of the CLI, alternated; the median is reported. */
const PROCESS_RUNS = 3;
/** After the first pair, another pair of runs is made only if the bench stays within this time. */
const BUDGET_MS = 170_000;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'bin', 'coprism.js');
// The core is timed as built by `npm run build`, the code the CLI runs: the same source run through
// tsx is slower (its transform wraps functions), which would skew the in-process figures.
const CORE = join(ROOT, 'dist', 'core', 'index.js');
if (!existsSync(CORE)) throw new Error(`${CORE} is missing: run npm run build first`);
const { analyseCase, parseCaseText } = (await import(
  pathToFileURL(CORE).href
)) as typeof CoreModule;

// The floor: read and parse every file, nothing else. Run from the project root to find js-yaml.
const FLOOR_SCRIPT = `
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
const dir = process.argv[1];
let parsed = 0;
for (const name of readdirSync(dir).sort()) {
  if (load(readFileSync(join(dir, name), 'utf8')) !== undefined) parsed++;
}
process.stdout.write(String(parsed));
`;

class CorpusError extends Error {}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function timeOnce(body: () => void): number {
  const start = performance.now();
  body();
  return performance.now() - start;
}

/** Lets pending events (an interrupt) run between timed steps; the bench is otherwise synchronous. */
const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Times `body` after warm-up runs; returns the median milliseconds per run. Slow bodies get one
 * warm-up and three runs, so that a slow build still finishes the bench in reasonable time.
 */
async function timeRuns(body: () => void): Promise<{ ms: number; runs: number[] }> {
  const slow = timeOnce(body) > LONG_RUN_MS;
  for (let i = 1; i < (slow ? 1 : WARM_UP_RUNS); i++) body();
  const runs: number[] = [];
  for (let i = 0; i < (slow ? 3 : RUNS); i++) {
    await breathe();
    runs.push(timeOnce(body));
  }
  return { ms: median(runs), runs };
}

/** The process being timed, to stop it on an interrupt. */
let running: ChildProcess | undefined;

/** Runs a Node process to the end and returns its wall time in milliseconds. */
function timeProcess(
  args: readonly string[],
  what: string,
): Promise<{ ms: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      stdio: ['ignore', what === 'floor' ? 'pipe' : 'ignore', 'pipe'],
    });
    running = child;
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < 4000) stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const ms = performance.now() - start;
      running = undefined;
      if (code === 0) return resolve({ ms, stdout });
      const message = `${what} exited with ${String(code ?? signal)}:\n${stderr}`;
      reject(what === 'cli' && code === 1 ? new CorpusError(message) : new Error(message));
    });
  });
}

/** Where the bench is, on standard error, so that a slow step does not look like a hang. */
const progress = (text: string): void => {
  process.stderr.write(`… ${text}\n`);
};

function check(text: string, file: string): CaseFile {
  const read = parseCaseText(text, file);
  if (!read.ok)
    throw new CorpusError(
      `generated case ${file} is not valid:\n${read.error
        .slice(0, 10)
        .map((p) => `  ${p.file}:${String(p.line)}: ${p.field}: ${p.message}`)
        .join('\n')}`,
    );
  return read.value;
}

const fileName = (i: number): string => `case-${String(i).padStart(5, '0')}.yaml`;
const perSecond = (cases: number, ms: number): string =>
  Math.round((cases * 1000) / ms).toLocaleString('en-GB');
const perCase = (ms: number, cases: number): string => `${((ms / cases) * 1000).toFixed(0)} µs`;
const verdict = (ratio: number, goal: number): string =>
  `${ratio.toFixed(2)} (goal ≤ ${goal.toFixed(1)}) ${ratio <= goal ? 'PASS' : 'FAIL'}`;

async function main(): Promise<void> {
  const started = performance.now();
  console.log(
    `Coprism benchmark — Node ${process.version}, ${availableParallelism()} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'})`,
  );

  // The corpus folder, removed at the end, and on an interrupt.
  const dir = mkdtempSync(join(tmpdir(), 'coprism-bench-'));
  const cleanUp = (): void => rmSync(dir, { recursive: true, force: true });
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      running?.kill();
      cleanUp();
      process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
    });
  try {
    // 1 and 2: in process, on the first SAMPLE cases, after warm-up runs; timed first, on a small
    // heap, before the rest of the corpus is generated.
    progress(`timing parse+validate and analysis in process on ${SAMPLE} cases`);
    const texts = Array.from({ length: SAMPLE }, (_, i) => caseYaml(generateCase(SEED, i)));
    const parsed = texts.map((text, i) => check(text, fileName(i)));
    let sink = 0;
    const parse = await timeRuns(() => {
      for (let r = 0; r < PARSE_REPEAT; r++)
        texts.forEach((text, i) => {
          if (parseCaseText(text, fileName(i)).ok) sink++;
        });
    });
    // Each result is looked at and let go, as in parse+validate: keeping 200 analyses alive would
    // time the garbage collector's work on the bench's own array, not the analysis.
    let analysed = 0;
    const analysis = await timeRuns(() => {
      analysed = 0;
      for (const doc of parsed) if (analyseCase(doc).components.length > 0) analysed++;
    });
    const yamlOnly = await timeRuns(() => {
      for (let r = 0; r < PARSE_REPEAT; r++)
        for (const text of texts) if (load(text) !== undefined) sink++;
    });
    if (sink === 0 || analysed !== SAMPLE) throw new Error('nothing was measured');

    // The corpus on disk; every file is checked with the same reader the CLI uses.
    progress(`writing ${FILES} cases to ${dir} and checking each with parseCaseText`);
    const stats = { bytes: 0, claims: 0, suggested: 0, disagreements: 0 };
    for (let i = 0; i < FILES; i++) {
      if (i % 500 === 0) await breathe();
      const text = texts[i] ?? caseYaml(generateCase(SEED, i));
      const doc = parsed[i] ?? check(text, fileName(i));
      writeFileSync(join(dir, fileName(i)), text);
      stats.bytes += Buffer.byteLength(text);
      for (const component of doc.components) {
        stats.claims += component.roles.length;
        stats.suggested += component.roles.filter((r) => r.certainty === 'suggested').length;
        const levels = new Map<string, Set<string>>();
        for (const r of component.roles) {
          const key = `${r.party}|${r.stage}`;
          levels.set(key, (levels.get(key) ?? new Set()).add(r.level));
        }
        stats.disagreements += [...levels.values()].filter((l) => l.size > 1).length;
      }
    }
    console.log(
      `Corpus: ${FILES.toLocaleString('en-GB')} valid cases (seed ${SEED}), ${(stats.bytes / FILES / 1024).toFixed(1)} KB of YAML, ${(stats.claims / FILES).toFixed(1)} role claims (${(stats.suggested / FILES).toFixed(1)} suggested, ${(stats.disagreements / FILES).toFixed(1)} disagreements) per case`,
    );

    // 3 and 4: whole processes over the folder, alternated so that both see the same machine.
    const cliRuns: number[] = [];
    const floorRuns: number[] = [];
    progress(`timing the CLI and the floor over ${FILES} files`);
    // The files were just written, so both read them from the page cache.
    for (let i = 0; i < PROCESS_RUNS; i++) {
      const pair = (floorRuns.at(-1) ?? 0) + (cliRuns.at(-1) ?? 0);
      if (i > 0 && performance.now() - started + pair > BUDGET_MS) break;
      const floor = await timeProcess(['--input-type=module', '-e', FLOOR_SCRIPT, dir], 'floor');
      if (floor.stdout !== String(FILES)) throw new Error(`the floor parsed ${floor.stdout} files`);
      floorRuns.push(floor.ms);
      cliRuns.push((await timeProcess([CLI, 'analyse', dir, '--format', 'json'], 'cli')).ms);
    }
    const cli = median(cliRuns);
    const floor = median(floorRuns);

    const rows: [string, string, string, string][] = [
      [
        '(1) parse+validate (parseCaseText)',
        perSecond(SAMPLE * PARSE_REPEAT, parse.ms),
        perCase(parse.ms, SAMPLE * PARSE_REPEAT),
        `in process, ${SAMPLE} cases ×${PARSE_REPEAT}, median of ${parse.runs.length}`,
      ],
      [
        '    of which js-yaml load alone',
        perSecond(SAMPLE * PARSE_REPEAT, yamlOnly.ms),
        perCase(yamlOnly.ms, SAMPLE * PARSE_REPEAT),
        'in process, same cases',
      ],
      [
        '(2) analysis (analyseCase)',
        perSecond(SAMPLE, analysis.ms),
        perCase(analysis.ms, SAMPLE),
        `in process, ${SAMPLE} parsed cases, median of ${analysis.runs.length}`,
      ],
      [
        '(3) coprism analyse DIR --format json',
        perSecond(FILES, cli),
        perCase(cli, FILES),
        `whole process, ${FILES} files, median of ${cliRuns.length}`,
      ],
      [
        '(4) floor: readFileSync + js-yaml load',
        perSecond(FILES, floor),
        perCase(floor, FILES),
        `whole process, ${FILES} files, median of ${floorRuns.length}`,
      ],
    ];
    const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c]?.length ?? 0)));
    console.log('');
    console.log(
      `${'measure'.padEnd(widths[0] ?? 0)}  ${'cases/s'.padStart(widths[1] ?? 0)}  ${'per case'.padStart(widths[2] ?? 0)}`,
    );
    for (const [name, rate, each, how] of rows)
      console.log(
        `${name.padEnd(widths[0] ?? 0)}  ${rate.padStart(widths[1] ?? 0)}  ${each.padStart(widths[2] ?? 0)}  ${how}`,
      );
    console.log('');
    const ratio = analysis.ms / SAMPLE / (parse.ms / (SAMPLE * PARSE_REPEAT));
    console.log(`analysis / parse+validate: ${verdict(ratio, 1.0)}`);
    console.log(`CLI / (read+parse):        ${verdict(cli / floor, 3.0)}`);
    console.log(
      `\nRuns (ms): parse ${parse.runs.map((r) => r.toFixed(0)).join(' ')}; analysis ${analysis.runs.map((r) => r.toFixed(0)).join(' ')}; CLI ${cliRuns.map((r) => r.toFixed(0)).join(' ')}; floor ${floorRuns.map((r) => r.toFixed(0)).join(' ')}`,
    );
    console.log(`Total ${((performance.now() - started) / 1000).toFixed(0)} s.`);
  } finally {
    cleanUp();
  }
}

try {
  await main();
} catch (error) {
  if (!(error instanceof CorpusError)) throw error;
  console.error(`\nThe benchmark corpus is not valid, so nothing was measured.\n${error.message}`);
  process.exitCode = 1;
}
