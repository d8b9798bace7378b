/**
 * A server of `npm run bench:api`, in a process of its own so that the load generator does not
 * share its event loop. Started by bench/api-load.ts with one argument, a JSON `ServerPlan`:
 *
 * - the app: `buildApp` from dist/ over the database the bench filled (SQLite or PostgreSQL),
 *   with the logger at `warn`, as `coprism serve` runs it; or the same with lists' counts not
 *   kept between requests, so that every request counts (the cold path);
 * - the ceiling: a bare Fastify with the same routes, answering every planned path with the bytes
 *   the app gave for it (fetched once from the running app at start-up), looked up in a Map.
 *
 * Each runs in its own process: an app kept busy by slow answers must not hold up the ceiling's
 * event loop while the ceiling is measured (and the app is idle while the ceiling is measured).
 * When it listens, prints one JSON line `ServerReady` on standard output, then runs until killed
 * or until the bench's IPC channel closes; over that channel it answers each message with the CPU
 * and event-loop time this process has used (`ServerUsage`).
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type * as ServerModule from '../src/server/index.js';
import type * as StoreModule from '../src/store/index.js';
import type { DatabaseConfig } from '../src/store/index.js';

export type ServerPlan =
  | {
      readonly role: 'app';
      readonly database: DatabaseConfig;
      /** false: lists count their matches on every request, as before counts were kept. */
      readonly keepCounts: boolean;
    }
  | {
      readonly role: 'ceiling';
      /** The running app, to fetch the answers from. */
      readonly app: string;
      /** Every path the bench will request, with the headers it will send. */
      readonly paths: ReadonlyArray<{ readonly path: string; readonly authorization?: string }>;
    };

/** What a server's process has used so far: CPU microseconds, and event-loop milliseconds. */
export interface ServerUsage {
  readonly cpu: number;
  readonly active: number;
  readonly idle: number;
}

export interface ServerReady {
  readonly port: number;
  /** The ceiling's: bytes of each precomputed answer, by path. */
  readonly bytes?: Readonly<Record<string, number>>;
}

/** The routes measured, as the app declares them. */
const ROUTES = [
  '/api/workspaces/:workspace/cases',
  '/api/workspaces/:workspace/cases/:case',
  '/api/workspaces/:workspace/cases/:case/analysis',
] as const;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SERVER = join(ROOT, 'dist', 'server', 'index.js');
const STORE = join(ROOT, 'dist', 'store', 'index.js');

async function startApp(
  database: DatabaseConfig,
  keepCounts: boolean,
): Promise<[FastifyInstance, () => Promise<void>]> {
  if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run npm run build first`);
  const { buildApp } = (await import(pathToFileURL(SERVER).href)) as typeof ServerModule;
  const { openStore } = (await import(pathToFileURL(STORE).href)) as typeof StoreModule;
  const store = await openStore(database, { keepCounts });
  const app = await buildApp({ store, log: { level: 'warn', stream: process.stderr } });
  return [app, () => store.close()];
}

/** The precomputed answers: what the app answers now (and so, after this, every time). */
async function startCeiling(
  plan: Extract<ServerPlan, { role: 'ceiling' }>,
): Promise<[FastifyInstance, Record<string, number>]> {
  const answers = new Map<string, { body: Buffer; headers: Record<string, string> }>();
  const bytes: Record<string, number> = {};
  for (const { path, authorization } of plan.paths) {
    const response = await fetch(`${plan.app}${path}`, {
      headers: authorization ? { authorization } : {},
    });
    const body = Buffer.from(await response.arrayBuffer());
    if (response.status !== 200)
      throw new Error(`${path} answered ${response.status}: ${body.toString().slice(0, 500)}`);
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'etag']) {
      const value = response.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    answers.set(path, { body, headers });
    bytes[path] = body.length;
  }
  const ceiling = Fastify();
  const answer = (request: FastifyRequest, reply: FastifyReply): void => {
    const found = answers.get(request.url);
    if (!found) {
      void reply.code(404).send();
      return;
    }
    void reply.headers(found.headers).send(found.body);
  };
  for (const route of ROUTES) ceiling.get(route, answer);
  return [ceiling, bytes];
}

async function main(): Promise<void> {
  const plan = JSON.parse(process.argv[2] ?? '') as ServerPlan;
  let server: FastifyInstance;
  let ready: (port: number) => ServerReady = (port) => ({ port });
  let closeStore = (): Promise<void> => Promise.resolve();
  if (plan.role === 'app') {
    [server, closeStore] = await startApp(plan.database, plan.keepCounts);
  } else {
    const [ceiling, bytes] = await startCeiling(plan);
    server = ceiling;
    ready = (port) => ({ port, bytes });
  }
  await server.listen({ host: '127.0.0.1', port: 0 });
  process.stdout.write(`${JSON.stringify(ready(portOf(server.server.address())))}\n`);

  const stop = (): void => {
    void server
      .close()
      .then(closeStore)
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  // The bench asks for the CPU this process has used, around each measurement; when the bench
  // goes away, so does the server.
  process.on('message', () => {
    const { user, system } = process.cpuUsage();
    const { active, idle } = performance.eventLoopUtilization();
    const usage: ServerUsage = { cpu: user + system, active, idle };
    process.send?.(usage);
  });
  process.once('disconnect', stop);
}

function portOf(address: string | AddressInfo | null): number {
  if (typeof address === 'object' && address) return address.port;
  throw new Error(`not listening on a port: ${String(address)}`);
}

await main();
