/**
 * `coprism report`, `gripp2`, `table` and `summary` end to end: the built program, as a user runs
 * it, and for every library case the same report as the server's report route.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseCase } from '../src/core/index.js';
import { caseReport, caseReportHtml, caseReportMarkdown } from '../src/report/index.js';
import { LIBRARY_ID } from '../src/server/library.js';
import { CASES_DIR, libraryFiles, loadCase } from './library.js';
import { expectReportSays, pdfText } from './report-content.js';
import { Client, startHarness, type Harness } from './server-harness.js';

const BIN = join(import.meta.dirname, '..', 'bin', 'coprism.js');
const FIXTURES = join(import.meta.dirname, 'fixtures');
const SLEEPWELL = join(CASES_DIR, 'sleepwell.yaml');
const dir = mkdtempSync(join(tmpdir(), 'coprism-report-cli-'));
afterAll(() => rmSync(dir, { recursive: true }));

function coprism(...args: string[]): {
  code: number | null;
  out: string;
  bytes: Buffer;
  err: string;
} {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    maxBuffer: 1 << 28,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return {
    code: result.status,
    out: result.stdout.toString('utf8'),
    bytes: result.stdout,
    err: result.stderr.toString('utf8'),
  };
}

function run(...args: string[]): Promise<{ code: number | null; out: Buffer; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('close', (code) => resolve({ code, out: Buffer.concat(out), err }));
  });
}

describe('coprism report', () => {
  it('prints Markdown by default, with figures inline', () => {
    const { code, out, err } = coprism('report', SLEEPWELL, '--revision', 'abc123');
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/^# SleepWell\n/);
    expect(out).toContain('| Case revision | abc123 |');
    expect(out).toContain('](data:image/svg+xml;base64,');
  });

  it('writes Markdown with its figures beside it', () => {
    const path = join(dir, 'sleepwell.md');
    const { code } = coprism('report', SLEEPWELL, '--out', path);
    expect(code).toBe(0);
    expect(readFileSync(path, 'utf8')).toContain('](sleepwell-grid-1.svg)');
    expect(readFileSync(join(dir, 'sleepwell-grid-1.svg'), 'utf8')).toMatch(
      /^<svg [^>]*role="img"/,
    );
  });

  it('writes HTML', () => {
    const { code, out } = coprism('report', SLEEPWELL, '--format', 'html');
    expect(code).toBe(0);
    expect(out).toMatch(/^<!doctype html>/);
  });

  it('writes a PDF to a file, and to standard output when it is not a terminal', () => {
    const path = join(dir, 'sleepwell.pdf');
    expect(coprism('report', SLEEPWELL, '--format', 'pdf', '--out', path).code).toBe(0);
    expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const piped = coprism('report', SLEEPWELL, '--format', 'pdf');
    expect(piped.code).toBe(0);
    expect(piped.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(piped.bytes.subarray(-6).toString('latin1')).toContain('%%EOF');
  });

  it('exits 1 with file:line messages for a case with mistakes', () => {
    const { code, out, err } = coprism(
      'report',
      join(FIXTURES, 'mistakes.yaml'),
      '--format',
      'html',
    );
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain(
      "mistakes.yaml:14:47: components[0].roles[0].level: 'lead' is not a level",
    );
  });

  it('exits 1 for a file that does not exist', () => {
    const { code, err } = coprism('report', join(dir, 'missing.yaml'));
    expect(code).toBe(1);
    expect(err).toContain('missing.yaml: this file does not exist');
  });

  it.each([
    [['report'], 'name the case file to report on'],
    [['report', SLEEPWELL, SLEEPWELL], "'report' takes one case file"],
    [
      ['report', SLEEPWELL, '--format', 'docx'],
      "'docx' is not a report format; expected one of markdown, html, pdf",
    ],
    [['report', SLEEPWELL, '--colour'], "Unknown option '--colour'"],
    [['gripp2'], 'name the case file to draft from'],
    [['table'], 'name at least one case file or folder'],
    [['table', CASES_DIR, '--format', 'xlsx'], "'xlsx' is not a table format"],
    [['summary'], 'name at least one case file or folder'],
  ])('exits 2 on a usage mistake: %j', (args, message) => {
    const { code, err, out } = coprism(...args);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain(message);
    expect(err).toContain("Run 'coprism help'");
  });

  it('lists the new commands in help', () => {
    const { out } = coprism('help');
    for (const command of [
      'coprism report FILE',
      'coprism gripp2 FILE',
      'coprism table',
      'coprism summary',
    ])
      expect(out).toContain(command);
  });
});

describe('coprism report on the library, against the server', () => {
  // The library as the server serves it: a public, read-only workspace anyone can read.
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('sqlite', { library: libraryFiles().map((f) => join(CASES_DIR, f)) });
  });
  afterAll(() => h.close());

  it.each(libraryFiles())(
    '%s: the same Markdown, HTML and PDF text from the command as from the server',
    async (file) => {
      const doc = loadCase(file);
      const stored = await h.store.cases.get(LIBRARY_ID, doc.id);
      if (!stored) throw new Error(`${doc.id} is not in the library`);
      const revision = `revision ${stored.revision}`;
      const report = caseReport(doc, analyseCase(doc), revision);
      const formats = ['markdown', 'html', 'pdf'] as const;
      const made = await Promise.all(
        formats.map((format) =>
          run('report', join(CASES_DIR, file), '--format', format, '--revision', revision),
        ),
      );
      const anyone = new Client(h.app);
      for (const [k, format] of formats.entries()) {
        const cli = made[k];
        if (cli === undefined) throw new Error(`no ${format} report was made`);
        expect({ code: cli.code, err: cli.err }).toEqual({ code: 0, err: '' });
        const served = await anyone.get(
          `/api/workspaces/${LIBRARY_ID}/cases/${doc.id}/report?format=${format}`,
        );
        expect(served.statusCode).toBe(200);
        if (format === 'pdf') {
          // The files differ only in creation time and file id; their text is the same.
          const text = pdfText(cli.out);
          expect(pdfText(served.rawPayload)).toBe(text);
          expectReportSays(text, report);
        } else {
          const own = format === 'html' ? caseReportHtml(report) : caseReportMarkdown(report);
          expect(cli.out.toString('utf8')).toBe(own);
          expect(served.body).toBe(own);
        }
      }
    },
    120_000,
  );
});

describe('coprism gripp2', () => {
  it('prints the draft with its gaps marked', () => {
    const { code, out } = coprism('gripp2', SLEEPWELL);
    expect(code).toBe(0);
    expect(out).toMatch(/^# GRIPP2 draft\n/);
    expect(out).toContain('> **To write by hand:**');
  });
});

describe('coprism table and summary', () => {
  it('writes a CSV of the library that parses back, one row per case and part', () => {
    const { code, out, err } = coprism('table', CASES_DIR);
    expect(err).toBe('');
    expect(code).toBe(0);
    const records = parse(out, { bom: true, columns: true }) as Record<string, string>[];
    const cases = new Set(records.map((r) => r.case));
    expect(cases.size).toBe(libraryFiles().length);
    expect(records.filter((r) => r.component === '')).toHaveLength(libraryFiles().length);
  });

  it('writes JSON and Markdown', () => {
    const json = JSON.parse(coprism('table', SLEEPWELL, '--format', 'json').out) as {
      case: string;
    }[];
    expect(json.map((r) => r.case)).toEqual(['sleepwell', 'sleepwell']);
    expect(coprism('table', SLEEPWELL, '--format', 'markdown').out).toMatch(/^\| case \| title \|/);
  });

  it('keeps the good cases when a file in the folder is bad, and exits 1', () => {
    const corpus = mkdtempSync(join(dir, 'corpus-'));
    writeFileSync(join(corpus, 'a-bad.yaml'), 'format: coprism/1\nid: a\n');
    writeFileSync(join(corpus, 'b-good.yaml'), readFileSync(SLEEPWELL, 'utf8'));
    const table = coprism('table', corpus);
    expect(table.code).toBe(1);
    expect(table.err).toMatch(/a-bad\.yaml:1:1: title: is required/);
    expect((parse(table.out, { bom: true, columns: true }) as unknown[]).length).toBe(2);
    const summary = coprism('summary', corpus);
    expect(summary.code).toBe(1);
    expect(summary.out).toContain('1 case, 1 part.');
  });

  it('summarises the library and writes the figure', () => {
    const figure = join(dir, 'profile.svg');
    const { code, out } = coprism('summary', CASES_DIR, '--figure', figure);
    expect(code).toBe(0);
    expect(out).toContain(`${libraryFiles().length} cases`);
    expect(out).toMatch(/call themselves co-produced; the record supports \d+ of \d+/);
    expect(readFileSync(figure, 'utf8')).toContain('<title id="profile-title">');
  });

  it('exits 1 for a folder that does not exist', () => {
    const { code, err } = coprism('table', join(dir, 'nowhere'));
    expect(code).toBe(1);
    expect(err).toContain('no such file or folder');
  });
});
