/** A worker thread of `coprism analyse`: analyses the files it is sent and sends back the text. */
import { parentPort } from 'node:worker_threads';
import { analyseFile, type OutputStyle } from './analyse-file.js';

export interface WorkerJob {
  readonly id: number;
  readonly files: readonly string[];
  readonly style: OutputStyle;
}

parentPort?.on('message', (job: WorkerJob) => {
  const results = job.files.map((file) => analyseFile(file, job.style));
  parentPort?.postMessage({ id: job.id, results });
});
