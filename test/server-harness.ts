// A real app on a real database, driven through fastify's inject, with a cookie jar per person.
import { readFileSync } from 'node:fs';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/server/index.js';
import { CasesService } from '../src/server/cases.service.js';
import { loadLibrary } from '../src/server/library.js';
import { openStore, type DatabaseConfig, type Store } from '../src/store/index.js';
import { freshDatabase, type Dialect } from './databases.js';
import { notePassword, runLog } from './log-audit.js';

export interface Harness {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly clock: { now: Date };
  /** Where the database is, for tools that open it themselves. */
  readonly config: DatabaseConfig;
  close(): Promise<void>;
}

export async function startHarness(
  dialect: Dialect,
  options: { library?: readonly string[]; logs?: string[] } = {},
): Promise<Harness> {
  const config = await freshDatabase(dialect);
  const store = await openStore(config);
  const clock = { now: new Date('2026-01-05T10:00:00Z') };
  const now = () => clock.now;
  if (options.library) {
    const files = options.library.map((f) => ({ name: f, text: readFileSync(f, 'utf8') }));
    await loadLibrary(store, new CasesService(store, now), files, now());
  }
  const logs = options.logs;
  // Without a test's own log, the server logs everything to the run's log audit (log-audit.ts).
  const runStream = logs ? undefined : runLog(`harness-${dialect}`);
  const stream = logs ? { write: (line: string) => void logs.push(line) } : runStream;
  const app = await buildApp({
    store,
    now,
    ...(stream ? { log: { level: 'trace', stream } } : {}),
  });
  return {
    app,
    store,
    clock,
    config,
    close: async () => {
      await app.close();
      await store.close();
      runStream?.end();
    },
  };
}

/** One person using the API: keeps their session cookie and CSRF token, or sends their API token. */
export class Client {
  private cookie: string | undefined;
  csrf: string | undefined;
  token: string | undefined;
  private notesPasswords = true;

  constructor(private readonly app: FastifyInstance) {}

  /** The same person, sending made-up values the log audit should not look for: a fuzzed
   * "password" such as `__proto__` is also sent, as plain text, in URLs that are rightly logged. */
  fuzzing(): Client {
    const other = this.on(this.app);
    other.notesPasswords = false;
    return other;
  }

  /** The same person (same cookie and tokens), talking to another server. */
  on(app: FastifyInstance): Client {
    const other = new Client(app);
    other.cookie = this.cookie;
    other.csrf = this.csrf;
    other.token = this.token;
    return other;
  }

  async request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const all: Record<string, string> = { ...headers };
    if (this.notesPasswords) notePasswords(body);
    if (this.cookie) all['cookie'] = this.cookie;
    if (this.csrf && method !== 'GET') all['x-csrf-token'] = this.csrf;
    if (this.token) all['authorization'] = `Bearer ${this.token}`;
    const options: InjectOptions = { method, url, headers: all };
    if (typeof body === 'string') {
      options.payload = body;
      all['content-type'] ??= 'application/yaml';
    } else if (body !== undefined) options.payload = body as object;
    const response = await this.app.inject(options);
    const set = response.cookies.find((c) => c.name === 'coprism_session');
    if (set) this.cookie = set.value === '' ? undefined : `coprism_session=${set.value}`;
    const json = String(response.headers['content-type'] ?? '').includes('json')
      ? (response.json() as { csrfToken?: unknown })
      : undefined;
    if (json && typeof json.csrfToken === 'string') this.csrf = json.csrfToken;
    return response;
  }

  get = (url: string, headers?: Record<string, string>) =>
    this.request('GET', url, undefined, headers);
  post = (url: string, body?: unknown, headers?: Record<string, string>) =>
    this.request('POST', url, body ?? {}, headers);
  put = (url: string, body: unknown, headers?: Record<string, string>) =>
    this.request('PUT', url, body, headers);
  patch = (url: string, body: unknown) => this.request('PATCH', url, body);
  delete = (url: string, headers?: Record<string, string>) =>
    this.request('DELETE', url, undefined, headers);
}

export const PASSWORD = 'correct horse battery';

// Every password a test sends is one the run's log audit looks for.
function notePasswords(body: unknown): void {
  if (typeof body !== 'object' || body === null) return;
  for (const [key, value] of Object.entries(body))
    if (/password/i.test(key) && typeof value === 'string') notePassword(value);
}

/** Sets up the installation; returns the owner's client and their workspace id. */
export async function setupOwner(
  app: FastifyInstance,
): Promise<{ owner: Client; workspace: string }> {
  const owner = new Client(app);
  const response = await owner.post('/api/setup', {
    name: 'Olu Owner',
    email: 'owner@example.org',
    password: PASSWORD,
    workspaceName: 'Recovery team',
  });
  if (response.statusCode !== 201) throw new Error(`setup failed: ${response.body}`);
  return { owner, workspace: (response.json() as { workspace: { id: string } }).workspace.id };
}

/** Invites someone with a role and has them join; returns their client. */
export async function addMember(
  app: FastifyInstance,
  owner: Client,
  workspace: string,
  role: 'owner' | 'editor' | 'viewer',
  email: string,
): Promise<Client> {
  const invite = await owner.post(`/api/workspaces/${workspace}/invitations`, { role });
  if (invite.statusCode !== 201) throw new Error(`invite failed: ${invite.body}`);
  const person = new Client(app);
  const joined = await person.post(
    `/api/invitations/${(invite.json() as { token: string }).token}/join`,
    {
      name: email.split('@')[0],
      email,
      password: PASSWORD,
    },
  );
  if (joined.statusCode !== 201) throw new Error(`join failed: ${joined.body}`);
  return person;
}

export const caseText = (name: string): string => readFileSync(`cases/${name}.yaml`, 'utf8');
