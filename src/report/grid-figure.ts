/**
 * The who-did-what grid as a figure: laid out once as shapes, then written as SVG (here) or drawn
 * into a PDF (case-report-pdf.ts), so both show the same picture.
 */
import { LEVELS, STAGES, type GridCell, type ParticipationGrid } from '../core/index.js';
import {
  LEVEL_FILL,
  LEVEL_INK,
  LEVEL_SHORT,
  STAGE_SHORT,
  UNKNOWN_WORDS,
  sortedAccounts,
} from './report-words.js';

export type Shape =
  | {
      readonly kind: 'rect';
      readonly x: number;
      readonly y: number;
      readonly w: number;
      readonly h: number;
      readonly fill: string;
      readonly stroke: string;
      readonly dashed?: boolean;
      /** Diagonal hatching: the mark of "not recorded", distinct from any level's fill. */
      readonly hatch?: boolean;
    }
  | {
      readonly kind: 'text';
      readonly x: number;
      readonly y: number;
      readonly text: string;
      readonly size: number;
      readonly ink: string;
      readonly anchor: 'start' | 'middle';
      readonly bold?: boolean;
      readonly italic?: boolean;
    };

type TextShape = Extract<Shape, { kind: 'text' }>;

export interface Figure {
  readonly width: number;
  readonly height: number;
  readonly shapes: readonly Shape[];
  readonly title: string;
  readonly description: string;
}

/** Sizes of a grid figure: roomy for a screen, compact to fit a portrait page. */
export interface Geometry {
  readonly labelW: number;
  readonly cellW: number;
  readonly cellH: number;
  readonly font: number;
  readonly clipAt: number;
  readonly keyW: number;
}

export const ROOMY: Geometry = {
  labelW: 190,
  cellW: 70,
  cellH: 30,
  font: 10,
  clipAt: 34,
  keyW: 62,
};
export const COMPACT: Geometry = {
  labelW: 120,
  cellW: 40,
  cellH: 24,
  font: 7,
  clipAt: 30,
  keyW: 44,
};

const HEAD_H = 24;
const GRID = '#8a8a8a';
const UNKNOWN_FILL = '#f4f4f4';
const UNKNOWN_INK = '#555555';

/** Lays out one component's grid, with a legend under it. */
export function gridFigure(grid: ParticipationGrid, g: Geometry = ROOMY): Figure {
  const { labelW: LABEL_W, cellW: CELL_W, cellH: CELL_H } = g;
  const shapes: Shape[] = [];
  const top = HEAD_H;
  STAGES.forEach((stage, j) => {
    shapes.push(
      text(
        LABEL_W + j * CELL_W + CELL_W / 2,
        16,
        STAGE_SHORT[stage],
        g.font,
        '#1a1a1a',
        'middle',
        true,
      ),
    );
  });
  let counts = { known: 0, unknown: 0, disputed: 0 };
  grid.rows.forEach((row, i) => {
    const y = top + i * CELL_H;
    shapes.push(
      text(
        4,
        y + CELL_H / 2 + 4,
        clip(row.party.label ?? row.party.id, g.clipAt),
        g.font * 0.95,
        '#1a1a1a',
        'start',
      ),
    );
    STAGES.forEach((stage, j) => {
      const x = LABEL_W + j * CELL_W;
      const cell = row.cells[stage];
      counts = { ...counts, [cell.state]: counts[cell.state] + 1 };
      shapes.push(...cellShapes(cell, x, y, g));
    });
  });
  const legendY = top + grid.rows.length * CELL_H + 14;
  shapes.push(...legend(legendY, g));
  const title = `Who did what: ${grid.title}`;
  const description = `A grid of the ${grid.rows.length} parties (rows) against the ${STAGES.length} stages (columns). Each cell names how far the party took part: no part, told, asked, partner or in charge; darker cells hold more power. ${counts.known} cells are recorded, ${counts.unknown} are not recorded (hatched) and ${counts.disputed} are disputed (split, with a dashed border, showing each account). The table that follows gives the same facts with their sources.`;
  return {
    width: LABEL_W + STAGES.length * CELL_W + 2,
    height: legendY + 44,
    shapes,
    title,
    description,
  };
}

function cellShapes(cell: GridCell, x: number, y: number, g: Geometry): Shape[] {
  const { cellW: CELL_W, cellH: CELL_H, font } = g;
  if (cell.state === 'unknown')
    return [
      { kind: 'rect', x, y, w: CELL_W, h: CELL_H, fill: UNKNOWN_FILL, stroke: GRID, hatch: true },
      {
        ...text(
          x + CELL_W / 2,
          y + CELL_H / 2 + 3,
          UNKNOWN_WORDS,
          font * 0.85,
          UNKNOWN_INK,
          'middle',
        ),
        italic: true,
      },
    ];
  if (cell.state === 'known')
    return [
      { kind: 'rect', x, y, w: CELL_W, h: CELL_H, fill: LEVEL_FILL[cell.level], stroke: GRID },
      text(
        x + CELL_W / 2,
        y + CELL_H / 2 + 3.5,
        LEVEL_SHORT[cell.level],
        font,
        LEVEL_INK[cell.level],
        'middle',
      ),
    ];
  const levels = [...new Set(sortedAccounts(cell.accounts).map((a) => a.level))];
  const h = CELL_H / levels.length;
  return [
    ...levels.flatMap((level, k): Shape[] => [
      { kind: 'rect', x, y: y + k * h, w: CELL_W, h, fill: LEVEL_FILL[level], stroke: GRID },
      text(
        x + CELL_W / 2,
        y + k * h + h / 2 + 3,
        LEVEL_SHORT[level],
        font * 0.85,
        LEVEL_INK[level],
        'middle',
      ),
    ]),
    {
      kind: 'rect',
      x: x + 1,
      y: y + 1,
      w: CELL_W - 2,
      h: CELL_H - 2,
      fill: 'none',
      stroke: '#b35900',
      dashed: true,
    },
  ];
}

function legend(y: number, g: Geometry): Shape[] {
  const f = g.font * 0.9;
  const w = g.keyW;
  const shapes: Shape[] = [text(4, y + 12, 'Key:', f, '#1a1a1a', 'start', true)];
  let x = 40;
  for (const level of LEVELS) {
    shapes.push({ kind: 'rect', x, y, w, h: 18, fill: LEVEL_FILL[level], stroke: GRID });
    shapes.push(text(x + w / 2, y + 12.5, LEVEL_SHORT[level], f, LEVEL_INK[level], 'middle'));
    x += w + 4;
  }
  const wide = w * 1.25;
  shapes.push({
    kind: 'rect',
    x,
    y,
    w: wide,
    h: 18,
    fill: UNKNOWN_FILL,
    stroke: GRID,
    hatch: true,
  });
  shapes.push({
    ...text(x + wide / 2, y + 12.5, UNKNOWN_WORDS, f, UNKNOWN_INK, 'middle'),
    italic: true,
  });
  x += wide + 4;
  shapes.push({ kind: 'rect', x, y, w, h: 18, fill: '#ffffff', stroke: '#b35900', dashed: true });
  shapes.push(text(x + w / 2, y + 12.5, 'disputed', f, '#1a1a1a', 'middle'));
  shapes.push(
    text(
      4,
      y + 34,
      '"Not recorded" means the record is silent: it is not the same as "no part".',
      f,
      '#1a1a1a',
      'start',
    ),
  );
  return shapes;
}

function text(
  x: number,
  y: number,
  s: string,
  size: number,
  ink: string,
  anchor: 'start' | 'middle',
  bold = false,
): TextShape {
  return { kind: 'text', x, y, text: s, size, ink, anchor, ...(bold ? { bold: true } : {}) };
}

const clip = (s: string, n: number): string => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

/** A figure as a self-contained SVG element with a title and description for screen readers. */
export function figureSvg(figure: Figure, id: string): string {
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${figure.width} ${figure.height}" width="${figure.width}" height="${figure.height}" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="Helvetica, Arial, sans-serif">`,
    `<title id="${id}-title">${xml(figure.title)}</title>`,
    `<desc id="${id}-desc">${xml(figure.description)}</desc>`,
    `<defs><pattern id="${id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#c8c8c8" stroke-width="2"/></pattern></defs>`,
  ];
  for (const s of figure.shapes) {
    if (s.kind === 'rect') {
      const dash = s.dashed === true ? ' stroke-dasharray="4 2" stroke-width="1.5"' : '';
      out.push(
        `<rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" fill="${s.fill}" stroke="${s.stroke}"${dash}/>`,
      );
      if (s.hatch === true)
        out.push(
          `<rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" fill="url(#${id}-hatch)" stroke="none"/>`,
        );
    } else {
      const style = `${s.bold === true ? ' font-weight="bold"' : ''}${s.italic === true ? ' font-style="italic"' : ''}`;
      out.push(
        `<text x="${s.x}" y="${s.y}" font-size="${s.size}" fill="${s.ink}" text-anchor="${s.anchor}"${style}>${xml(s.text)}</text>`,
      );
    }
  }
  out.push('</svg>');
  return out.join('\n');
}

/** Escapes text for XML and HTML. */
export const xml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
