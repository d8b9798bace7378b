// Runs the built `coprism` command as a person would, in its own process.
import { spawn } from 'node:child_process';

export interface CliResult {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

export function coprismAsync(
  args: readonly string[],
  env: Record<string, string | undefined> = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/coprism.js', ...args], {
      env: { ...process.env, NO_COLOR: '1', ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}
