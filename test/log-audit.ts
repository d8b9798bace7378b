// The log audit of a whole test run: every server a test starts writes its log into one folder for
// the run, and every password a test sends is noted beside it. At the end of the run,
// log-audit.setup.ts reads every log and fails the run if a secret reached one.
import { appendFileSync, createWriteStream, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';

/** The run's log folder, set by log-audit.setup.ts; unset outside a test run (benches). */
export const LOG_DIR_ENV = 'COPRISM_TEST_LOG_DIR';

const logDir = (): string | undefined => process.env[LOG_DIR_ENV] || undefined;
let opened = 0;

/** A file in the run's log folder for one server's log, or undefined outside a test run. */
export function runLog(name: string): Writable | undefined {
  const dir = logDir();
  if (!dir) return undefined;
  mkdirSync(join(dir, 'logs'), { recursive: true });
  opened += 1;
  return createWriteStream(join(dir, 'logs', `${name}-${process.pid}-${opened}.log`), {
    flags: 'a',
  });
}

/** Notes a password a test sent, so the audit can look for it in every log. */
export function notePassword(password: string): void {
  const dir = logDir();
  if (!dir || password.length < 8) return; // short ones are too common as text to be findable
  mkdirSync(join(dir, 'passwords'), { recursive: true });
  appendFileSync(join(dir, 'passwords', `${process.pid}.txt`), `${JSON.stringify(password)}\n`);
}

/** One secret found in a log: where, and what kind (never the secret itself). */
export interface Leak {
  readonly file: string;
  readonly line: number;
  readonly what: string;
}

// Every secret the server makes has a prefix and 24 random bytes (src/server/secrets.ts), so any
// of them is found in a log even if no test noted it.
const SHAPES: readonly (readonly [RegExp, string])[] = [
  [/\bcps_[A-Za-z0-9_-]{32}/, 'a session secret (cps_…)'],
  [/\bcsrf_[A-Za-z0-9_-]{32}/, 'a CSRF token (csrf_…)'],
  [/\bcpt_[A-Za-z0-9_-]{32}/, 'an API token (cpt_…)'],
  [/\bcpi_[A-Za-z0-9_-]{32}/, 'an invitation link (cpi_…)'],
  [/\bcpl_[A-Za-z0-9_-]{32}/, 'a share link (cpl_…)'],
  [/scrypt\$\d+\$\d+\$\d+\$/, 'a password hash (scrypt$…)'],
  [/coprism_session=/i, 'a session cookie'],
  [/authorization["']?\s*[:=]/i, 'an Authorization header'],
];

/** Every line of every log in `dir` that holds a noted password or anything shaped like a secret. */
export function findLeaks(dir: string): {
  leaks: Leak[];
  lines: number;
  files: number;
  passwords: number;
} {
  const passwords = new Set<string>();
  for (const file of filesIn(join(dir, 'passwords')))
    for (const line of readFileSync(file, 'utf8').split('\n'))
      if (line) passwords.add(JSON.parse(line) as string);
  const leaks: Leak[] = [];
  let lines = 0;
  const logs = filesIn(join(dir, 'logs'));
  for (const file of logs) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((text, index) => {
        if (!text) return;
        lines += 1;
        const found = (what: string) => leaks.push({ file, line: index + 1, what });
        for (const [shape, what] of SHAPES) if (shape.test(text)) found(what);
        for (const password of passwords) if (text.includes(password)) found('a password');
      });
  }
  return { leaks, lines, files: logs.length, passwords: passwords.size };
}

function filesIn(dir: string): string[] {
  try {
    return readdirSync(dir).map((name) => join(dir, name));
  } catch {
    return [];
  }
}
