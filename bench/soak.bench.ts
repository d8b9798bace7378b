/**
 * `npm run bench:soak`: 200 clients for a bounded time against SQLite (one server process) and
 * against PostgreSQL (two server processes sharing one database, clients spread across both), with
 * a mixed workload (bench/soak.ts): reads, list pages, searches, kept and posted analyses, saves
 * (some refused with 409 on purpose), creates and imports. Prints per kind of request its count,
 * requests/s and p50/p99 latency; the errors (answers outside the design: must be 0); each
 * server's memory (RSS) over time with its slope and growth; and the check of every acknowledged
 * save against the database afterwards.
 *
 *   npm run bench:soak                         # 120 s per database, 200 clients (about 5 minutes)
 *   npm run bench:soak -- --seconds 900        # longer (or SOAK_SECONDS=900)
 *   npm run bench:soak -- --clients 400 --only postgres
 *
 * PostgreSQL: a throwaway cluster is started in a temporary folder (PostgreSQL must be installed,
 * as for `npm test`), or set SOAK_DATABASE_URL to a server where a database may be created.
 * Exits 1 when there was an error, an acknowledged save is missing or the servers did not stop
 * cleanly; the figures themselves are not judged, except memory, which is reported as flat or not.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createDatabase, startCluster, type PostgresCluster } from '../test/pg-cluster.js';
import { describeSoak, memoryFlat, runSoak, type SoakResult } from './soak.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const progress = (text: string): void => {
  process.stderr.write(`… ${text}\n`);
};

const { values } = parseArgs({
  options: {
    seconds: { type: 'string' },
    clients: { type: 'string' },
    only: { type: 'string' },
  },
});
const seconds = Number(values.seconds ?? process.env['SOAK_SECONDS'] ?? 120);
const clients = Number(values.clients ?? process.env['SOAK_CLIENTS'] ?? 200);
const only = values.only;
if (!Number.isFinite(seconds) || seconds <= 0 || !Number.isInteger(clients) || clients <= 0) {
  console.error('usage: soak.bench.ts [--seconds N] [--clients N] [--only sqlite|postgres]');
  process.exit(2);
}
if (only !== undefined && only !== 'sqlite' && only !== 'postgres') {
  console.error(`--only takes sqlite or postgres, not '${only}'`);
  process.exit(2);
}
if (!existsSync(join(ROOT, 'dist', 'cli'))) {
  console.error('dist/ is missing: run npm run build first (npm run bench:soak does).');
  process.exit(2);
}

const fmt = (n: number): string => n.toLocaleString('en-GB', { maximumFractionDigits: 0 });

async function main(): Promise<boolean> {
  const started = performance.now();
  console.log(
    `Coprism soak — Node ${process.version}, ${availableParallelism()} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'}), ${clients} clients, ${seconds} s per database`,
  );
  const results: SoakResult[] = [];
  let folder: string | undefined;
  let cluster: PostgresCluster | undefined;
  const cleanUp = () => {
    if (folder) rmSync(folder, { recursive: true, force: true });
    cluster?.destroy();
    cluster = undefined;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      cleanUp();
      process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
    });
  try {
    if (only !== 'postgres') {
      folder = mkdtempSync(join(tmpdir(), 'coprism-soak-'));
      results.push(
        await runSoak({
          database: { kind: 'sqlite', folder },
          servers: 1,
          clients,
          seconds,
          sharedCases: Math.max(8, Math.floor(clients / 2)),
          progress,
        }),
      );
    }
    if (only !== 'sqlite') {
      const given = process.env['SOAK_DATABASE_URL'];
      if (!given) {
        progress('starting a throwaway PostgreSQL cluster');
        cluster = await startCluster({ maxConnections: 100 });
      }
      const database = await createDatabase(
        given ?? cluster?.url ?? '',
        `coprism_soak_${Date.now()}`,
      );
      results.push(
        await runSoak({
          database,
          servers: 2,
          clients,
          seconds,
          sharedCases: Math.max(8, Math.floor(clients / 2)),
          progress,
        }),
      );
    }
  } finally {
    cleanUp();
  }

  let ok = true;
  for (const result of results) {
    console.log('');
    for (const line of describeSoak(result)) console.log(line);
    result.memory.forEach((m, i) => {
      const step = Math.max(1, Math.floor(m.samples.length / 10));
      const series = m.samples
        .filter((_, j) => j % step === 0 || j === m.samples.length - 1)
        .map(([t, v]) => `${fmt(t)} s ${fmt(v)}`)
        .join(', ');
      console.log(`Server ${i + 1} RSS over time (MB): ${series}`);
      console.log(
        `Server ${i + 1} memory is ${memoryFlat(m) ? 'flat' : 'NOT flat'} (its lowest point in the last quarter is at most 20 MB or 10% above the lowest in the second quarter).`,
      );
    });
    if (
      result.errors.length > 0 ||
      result.integrity.problems.length > 0 ||
      result.integrity.acknowledged !== result.acknowledgedRevisions ||
      result.exitCodes.some((code) => code !== 0)
    )
      ok = false;
  }
  console.log(`\nTotal ${fmt((performance.now() - started) / 1000)} s.`);
  return ok;
}

if (!(await main())) {
  console.error('\nThe soak found errors or lost saves (see above).');
  process.exitCode = 1;
}
