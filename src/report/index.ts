/** Renderers: analyses and the rulebook as text and Markdown. Pure: they return strings. */
export { analysisText } from './analysis-text.js';
export { analysisMarkdown } from './analysis-markdown.js';
export { rulebookText } from './rulebook-text.js';
export { PLAIN, type Palette } from './palette.js';
export { caseReport, type CaseReport } from './case-report.js';
export {
  caseReportMarkdown,
  gripp2Markdown,
  dataUri,
  type FigureLink,
} from './case-report-markdown.js';
export { caseReportHtml } from './case-report-html.js';
export { caseReportPdf } from './case-report-pdf.js';
export { gridFigure, figureSvg, type Figure } from './grid-figure.js';
export { ladderTable, type LadderTable } from './ladder-table.js';
export { corpusCsv, corpusJson, corpusMarkdown, CORPUS_COLUMNS } from './corpus-table.js';
export { corpusSummaryText, modelProfileSvg } from './corpus-summary.js';
