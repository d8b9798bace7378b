/** The core does no I/O: the lint rule that enforces it must really reject I/O in src/core. */
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

async function lintAs(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? ''}: ${m.message}`);
}

describe('the core stays pure', () => {
  it.each([
    [
      "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n",
      'no-restricted-imports',
    ],
    ["import { join } from 'path';\nexport const j = join;\n", 'no-restricted-imports'],
    ['export const now = Date.now();\n', 'no-restricted-properties'],
    ['export const d = new Date();\n', 'no-restricted-syntax'],
    ["console.log('hi');\n", 'no-restricted-globals'],
    ['export const env = process.env;\n', 'no-restricted-globals'],
    ["export const load = () => import('./x.js');\n", 'no-restricted-syntax'],
    [
      "import { readCaseFile } from '../files/index.js';\nexport const r = readCaseFile;\n",
      'no-restricted-imports',
    ],
  ])('rejects %j in src/core', async (code, rule) => {
    const messages = await lintAs('src/core/example.ts', code);
    expect(messages.some((m) => m.startsWith(rule))).toBe(true);
  });

  it('allows the same I/O outside the core', async () => {
    const messages = await lintAs(
      'src/files/example.ts',
      "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n",
    );
    expect(messages).toEqual([]);
  });

  it('passes the real core', async () => {
    const results = await eslint.lintFiles([join(root, 'src/core')]);
    expect(results.flatMap((r) => r.messages.map((m) => `${r.filePath}: ${m.message}`))).toEqual(
      [],
    );
  });
});
