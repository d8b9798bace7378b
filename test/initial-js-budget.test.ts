// The build's check on initial JavaScript (web/check-initial-js.js): what a first visit loads —
// the entry, its preloads and static imports, not lazily loaded pages — gzipped, within the budget.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SCRIPT = join(import.meta.dirname, '..', 'web', 'check-initial-js.js');

/** A built app: index.html naming main.js, which imports shared.js and lazily loads lazy.js. */
function fakeBuild(sizes: { main: number; shared: number; lazy: number }): string {
  const dir = mkdtempSync(join(tmpdir(), 'coprism-budget-'));
  mkdirSync(join(dir, 'assets'));
  // Random bytes as hex barely compress, so the gzipped size follows the size given.
  const filler = (n: number) => `/*${randomBytes(n / 2).toString('hex')}*/`;
  writeFileSync(
    join(dir, 'index.html'),
    '<script type="module" crossorigin src="/assets/main.js"></script>',
  );
  writeFileSync(
    join(dir, 'assets', 'main.js'),
    `import{a as b}from"./shared.js";const l=()=>import("./lazy.js");${filler(sizes.main)}`,
  );
  writeFileSync(join(dir, 'assets', 'shared.js'), `export const a=1;${filler(sizes.shared)}`);
  writeFileSync(join(dir, 'assets', 'lazy.js'), filler(sizes.lazy));
  return dir;
}

const run = (args: string[]): { status: number; output: string } => {
  try {
    return { status: 0, output: execFileSync('node', [SCRIPT, ...args], { encoding: 'utf8' }) };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { status: e.status, output: e.stdout + e.stderr };
  }
};

describe('the initial JavaScript budget', () => {
  it('counts the entry and its static imports, not lazy pages, and prints the figure', () => {
    const dir = fakeBuild({ main: 20_000, shared: 20_000, lazy: 400_000 });
    const { status, output } = run([dir, '--limit=30']);
    expect(status).toBe(0);
    expect(output).toMatch(/Initial JavaScript: 2\d\.\d KB gzipped of a 30 KB budget/);
    expect(output).toContain('assets/shared.js');
    expect(output).not.toContain('lazy.js');
  });

  it('fails the build when over the budget', () => {
    const dir = fakeBuild({ main: 20_000, shared: 20_000, lazy: 0 });
    const { status, output } = run([dir, '--limit=15']);
    expect(status).toBe(1);
    expect(output).toContain('Over budget by');
  });

  it('fails when there is no build', () => {
    const { status, output } = run([mkdtempSync(join(tmpdir(), 'coprism-budget-')), '--limit=15']);
    expect(status).toBe(1);
    expect(output).toContain('run `vite build web` first');
  });
});
