/** Corpus tables and summaries: parsed back and checked against the analyses they come from. */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  FITS,
  MODELS,
  corpusRows,
  corpusSummary,
  participationGrid,
  type Analysis,
  type CaseFile,
} from '../src/core/index.js';
import { CORPUS_COLUMNS, corpusCsv, corpusMarkdown, modelProfileSvg } from '../src/report/index.js';
import { libraryFiles, loadCase } from './library.js';
import { analyseCase } from '../src/core/index.js';

const library = (): { doc: CaseFile; analysis: Analysis }[] =>
  libraryFiles().map((f) => {
    const doc = loadCase(f);
    return { doc, analysis: analyseCase(doc) };
  });

describe('the corpus table', () => {
  const items = library();
  const rows = items.flatMap((i) => corpusRows(i.doc, i.analysis));

  it('has one row per case and part, plus one for each whole initiative', () => {
    expect(rows).toHaveLength(items.reduce((n, i) => n + i.doc.components.length + 1, 0));
  });

  it('CSV parses back (RFC 4180, header row, BOM) to exactly the analysis', () => {
    const csv = corpusCsv(rows);
    expect(csv.startsWith('\ufeffcase,title,component,')).toBe(true);
    expect(csv).toContain('\r\n');
    const records = parse(csv, { bom: true, columns: true, record_delimiter: '\r\n' }) as Record<
      string,
      string
    >[];
    expect(Object.keys(records[0] ?? {})).toEqual([...CORPUS_COLUMNS]);
    let r = 0;
    for (const { doc, analysis } of items) {
      const whole = records[r++];
      expect(whole?.case).toBe(analysis.case);
      expect(whole?.component).toBe('');
      for (const m of MODELS) expect(whole?.[m]).toBe(analysis.overall.models[m].fit);
      expect(whole?.described_as).toBe([...new Set(doc.describedAs ?? [])].join('; '));
      for (const check of analysis.overall.labelCheck)
        expect(whole?.label_check).toContain(check.text);
      expect(Number(whole?.disagreements)).toBe(
        doc.components.reduce((n, _, i) => n + participationGrid(doc, i).disagreements, 0),
      );
      analysis.components.forEach((c, i) => {
        const record = records[r++];
        expect(record?.component).toBe(c.id);
        expect(record?.component_title).toBe(c.title);
        for (const m of MODELS) expect(record?.[m]).toBe(c.models[m].fit);
        for (const check of c.labelCheck) expect(record?.label_check).toContain(check.text);
        const grid = participationGrid(doc, i);
        expect(Number(record?.unknown_stages)).toBe(grid.unknownStages.length);
        expect(Number(record?.disagreements)).toBe(grid.disagreements);
      });
    }
    expect(r).toBe(records.length);
  });

  it('quotes commas, quotes and line breaks so a spreadsheet keeps each cell whole', () => {
    const [first] = rows;
    if (first === undefined) throw new Error('no rows');
    const tricky = { ...first, title: 'A "quoted", comma\nand line' };
    const [record] = parse(corpusCsv([tricky]), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(record?.title).toBe('A "quoted", comma\nand line');
  });

  it('counts a disagreement where the sources give different levels', () => {
    const fountain = rows.filter((row) => row.case === 'fountain-house-clubhouse');
    expect(fountain.find((row) => row.component === '')?.disagreements).toBe(1);
  });

  it('Markdown has a header and one line per row', () => {
    const md = corpusMarkdown(rows).trimEnd().split('\n');
    expect(md).toHaveLength(rows.length + 2);
    expect(md[0]).toBe(`| ${CORPUS_COLUMNS.join(' | ')} |`);
  });
});

describe('the corpus summary', () => {
  const items = library();
  const summary = corpusSummary(items);

  it('counts each model’s fits over the cases, adding up to the number of cases', () => {
    expect(summary.cases).toBe(items.length);
    for (const m of MODELS) {
      expect(FITS.reduce((n, f) => n + summary.byCase[m][f], 0)).toBe(items.length);
      for (const f of FITS)
        expect(summary.byCase[m][f]).toBe(
          items.filter((i) => i.analysis.overall.models[m].fit === f).length,
        );
    }
  });

  it('lists the cases that call themselves co-produced, and which the record supports', () => {
    const claims = items.filter((i) => (i.doc.describedAs ?? []).includes('co-production'));
    expect(summary.claimsCoProduction.map((c) => c.case)).toEqual(claims.map((i) => i.doc.id));
    for (const c of summary.claimsCoProduction) {
      const item = items.find((i) => i.doc.id === c.case);
      expect(c.supported).toBe(item?.analysis.overall.models['co-production'].fit === 'fits');
    }
    expect(summary.claimsCoProduction.some((c) => !c.supported)).toBe(true);
  });

  it('draws an accessible figure: title, description with every count, words not colour alone', () => {
    const svg = modelProfileSvg(summary);
    expect(svg).toMatch(/role="img" aria-labelledby="profile-title profile-desc"/);
    expect(svg).toContain(
      `<title id="profile-title">How the five models fit across ${items.length} cases</title>`,
    );
    for (const m of MODELS)
      expect(svg).toContain(
        `fits ${summary.byCase[m].fits} · partly fits ${summary.byCase[m]['partly-fits']}`,
      );
  });
});
