// The case parser against hostile text: library cases cut, spliced and salted with nasty values,
// random text, deep nesting, prototype-pollution keys and a 10 MB field. It always answers with a
// case or with problems that name a line and a field; it never throws, and never touches
// Object.prototype.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseCase, parseCaseText, type TextProblem } from '../src/core/index.js';

const LIBRARY = readdirSync('cases')
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => readFileSync(join('cases', f), 'utf8'));

const NASTY = [
  '__proto__',
  'constructor',
  'prototype',
  "'; DROP TABLE cases; --",
  '<img src=x onerror=alert(1)>',
  '\u0000',
  '\u001b[31m',
  '\ud800',
  '\ufeff',
  '&a [*a]',
  '*undefined_alias',
  '!!js/function "() => 1"',
  '!!binary AAAA',
  '{',
  ']',
  '- - - -',
  ': :',
  '"\\u12',
  '\t',
  '%YAML 9.9',
  '---',
  '...',
  '1e999',
  '-0',
  '0x1F',
  'null',
  '~',
];

/** A library case with some of its lines dropped, repeated or replaced by nasty text. */
const mutatedCase = fc
  .record({
    text: fc.constantFrom(...LIBRARY),
    edits: fc.array(
      fc.record({
        at: fc.nat(),
        kind: fc.constantFrom('drop', 'repeat', 'replace', 'append', 'indent'),
        nasty: fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 30 })),
      }),
      { minLength: 1, maxLength: 6 },
    ),
  })
  .map(({ text, edits }) => {
    const lines = text.split('\n');
    for (const edit of edits) {
      const i = edit.at % lines.length;
      const line = lines[i] ?? '';
      if (edit.kind === 'drop') lines.splice(i, 1);
      else if (edit.kind === 'repeat') lines.splice(i, 0, line);
      else if (edit.kind === 'replace') lines[i] = line.replace(/:\s.*$/, `: ${edit.nasty}`);
      else if (edit.kind === 'append') lines[i] = `${line}${edit.nasty}`;
      else lines[i] = `  ${line}`;
    }
    return lines.join('\n');
  });

function expectPlacedProblems(problems: readonly TextProblem[], text: string, file: string): void {
  const lines = text.split('\n').length;
  expect(problems.length).toBeGreaterThan(0);
  for (const p of problems) {
    expect(p.file).toBe(file);
    expect(typeof p.field).toBe('string');
    expect(p.message.length).toBeGreaterThan(0);
    if (p.line !== undefined) {
      expect(p.line).toBeGreaterThanOrEqual(1);
      expect(p.line).toBeLessThanOrEqual(lines + 1);
    }
  }
}

function readEither(text: string, file: string): void {
  const read = parseCaseText(text, file);
  if (read.ok) analyseCase(read.value);
  else expectPlacedProblems(read.error, text, file);
}

describe('the case parser under hostile text', () => {
  it('answers mutated library cases with a case or placed problems, never a throw', () => {
    fc.assert(
      fc.property(mutatedCase, (text) => readEither(text, 'mutated.yaml')),
      { numRuns: 400 },
    );
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('answers random text, as YAML and as JSON, with problems', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        readEither(text, 'random.yaml');
        readEither(text, 'random.json');
      }),
      { numRuns: 400 },
    );
  });

  it('keeps __proto__ and constructor keys as plain data, never on Object.prototype', () => {
    const sleepwell = LIBRARY.find((t) => t.includes('id: sleepwell')) ?? '';
    for (const [text, file] of [
      [
        `${sleepwell}\n__proto__:\n  polluted: yes\nconstructor:\n  prototype:\n    polluted: yes\n`,
        'p.yaml',
      ],
      [
        '{"format":"coprism/1","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
        'p.json',
      ],
    ] as const) {
      const read = parseCaseText(text, file);
      expect(read.ok).toBe(false);
      if (!read.ok) expectPlacedProblems(read.error, text, file);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    }
  });

  it('refuses deep nesting with problems, without overflowing the stack', () => {
    const depth = 50_000;
    for (const [text, file] of [
      [`${'['.repeat(depth)}${']'.repeat(depth)}`, 'deep.json'],
      [`title: ${'['.repeat(depth)}${']'.repeat(depth)}\n`, 'deep.yaml'],
      [
        `${Array.from({ length: 2_000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n')} 1\n`,
        'deep-map.yaml',
      ],
    ] as const) {
      const read = parseCaseText(text, file);
      expect(read.ok).toBe(false);
      if (!read.ok) expectPlacedProblems(read.error, text, file);
    }
  });

  it('refuses a 10 MB field, saying which field and by how much', () => {
    const sleepwell = LIBRARY.find((t) => t.includes('id: sleepwell')) ?? '';
    const text = sleepwell.replace(/^summary: .*$/m, `summary: ${'x'.repeat(10 * 1024 * 1024)}`);
    const read = parseCaseText(text, 'huge.yaml');
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.error.map((p) => p.field)).toContain('summary');
      expect(read.error.find((p) => p.field === 'summary')?.message).toMatch(/5,000|5000/);
    }
  });
});
