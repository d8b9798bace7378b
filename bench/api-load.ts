/**
 * The load side of `npm run bench:api`: starts the servers' child process (bench/api-servers.ts)
 * and drives one route at a time with autocannon, measuring requests/s, latency, and the CPU and
 * event-loop time of both processes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import type { Route } from './api-data.js';
import type { ServersPlan, ServersReady, ServerUsage } from './api-servers.js';

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
  /** Share of the time the servers' event loop was busy (not waiting for requests). */
  readonly serverBusy: number;
  /** CPU of the servers' process, and of this one (the load generator), as a share of one core. */
  readonly serverCpu: number;
  readonly generatorCpu: number;
}

/** The servers' child process, started by `startServers`. */
export class Servers {
  private constructor(
    private readonly child: ChildProcess,
    readonly ready: ServersReady,
  ) {}

  /** Starts the app and the ceiling in a child process; resolves when both listen. */
  static start(root: string, plan: ServersPlan): Promise<Servers> {
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
        // After start-up, whatever the servers log (warnings, errors) is shown as it comes.
        if (stdout.includes('\n')) process.stderr.write(chunk);
      });
      child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        const before = stdout.includes('\n');
        stdout += chunk;
        if (!before && stdout.includes('\n'))
          resolve(
            new Servers(child, JSON.parse(stdout.slice(0, stdout.indexOf('\n'))) as ServersReady),
          );
      });
      child.on('error', reject);
      child.on('exit', (code, signal) => {
        if (!stdout.includes('\n'))
          reject(new Error(`the servers exited with ${String(code ?? signal)}:\n${stderr}`));
      });
    });
  }

  url(target: 'app' | 'ceiling'): string {
    return `http://127.0.0.1:${target === 'app' ? this.ready.app : this.ready.ceiling}`;
  }

  /** What the servers' process has used so far (asked over its IPC channel). */
  usage(): Promise<ServerUsage> {
    return new Promise((resolve, reject) => {
      if (!this.child.connected) return reject(new Error('the servers are not running'));
      this.child.once('message', (message: unknown) => resolve(message as ServerUsage));
      this.child.send('cpu');
    });
  }

  /** Stops the servers and waits for the process to end. */
  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) return resolve();
      this.child.once('exit', () => resolve());
      this.child.kill();
    });
  }
}

/** Every servers' process still running, to stop on an interrupt. */
const running = new Set<ChildProcess>();

/** Kills whatever servers' processes are still running (on an interrupt or a failure). */
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
export async function measure(servers: Servers, url: string, route: Route): Promise<Sample> {
  await cannon(url, route, WARM_UP_S);
  await drain(url, route);
  const before = await servers.usage();
  const ownBefore = process.cpuUsage();
  const start = performance.now();
  const result = await cannon(url, route, MEASURE_S);
  const wallUs = (performance.now() - start) * 1000;
  const own = process.cpuUsage(ownBefore);
  const after = await servers.usage();
  await drain(url, route);
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
