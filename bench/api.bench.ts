/**
 * `npm run bench:api`: how fast the API answers reads, against its ceiling, on SQLite and on
 * PostgreSQL, with as many cases as asked for.
 *
 *   npm run bench:api                                   # 2,000 cases, both databases
 *   COPRISM_BENCH_CASES=100000 npm run bench:api        # 100,000 cases (seeding takes minutes)
 *   COPRISM_BENCH_DATABASES=sqlite npm run bench:api    # one database only
 *   COPRISM_BENCH_ROUNDS=1 npm run bench:api            # one round of measurements (quicker)
 *   COPRISM_BENCH_SEED_WORKERS=2 …                      # threads computing the generated cases
 *
 * The ceiling (PERFORMANCE.md, "Serving") is the same HTTP framework returning a precomputed
 * answer from memory on the same machine, driven by the same load generator in the same run. Here:
 *
 * - the data (bench/api-data.ts): per database, the case library, an owner with an API token, and
 *   a team workspace with the library's cases and COPRISM_BENCH_CASES generated cases, stored as
 *   an import stores them (bench/seed-cases.ts); PostgreSQL is a throwaway cluster
 *   (test/pg-cluster.ts), vacuumed and analysed after the fill, as autovacuum would soon do;
 * - the app: `buildApp` from dist/ over that database, logger at `warn` as `coprism serve` runs
 *   it; the ceiling: a bare Fastify with the same route patterns, answering each path with the
 *   bytes the app gave for it, fetched once and kept in a Map (bench/api-servers.ts); each in a
 *   child process of its own, so that the load generator does not share their event loop and a
 *   slow app does not hold up the ceiling;
 * - the cold app: the same app in a third process with lists' counts not kept (`keepCounts:
 *   false`), so that every list request counts its matches, as the first request for a filter
 *   after a write does; the app keeps them, as `coprism serve` does, and after the warm-up finds
 *   most counts kept: both are printed, so a kept count cannot hide a slow one;
 * - the load (bench/api-load.ts): autocannon in this process, 32 connections, keep-alive, no
 *   pipelining; each measurement is 3 s after a 1 s warm-up, app, cold app and ceiling
 *   alternated route by route, up to 3 rounds within a time budget per database; medians of the
 *   rounds are printed;
 * - the store: each list route's page query and count query timed on their own, and the list
 *   with its count kept, in this process with no load (median of 5 after one warm-up), to show
 *   where a slow list spends its time.
 *
 * Routes: a library case and its analysis, and the team workspace's list as the web app asks for
 * it (20 a page): page 1, a deep page, each kind of filter, newest first, a common word and rare
 * words. Each route rotates through its paths: several values of each filter, several words,
 * several pages.
 *
 * No goal is set beyond the ceiling itself: the bench prints, per route, requests/s and p50/p99
 * latency for the app and the ceiling, the ratio ceiling/app, how busy the server's event loop was
 * and the CPU each side used (when the ceiling's event loop is far from busy, the load generator
 * was its limit and the true ratio is larger), and the count of answers that were not 2xx (which
 * must be 0). A benchmark is not a test: it exits 0 whatever the ratios, and fails only when a
 * request fails or the setup does.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import type * as SecretsModule from '../src/server/secrets.js';
import type * as StoreModule from '../src/store/index.js';
import type { CaseQuery, DatabaseConfig, Store } from '../src/store/index.js';
import { createDatabase, startCluster, type PostgresCluster } from '../test/pg-cluster.js';
import { benchRoutes, fillBasics, type AppModules, type Filled, type Route } from './api-data.js';
import {
  CONNECTIONS,
  MEASURE_S,
  Server,
  WARM_UP_S,
  killServers,
  measure,
  type Sample,
} from './api-load.js';
import { seedCases } from './seed-cases.js';

const SEED = 20_251_125;
/** After the first round on a database, another is run only if it stays within this time. */
const BUDGET_PER_DATABASE_MS = 220_000;
const STORE_RUNS = 5;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');

const DIALECTS = ['sqlite', 'postgres'] as const;
type Dialect = (typeof DIALECTS)[number];

function setting(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name} must be a whole number of at least ${min}, not '${raw ?? ''}'`);
  return value;
}

/** Generated cases in each team workspace. */
const CASES = setting('COPRISM_BENCH_CASES', 2_000, 100);
/** Most rounds of measurements per database (fewer when the time budget runs out). */
const ROUNDS = setting('COPRISM_BENCH_ROUNDS', 3, 1);
/** Threads computing generated cases while the main thread stores them. */
const SEED_WORKERS = setting('COPRISM_BENCH_SEED_WORKERS', 1, 0);
const DATABASES: readonly Dialect[] = (process.env['COPRISM_BENCH_DATABASES'] ?? DIALECTS.join(','))
  .split(',')
  .map((d) => d.trim())
  .filter(Boolean)
  .map((d) => {
    if (!(DIALECTS as readonly string[]).includes(d))
      throw new Error(`COPRISM_BENCH_DATABASES lists sqlite and/or postgres, not '${d}'`);
    return d as Dialect;
  });

class RequestsFailed extends Error {}

/** `cold`: the app with lists' counts not kept, so that every list request counts its matches. */
const TARGETS = ['app', 'cold', 'ceiling'] as const;
type Target = (typeof TARGETS)[number];
/** Only lists count, so only they are measured cold. */
const measured = (route: Route, target: Target): boolean => target !== 'cold' || !!route.queries;

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

const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (share: number): string => `${Math.round(share * 100)}%`;

/** A table of text, numbers right-aligned from the third column on. */
function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]?.length ?? 0)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, c) => (c < 2 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

interface Database {
  readonly dialect: Dialect;
  readonly config: DatabaseConfig;
  readonly store: Store;
  readonly filled: Filled;
}

/** The median time of a store call, in milliseconds, after one call to warm up. */
async function timed(work: () => Promise<unknown>): Promise<number> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < STORE_RUNS; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  return median(times);
}

/** Times each list route's page and count queries in the store, with no other load. */
async function storeTimings(store: Store, team: string, routes: readonly Route[]) {
  const out: Array<{ route: Route; matching: string; page: number; count: number; list: number }> =
    [];
  for (const route of routes) {
    const query: CaseQuery | undefined = route.queries?.[0];
    if (!query) continue;
    out.push({
      route,
      matching: await store.cases
        .count(team, query)
        .then(({ total, capped }) => `${fmt(total)}${capped ? '+' : ''}`),
      page: await timed(() => store.cases.page(team, query)),
      count: await timed(() => store.cases.count(team, query)),
      // After its warm-up call, the list finds its count kept.
      list: await timed(() => store.cases.list(team, query)),
    });
  }
  return out;
}

/** Measures every route on one database, app and ceiling alternated; prints the tables. */
async function benchDatabase(database: Database, started: number): Promise<number> {
  const { LIBRARY_ID } = await importDist<{ LIBRARY_ID: string }>('server', 'library.js');
  const { store, filled } = database;
  const { n } = await store.database
    .selectFrom('cases')
    .where('workspace_id', '=', filled.team)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  const total = Number(n);
  if (total !== CASES + filled.libraryCases)
    throw new Error(`the team workspace has ${total} cases, not ${CASES} + ${filled.libraryCases}`);
  const routes = benchRoutes(filled, LIBRARY_ID, total);
  progress(`${database.dialect}: timing the list queries in the store`);
  const timings = await storeTimings(store, filled.team, routes);
  await store.close();

  progress(`${database.dialect}: starting the app and the ceiling, each in a child process`);
  const app = await Server.start(ROOT, {
    role: 'app',
    database: database.config,
    keepCounts: true,
  });
  const servers: Partial<Record<Target, Server>> = { app };
  const samples = new Map<string, Sample[]>();
  let rounds = 0;
  try {
    const ceiling = await Server.start(ROOT, {
      role: 'ceiling',
      app: app.url,
      paths: routes.flatMap((route) =>
        route.paths.map((path) => ({
          path,
          ...(route.authorization ? { authorization: route.authorization } : {}),
        })),
      ),
    });
    servers.ceiling = ceiling;
    const cold = await Server.start(ROOT, {
      role: 'app',
      database: database.config,
      keepCounts: false,
    });
    servers.cold = cold;
    // The ceiling answers with the app's own bytes: checked on the first path of each route.
    for (const route of routes) {
      const path = route.paths[0] ?? '';
      const headers = route.authorization ? { authorization: route.authorization } : {};
      const [a, c] = await Promise.all(
        [app, ceiling].map(async (server) =>
          Buffer.from(await (await fetch(`${server.url}${path}`, { headers })).arrayBuffer()),
        ),
      );
      if (!a || !c || !a.equals(c))
        throw new Error(`the ceiling does not answer ${path} with the app's bytes`);
    }
    const key = (route: Route, target: Target): string => `${route.name}|${target}`;
    const roundMs =
      routes.reduce((n, route) => n + TARGETS.filter((t) => measured(route, t)).length, 0) *
      (WARM_UP_S + MEASURE_S) *
      1000;
    const begun = performance.now();
    for (let round = 0; round < ROUNDS; round++) {
      if (round > 0 && performance.now() - begun + roundMs > BUDGET_PER_DATABASE_MS) break;
      // Which goes first alternates from round to round.
      const order = round % 2 === 0 ? TARGETS : ([...TARGETS].reverse() as Target[]);
      for (const route of routes) {
        progress(`${database.dialect}, round ${round + 1}/${ROUNDS}: ${route.name}`);
        for (const target of order) {
          if (!measured(route, target)) continue;
          const sample = await measure({ app, cold, ceiling }[target], route);
          samples.set(key(route, target), [...(samples.get(key(route, target)) ?? []), sample]);
        }
      }
      rounds += 1;
    }
  } finally {
    await Promise.all(Object.values(servers).map((server) => server.stop()));
  }
  const bytes = servers.ceiling?.ready.bytes ?? {};

  const of = (route: Route, target: Target, pick: (s: Sample) => number): number =>
    median((samples.get(`${route.name}|${target}`) ?? []).map(pick));
  let bad = 0;
  const rows: string[][] = [];
  const ratios: string[][] = [];
  for (const route of routes) {
    for (const target of TARGETS) {
      if (!measured(route, target)) continue;
      const failed = (samples.get(`${route.name}|${target}`) ?? []).reduce((n, s) => n + s.bad, 0);
      bad += failed;
      const sizes = route.paths.map((path) => bytes[path] ?? 0);
      rows.push([
        target === 'app' ? route.name : '',
        target === 'cold' ? 'app, counting every time' : target,
        fmt(of(route, target, (s) => s.rps)),
        `${fmt(of(route, target, (s) => s.p50))} ms`,
        `${fmt(of(route, target, (s) => s.p99))} ms`,
        pct(of(route, target, (s) => s.serverBusy)),
        pct(of(route, target, (s) => s.serverCpu)),
        pct(of(route, target, (s) => s.generatorCpu)),
        String(failed),
        target === 'app' ? `${fmt(median(sizes) / 1024, 1)} KB` : '',
      ]);
    }
    const perRound = (samples.get(`${route.name}|app`) ?? []).map(
      (s, i) => (samples.get(`${route.name}|ceiling`)?.[i]?.rps ?? 0) / s.rps,
    );
    ratios.push([
      route.name,
      '',
      `${fmt(of(route, 'ceiling', (s) => s.rps) / of(route, 'app', (s) => s.rps), 1)} ×`,
      perRound.map((r) => fmt(r, 1)).join(', '),
      route.queries
        ? `${fmt(of(route, 'ceiling', (s) => s.rps) / of(route, 'cold', (s) => s.rps), 1)} ×`
        : '',
    ]);
  }

  console.log(
    `\n== ${database.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}: ${fmt(total)} cases in the team workspace ==`,
  );
  // The machine may be shared: its load says how far absolute figures can be trusted.
  console.log(
    `Load average at the end: ${loadavg()
      .map((l) => fmt(l, 1))
      .join(', ')} (1, 5, 15 min)`,
  );
  console.log(
    `${CONNECTIONS} connections, ${MEASURE_S} s per measurement after ${WARM_UP_S} s warm-up, median of ${rounds} rounds`,
  );
  printTable(
    [
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
    ],
    rows,
  );
  console.log('');
  printTable(
    ['ceiling / app (requests per second)', '', 'median', 'rounds', 'counting every time'],
    ratios,
  );
  console.log('');
  printTable(
    [
      'list query in the store, no load',
      '',
      'matching',
      'page',
      'count',
      'list, count kept',
      'query',
    ],
    timings.map((t) => [
      t.route.name,
      '',
      t.matching,
      `${fmt(t.page, 1)} ms`,
      `${fmt(t.count, 1)} ms`,
      `${fmt(t.list, 1)} ms`,
      (t.route.paths[0] ?? '').replace(/^.*\?/, ''),
    ]),
  );
  console.log(
    "matching: as the app counts them (its count stops at 10,000; '+' says there are more). count: counted anew; list, count kept: page and kept count, as a list asked again answers.",
  );
  console.log(`(${fmt((performance.now() - started) / 1000)} s since the start)`);
  return bad;
}

async function main(): Promise<void> {
  const started = performance.now();
  console.log(
    `Coprism API benchmark — Node ${process.version}, ${availableParallelism()} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'}), ${fmt(CASES)} generated cases, ${DATABASES.join(' and ')}`,
  );
  const { openStore } = await importDist<typeof StoreModule>('store', 'index.js');
  const { newId } = await importDist<typeof SecretsModule>('server', 'secrets.js');
  const app: AppModules = {
    library: await importDist('server', 'library.js'),
    cases: await importDist('server', 'cases.service.js'),
    accounts: await importDist('server', 'accounts.service.js'),
  };
  const folders: string[] = [];
  let cluster: PostgresCluster | undefined;
  const databases: Database[] = [];
  const cleanUp = (): void => {
    killServers();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    cluster?.destroy();
    cluster = undefined;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      cleanUp();
      process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
    });
  try {
    for (const dialect of DATABASES) {
      let config: DatabaseConfig;
      if (dialect === 'sqlite') {
        const folder = mkdtempSync(join(tmpdir(), 'coprism-bench-api-'));
        folders.push(folder);
        config = { kind: 'sqlite', folder };
      } else {
        progress('starting a throwaway PostgreSQL cluster');
        cluster = await startCluster({ maxConnections: 100 });
        config = await createDatabase(cluster.url, `coprism_bench_${Date.now()}`);
      }
      const store = await openStore(config);
      databases.push({ dialect, config, store, filled: await fillBasics(store, ROOT, app) });
    }

    progress(`storing ${fmt(CASES)} generated cases in ${DATABASES.join(' and ')}`);
    const fillStart = performance.now();
    let shown = 0;
    await seedCases(
      databases.map((d) => ({ store: d.store, workspace: d.filled.team, author: d.filled.owner })),
      {
        seed: SEED,
        count: CASES,
        message: 'Imported from generated.yaml',
        newId,
        workers: SEED_WORKERS,
        progress: (done) => {
          if (done === CASES || done - shown >= CASES / 10) {
            shown = done;
            progress(`${fmt(done)} of ${fmt(CASES)} cases stored`);
          }
        },
      },
    );
    const filledS = (performance.now() - fillStart) / 1000;
    for (const d of databases)
      if (d.dialect === 'postgres') await sql`vacuum analyze`.execute(d.store.database);
    console.log(
      `Data: ${fmt(CASES)} generated cases and the ${databases[0]?.filled.libraryCases ?? 0} library cases (in the library and in the team workspace) per database, stored in ${fmt(filledS, 1)} s (${SEED_WORKERS} seeding thread${SEED_WORKERS === 1 ? '' : 's'})`,
    );

    let bad = 0;
    for (const database of databases) bad += await benchDatabase(database, started);
    for (const line of [
      "\nServer busy: the share of the time the measured server's event loop was running code, not",
      'waiting for requests; near 100% means that server was the limit. CPU: a share of one core, for the',
      "server's process and for this one (the load generator); busy well above CPU means the machine was",
      'shared (the process was ready to run but not running) or waited on the disk or the database.',
    ])
      console.log(line);
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
