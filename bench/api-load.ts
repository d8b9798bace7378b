/**
 * The load side of `npm run bench:api`: starts the servers' child processes (bench/api-servers.ts)
 * and drives one route at a time with autocannon, measuring requests/s, latency, and the CPU and
 * event-loop time of the server measured and of this process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import type { Route } from './api-data.js';
import type { ServerPlan, ServerReady, ServerUsage } from './api-servers.js';

export const CONNECTIONS = 32;
export const WARM_UP_S = 1;
export const MEASURE_S = 3;
/** A slow answer is measured, not dropped: at 32 connections a 1 s query waits 30 s in line. */
const TIMEOUT_S = 120;

export interface Sample {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly bad: number;
  /** Share of the time the server's event loop was busy (not waiting for requests). */
  readonly serverBusy: number;
  /** CPU of the server's process, and of this one (the load generator), as a share of one core. */
  readonly serverCpu: number;
  readonly generatorCpu: number;
}

/** A server's child process (the app or the ceiling), started by `Server.start`. */
export class Server {
  private constructor(
    private readonly child: ChildProcess,
    readonly ready: ServerReady,
  ) {}

  /** Starts a server in a child process; resolves when it listens. */
  static start(root: string, plan: ServerPlan): Promise<Server> {
    return new Promise((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(root, 'bench', 'api-servers.ts'), JSON.stringify(plan)],
        { cwd: root, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] },
      );
      running.add(child);
      child.once('exit', () => running.delete(child));
      let stdout = '';
      let stderr = '';
      child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
        if (stderr.length < 8000) stderr += chunk;
        // After start-up, whatever the server logs (warnings, errors) is shown as it comes.
        if (stdout.includes('\n')) process.stderr.write(chunk);
      });
      child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        const before = stdout.includes('\n');
        stdout += chunk;
        if (!before && stdout.includes('\n'))
          resolve(
            new Server(child, JSON.parse(stdout.slice(0, stdout.indexOf('\n'))) as ServerReady),
          );
      });
      child.on('error', reject);
      child.on('exit', (code, signal) => {
        if (!stdout.includes('\n'))
          reject(new Error(`the ${plan.role} exited with ${String(code ?? signal)}:\n${stderr}`));
      });
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.ready.port}`;
  }

  /** What the server's process has used so far (asked over its IPC channel). */
  usage(): Promise<ServerUsage> {
    return new Promise((resolve, reject) => {
      if (!this.child.connected) return reject(new Error('the server is not running'));
      this.child.once('message', (message: unknown) => resolve(message as ServerUsage));
      this.child.send('cpu');
    });
  }

  /** Stops the server and waits for its process to end. */
  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) return resolve();
      this.child.once('exit', () => resolve());
      this.child.kill();
    });
  }
}

/** Every server process still running, to stop on an interrupt. */
const running = new Set<ChildProcess>();

/** Kills whatever server processes are still running (on an interrupt or a failure). */
export function killServers(): void {
  for (const child of running) child.kill();
}

function cannon(url: string, route: Route, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: TIMEOUT_S,
    headers: route.authorization ? { authorization: route.authorization } : {},
    // Each connection goes round the paths in turn.
    requests: route.paths.map((path) => ({ method: 'GET', path })),
  });
}

/**
 * Waits until the server has answered what it still had in hand: requests abandoned by the load
 * generator at the end of a run are still worked on, and would slow the next measurement.
 */
async function drain(url: string, route: Route): Promise<void> {
  const headers = route.authorization ? { authorization: route.authorization } : {};
  await (await fetch(`${url}${route.paths[0] ?? '/'}`, { headers })).arrayBuffer();
}

/** One measurement of a route on one server, after a warm-up. */
export async function measure(server: Server, route: Route): Promise<Sample> {
  await cannon(server.url, route, WARM_UP_S);
  await drain(server.url, route);
  const before = await server.usage();
  const ownBefore = process.cpuUsage();
  const start = performance.now();
  const result = await cannon(server.url, route, MEASURE_S);
  const wallUs = (performance.now() - start) * 1000;
  const own = process.cpuUsage(ownBefore);
  const after = await server.usage();
  await drain(server.url, route);
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
