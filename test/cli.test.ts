/** The `coprism` command end to end: the built program, run as a user would run it. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CASES_DIR, libraryFiles } from './library.js';

const BIN = join(import.meta.dirname, '..', 'bin', 'coprism.js');
const FIXTURES = join(import.meta.dirname, 'fixtures');

function coprism(...args: string[]): { code: number | null; out: string; err: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('coprism analyse', () => {
  it('reads the whole library as text, with every case and every model', () => {
    const { code, out, err } = coprism('analyse', CASES_DIR);
    expect(err).toBe('');
    expect(code).toBe(0);
    for (const file of libraryFiles()) expect(out).toContain(`(${file.replace('.yaml', '')})`);
    expect(out).toContain('evidence-based practice');
    expect(out).not.toContain('\u001b['); // no colour codes when piped
  });

  it('prints one analysis object for one file with --format json', () => {
    const { code, out } = coprism('analyse', join(CASES_DIR, 'sleepwell.yaml'), '--format', 'json');
    expect(code).toBe(0);
    const analysis = JSON.parse(out) as Record<string, unknown>;
    expect(analysis.format).toBe('coprism-analysis/1');
    expect(analysis.case).toBe('sleepwell');
    expect(Object.keys(analysis)).toEqual(
      expect.arrayContaining(['rulebook', 'components', 'overall']),
    );
  });

  it('prints an array in path order for a folder with --format json', () => {
    const { code, out } = coprism('analyse', CASES_DIR, '--format', 'json');
    expect(code).toBe(0);
    const analyses = JSON.parse(out) as { case: string }[];
    expect(analyses.map((a) => `${a.case}.yaml`)).toEqual(libraryFiles());
  });

  it('prints a Markdown report', () => {
    const { code, out } = coprism(
      'analyse',
      join(CASES_DIR, 'east-lille.yaml'),
      '--format',
      'markdown',
    );
    expect(code).toBe(0);
    expect(out).toMatch(/^# East Lille/);
    expect(out).toContain('| Model | Reading |');
    expect(out).toContain('## The initiative as a whole');
  });

  it('colours a terminal only when asked or on a terminal', () => {
    expect(coprism('analyse', join(CASES_DIR, 'sleepwell.yaml'), '--color').out).toContain(
      '\u001b[',
    );
    expect(
      coprism('analyse', join(CASES_DIR, 'sleepwell.yaml'), '--color', '--no-color').out,
    ).not.toContain('\u001b[');
  });

  it('reports every mistake with file, line, column and field, and exits 1', () => {
    const { code, err, out } = coprism('analyse', join(FIXTURES, 'mistakes.yaml'));
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain(
      "mistakes.yaml:14:47: components[0].roles[0].level: 'lead' is not a level; expected one of none, informed, consulted, partner, leads",
    );
    expect(err).toMatch(/mistakes\.yaml:5:\d+: parties\[0\]\.kind: 'patients' is not a party kind/);
    expect(err).toMatch(
      /mistakes\.yaml:15:\d+: components\[0\]\.roles\[1\]\.party: 'staf' is not the id of a party in this case \(did you mean 'staff'\?\)/,
    );
    expect(err).toMatch(/mistakes\.yaml:15:\d+: components\[0\]\.roles\[1\]\.source: 'nowhere'/);
    expect(err).toMatch(/'levle' is not a field here/);
    expect(err).toMatch(/'stuff' is not something a component can produce/);
  });

  it('still analyses the good files when one file in a folder is bad, and exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'coprism-cli-'));
    writeFileSync(join(dir, 'a-bad.yaml'), 'format: coprism/1\nid: a\n');
    writeFileSync(
      join(dir, 'b-good.yaml'),
      spawnSync('cat', [join(CASES_DIR, 'sleepwell.yaml')], { encoding: 'utf8' }).stdout,
    );
    const { code, out, err } = coprism('analyse', dir, '--format', 'json');
    rmSync(dir, { recursive: true });
    expect(code).toBe(1);
    expect((JSON.parse(out) as { case: string }[]).map((a) => a.case)).toEqual(['sleepwell']);
    expect(err).toMatch(/a-bad\.yaml:1:1: title: is required; expected text/);
    expect(err).toMatch(/1 of 2 case files could not be read/);
  });

  it('analyses a long list on worker threads and still prints in path order', () => {
    const dir = mkdtempSync(join(tmpdir(), 'coprism-cli-many-'));
    const sleepwell = readFileSync(join(CASES_DIR, 'sleepwell.yaml'), 'utf8');
    const names: string[] = [];
    for (let i = 0; i < 260; i++) {
      const name = `case-${String(i).padStart(3, '0')}`;
      names.push(name);
      const text =
        i === 130
          ? 'format: coprism/1\nid: broken\n'
          : sleepwell.replace(/^id: sleepwell$/m, `id: ${name}`);
      writeFileSync(join(dir, `${name}.yaml`), text);
    }
    const { code, out, err } = coprism('analyse', dir, '--format', 'json');
    rmSync(dir, { recursive: true });
    expect(code).toBe(1);
    const analyses = JSON.parse(out) as { case: string }[];
    expect(analyses.map((a) => a.case)).toEqual(names.filter((n) => n !== 'case-130'));
    expect(err).toMatch(/case-130\.yaml:1:1: title: is required/);
    expect(err).toMatch(/1 of 260 case files could not be read/);
  });

  it('says plainly when a file is not YAML at all', () => {
    const { code, err } = coprism('analyse', join(FIXTURES, 'not-yaml.yaml'));
    expect(code).toBe(1);
    expect(err).toMatch(/not-yaml\.yaml:\d+:\d+: this is not valid YAML or JSON/);
  });

  it('exits 1 for a path that does not exist', () => {
    const { code, err } = coprism('analyse', join(FIXTURES, 'no-such-file.yaml'));
    expect(code).toBe(1);
    expect(err).toMatch(/no such file or folder/);
  });
});

describe('coprism validate', () => {
  it('passes every case in the library', () => {
    const { code, out } = coprism('validate', CASES_DIR);
    expect(code).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(libraryFiles().length);
  });

  it('fails a file with mistakes, with exit 1', () => {
    const { code, err } = coprism('validate', join(FIXTURES, 'mistakes.yaml'));
    expect(code).toBe(1);
    expect(err).toMatch(/: 6 mistakes\n/);
  });

  it('refuses a file saved as Latin-1 at the byte that breaks UTF-8, and reads UTF-16 with its mark', () => {
    const dir = mkdtempSync(join(tmpdir(), 'coprism-encodings-'));
    try {
      const text = readFileSync(join(CASES_DIR, 'sleepwell.yaml'), 'utf8').replace(
        /^title: .*$/m,
        'title: Le sommeil protégé',
      );
      const line = text.split('\n').findIndex((l) => l.startsWith('title:')) + 1;
      writeFileSync(join(dir, 'latin1.yaml'), Buffer.from(text, 'latin1'));
      writeFileSync(
        join(dir, 'utf16.yaml'),
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      );
      const latin1 = coprism('validate', join(dir, 'latin1.yaml'));
      expect(latin1.code).toBe(1);
      expect(latin1.err).toContain(
        `latin1.yaml:${line}:23: not UTF-8 text: byte 0xE9 cannot start or continue a character here`,
      );
      const utf16 = coprism('analyse', join(dir, 'utf16.yaml'), '--format', 'json');
      expect(utf16.err).toBe('');
      expect(utf16.code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('coprism schema and rules', () => {
  it('prints a JSON Schema that knows the vocabularies', () => {
    const { code, out } = coprism('schema');
    expect(code).toBe(0);
    const schema = JSON.parse(out) as { $schema: string; properties: Record<string, unknown> };
    expect(schema.$schema).toMatch(/2020-12/);
    expect(JSON.stringify(schema)).toContain('"leads"');
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['format', 'parties', 'components']),
    );
  });

  it('lists the rulebook with its version and plain statements', () => {
    const { code, out } = coprism('rules');
    expect(code).toBe(0);
    expect(out).toMatch(/^Coprism rulebook \d+\.\d+\.\d+/);
    expect(out).toContain('cp.made-together');
  });
});

describe('usage errors exit 2', () => {
  it.each([
    [['frobnicate'], /'frobnicate' is not a command/],
    [['analyse'], /name at least one case file or folder/],
    [['analyse', CASES_DIR, '--format', 'pdf'], /'pdf' is not a format/],
    [['analyse', CASES_DIR, '--colour-me'], /Unknown option/],
    [['schema', 'extra'], /takes no arguments/],
    [[], /Usage:/],
  ])('coprism %j', (args, message) => {
    const { code, err, out } = coprism(...args);
    expect(code).toBe(2);
    expect(err + out).toMatch(message);
  });

  it('help exits 0', () => {
    expect(coprism('help').code).toBe(0);
  });
});
