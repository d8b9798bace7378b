/**
 * `npm run bench:api`: how fast the API answers reads, against its ceiling.
 *
 * The ceiling (PERFORMANCE.md, "Serving") is the same HTTP framework returning a
 * precomputed answer from memory on the same machine, driven by the same load generator in the
 * same run. Here:
 *
 * - the data: a temporary SQLite folder with the case library (cases/*.yaml, through
 *   `loadLibrary`) and 2,000 generated cases (bench/corpus.ts) imported into a team workspace
 *   through `CasesService.importFiles`, the path of an import from the web page or the CLI;
 * - the app: `buildApp` from dist/ over that folder, logger at `warn` as `coprism serve` runs it;
 * - the ceiling: a bare Fastify with the same route patterns, answering each path with the bytes
 *   the app gave for it, fetched once from the app and kept in a Map (bench/api-servers.ts);
 * - both servers run in one child process (the load generator must not share their event loop;
 *   the machine this was written on has 2 cores: one for the servers, one for the generator);
 * - the load: autocannon in this process, 32 connections, keep-alive, no pipelining; each
 *   measurement is 5 s after a 1 s warm-up, app and ceiling alternated route by route, 3 rounds;
 *   medians of the rounds are printed.
 *
 * Routes: a library case (`GET /api/workspaces/library/cases/:id`), its analysis (`…/analysis`,
 * kept per revision after the first read), and a page of the team workspace's list
 * (`GET /api/workspaces/:ws/cases?limit=50`, plain and with `q=word`, sent with an API token).
 * Each route rotates through several cases, pages or words.
 *
 * No goal is set for serving beyond the ceiling itself: the bench prints, per route, requests/s
 * and p50/p99 latency for the app and the ceiling, the ratio ceiling/app (how many times slower
 * the app is), how busy the servers' event loop was and the CPU each side used (to tell whether
 * the server or the load generator was the limit), and the count of answers that were not 2xx
 * (which must be 0; the ceiling is also checked to send the app's bytes). When the ceiling's
 * event loop is far from busy, the load generator was its limit, and the true ratio is larger.
 * A benchmark is not a test: it exits 0 whatever the ratios, and fails only when a request fails
 * or the setup does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import type * as AccountsModule from '../src/server/accounts.service.js';
import type * as CasesModule from '../src/server/cases.service.js';
import type * as LibraryModule from '../src/server/library.js';
import type * as StoreModule from '../src/store/index.js';
import type { ServersPlan, ServersReady, ServerUsage } from './api-servers.js';
import { caseYaml, generateCase } from './corpus.js';

const SEED = 20_251_125;
/** Generated cases in the team workspace. */
const CASES = 2_000;
/** Cases per imported file (each file is one transaction). */
const PER_FILE = 250;
const CONNECTIONS = 32;
const WARM_UP_S = 1;
const MEASURE_S = 5;
const ROUNDS = 3;
/** After the first round, another round is run only if the bench stays within this time. */
const BUDGET_MS = 175_000;
/** Library cases each case route rotates through. */
const ROTATE = 8;
/** Pages of the plain list, and words searched, that the list routes rotate through. */
const PAGES = 8;
const WORDS = ['leeds', 'crisis', 'peer', 'housing'];

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const SERVERS = join(ROOT, 'bench', 'api-servers.ts');

class RequestsFailed extends Error {}

interface Route {
  readonly name: string;
  readonly paths: readonly string[];
  readonly authorization?: string;
}

interface Sample {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly bad: number;
  /** Share of the time the servers' event loop was busy (not waiting for requests). */
  readonly serverBusy: number;
  /** CPU of the servers' process, and of this one (the load generator), as a share of one core. */
  readonly serverCpu: number;
  readonly generatorCpu: number;
}

const TARGETS = ['app', 'ceiling'] as const;
type Target = (typeof TARGETS)[number];

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Where the bench is, on standard error, so that a slow step does not look like a hang. */
const progress = (text: string): void => {
  process.stderr.write(`… ${text}\n`);
};

async function importDist<T>(...parts: string[]): Promise<T> {
  const file = join(DIST, ...parts);
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build first`);
  return (await import(pathToFileURL(file).href)) as T;
}

/** Fills the data folder; returns the routes to measure, with the library's case ids and the team workspace. */
async function fillStore(folder: string): Promise<{ routes: Route[]; summary: string }> {
  const { openStore } = await importDist<typeof StoreModule>('store', 'index.js');
  const { loadLibrary, LIBRARY_ID } = await importDist<typeof LibraryModule>(
    'server',
    'library.js',
  );
  const { CasesService } = await importDist<typeof CasesModule>('server', 'cases.service.js');
  const { AccountsService } = await importDist<typeof AccountsModule>(
    'server',
    'accounts.service.js',
  );
  const store = await openStore({ kind: 'sqlite', folder });
  try {
    const now = (): Date => new Date();
    const cases = new CasesService(store, now);
    const casesDir = join(ROOT, 'cases');
    const files = readdirSync(casesDir)
      .filter((name) => name.endsWith('.yaml'))
      .sort()
      .map((name) => ({ name: `cases/${name}`, text: readFileSync(join(casesDir, name), 'utf8') }));
    const library = await loadLibrary(store, cases, files, now());
    if (library.problems.length > 0)
      throw new Error(`the case library did not load:\n${library.problems.join('\n')}`);

    const accounts = new AccountsService(store, now);
    const owner = await accounts.setup(
      { name: 'Bench Owner', email: 'bench@example.org', password: 'a long bench password' },
      'Bench team',
    );
    const { token } = await accounts.createToken(owner.user, 'bench');
    const workspace = owner.workspace.id;

    for (let first = 0; first < CASES; first += PER_FILE) {
      const text = Array.from(
        { length: Math.min(PER_FILE, CASES - first) },
        (_, i) => `---\n${caseYaml(generateCase(SEED, first + i))}`,
      ).join('');
      const [outcome] = await cases.importFiles(
        workspace,
        [{ name: `generated-${first}.yaml`, text }],
        { id: owner.user.id, name: owner.user.name },
      );
      if (!outcome?.ok)
        throw new Error(
          `importing generated cases failed: ${JSON.stringify(outcome?.problems.slice(0, 5))}`,
        );
    }

    const listed = await store.cases.list(LIBRARY_ID, { limit: 100, offset: 0 });
    const ids = listed.items.map((item) => item.id).slice(0, ROTATE);
    const team = await store.cases.list(workspace, { limit: 1, offset: 0 });
    const hits = await Promise.all(
      WORDS.map((q) => store.cases.list(workspace, { q, limit: 1, offset: 0 })),
    );
    const authorization = `Bearer ${token}`;
    const routes: Route[] = [
      {
        name: 'GET library case',
        paths: ids.map((id) => `/api/workspaces/${LIBRARY_ID}/cases/${id}`),
      },
      {
        name: 'GET its analysis',
        paths: ids.map((id) => `/api/workspaces/${LIBRARY_ID}/cases/${id}/analysis`),
      },
      {
        name: 'GET list, 50 a page',
        paths: Array.from(
          { length: PAGES },
          (_, i) => `/api/workspaces/${workspace}/cases?limit=50&offset=${i * 50}`,
        ),
        authorization,
      },
      {
        name: 'GET list, q=word',
        paths: WORDS.map((q) => `/api/workspaces/${workspace}/cases?limit=50&q=${q}`),
        authorization,
      },
    ];
    const summary = `${listed.total} library cases (${ids.length} rotated), ${team.total.toLocaleString('en-GB')} cases in the team workspace; words ${WORDS.map((q, i) => `${q} (${hits[i]?.total ?? 0} hits)`).join(', ')}`;
    return { routes, summary };
  } finally {
    await store.close();
  }
}

/** The servers' process, to stop it at the end and on an interrupt. */
let servers: ChildProcess | undefined;

function startServers(plan: ServersPlan): Promise<ServersReady> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SERVERS, JSON.stringify(plan)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    servers = child;
    let stdout = '';
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < 8000) stderr += chunk;
      // After start-up, whatever the servers log (warnings, errors) is shown as it comes.
      if (stdout.includes('\n')) process.stderr.write(chunk);
    });
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      const before = stdout.includes('\n');
      stdout += chunk;
      if (!before && stdout.includes('\n'))
        resolve(JSON.parse(stdout.slice(0, stdout.indexOf('\n'))) as ServersReady);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (!stdout.includes('\n'))
        reject(new Error(`the servers exited with ${String(code ?? signal)}:\n${stderr}`));
    });
  });
}

/** What the servers' process has used so far (asked over its IPC channel). */
function serverUsage(): Promise<ServerUsage> {
  return new Promise((resolve, reject) => {
    const child = servers;
    if (!child?.connected) return reject(new Error('the servers are not running'));
    child.once('message', (message: unknown) => resolve(message as ServerUsage));
    child.send('cpu');
  });
}

function cannon(url: string, route: Route, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    headers: route.authorization ? { authorization: route.authorization } : {},
    // Each connection goes round the paths in turn.
    requests: route.paths.map((path) => ({ method: 'GET', path })),
  });
}

async function measure(url: string, route: Route): Promise<Sample> {
  await cannon(url, route, WARM_UP_S);
  const before = await serverUsage();
  const ownBefore = process.cpuUsage();
  const start = performance.now();
  const result = await cannon(url, route, MEASURE_S);
  const wallUs = (performance.now() - start) * 1000;
  const own = process.cpuUsage(ownBefore);
  const after = await serverUsage();
  const active = after.active - before.active;
  const idle = after.idle - before.idle;
  return {
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    bad: result.non2xx + result.errors + result.timeouts,
    serverBusy: active / (active + idle),
    serverCpu: (after.cpu - before.cpu) / wallUs,
    generatorCpu: (own.user + own.system) / wallUs,
  };
}

const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (share: number): string => `${Math.round(share * 100)}%`;

async function main(): Promise<void> {
  const started = performance.now();
  console.log(
    `Coprism API benchmark — Node ${process.version}, ${availableParallelism()} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'})`,
  );
  const folder = mkdtempSync(join(tmpdir(), 'coprism-bench-api-'));
  const cleanUp = (): void => {
    servers?.kill();
    rmSync(folder, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      cleanUp();
      process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
    });
  try {
    progress(`filling ${folder}: the case library and ${CASES} generated cases`);
    const fillStart = performance.now();
    const { routes, summary } = await fillStore(folder);
    console.log(
      `Data: ${summary} (SQLite, filled in ${fmt((performance.now() - fillStart) / 1000, 1)} s)`,
    );

    progress('starting the app and the ceiling in a child process');
    const ready = await startServers({
      folder,
      paths: routes.flatMap((route) =>
        route.paths.map((path) => ({
          path,
          ...(route.authorization ? { authorization: route.authorization } : {}),
        })),
      ),
    });
    const urls: Record<Target, string> = {
      app: `http://127.0.0.1:${ready.app}`,
      ceiling: `http://127.0.0.1:${ready.ceiling}`,
    };

    // The ceiling answers with the app's own bytes: checked on the first path of each route.
    for (const route of routes) {
      const path = route.paths[0] ?? '';
      const headers = route.authorization ? { authorization: route.authorization } : {};
      const [app, ceiling] = await Promise.all(
        TARGETS.map(async (target) =>
          Buffer.from(await (await fetch(`${urls[target]}${path}`, { headers })).arrayBuffer()),
        ),
      );
      if (!app || !ceiling || !app.equals(ceiling))
        throw new Error(`the ceiling does not answer ${path} with the app's bytes`);
    }

    const samples = new Map<string, Sample[]>();
    const key = (route: Route, target: Target): string => `${route.name}|${target}`;
    const roundMs = routes.length * TARGETS.length * (WARM_UP_S + MEASURE_S) * 1000;
    let rounds = 0;
    for (let round = 0; round < ROUNDS; round++) {
      if (round > 0 && performance.now() - started + roundMs > BUDGET_MS) break;
      // Which goes first alternates from round to round.
      const order = round % 2 === 0 ? TARGETS : ([...TARGETS].reverse() as Target[]);
      for (const route of routes) {
        progress(`round ${round + 1}/${ROUNDS}: ${route.name}`);
        for (const target of order) {
          const sample = await measure(urls[target], route);
          samples.set(key(route, target), [...(samples.get(key(route, target)) ?? []), sample]);
        }
      }
      rounds += 1;
    }

    const rows: string[][] = [];
    const ratios: string[] = [];
    let bad = 0;
    for (const route of routes) {
      const of = (target: Target, pick: (s: Sample) => number): number =>
        median((samples.get(key(route, target)) ?? []).map(pick));
      const sizes = route.paths.map((path) => ready.bytes[path] ?? 0);
      for (const target of TARGETS) {
        const all = samples.get(key(route, target)) ?? [];
        const failed = all.reduce((sum, s) => sum + s.bad, 0);
        bad += failed;
        rows.push([
          target === 'app' ? route.name : '',
          target,
          fmt(of(target, (s) => s.rps)),
          `${fmt(of(target, (s) => s.p50))} ms`,
          `${fmt(of(target, (s) => s.p99))} ms`,
          pct(of(target, (s) => s.serverBusy)),
          pct(of(target, (s) => s.serverCpu)),
          pct(of(target, (s) => s.generatorCpu)),
          String(failed),
          target === 'app' ? `${fmt(median(sizes) / 1024, 1)} KB` : '',
        ]);
      }
      const ratio = of('ceiling', (s) => s.rps) / of('app', (s) => s.rps);
      const perRound = (samples.get(key(route, 'app')) ?? []).map(
        (s, i) => (samples.get(key(route, 'ceiling'))?.[i]?.rps ?? 0) / s.rps,
      );
      ratios.push(
        `${route.name.padEnd(22)} ${fmt(ratio, 1).padStart(6)} × slower than the ceiling (rounds: ${perRound.map((r) => fmt(r, 1)).join(', ')})`,
      );
    }
    const header = [
      'route',
      'server',
      'req/s',
      'p50',
      'p99',
      'server busy',
      'server CPU',
      'load gen CPU',
      'non-2xx/errors',
      'body (median)',
    ];
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]?.length ?? 0)));
    const line = (cells: readonly string[]): string =>
      cells
        .map((cell, c) => (c < 2 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
        .join('  ');
    console.log('');
    console.log(
      `${CONNECTIONS} connections, ${MEASURE_S} s per measurement after ${WARM_UP_S} s warm-up, median of ${rounds} rounds`,
    );
    console.log(line(header));
    for (const row of rows) console.log(line(row));
    console.log('');
    console.log('Ceiling / app (requests per second):');
    for (const ratio of ratios) console.log(`  ${ratio}`);
    console.log(
      "\nServer busy: the share of the time the servers' event loop (one, for both) was running code, not",
    );
    console.log(
      'waiting for requests; near 100% means that server was the limit. CPU: a share of one core, for the',
    );
    console.log(
      "servers' process and for this one (the load generator); busy well above CPU means the machine was",
    );
    console.log('shared (the process was ready to run but not running) or waited on the disk.');
    console.log(`Total ${fmt((performance.now() - started) / 1000)} s.`);
    if (bad > 0) throw new RequestsFailed(`${bad} requests were not answered with a 2xx`);
  } finally {
    cleanUp();
  }
}

try {
  await main();
} catch (error) {
  if (!(error instanceof RequestsFailed)) throw error;
  console.error(`\n${error.message}: the figures above are not valid.`);
  process.exitCode = 1;
}
