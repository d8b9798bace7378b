/**
 * Measuring a PDF table before it is drawn: the type size and column widths at which no word
 * breaks in two, and the room its caption, heads and first row need to stay on one page.
 */
import { faceFor, printable, type Style } from './pdf-fonts.js';

type Doc = PDFKit.PDFDocument;

/** Points between a cell's border and its text, left and right. */
export const CELL_PADDING = 4;

/** A table measured for the page. */
export interface TableLayout {
  readonly heads: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly rowHeads: boolean;
  readonly rowInk: readonly string[] | undefined;
  /** The style of the cell in row i (0 for the heads) and column j. */
  readonly styleOf: (i: number, j: number) => Style;
  readonly size: number;
  readonly columns: number[];
  /** Points the caption, heads and first row need, to keep them on one page. */
  readonly room: number;
}

/** Measures a table whose planned column widths are `widths`; heads and row heads are bold. */
export function tableLayout(
  doc: Doc,
  heads: readonly string[],
  rows: readonly (readonly string[])[],
  widths: readonly number[],
  rowHeads: boolean,
  rowInk?: readonly string[],
): TableLayout {
  const styleOf = (i: number, j: number): Style =>
    i === 0 || (rowHeads && j === 0) ? 'small-bold' : 'small';
  const { size, columns } = fitColumns(doc, [heads, ...rows], widths, styleOf);
  const room =
    30 +
    [heads, rows[0] ?? []].reduce(
      (h, row, i) => h + rowHeight(doc, row, i, columns, styleOf, size),
      0,
    );
  return { heads, rows, rowHeads, rowInk, styleOf, size, columns, room };
}

/** A cell's text as it will print, with the face that has every character of it. */
export function printedCell(
  style: Style,
  text: string,
  size: number,
): { text: string; font: { src: string; size: number } } {
  const line = printable(text);
  return { text: line, font: { src: faceFor(style, line), size } };
}

/**
 * The largest type size, from 8 pt down to 6.5, and the column widths at which every word of
 * every cell fits its column: a column too narrow for its longest word takes the room from the
 * columns with the most to spare, none giving up more than a quarter of its width.
 */
function fitColumns(
  doc: Doc,
  cells: readonly (readonly string[])[],
  widths: readonly number[],
  styleOf: (i: number, j: number) => Style,
): { size: number; columns: number[] } {
  for (let size = 8; ; size -= 0.25) {
    const need = widths.map(
      (_, j) =>
        Math.max(...cells.map((row, i) => widestWord(doc, row[j] ?? '', styleOf(i, j), size))) +
        CELL_PADDING * 2,
    );
    const out = widths.map((w, j) => Math.max(w, need[j] ?? 0));
    const spare = (j: number): number => {
      const w = out[j] ?? 0;
      return Math.max(0, Math.min(w - (need[j] ?? 0), w - (widths[j] ?? 0) * 0.75));
    };
    let owed = out.reduce((n, w) => n + w, 0) - widths.reduce((n, w) => n + w, 0);
    for (const j of out.map((_, k) => k).sort((a, b) => spare(b) - spare(a))) {
      const take = Math.min(owed, spare(j));
      out[j] = (out[j] ?? 0) - take;
      owed -= take;
    }
    if (owed < 0.01) return { size, columns: out };
    if (size <= 6.5) return { size, columns: [...widths] };
  }
}

/** How tall a row sets: its tallest cell and the cell padding above and below. */
function rowHeight(
  doc: Doc,
  row: readonly string[],
  i: number,
  widths: readonly number[],
  styleOf: (i: number, j: number) => Style,
  size: number,
): number {
  const heights = row.map((cell, j) => {
    const line = printable(cell);
    doc.font(faceFor(styleOf(i, j), line)).fontSize(size);
    return doc.heightOfString(line, { width: (widths[j] ?? 0) - CELL_PADDING * 2 });
  });
  return Math.max(0, ...heights) + 6;
}

/** The width of the longest piece of `text` a line may not break (a word, or up to a hyphen). */
function widestWord(doc: Doc, text: string, style: Style, size: number): number {
  const line = printable(text);
  doc.font(faceFor(style, line)).fontSize(size);
  return Math.max(0, ...line.split(/\s+|(?<=-)/).map((word) => doc.widthOfString(word)));
}
