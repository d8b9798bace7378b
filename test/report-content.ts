/**
 * Checking a case report, in any format, against its analysis: what it must say, in order, and
 * that it states no fit and cites no rule the analysis does not.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import {
  FIT_WORDS,
  MODEL_NAMES,
  MODELS,
  PARTY_KIND_WORDS,
  STAGES,
  type Analysis,
  type Fit,
} from '../src/core/index.js';
import { ladderTable, type CaseReport } from '../src/report/index.js';
import { FIT_MARK, accountWords, sortedAccounts } from '../src/report/report-words.js';
import { poppler } from './poppler.js';

/** One form for any report's text: single spaces, none where a line broke after a hyphen or slash. */
export const canonical = (s: string): string =>
  s
    .replace(/\s+/g, ' ')
    .replace(/([-/]) /g, '$1')
    .trim();

/** Markdown as a reader sees it: no table pipes, emphasis marks, code ticks or escapes. */
export function markdownText(md: string): string {
  return md
    .split('\n')
    .filter((line) => !/^\|( --- \|)+$/.test(line))
    .map((line) => (line.startsWith('|') ? line.split(/(?<!\\)\|/).join(' ') : line))
    .join('\n')
    .replace(/\*\*|`|(?<!\\)_/g, '')
    .replace(/\\([\\`*_[\]<>|#])/g, '$1');
}

/** HTML as a reader sees it: the text of the body, tags gone, entities decoded. */
export function htmlText(html: string): string {
  const body = html.slice(html.indexOf('<body>'));
  return (
    body
      .replace(/<svg[\s\S]*?<\/svg>/g, ' ')
      // Inline elements sit inside a sentence; any other tag ends a run of text.
      .replace(/<\/?(?:span|strong|em|code|small|a)(?: [^>]*)?>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&')
  );
}

/** Runs `use` on the PDF written to a temporary file, which is removed after. */
export function withPdfFile<T>(pdf: Buffer, use: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'coprism-pdf-'));
  try {
    const path = join(dir, 'report.pdf');
    writeFileSync(path, pdf);
    return use(path);
  } finally {
    rmSync(dir, { recursive: true });
  }
}

/** A PDF's text in the order it was written (pdftotext -raw), without the page footers. */
export const pdfText = (pdf: Buffer): string =>
  withPdfFile(pdf, (path) => pdftotext(['-raw', path, '-']))
    .split('\n')
    .filter((line) => !/ · Coprism rulebook [^ ]+ · page \d+ of \d+$/.test(line))
    .join('\n');

export { poppler };

const pdftotext = (args: readonly string[]): string => poppler('pdftotext', args);

/** What a reader must find in the report, in this order: from the record and the analysis. */
export function reportPieces(report: CaseReport): string[] {
  const { doc, analysis } = report;
  const out: string[] = [analysis.title, analysis.overall.summary, `Case ${analysis.case}`];
  if (doc.setting !== undefined) out.push(`Setting ${doc.setting}`);
  out.push(`Rulebook ${analysis.rulebook}`);
  out.push(`Case revision ${report.revision ?? 'not given'}`);
  if (analysis.components.length > 1)
    out.push(`The initiative is read in ${analysis.components.length} parts`);
  out.push(...analysis.overall.labelCheck.map((l) => l.text));
  analysis.components.forEach((c, i) => {
    out.push(c.title, c.summary);
    for (const row of report.grids[i]?.rows ?? []) {
      out.push(`${row.party.label ?? row.party.id} (${PARTY_KIND_WORDS[row.party.kind]})`);
      for (const stage of STAGES) {
        const cell = row.cells[stage];
        if (cell.state !== 'unknown') out.push(...sortedAccounts(cell.accounts).map(accountWords));
      }
    }
    for (const m of MODELS) out.push(...c.models[m].reasons.map(cited));
    for (const rel of c.relationshipsEqualised)
      out.push(
        `Evens out ${PARTY_KIND_WORDS[rel.between[0]]} and ${PARTY_KIND_WORDS[rel.between[1]]}`,
        ...rel.reasons.map(cited),
      );
    out.push(...c.humanisingReasons.map(cited));
    out.push(...c.labelCheck.map(cited));
    out.push(...c.uncertainties.map((u) => u.text));
    for (const reading of report.ladders[i] ?? []) {
      const t = ladderTable(reading);
      out.push(t.name);
      for (const row of t.rows) out.push([row.party.label ?? row.party.id, ...row.cells].join(' '));
      out.push(...t.rules.map((r) => `${r.id}: ${r.statement}`));
    }
  });
  const { items } = report.gripp2;
  out.push(`${items.filter((i) => i.gap !== undefined).length} of ${items.length} items`);
  for (const item of items) {
    out.push(item.topic, item.asks, ...item.prefilled);
    if (item.gap !== undefined) out.push(item.gap);
  }
  for (const s of doc.sources ?? []) out.push(`${s.id} (`, s.citation);
  return out;
}

const cited = (r: { text: string; rule: string }): string => `${r.text} (rule ${r.rule}`;

/** How many sentences the report cites a rule for: one per reason and per label check. */
const citations = (a: Analysis): number =>
  a.components.reduce(
    (n, c) =>
      n +
      MODELS.reduce((k, m) => k + c.models[m].reasons.length, 0) +
      c.relationshipsEqualised.reduce((k, r) => k + r.reasons.length, 0) +
      c.humanisingReasons.length +
      c.labelCheck.length,
    0,
  );

const MODEL_WORDS = MODELS.map((m) => MODEL_NAMES[m]).join('|');
// Longest first, so "partly fits" is never read as "fits".
const FIT_ALTERNATIVES = (Object.values(FIT_WORDS) as string[])
  .sort((a, b) => b.length - a.length)
  .join('|');

function fitOf(words: string | undefined): Fit {
  const fit = (Object.keys(FIT_WORDS) as Fit[]).find((f) => FIT_WORDS[f] === words);
  if (fit === undefined) throw new Error(`'${words ?? ''}' is not a fit word`);
  return fit;
}

/** Every fit the text states in a table row ("model mark fit"), grouped in fives. */
function tableFits(text: string): { model: string; fit: Fit; mark: string }[][] {
  const rows = [
    ...text.matchAll(new RegExp(`(${MODEL_WORDS}) ([●◐○?]) (${FIT_ALTERNATIVES})`, 'gi')),
  ].map((m) => ({ model: (m[1] ?? '').toLowerCase(), mark: m[2] ?? '', fit: fitOf(m[3]) }));
  const tables = [];
  for (let i = 0; i < rows.length; i += MODELS.length)
    tables.push(rows.slice(i, i + MODELS.length));
  return tables;
}

/** Every "Model: fit" heading the text has, with or without a mark. */
const headingFits = (text: string): { model: string; fit: Fit }[] =>
  [
    ...text.matchAll(
      new RegExp(`(${MODEL_WORDS}): (?:[●◐○?] )?(${FIT_ALTERNATIVES})(?![a-z])`, 'gi'),
    ),
  ].map((m) => ({ model: (m[1] ?? '').toLowerCase(), fit: fitOf(m[2]) }));

/**
 * The report's text (any format, as a reader sees it) says what the analysis says, in order, and
 * no more: its fit tables and model headings are exactly the analysis's, and every rule it cites
 * is for a sentence of the analysis.
 */
export function expectReportSays(text: string, report: CaseReport): void {
  const plain = canonical(text);
  let from = 0;
  for (const piece of reportPieces(report)) {
    const at = plain.indexOf(canonical(piece), from);
    if (at < 0) {
      const found = plain.includes(canonical(piece)) ? ' (it is there, but out of order)' : '';
      throw new Error(`the report does not say, in its place: ${piece}${found}`);
    }
    from = at + canonical(piece).length;
  }
  const { analysis } = report;
  const expected = [analysis.overall.models, ...analysis.components.map((c) => c.models)];
  expect(tableFits(plain)).toEqual(
    expected.map((models) =>
      MODELS.map((m) => ({
        model: MODEL_NAMES[m],
        fit: models[m].fit,
        mark: FIT_MARK[models[m].fit],
      })),
    ),
  );
  expect(headingFits(plain)).toEqual(
    analysis.components.flatMap((c) =>
      MODELS.map((m) => ({ model: MODEL_NAMES[m], fit: c.models[m].fit })),
    ),
  );
  expect(plain.split('(rule ').length - 1).toBe(citations(analysis));
  const gaps = report.gripp2.items.filter((i) => i.gap !== undefined).length;
  // Each gap is marked, and the draft's opening line says how they are marked.
  expect(plain.match(/to write by hand/gi)?.length).toBe(gaps + 1);
}
