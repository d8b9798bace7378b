/**
 * Analyses many files in order. A long list is shared among worker threads, one per core, and
 * the results are written in path order as they come back; a short list is done in process.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { analyseFile, type FileResult, type OutputStyle } from './analyse-file.js';
import type { WorkerJob } from './worker.js';

/** Below this many files, starting workers costs more than it saves. */
const PARALLEL_FROM = 200;
const CHUNK = 100;

export async function analyseMany(
  files: readonly string[],
  style: OutputStyle,
  each: (result: FileResult) => void,
): Promise<void> {
  const workerUrl = new URL('./worker.js', import.meta.url);
  const threads = Math.min(availableParallelism(), 4);
  // Run from source (tests, tsx) there is no compiled worker to start: do the work in process.
  if (files.length < PARALLEL_FROM || threads < 2 || import.meta.url.endsWith('.ts')) {
    for (const file of files) each(analyseFile(file, style));
    return;
  }
  const chunks: string[][] = [];
  for (let i = 0; i < files.length; i += CHUNK) chunks.push(files.slice(i, i + CHUNK));
  const done = new Map<number, readonly FileResult[]>();
  let next = 0;
  let written = 0;
  const workers = Array.from(
    { length: Math.min(threads, chunks.length) },
    () => new Worker(workerUrl),
  );
  try {
    await new Promise<void>((resolve, reject) => {
      const send = (worker: Worker): void => {
        const files = chunks[next];
        if (files === undefined) return;
        const job: WorkerJob = { id: next++, files, style };
        worker.postMessage(job);
      };
      for (const worker of workers) {
        worker.on('error', reject);
        worker.on('message', (message: { id: number; results: readonly FileResult[] }) => {
          done.set(message.id, message.results);
          // Write every chunk that is now next in path order.
          for (
            let results = done.get(written);
            results !== undefined;
            results = done.get(written)
          ) {
            done.delete(written);
            for (const result of results) each(result);
            written++;
          }
          if (written === chunks.length) resolve();
          else send(worker);
        });
        send(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
