/** Writing a command's result to a file named with --out, or to standard output. */
import { writeFileSync } from 'node:fs';
import type { Io } from './main.js';

/** Writes text or bytes to `path`; false (with a message) when it cannot. */
export function writeOut(io: Io, path: string, data: string | Uint8Array): boolean {
  try {
    writeFileSync(path, data);
    return true;
  } catch (error) {
    io.err(
      `${path}: cannot write this file (${(error as NodeJS.ErrnoException).code ?? 'error'})\n`,
    );
    return false;
  }
}
