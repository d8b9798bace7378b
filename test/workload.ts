// Clients that use a running Coprism the way people and scripts do, many at once, keeping a
// ledger of every write they sent and what came back, so that afterwards the database can be held
// to it: every acknowledged write present with exactly the content sent, nothing half-applied.
// Used by the fault tests (test/faults.test.ts) and the soak (bench/soak.ts).
import { Agent } from 'node:http';
import { parseDocuments } from '../src/server/case-documents.js';
import type { CaseFile } from '../src/core/index.js';
import { caseYaml, generateCase, seededRandom, type Random } from '../bench/corpus.js';
import { send, type Answer } from './live-server.js';

export const KINDS = [
  'read',
  'list',
  'search',
  'analysis',
  'analyse',
  'save',
  'create',
  'import',
] as const;
export type Kind = (typeof KINDS)[number];
export type Mix = Partial<Record<Kind, number>>;

/** What became of a request: answered 2xx; refused and surely not applied (409, 422); answered
 * otherwise (may or may not have been applied: a save can commit and its answer still fail);
 * or no answer at all (the connection broke or the time ran out). */
export type Outcome = 'acked' | 'refused' | 'failed' | 'no-answer';

export interface Item {
  readonly slug: string;
  /** Which generated case the content is (bench/corpus.ts, seed SEED). */
  readonly base: number;
  readonly title: string;
  /** The revision the server said it saved, once acknowledged. */
  revision?: number | undefined;
}

export interface WriteAttempt {
  readonly id: number;
  readonly kind: 'save' | 'create' | 'import';
  readonly items: Item[];
  /** For a save: the revision it was made to (the new one is this + 1). */
  readonly expected?: number;
  /** A save sent on purpose with an out-of-date revision: it must be refused. */
  readonly stale?: boolean;
  outcome?: Outcome;
  status?: number;
  /** performance.now() when sent and when the answer (or its absence) was known. */
  readonly sentAt: number;
  doneAt?: number;
}

export interface KindStats {
  count: number;
  readonly statuses: Map<number | string, number>;
  readonly ms: number[];
}

export const SEED = 20_260_105;
/** How many generated cases the writes take their content from. */
const BASES = 24;
const WORDS = ['leeds', 'crisis', 'peer', 'housing', 'recovery', 'lille'];

interface Template {
  readonly yaml: string;
  readonly canonical: CaseFile;
}

const ID_MARK = 'placeholder-id-mark';
const TITLE_MARK = 'PLACEHOLDER TITLE MARK';
let templates: Template[] | undefined;

/** The generated cases, as YAML with the id and title left to fill in, and as the server reads them. */
function template(base: number): Template {
  templates ??= Array.from({ length: BASES }, (_, i) => {
    const doc = { ...generateCase(SEED, i), id: ID_MARK, title: TITLE_MARK };
    const yaml = caseYaml(doc);
    const parsed = parseDocuments(yaml, 'template.yaml');
    if (!parsed.ok || parsed.value[0] === undefined)
      throw new Error(`generated case ${i} does not read: ${JSON.stringify(parsed)}`);
    return { yaml, canonical: parsed.value[0] };
  });
  const t = templates[base % BASES];
  if (!t) throw new Error('no template');
  return t;
}

/** The text of an item's case file (titles are plain words, safe as a YAML plain scalar). */
export function itemText(item: Item): string {
  return template(item.base).yaml.replace(ID_MARK, item.slug).replace(TITLE_MARK, item.title);
}

/** The document the server must have saved for an item, as the server reads its text. */
export function itemDocument(item: Item): CaseFile {
  return { ...template(item.base).canonical, id: item.slug, title: item.title };
}

/** The attempt whose write a stored title carries (`… w123`). */
export const attemptOfTitle = (title: string): number | undefined => {
  const match = / w(\d+)$/.exec(title);
  return match?.[1] === undefined ? undefined : Number(match[1]);
};

// Write ids are unique in a process, so the ledgers of several workloads can be checked together.
let nextAttempt = 1;

export interface WorkloadOptions {
  /** Servers to talk to; client i talks to bases[i % length]. */
  readonly bases: readonly string[];
  readonly token: string;
  readonly workspace: string;
  readonly clients: number;
  readonly mix: Mix;
  /** Cases every client saves to (so that saves conflict). */
  readonly sharedCases?: number;
  /** The share of saves sent on purpose with an out-of-date revision. */
  readonly staleShare?: number;
  readonly timeoutMs?: number;
  /** Wait this long after a request got no answer or a 5xx, before the next. */
  readonly backoffMs?: number;
  /** Called with every answer (or failure), for tests that watch statuses over time. */
  readonly onResult?: (kind: Kind, result: Answer | Error, at: number) => void;
  /** Tells the slugs of this run apart from any other run on the same installation. */
  readonly tag?: string;
}

/** A set of clients, started by `start` and stopped by `stop`, with the ledger of their writes. */
export class Workload {
  readonly writes: WriteAttempt[] = [];
  readonly stats = new Map<Kind, KindStats>();
  /** Requests that were not answered as the design says they may be (see `classify`). */
  readonly unexpected: Array<{
    kind: Kind;
    status: number | string;
    detail: string;
    /** performance.now() when the answer (or the failure) came. */
    at: number;
  }> = [];
  private readonly agent: Agent;
  private readonly shared: string[] = [];
  private readonly known = new Map<string, number>();
  private running: Array<Promise<void>> = [];
  private stopped = false;
  private readonly tag: string;
  private readonly headers: Record<string, string>;

  constructor(private readonly options: WorkloadOptions) {
    this.agent = new Agent({ keepAlive: true, maxSockets: options.clients + 8 });
    this.tag = options.tag ?? Math.random().toString(36).slice(2, 7);
    this.headers = { authorization: `Bearer ${options.token}` };
    for (const kind of KINDS)
      this.stats.set(kind, { count: 0, statuses: new Map(), ms: [] as number[] });
  }

  private get casesPath(): string {
    return `/api/workspaces/${this.options.workspace}/cases`;
  }

  /** Creates the shared cases (revision 1 of each); throws if any cannot be made. */
  async seed(): Promise<void> {
    const count = this.options.sharedCases ?? 8;
    const base = this.options.bases[0] ?? '';
    for (let i = 0; i < count; i++) {
      const slug = `shared-${this.tag}-${i}`;
      const attempt = this.attempt('create', [{ slug, base: i }]);
      const answer = await this.write(base, attempt, 'POST', this.casesPath, {
        text: itemText(attempt.items[0] as Item),
      });
      if (answer.status !== 201)
        throw new Error(`could not create the shared case ${slug}: ${answer.status}`);
      this.shared.push(slug);
      this.known.set(slug, 1);
    }
  }

  /**
   * Opens one keep-alive connection per client before the load starts, as a load balancer or a
   * browser holds them. (A burst of new connections to a server already busy with many requests
   * waits in its listen queue, drained a few a second: first requests would wait for most of a run.)
   */
  async connect(): Promise<void> {
    await Promise.all(
      Array.from({ length: this.options.clients }, (_, i) =>
        send(this.options.bases[i % this.options.bases.length] ?? '', 'GET', '/api/health', {
          agent: this.agent,
        }),
      ),
    );
  }

  start(): void {
    this.stopped = false;
    this.running = Array.from({ length: this.options.clients }, (_, i) => this.client(i));
  }

  /** Stops sending; waits for the requests in flight to end (answered, failed or timed out). */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.running);
    this.running = [];
  }

  close(): void {
    this.agent.destroy();
  }

  get acknowledged(): WriteAttempt[] {
    return this.writes.filter((w) => w.outcome === 'acked');
  }

  private attempt(
    kind: WriteAttempt['kind'],
    items: ReadonlyArray<{ readonly slug: string; readonly base: number }>,
    extra: { expected?: number; stale?: boolean } = {},
  ): WriteAttempt {
    const id = nextAttempt++;
    const attempt: WriteAttempt = {
      id,
      kind,
      items: items.map((item) => ({ ...item, title: `Load case ${item.slug} w${id}` })),
      ...extra,
      sentAt: performance.now(),
    };
    this.writes.push(attempt);
    return attempt;
  }

  private async client(index: number): Promise<void> {
    const rng = seededRandom(SEED + index * 7919);
    const base = this.options.bases[index % this.options.bases.length] ?? '';
    const own: Array<{ slug: string; base: number }> = [];
    const weights = KINDS.map((k) => this.options.mix[k] ?? 0);
    const total = weights.reduce((a, b) => a + b, 0);
    let n = 0;
    while (!this.stopped) {
      let r = rng() * total;
      const kind = KINDS[weights.findIndex((w) => (r -= w) < 0)] ?? 'read';
      const started = performance.now();
      let result: Answer | Error;
      try {
        result = await this.operation(kind, base, rng, index, n++, own);
      } catch (error) {
        result = error as Error;
      }
      this.record(kind, result, started);
      const trouble = result instanceof Error || result.status >= 500;
      if (trouble && !this.stopped && this.options.backoffMs)
        await new Promise((done) => setTimeout(done, this.options.backoffMs));
    }
  }

  private record(kind: Kind, result: Answer | Error, started: number): void {
    const stats = this.stats.get(kind);
    if (!stats) return;
    stats.count += 1;
    const status =
      result instanceof Error
        ? String((result as NodeJS.ErrnoException).code ?? 'error')
        : result.status;
    stats.statuses.set(status, (stats.statuses.get(status) ?? 0) + 1);
    if (!(result instanceof Error)) stats.ms.push(result.ms);
    this.options.onResult?.(kind, result, started);
    const fine =
      !(result instanceof Error) &&
      (result.status < 300 ||
        (kind === 'save' && result.status === 409) ||
        // A file whose case changed while it was being imported is refused whole, by design.
        (kind === 'import' && result.status === 422 && result.body.includes('while importing')));
    if (!fine)
      this.unexpected.push({
        kind,
        status,
        detail: result instanceof Error ? result.message : result.body.slice(0, 2000),
        at: performance.now(),
      });
  }

  private pickShared(rng: Random): string {
    return this.shared[Math.floor(rng() * this.shared.length)] ?? '';
  }

  private async operation(
    kind: Kind,
    base: string,
    rng: Random,
    client: number,
    n: number,
    own: Array<{ slug: string; base: number }>,
  ): Promise<Answer> {
    const get = (path: string) =>
      send(base, 'GET', path, {
        headers: this.headers,
        agent: this.agent,
        timeoutMs: this.options.timeoutMs ?? 30_000,
      });
    const pick = Math.floor(rng() * BASES);
    switch (kind) {
      case 'read':
        return get(`${this.casesPath}/${this.pickShared(rng)}`);
      case 'analysis':
        return get(`${this.casesPath}/${this.pickShared(rng)}/analysis`);
      case 'list':
        return get(`${this.casesPath}?limit=20&offset=${Math.floor(rng() * 3) * 20}`);
      case 'search':
        return get(`${this.casesPath}?limit=20&q=${WORDS[Math.floor(rng() * WORDS.length)] ?? ''}`);
      case 'analyse':
        return send(base, 'POST', '/api/analyse', {
          headers: this.headers,
          agent: this.agent,
          body: itemText({ slug: 'what-if', base: pick, title: 'Not saved' }),
          timeoutMs: this.options.timeoutMs ?? 30_000,
        });
      case 'save': {
        const slug = this.pickShared(rng);
        const current = this.known.get(slug) ?? 1;
        const stale = current > 1 && rng() < (this.options.staleShare ?? 0);
        const expected = stale ? current - 1 - Math.floor(rng() * (current - 1)) : current;
        const attempt = this.attempt('save', [{ slug, base: pick }], { expected, stale });
        const item = attempt.items[0] as Item;
        // Half the saves send the document as JSON with If-Match, half the case file's text
        // with the revision in the body: both ways people save.
        const answer =
          rng() < 0.5
            ? await this.write(
                base,
                attempt,
                'PUT',
                `${this.casesPath}/${slug}`,
                { document: itemDocument(item) },
                { 'if-match': `"r${expected}"` },
              )
            : await this.write(base, attempt, 'PUT', `${this.casesPath}/${slug}`, {
                text: itemText(item),
                revision: expected,
              });
        if (answer.status === 200) this.known.set(slug, Math.max(expected + 1, current));
        if (answer.status === 409) {
          const now = (JSON.parse(answer.body) as { currentRevision?: number }).currentRevision;
          if (now !== undefined) this.known.set(slug, Math.max(now, this.known.get(slug) ?? 1));
          // A save made on purpose to an old revision must be refused; if it was not, an
          // acknowledged save overwrote a newer one.
        }
        if (stale && answer.status < 300)
          this.unexpected.push({
            kind,
            status: answer.status,
            detail: `a save to revision ${expected} of ${slug} (at ${current}) was accepted`,
            at: performance.now(),
          });
        return answer;
      }
      case 'create': {
        const slug = `made-${this.tag}-${client}-${n}`;
        const attempt = this.attempt('create', [{ slug, base: pick }]);
        const answer = await this.write(base, attempt, 'POST', this.casesPath, {
          text: itemText(attempt.items[0] as Item),
        });
        if (answer.status === 201) own.push({ slug, base: pick });
        return answer;
      }
      case 'import': {
        // One file of two cases: a new one, and a new revision of one this client made before.
        const fresh = { slug: `imported-${this.tag}-${client}-${n}`, base: pick };
        const again = own.length > 0 ? own[Math.floor(rng() * own.length)] : undefined;
        const items = again
          ? [fresh, { slug: again.slug, base: (again.base + 1) % BASES }]
          : [fresh, { slug: `imported-${this.tag}-${client}-${n}-b`, base: pick + 1 }];
        const attempt = this.attempt('import', items);
        const text = attempt.items.map((item) => `---\n${itemText(item)}`).join('');
        const answer = await this.write(
          base,
          attempt,
          'POST',
          `/api/workspaces/${this.options.workspace}/import`,
          { files: [{ name: `batch-${attempt.id}.yaml`, text }] },
        );
        if (answer.status === 200) own.push(fresh);
        return answer;
      }
    }
  }

  /** Sends a write and writes down what came of it. */
  private async write(
    base: string,
    attempt: WriteAttempt,
    method: 'POST' | 'PUT',
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    try {
      const answer = await send(base, method, path, {
        headers: { ...this.headers, ...headers },
        body,
        agent: this.agent,
        timeoutMs: this.options.timeoutMs ?? 30_000,
      });
      attempt.status = answer.status;
      attempt.doneAt = performance.now();
      if (answer.status >= 200 && answer.status < 300) {
        attempt.outcome = 'acked';
        // The revision saved is the ETag's: the body shows the case as read after the save,
        // which may already be a later revision saved by someone else.
        const etag = /^"r(\d+)"$/.exec(String(answer.headers.etag ?? ''))?.[1];
        const json = JSON.parse(answer.body) as {
          files?: Array<{ cases?: Array<{ id: string; revision: number }> }>;
        };
        for (const item of attempt.items) {
          item.revision =
            attempt.kind === 'import'
              ? json.files?.[0]?.cases?.find((c) => c.id === item.slug)?.revision
              : etag === undefined
                ? undefined
                : Number(etag);
        }
      } else if (answer.status === 409 || answer.status === 422) {
        attempt.outcome = 'refused';
      } else attempt.outcome = 'failed';
      return answer;
    } catch (error) {
      attempt.outcome = 'no-answer';
      attempt.doneAt = performance.now();
      throw error;
    }
  }
}

/** p-th percentile (0–100) of a list of numbers, by nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}
