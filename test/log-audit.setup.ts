// Before the run: an empty folder for every server's log (kept afterwards as a CI artefact).
// After it: fails the run if any log holds a password or a secret, naming the file and line.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findLeaks, LOG_DIR_ENV } from './log-audit.js';

const ROOT = fileURLToPath(new URL('../test-artifacts/server-logs', import.meta.url));
// One folder per run, so two runs in one checkout never read or delete each other's logs.
const DIR = join(ROOT, String(process.pid));

export default function setup(): () => void {
  mkdirSync(ROOT, { recursive: true });
  for (const run of readdirSync(ROOT))
    if (!isRunning(Number(run))) rmSync(join(ROOT, run), { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  // Set before any test worker starts, so every worker and every server it spawns inherits it.
  process.env[LOG_DIR_ENV] = DIR;
  return () => {
    const { leaks, lines, files, passwords } = findLeaks(DIR);
    // Tests sent passwords but no server logged a line: the audit would be checking nothing.
    if (passwords > 0 && lines === 0)
      return fail(`tests sent ${passwords} passwords but no server wrote a log line.`);
    if (leaks.length > 0) {
      const listed = leaks.slice(0, 20).map((l) => `  ${l.file}:${l.line}: ${l.what}`);
      fail(`Secrets reached the server logs (${leaks.length} lines):\n${listed.join('\n')}`);
      return;
    }
    process.stdout.write(
      `Log audit: ${lines} log lines in ${files} server logs, no password or secret in any.\n`,
    );
  };
}

// vitest ignores errors thrown by a global teardown, so the audit sets the exit code itself.
function fail(message: string): void {
  process.stderr.write(`\nLog audit FAILED: ${message}\n`);
  process.exitCode = 1;
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
