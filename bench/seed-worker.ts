/**
 * A worker thread of bench/seed-cases.ts: answers each `{ first, count }` message with the
 * seeded cases `first` to `first + count - 1` of the corpus whose seed it was started with.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { seededCase } from './seeded-case.js';

const { seed } = workerData as { seed: number };
parentPort?.on('message', ({ first, count }: { first: number; count: number }) => {
  parentPort?.postMessage(Array.from({ length: count }, (_, i) => seededCase(seed, first + i)));
});
