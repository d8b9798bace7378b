/**
 * Fills team workspaces with many generated cases, fast enough for 100,000: each case is
 * validated and analysed as a save does (bench/seeded-case.ts, in worker threads), then written
 * through the store's own `cases.create` in transactions of a few hundred cases, into every
 * target in turn, so each case is computed once however many databases are filled. The rows are
 * the ones an import of the same cases writes (test/bench-seed.test.ts proves it); what is saved
 * is YAML parsing and a transaction per file.
 */
import { Worker } from 'node:worker_threads';
import type { Author, Store } from '../src/store/index.js';
import { seededCase, type SeededCase } from './seeded-case.js';

export interface SeedTarget {
  readonly store: Store;
  readonly workspace: string;
  /** Who the revisions are by (a user of that database). */
  readonly author: Author;
}

export interface SeedOptions {
  readonly seed: number;
  readonly count: number;
  /** The revision message, as an import writes it (`Imported from <file>`). */
  readonly message: string;
  /** A new internal case id, as the app makes them. */
  readonly newId: () => string;
  /** Worker threads computing cases; 0 computes them in this thread. */
  readonly workers?: number;
  /** Cases per transaction. */
  readonly batch?: number;
  /** Called after each batch with the number of cases stored so far. */
  readonly progress?: (done: number) => void;
}

/** Stores cases 0 to `count - 1` of the corpus in every target; throws if an id is taken. */
export async function seedCases(
  targets: readonly SeedTarget[],
  options: SeedOptions,
): Promise<void> {
  const batch = options.batch ?? 500;
  let done = 0;
  for await (const cases of computed(options.seed, options.count, batch, options.workers ?? 1)) {
    // One database after the other: SQLite's synchronous writes would otherwise hold up the
    // PostgreSQL client's event loop long enough for its connection attempts to time out.
    for (const { store, workspace, author } of targets)
      await store.transaction(async (repos) => {
        for (const seeded of cases) {
          const created = await repos.cases.create(workspace, options.newId(), {
            ...seeded,
            author,
            message: options.message,
          });
          if (!created)
            throw new Error(`the workspace already has a case with id ${seeded.document.id}`);
        }
      });
    done += cases.length;
    options.progress?.(done);
  }
}

/** The cases in batches, in order; with workers, the next batches are computed while one is stored. */
async function* computed(
  seed: number,
  count: number,
  batch: number,
  workers: number,
): AsyncGenerator<SeededCase[]> {
  if (workers <= 0) {
    for (let first = 0; first < count; first += batch)
      yield Array.from({ length: Math.min(batch, count - first) }, (_, i) =>
        seededCase(seed, first + i),
      );
    return;
  }
  const pool = Array.from({ length: workers }, () => startWorker(seed));
  try {
    const pending: Array<Promise<SeededCase[]>> = [];
    let next = 0;
    const ask = (): void => {
      if (next >= count) return;
      const worker = pool[(next / batch) % workers];
      if (worker) pending.push(worker.compute(next, Math.min(batch, count - next)));
      next += batch;
    };
    for (let i = 0; i < workers * 2; i++) ask();
    for (let result = pending.shift(); result; result = pending.shift()) {
      const cases = await result;
      ask();
      yield cases;
    }
  } finally {
    await Promise.all(pool.map((worker) => worker.stop()));
  }
}

const WORKER_FILE = new URL('./seed-worker.ts', import.meta.url).href;

function startWorker(seed: number): {
  compute(first: number, count: number): Promise<SeededCase[]>;
  stop(): Promise<number>;
} {
  // The tsx loader does not reach worker threads on Node 20, so the worker loads it itself.
  const tsx = import.meta.resolve('tsx/esm/api');
  const worker = new Worker(
    `import(${JSON.stringify(tsx)}).then((tsx) => tsx.tsImport(${JSON.stringify(WORKER_FILE)}, ${JSON.stringify(WORKER_FILE)}))`,
    { eval: true, workerData: { seed } },
  );
  // Answers come back in the order of the questions.
  const waiting: Array<{ resolve: (cases: SeededCase[]) => void; reject: (e: Error) => void }> = [];
  worker.on('message', (cases: SeededCase[]) => waiting.shift()?.resolve(cases));
  worker.on('error', (error) => {
    for (const w of waiting.splice(0)) w.reject(error);
  });
  worker.on('exit', (code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`a seeding worker exited with ${code}`));
  });
  return {
    compute: (first, count) =>
      new Promise((resolve, reject) => {
        waiting.push({ resolve, reject });
        worker.postMessage({ first, count });
      }),
    stop: () => worker.terminate(),
  };
}
