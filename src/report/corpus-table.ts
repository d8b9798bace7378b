/** The corpus table (one row per case and part) as CSV, JSON or Markdown. */
import { stringify } from 'csv-stringify/sync';
import { MODELS, type CorpusRow } from '../core/index.js';
import { escape } from './analysis-markdown.js';

/** Column names, stable for spreadsheets and scripts; fits are the analysis's own fit ids. */
export const CORPUS_COLUMNS = [
  'case',
  'title',
  'component',
  'component_title',
  'described_as',
  ...MODELS,
  'label_check',
  'unknown_stages',
  'disagreements',
] as const;

function cells(row: CorpusRow): Record<(typeof CORPUS_COLUMNS)[number], string | number> {
  return {
    case: row.case,
    title: row.title,
    component: row.component,
    component_title: row.componentTitle,
    described_as: row.describedAs.join('; '),
    ...row.fits,
    label_check: row.labelCheck,
    unknown_stages: row.unknownStages,
    disagreements: row.disagreements,
  };
}

/** RFC 4180 CSV with a header row, CRLF line ends and a byte-order mark so spreadsheets read UTF-8. */
export function corpusCsv(rows: readonly CorpusRow[]): string {
  return stringify(rows.map(cells), {
    header: true,
    columns: [...CORPUS_COLUMNS],
    bom: true,
    record_delimiter: 'windows',
  });
}

export function corpusJson(rows: readonly CorpusRow[], pretty: boolean): string {
  return `${JSON.stringify(rows, null, pretty ? 2 : undefined)}\n`;
}

export function corpusMarkdown(rows: readonly CorpusRow[]): string {
  const out = [
    `| ${CORPUS_COLUMNS.join(' | ')} |`,
    `| ${CORPUS_COLUMNS.map((c) => (c === 'unknown_stages' || c === 'disagreements' ? '---:' : '---')).join(' | ')} |`,
  ];
  for (const row of rows) {
    const c = cells(row);
    out.push(
      `| ${CORPUS_COLUMNS.map((k) => escape(String(c[k])).replace(/\s*\n\s*/g, ' ')).join(' | ')} |`,
    );
  }
  return `${out.join('\n')}\n`;
}
