/**
 * The soak: many clients using real `coprism serve` processes at once for a bounded time, with a
 * mixed workload, then every acknowledged save held to the database. Run by `npm run bench:soak`
 * (bench/soak.bench.ts, minutes, 200 clients) and, short, by test/soak.test.ts in `npm test`.
 *
 * - servers: `node bin/coprism.js serve` (the built dist/), one on SQLite, or several sharing one
 *   PostgreSQL database (clients spread across them, as behind a load balancer);
 * - clients: test/workload.ts, each a loop of requests one after another over keep-alive
 *   connections, with an API token: reads of a case, list pages, searches, kept analyses, posted
 *   analyses (`POST /api/analyse`), saves of shared cases with If-Match or a body revision (some
 *   sent on purpose to an old revision: the intended 409s; others meet a 409 because another client
 *   saved first), creates and imports of two-case files;
 * - measured: requests and their latency per kind, every answer outside the design (an error: any
 *   status but 2xx, except 409 for a save), each server's resident memory (RSS) every second;
 * - checked afterwards, with the servers stopped: every acknowledged write is in the database with
 *   exactly the content sent, every case is consistent (test/integrity.ts).
 */
import type { DatabaseConfig } from '../src/store/index.js';
import { checkIntegrity, type IntegrityReport } from '../test/integrity.js';
import {
  killServers,
  serveOn,
  setUpInstallation,
  startServe,
  type LiveServer,
} from '../test/live-server.js';
import { KINDS, Workload, percentile, type Kind, type Mix } from '../test/workload.js';

export interface SoakOptions {
  readonly database: DatabaseConfig;
  /** Server processes sharing the database (1 for SQLite). */
  readonly servers: number;
  readonly clients: number;
  readonly seconds: number;
  readonly mix?: Mix;
  /** Cases all clients save to. */
  readonly sharedCases?: number;
  /** Where to say what is happening (standard error in the bench). */
  readonly progress?: (line: string) => void;
}

export interface KindFigures {
  readonly kind: Kind;
  readonly count: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly statuses: Readonly<Record<string, number>>;
}

export interface MemoryFigures {
  /** Seconds since the clients started, and resident memory in MB. */
  readonly samples: ReadonlyArray<readonly [number, number]>;
  readonly startMb: number;
  readonly peakMb: number;
  readonly endMb: number;
  /** Least-squares slope over the samples after the first quarter of the run, MB per minute. */
  readonly slopeMbPerMin: number;
  /**
   * The lowest sample of the last quarter minus the lowest of the second quarter, in MB: the floor
   * the garbage collector brings memory back to, which rises run after run if memory leaks (the
   * peaks between collections come and go).
   */
  readonly growthMb: number;
}

export interface SoakResult {
  readonly dialect: 'sqlite' | 'postgres';
  readonly servers: number;
  readonly clients: number;
  readonly seconds: number;
  readonly kinds: readonly KindFigures[];
  readonly total: { readonly count: number; readonly perSecond: number };
  /** Saves answered 409: sent on purpose to an old revision, or beaten by another client. */
  readonly conflicts: { readonly deliberate: number; readonly raced: number };
  readonly acknowledgedWrites: number;
  /** The revisions those writes made (an import file makes two). */
  readonly acknowledgedRevisions: number;
  readonly errors: Workload['unexpected'];
  readonly memory: readonly MemoryFigures[];
  readonly integrity: IntegrityReport;
  /** How the server processes ended when stopped (0 is a clean stop). */
  readonly exitCodes: ReadonlyArray<number | string>;
}

export const SOAK_MIX: Mix = {
  read: 30,
  list: 8,
  search: 12,
  analysis: 10,
  analyse: 4,
  save: 26,
  create: 4,
  import: 6,
};

const mb = (bytes: number): number => bytes / 1024 / 1024;
const median = (values: readonly number[]): number => percentile(values, 50);

function memoryFigures(samples: ReadonlyArray<readonly [number, number]>): MemoryFigures {
  const values = samples.map(([, v]) => v);
  const n = samples.length;
  const settled = samples.slice(Math.floor(n / 4));
  const meanT = settled.reduce((s, [t]) => s + t, 0) / Math.max(1, settled.length);
  const meanV = settled.reduce((s, [, v]) => s + v, 0) / Math.max(1, settled.length);
  const cov = settled.reduce((s, [t, v]) => s + (t - meanT) * (v - meanV), 0);
  const varT = settled.reduce((s, [t]) => s + (t - meanT) ** 2, 0);
  const quarter = (q: number) =>
    values.slice(Math.floor((n * q) / 4), Math.floor((n * (q + 1)) / 4));
  return {
    samples,
    startMb: values[0] ?? Number.NaN,
    peakMb: Math.max(...values),
    endMb: values.at(-1) ?? Number.NaN,
    slopeMbPerMin: varT > 0 ? (cov / varT) * 60 : 0,
    growthMb: Math.min(...quarter(3)) - Math.min(...quarter(1)),
  };
}

/** Runs the soak and checks the database afterwards; never throws for errors it measures. */
export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const say = options.progress ?? (() => undefined);
  const dialect = options.database.kind === 'postgres' ? 'postgres' : 'sqlite';
  const servers: LiveServer[] = [];
  try {
    say(`starting ${options.servers} server${options.servers > 1 ? 's' : ''} on ${dialect}`);
    // The first server migrates the database; the others start once it is ready.
    servers.push(await startServe(serveOn(options.database)));
    for (let i = 1; i < options.servers; i++)
      servers.push(await startServe(serveOn(options.database)));
    const { token, workspace } = await setUpInstallation(servers[0]?.url ?? '');
    const load = new Workload({
      bases: servers.map((s) => s.url),
      token,
      workspace,
      clients: options.clients,
      mix: options.mix ?? SOAK_MIX,
      sharedCases: options.sharedCases ?? 40,
      staleShare: 0.05,
      timeoutMs: 60_000,
    });
    await load.seed();
    await load.connect();

    const samples = servers.map(() => [] as Array<readonly [number, number]>);
    const started = performance.now();
    const sample = () => {
      const t = (performance.now() - started) / 1000;
      servers.forEach((server, i) => {
        const rss = server.rss();
        if (rss !== undefined) samples[i]?.push([t, mb(rss)]);
      });
    };
    sample();
    say(`${options.clients} clients for ${options.seconds} s`);
    load.start();
    const sampler = setInterval(sample, 1000);
    const ticker = setInterval(
      () =>
        say(
          `${Math.round((performance.now() - started) / 1000)} s: ${[...load.stats.values()].reduce((n, s) => n + s.count, 0)} requests, ${load.acknowledged.length} writes acknowledged, ${load.unexpected.length} errors`,
        ),
      10_000,
    );
    await new Promise((done) => setTimeout(done, options.seconds * 1000));
    clearInterval(ticker);
    await load.stop();
    clearInterval(sampler);
    sample();
    const seconds = (performance.now() - started) / 1000;
    load.close();

    say('stopping the servers');
    const exitCodes: Array<number | string> = [];
    for (const server of servers) exitCodes.push(await server.stop());
    say('checking every acknowledged write in the database');
    const integrity = await checkIntegrity(options.database, { workspace, writes: load.writes });

    const kinds = KINDS.flatMap((kind): KindFigures[] => {
      const stats = load.stats.get(kind);
      if (!stats || stats.count === 0) return [];
      return [
        {
          kind,
          count: stats.count,
          perSecond: stats.count / seconds,
          p50: percentile(stats.ms, 50),
          p99: percentile(stats.ms, 99),
          statuses: Object.fromEntries(stats.statuses),
        },
      ];
    });
    const count = kinds.reduce((n, k) => n + k.count, 0);
    const saves = load.writes.filter((w) => w.kind === 'save' && w.status === 409);
    return {
      dialect,
      servers: servers.length,
      clients: options.clients,
      seconds,
      kinds,
      total: { count, perSecond: count / seconds },
      conflicts: {
        deliberate: saves.filter((w) => w.stale).length,
        raced: saves.filter((w) => !w.stale).length,
      },
      acknowledgedWrites: load.acknowledged.length,
      acknowledgedRevisions: load.acknowledged.reduce((n, w) => n + w.items.length, 0),
      errors: load.unexpected,
      memory: samples.map(memoryFigures),
      integrity,
      exitCodes,
    };
  } finally {
    await killServers();
  }
}

const fmt = (n: number, digits = 0): string =>
  Number.isFinite(n)
    ? n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : '–';

/** The result as lines of text: a table per kind, then errors, conflicts, memory and the check. */
export function describeSoak(result: SoakResult): string[] {
  const lines: string[] = [];
  lines.push(
    `${result.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${result.servers} server process${result.servers > 1 ? 'es' : ''}, ${result.clients} clients, ${fmt(result.seconds, 1)} s`,
  );
  const header = ['kind', 'requests', 'req/s', 'p50', 'p99', 'answers'];
  const rows = result.kinds.map((k) => [
    k.kind,
    fmt(k.count),
    fmt(k.perSecond, 1),
    `${fmt(k.p50)} ms`,
    `${fmt(k.p99)} ms`,
    Object.entries(k.statuses)
      .map(([status, n]) => `${status}×${n}`)
      .join(' '),
  ]);
  rows.push(['all', fmt(result.total.count), fmt(result.total.perSecond, 1), '', '', '']);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]?.length ?? 0)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) =>
        c === 0 || c === 5 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0),
      )
      .join('  ')
      .trimEnd();
  lines.push(line(header), ...rows.map(line));
  lines.push(
    `Saves refused with 409: ${fmt(result.conflicts.deliberate)} sent on purpose to an old revision, ${fmt(result.conflicts.raced)} beaten by another client's save (both by design).`,
  );
  lines.push(
    `Errors (any other answer than 2xx, or 409 for a save): ${result.errors.length}${result.errors.length > 0 ? `, first: ${JSON.stringify(result.errors.slice(0, 3))}` : ''}.`,
  );
  result.memory.forEach((m, i) =>
    lines.push(
      `Server ${i + 1} memory (RSS): ${fmt(m.startMb)} MB at the start, peak ${fmt(m.peakMb)} MB, ${fmt(m.endMb)} MB at the end; after the first quarter, slope ${fmt(m.slopeMbPerMin, 1)} MB/min, lowest of the last quarter minus lowest of the second ${fmt(m.growthMb, 1)} MB; ${m.samples.length} samples.`,
    ),
  );
  const i = result.integrity;
  lines.push(
    `Check: ${fmt(result.acknowledgedWrites)} acknowledged writes making ${fmt(result.acknowledgedRevisions)} revisions, ${fmt(i.acknowledged)} found exactly as sent; ${fmt(i.cases)} cases, ${fmt(i.revisions)} revisions, ${i.problems.length} problems${i.problems.length > 0 ? `: ${i.problems.slice(0, 5).join('; ')}` : ''}.`,
  );
  lines.push(`Servers stopped with exit codes ${result.exitCodes.join(', ')}.`);
  return lines;
}

/** Memory is flat when its floor in the last quarter is at most 20 MB or 10% (the larger) above the second quarter's. */
export const memoryFlat = (m: MemoryFigures): boolean =>
  m.growthMb <= Math.max(20, 0.1 * median(m.samples.map(([, v]) => v)));
