/** Case reports say what the analysis says, no more: checked line by line for every case in the library. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIT_WORDS, MODEL_NAMES, MODELS, type Analysis, type Fit } from '../src/core/index.js';
import {
  caseReport,
  caseReportHtml,
  caseReportMarkdown,
  caseReportPdf,
  type CaseReport,
} from '../src/report/index.js';
import { libraryFiles, loadCase, analyse } from './library.js';
import { pdftotext } from './poppler.js';

const reportOf = (file: string, revision?: string): CaseReport =>
  caseReport(loadCase(file), analyse(file), revision);

/** Every sentence of the analysis a reader must find in the report. */
function sentences(a: Analysis): string[] {
  return [
    a.overall.summary,
    ...a.overall.labelCheck.map((l) => l.text),
    ...a.components.flatMap((c) => [
      c.summary,
      ...MODELS.flatMap((m) => c.models[m].reasons.map((r) => r.text)),
      ...c.relationshipsEqualised.flatMap((r) => r.reasons.map((x) => x.text)),
      ...c.humanisingReasons.map((r) => r.text),
      ...c.labelCheck.map((l) => l.text),
      ...c.uncertainties.map((u) => u.text),
    ]),
  ];
}

/** The fits a report states in its model tables, in order: whole initiative first, then each part. */
function statedFits(text: string, row: RegExp): Fit[][] {
  const fits = [...text.matchAll(row)].map((m) => {
    const words = m[2] ?? '';
    const fit = (Object.keys(FIT_WORDS) as Fit[]).find((f) => FIT_WORDS[f] === words);
    if (fit === undefined) throw new Error(`'${words}' is not a fit word`);
    return { model: m[1] ?? '', fit };
  });
  const tables: Fit[][] = [];
  for (let i = 0; i < fits.length; i += MODELS.length) {
    const table = fits.slice(i, i + MODELS.length);
    expect(table.map((f) => f.model.toLowerCase())).toEqual(MODELS.map((m) => MODEL_NAMES[m]));
    tables.push(table.map((f) => f.fit));
  }
  return tables;
}

const expectedFits = (a: Analysis): Fit[][] => [
  MODELS.map((m) => a.overall.models[m].fit),
  ...a.components.map((c) => MODELS.map((m) => c.models[m].fit)),
];

const unescapeMarkdown = (s: string): string => s.replace(/\\([\\`*_[\]<>|#])/g, '$1');
const xml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

describe('the Markdown report', () => {
  it.each(libraryFiles())('%s: every sentence of the analysis, and only its fits', (file) => {
    const report = reportOf(file);
    const md = caseReportMarkdown(report);
    const plain = unescapeMarkdown(md);
    for (const s of sentences(report.analysis)) expect(plain).toContain(s);
    const fits = statedFits(md, /^\| ([a-z -]+) \| [●◐○?] ([a-z ]+) \|$/gm);
    expect(fits).toEqual(expectedFits(report.analysis));
    // Every "Model: fit." heading matches the analysis too.
    const headings = [...md.matchAll(/^\*\*([A-Z][a-z -]+): ([a-z ]+)\.\*\*$/gm)];
    expect(headings).toHaveLength(MODELS.length * report.analysis.components.length);
    headings.forEach((h, i) => {
      const c = report.analysis.components[Math.floor(i / MODELS.length)];
      const m = MODELS[i % MODELS.length];
      if (c === undefined || m === undefined) throw new Error('more headings than readings');
      expect(h[1]?.toLowerCase()).toBe(MODEL_NAMES[m]);
      expect(h[2]).toBe(FIT_WORDS[c.models[m].fit]);
    });
    expect(md).toContain(`| Rulebook | ${report.analysis.rulebook} |`);
  });

  it('shows unknown as "not recorded", never as "no part", and disputes with both accounts', () => {
    const md = caseReportMarkdown(reportOf('fountain-house-clubhouse'));
    expect(md).toContain('not recorded');
    expect(md).toMatch(
      /disputed: asked for views \([a-z]+, [a-z0-9-]+\) against an equal partner \([a-z]+, [a-z0-9-]+\)/,
    );
    const sleepwell = caseReportMarkdown(reportOf('sleepwell'));
    // Patients: no part in design (on the record), nothing recorded on piloting.
    expect(sleepwell).toMatch(
      /\| In-patients on the seven pilot wards \(service users\) \| not recorded \| not recorded \| no part \(documented, harcourt-crepaz-keay\) \| not recorded \|/,
    );
  });

  it('prints the case revision when given, and says so when not', () => {
    expect(caseReportMarkdown(reportOf('sleepwell', 'r42'))).toContain('| Case revision | r42 |');
    expect(caseReportMarkdown(reportOf('sleepwell'))).toContain('| Case revision | not given |');
  });

  it('includes every ladder, and the GRIPP2 draft with its gaps marked', () => {
    const md = caseReportMarkdown(reportOf('east-lille'));
    for (const name of [
      "Arnstein's ladder of citizen participation",
      'Think Local Act Personal ladder of co-production',
      'Involvement Matrix',
    ])
      expect(md.split(`#### ${name}`)).toHaveLength(loadCase('east-lille').components.length + 1);
    expect(md).toContain('## GRIPP2 draft');
    expect(md).toContain('> **To write by hand:** The record does not give the period: add it.');
  });

  it('lists every source with its kind', () => {
    const md = caseReportMarkdown(reportOf('east-lille'));
    expect(md).toContain('- `east-lille-conversations` (informal conversation): ');
    expect(md).toContain('- `roelandt-2014` (peer-reviewed): ');
  });
});

describe('the HTML report', () => {
  it.each(libraryFiles())(
    '%s: a self-contained, accessible page with every sentence and fit',
    (file) => {
      const report = reportOf(file);
      const html = caseReportHtml(report);
      expect(html).toMatch(/^<!doctype html>\n<html lang="en-GB">/);
      expect(html).not.toMatch(/<script|<link |src="http|@import/i);
      expect(html).toContain('@media print');
      for (const s of sentences(report.analysis)) expect(html).toContain(xml(s));
      const tables = html.match(/<table>/g) ?? [];
      expect(html.match(/<table><caption>|<table>\n<caption>/g)?.length ?? 0).toBe(tables.length);
      expect([...html.matchAll(/<th(?! scope="(col|row)")[ >]/g)]).toEqual([]);
      const svgs =
        html.match(/<svg [^>]*role="img" aria-labelledby="([^"]+)-title \1-desc"/g) ?? [];
      expect(svgs).toHaveLength(report.analysis.components.length);
      const fits = statedFits(
        html,
        /<tr><th scope="row">([a-z -]+)<\/th><td><span class="fit fit-[a-z-]+"><span aria-hidden="true">[●◐○?] <\/span>([a-z ]+)<\/span><\/td><\/tr>/g,
      );
      expect(fits).toEqual(expectedFits(report.analysis));
      const headings = [...html.matchAll(/<h([1-6])/g)].map((m) => Number(m[1]));
      expect(headings[0]).toBe(1);
      headings.forEach((h, i) => expect(h - (headings[i - 1] ?? 0)).toBeLessThanOrEqual(1));
    },
  );
});

describe('the PDF report', () => {
  it.each(['sleepwell', 'mhf-self-management-wales', 'east-lille'])(
    '%s: tagged, with text a reader can extract',
    async (name) => {
      const report = reportOf(name, 'r7');
      const pdf = await caseReportPdf(report);
      expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
      const dir = mkdtempSync(join(tmpdir(), 'coprism-pdf-'));
      try {
        const path = join(dir, `${name}.pdf`);
        writeFileSync(path, pdf);
        const text = squash(pdftotext(path));
        expect(text).toContain(report.analysis.title);
        expect(text).toContain(squash(report.analysis.overall.summary));
        expect(text).toContain('Case revision r7');
        expect(text).toContain('TO WRITE BY HAND');
        for (const c of report.analysis.components)
          for (const m of MODELS)
            expect(text).toContain(
              squash(
                `${MODEL_NAMES[m].charAt(0).toUpperCase()}${MODEL_NAMES[m].slice(1)}: ${FIT_WORDS[c.models[m].fit]}`,
              ),
            );
        const info = spawnSync('pdfinfo', [path], { encoding: 'utf8' }).stdout;
        expect(info).toMatch(/Tagged:\s+yes/);
        expect(info).toContain(`Title:           ${report.analysis.title}: Coprism report`);
      } finally {
        rmSync(dir, { recursive: true });
      }
    },
  );
});
