// A throwaway PostgreSQL cluster in a temporary folder: started for the test run by
// postgres.setup.ts, and on its own by the tests that stop and start a database under load
// (which must never stop the cluster other test files share) and by `npm run bench:soak`.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DatabaseConfig } from '../src/store/index.js';

export interface PostgresCluster {
  /** A URL for the cluster's `postgres` database, as the trusted superuser `coprism`. */
  readonly url: string;
  readonly port: number;
  /** Stops the server: `fast` ends sessions cleanly, `immediate` is a crash without the crash. */
  stop(mode?: 'fast' | 'immediate'): void;
  /** Starts it again on the same port and data, waiting until it accepts connections. */
  start(): void;
  /** Stops it (if running) and deletes its folder. */
  destroy(): void;
}

export interface ClusterOptions {
  /** Most connections the server accepts. */
  readonly maxConnections?: number;
}

function findBin(name: string): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort().reverse() : [];
  for (const v of versions) {
    const bin = join(root, v, 'bin', name);
    if (existsSync(bin)) return bin;
  }
  throw new Error(
    `PostgreSQL is not installed (no ${name} under ${root}). The store's tests run on PostgreSQL too: ` +
      'install it with `apt-get install postgresql` (as .ci/run does) or set TEST_DATABASE_URL.',
  );
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** Creates a cluster in a new temporary folder and starts it. */
export async function startCluster(options: ClusterOptions = {}): Promise<PostgresCluster> {
  const initdb = findBin('initdb');
  const pgCtl = findBin('pg_ctl');
  const dir = mkdtempSync(join(tmpdir(), 'coprism-pg-'));
  const data = join(dir, 'data');
  // PostgreSQL refuses to run as root; as root, run it as the postgres user.
  const asRoot = process.getuid?.() === 0;
  const wrap = (bin: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), -1);
  const port = await freePort();
  const run = (bin: string, args: string[]) => {
    const [cmd, argv] = wrap(bin, args);
    const result = spawnSync(cmd, argv, { encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`${bin} failed: ${result.stderr || result.stdout}`);
    }
  };
  run(initdb, ['-D', data, '-U', 'coprism', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  let running = false;
  const start = () => {
    run(pgCtl, [
      '-D',
      data,
      '-l',
      join(dir, 'log'),
      '-w',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=${options.maxConnections ?? 300}`,
      'start',
    ]);
    running = true;
  };
  const stop = (mode: 'fast' | 'immediate' = 'fast') => {
    run(pgCtl, ['-D', data, '-m', mode, '-w', 'stop']);
    running = false;
  };
  try {
    start();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `postgres://coprism@127.0.0.1:${port}/postgres`,
    port,
    stop,
    start,
    destroy: () => {
      try {
        if (running) stop('immediate');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Creates an empty database `name` on the server at `adminUrl`; returns how to reach it. */
export async function createDatabase(
  adminUrl: string,
  name: string,
): Promise<Extract<DatabaseConfig, { kind: 'postgres' }>> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { kind: 'postgres', url: url.toString() };
}
