// `coprism serve` as a real process on a real port, and a small HTTP client to drive it: for the
// tests that kill servers, stop databases and fill disks under load, and for `npm run bench:soak`.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request as httpRequest, type Agent, type IncomingHttpHeaders } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { DatabaseConfig } from '../src/store/index.js';
import { runLog } from './log-audit.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface ServeOptions {
  /** The SQLite data folder; ignored when `databaseUrl` is set. */
  readonly data?: string;
  /** A PostgreSQL URL (DATABASE_URL). */
  readonly databaseUrl?: string;
  /** More arguments for `coprism serve` (the library is left out unless `library` is true). */
  readonly library?: boolean;
  readonly env?: Readonly<Record<string, string>>;
}

export interface LiveServer {
  readonly url: string;
  readonly pid: number;
  readonly child: ChildProcessWithoutNullStreams;
  /** Everything the process has printed so far. */
  output(): string;
  /** Resolves with the exit code (or signal) once the process has ended. */
  readonly exited: Promise<number | string>;
  /** Kills the process with SIGKILL: no clean-up, no last writes. */
  kill(): Promise<number | string>;
  /** Stops it as Ctrl+C would, and waits for the exit code. */
  stop(): Promise<number | string>;
  /** The process's resident memory in bytes (Linux /proc), or undefined once it has ended. */
  rss(): number | undefined;
}

/** Every server process started here, so that none outlives a test that failed or timed out. */
const started = new Set<ChildProcessWithoutNullStreams>();
process.once('exit', () => {
  for (const child of started) child.kill('SIGKILL');
});

/** Kills (SIGKILL) every server still running and waits for them to end: for afterAll. */
export async function killServers(): Promise<void> {
  await Promise.all(
    [...started].map(
      (child) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          child.once('exit', () => done());
          child.kill('SIGKILL');
        }),
    ),
  );
}

/** Starts `node bin/coprism.js serve --port 0` and waits until it says where it listens. */
export function startServe(options: ServeOptions): Promise<LiveServer> {
  const args = ['bin/coprism.js', 'serve', '--port', '0'];
  if (!options.library) args.push('--no-library');
  if (options.data !== undefined && options.databaseUrl === undefined)
    args.push('--data', options.data);
  // In a test run, every request is logged to the run's log audit (log-audit.ts).
  const log = runLog('serve');
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl ?? '',
      LOG_LEVEL: log ? 'info' : 'error',
      ...options.env,
    },
  });
  if (log) {
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.once('exit', () => log.end());
  }
  let out = '';
  const keep = (d: Buffer) => {
    // The start-up lines and the first errors are enough to explain a failure.
    if (out.length < 200_000) out += d.toString();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  started.add(child);
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => {
      started.delete(child);
      resolve(code ?? signal ?? 'unknown');
    }),
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error('coprism serve did not start');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`coprism serve did not start within 30 s:\n${out}`));
    }, 30_000);
    const started = () => {
      const match = /running at (http:\/\/\S+)/.exec(out);
      if (!match?.[1] || !out.includes('Ctrl+C')) return;
      clearTimeout(timer);
      child.stdout.off('data', started);
      const url = match[1];
      resolve({
        url,
        pid,
        child,
        output: () => out,
        exited,
        kill: () => {
          child.kill('SIGKILL');
          return exited;
        },
        stop: () => {
          child.kill('SIGTERM');
          return exited;
        },
        rss: () => {
          try {
            const status = readFileSync(`/proc/${pid}/status`, 'utf8');
            const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
            return kb === undefined ? undefined : Number(kb) * 1024;
          } catch {
            return undefined;
          }
        },
      });
    };
    child.stdout.on('data', started);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`coprism serve exited with ${code} before it started:\n${out}`));
    });
  });
}

export interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** Milliseconds from sending to the whole answer. */
  readonly ms: number;
}

export interface RequestOptions {
  readonly headers?: Readonly<Record<string, string>>;
  /** A JSON body, or text sent as YAML. */
  readonly body?: unknown;
  /** Fails with a TimeoutError when no whole answer came in this time. */
  readonly timeoutMs?: number;
  readonly agent?: Agent;
}

export class TimeoutError extends Error {
  readonly code = 'TIMEOUT';
}

/** One HTTP request; resolves with any answer, rejects only when there was none. */
export function send(
  base: string,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  options: RequestOptions = {},
): Promise<Answer> {
  const url = new URL(path, base);
  const headers: Record<string, string> = { ...options.headers };
  let payload: Buffer | undefined;
  if (typeof options.body === 'string') {
    payload = Buffer.from(options.body);
    headers['content-type'] ??= 'application/yaml';
  } else if (options.body !== undefined) {
    payload = Buffer.from(JSON.stringify(options.body));
    headers['content-type'] ??= 'application/json';
  }
  if (payload) headers['content-length'] = String(payload.length);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method, headers, ...(options.agent ? { agent: options.agent } : {}) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
          }),
        );
      },
    );
    req.setTimeout(options.timeoutMs ?? 30_000, () =>
      req.destroy(new TimeoutError(`no answer to ${method} ${path} in ${options.timeoutMs} ms`)),
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export interface Installation {
  readonly token: string;
  readonly workspace: string;
}

export const OWNER = {
  name: 'Olu Owner',
  email: 'owner@example.org',
  password: 'correct horse battery',
};

/** Creates the owner (POST /api/setup) and an API token for scripts; returns them. */
export async function setUpInstallation(base: string): Promise<Installation> {
  const setup = await send(base, 'POST', '/api/setup', {
    body: { ...OWNER, workspaceName: 'Load team' },
  });
  if (setup.status !== 201) throw new Error(`setup failed: ${setup.status} ${setup.body}`);
  const signedIn = JSON.parse(setup.body) as { csrfToken: string; workspace: { id: string } };
  const cookie = String(setup.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
  const token = await send(base, 'POST', '/api/tokens', {
    headers: { cookie, 'x-csrf-token': signedIn.csrfToken },
    body: { name: 'load' },
  });
  if (token.status !== 201) throw new Error(`token failed: ${token.status} ${token.body}`);
  return {
    token: (JSON.parse(token.body) as { token: string }).token,
    workspace: signedIn.workspace.id,
  };
}

/** A new API token for the owner, made with the first one's session-free route (a sign-in). */
export async function newToken(base: string, name: string): Promise<string> {
  const signIn = await send(base, 'POST', '/api/session', {
    body: { email: OWNER.email, password: OWNER.password },
  });
  if (signIn.status !== 200) throw new Error(`sign-in failed: ${signIn.status} ${signIn.body}`);
  const cookie = String(signIn.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
  const { csrfToken } = JSON.parse(signIn.body) as { csrfToken: string };
  const made = await send(base, 'POST', '/api/tokens', {
    headers: { cookie, 'x-csrf-token': csrfToken },
    body: { name },
  });
  if (made.status !== 201) throw new Error(`token failed: ${made.status} ${made.body}`);
  return (JSON.parse(made.body) as { token: string }).token;
}

/** Where `coprism serve` finds a database. */
export const serveOn = (config: DatabaseConfig): ServeOptions =>
  config.kind === 'postgres'
    ? { databaseUrl: config.url }
    : { data: config.kind === 'sqlite' ? config.folder : '' };

/** Waits until `ready()` is true; fails after `ms` with `what`. */
export async function until(ready: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}
