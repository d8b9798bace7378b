/** Case reports say what the analysis says, no more: checked line by line for every case in the library. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseCase, type CaseFile } from '../src/core/index.js';
import {
  caseReport,
  caseReportHtml,
  caseReportMarkdown,
  caseReportPdf,
  type CaseReport,
} from '../src/report/index.js';
import { REPLACEMENT } from '../src/report/pdf-fonts.js';
import { libraryFiles, loadCase } from './library.js';
import {
  canonical,
  expectReportSays,
  htmlText,
  markdownText,
  pdfText,
  poppler,
  withPdfFile,
} from './report-content.js';

const reportOf = (name: string, revision?: string): CaseReport => {
  const doc = loadCase(name);
  return caseReport(doc, analyseCase(doc), revision);
};
const MANY_SCRIPTS = join(import.meta.dirname, 'fixtures', 'many-scripts.yaml');

describe.each(libraryFiles())('the reports of %s', (file) => {
  const report = reportOf(file, 'r7');

  it('Markdown: what the analysis says, in order, and no other fit or rule', () => {
    expectReportSays(markdownText(caseReportMarkdown(report)), report);
  });

  it('HTML: the same, on a self-contained page with captioned tables and headed figures', () => {
    const html = caseReportHtml(report);
    expectReportSays(htmlText(html), report);
    expect(html).toMatch(/^<!doctype html>\n<html lang="en-GB">/);
    expect(html).not.toMatch(/<script|<link |src="http|@import/i);
    expect(html).toContain('@media print');
    const tables = html.match(/<table>/g) ?? [];
    expect(html.match(/<table><caption>|<table>\n<caption>/g)?.length ?? 0).toBe(tables.length);
    expect([...html.matchAll(/<th(?! scope="(col|row)")[ >]/g)]).toEqual([]);
    const svgs = html.match(/<svg [^>]*role="img" aria-labelledby="([^"]+)-title \1-desc"/g) ?? [];
    expect(svgs).toHaveLength(report.analysis.components.length);
    const headings = [...html.matchAll(/<h([1-6])/g)].map((m) => Number(m[1]));
    expect(headings[0]).toBe(1);
    headings.forEach((h, i) => expect(h - (headings[i - 1] ?? 0)).toBeLessThanOrEqual(1));
  });

  it('PDF: tagged, with embedded fonts, and its extracted text says the same', async () => {
    const pdf = await caseReportPdf(report);
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    const text = pdfText(pdf);
    expectReportSays(text, report);
    expect(text).not.toContain(REPLACEMENT);
    expect(text).not.toContain('not in this PDF');
    const info = popplerOn('pdfinfo', pdf);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toContain(`Title:           ${report.analysis.title}: Coprism report`);
  });
});

describe('the checks themselves', () => {
  const report = reportOf('sleepwell');
  const md = caseReportMarkdown(report);
  const says = (text: string) => () => expectReportSays(markdownText(text), report);

  it('pass the report as it is', () => {
    expect(says(md)).not.toThrow();
  });

  it('fail on a changed fit, a dropped reason, one out of order, or an extra rule cited', () => {
    const fit = '| evidence-based practice | ● fits |';
    expect(md).toContain(fit);
    expect(says(md.replace(fit, '| evidence-based practice | ○ does not fit |'))).toThrow();
    const reason = report.analysis.components[0]?.models['co-production'].reasons[0]?.text ?? '';
    expect(reason).not.toBe('');
    expect(says(md.replace(reason, 'Something else.'))).toThrow(/does not say/);
    const summary = report.analysis.overall.summary;
    expect(says(md.replace(summary, '') + summary)).toThrow(/out of order/);
    expect(says(`${md}\n- Also good. (rule \`cp.invented\`)`)).toThrow();
  });
});

describe('the Markdown report', () => {
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

describe('text in many scripts', () => {
  const doc = loadCase(MANY_SCRIPTS);
  const report = caseReport(doc, analyseCase(doc), 'r1');
  // What the record says in its own words, each of which the PDF must give back exactly.
  const ownWords = [
    doc.title,
    doc.setting ?? '',
    ...doc.parties.map((p) => p.label ?? ''),
    ...(doc.sources ?? []).map((s) => s.citation),
    ...doc.components.flatMap((c) => [
      c.title,
      ...(c.humanising ?? []),
      ...(c.relationships ?? []).map((r) => r.note ?? ''),
      ...(c.attempts ?? []).map((a) => a.note ?? ''),
    ]),
  ];

  it('are in the fixture: Welsh, Polish, Greek, Cyrillic, Turkish, Vietnamese, French, quotes', () => {
    const all = ownWords.join(' ');
    for (const ch of ['ŵ', 'ŷ', 'ł', 'Θ', 'ї', 'ı', 'ễ', 'É', '“', '„', '«', '’', '—'])
      expect(all).toContain(ch);
  });

  it('come out of the PDF exactly, set in embedded fonts', async () => {
    const pdf = await caseReportPdf(report);
    const text = pdfText(pdf);
    for (const words of ownWords) expect(canonical(text)).toContain(canonical(words));
    expect(text).not.toContain(REPLACEMENT);
    expectReportSays(text, report);
    expect(popplerOn('pdfinfo', pdf)).toContain(`Title:           ${doc.title}: Coprism report`);
    const fonts = popplerOn('pdffonts', pdf).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    // Every font embedded, subset and with a Unicode map: none of the 14 standard fonts.
    for (const line of fonts) expect(line).toMatch(/^[A-Z]{6}\+DejaVu\S+ .* yes yes yes /);
  });

  it('come out of the Markdown and HTML reports as written', () => {
    expectReportSays(markdownText(caseReportMarkdown(report)), report);
    expectReportSays(htmlText(caseReportHtml(report)), report);
  });
});

describe('characters no embedded font has', () => {
  const base = loadCase(MANY_SCRIPTS);
  const doc: CaseFile = {
    ...base,
    title: `${base.title} 中文`,
    parties: base.parties.map((p, i) => (i === 0 ? { ...p, label: `${p.label ?? ''} 한국` } : p)),
  };
  const report = caseReport(doc, analyseCase(doc));

  it('print as a visible replacement, and the PDF says which they were', async () => {
    const text = canonical(pdfText(await caseReportPdf(report)));
    expect(text).toContain(canonical(`${base.title} ${REPLACEMENT}${REPLACEMENT}`));
    expect(text).toContain(`${base.parties[0]?.label ?? ''} ${REPLACEMENT}${REPLACEMENT}`);
    expect(text).toContain(
      `Some characters in this record are not in this PDF's font and print as ${REPLACEMENT}: U+4E2D, U+6587, U+D55C, U+AD6D. The HTML and Markdown reports show them as written.`,
    );
    expect(text).not.toContain('中');
  });

  it('stay as written in the Markdown and HTML reports', () => {
    for (const text of [caseReportMarkdown(report), caseReportHtml(report)]) {
      expect(text).toContain(doc.title);
      expect(text).toContain(`${base.parties[0]?.label ?? ''} 한국`);
      expect(text).not.toContain(REPLACEMENT);
    }
  });
});

/** Runs a poppler tool on PDF bytes. */
function popplerOn(tool: 'pdfinfo' | 'pdffonts', pdf: Buffer): string {
  return withPdfFile(pdf, (path) => poppler(tool, [path]));
}
