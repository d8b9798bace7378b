/** The process entry: wires the CLI to standard output, standard error and the exit code. */
import { run } from './main.js';

const chunks: string[] = [];
let size = 0;
// Output is buffered and written in large pieces: thousands of small writes are slow.
const flush = (): void => {
  if (chunks.length === 0) return;
  process.stdout.write(chunks.join(''));
  chunks.length = 0;
  size = 0;
};
const longRunning = process.argv[2] === 'serve';
const code = await run(process.argv.slice(2), {
  out: (text) => {
    chunks.push(text);
    size += text.length;
    // A long-running command (the server) says what it is doing as it happens.
    if (size > 1 << 16 || longRunning) flush();
  },
  err: (text) => {
    flush();
    process.stderr.write(text);
  },
  outBytes: (bytes) => {
    flush();
    process.stdout.write(bytes);
  },
  terminal: process.stdout.isTTY === true,
  colour: process.stdout.isTTY === true && !('NO_COLOR' in process.env),
});
flush();
process.exitCode = code;
