/**
 * A case report as a tagged PDF (PDF 1.7, structure tree, language, document title shown), made
 * with pdfkit: real text a screen reader and pdftotext can read, laid out for a board paper.
 */
import PDFDocument from 'pdfkit';
import {
  FIT_WORDS,
  MODEL_NAMES,
  MODELS,
  PARTY_KIND_WORDS,
  STAGES,
  STAGE_WORDS,
  periodWords,
  type ComponentAnalysis,
  type Fit,
  type Gripp2Draft,
  type ModelReadings,
  type ParticipationGrid,
  type Reason,
  sourceName,
} from '../core/index.js';
import type { CaseReport } from './case-report.js';
import { COMPACT, gridFigure, type Figure } from './grid-figure.js';
import { ladderTable } from './ladder-table.js';
import {
  SOURCE_KIND_WORDS,
  STAGE_SHORT,
  accountWords,
  FIT_MARK,
  capital,
  sortedAccounts,
} from './report-words.js';
import { CELL_PADDING, printedCell, tableLayout, type TableLayout } from './pdf-table-layout.js';
import {
  REPLACEMENT,
  codePoint,
  faceFor,
  printable,
  registerFaces,
  unprintable,
  type Style,
} from './pdf-fonts.js';

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

const NAVY = '#14365a';
const INK = '#1a1a1a';
const MUTED = '#4a5a6a';
const RULE_GREY = '#9aa5b1';
const HEAD_FILL = '#e8eef4';
const FIT_INK: Record<Fit, string> = {
  fits: '#1d6b2f',
  'partly-fits': '#8a5a00',
  'does-not-fit': '#9b1c1c',
  undetermined: '#3d4f63',
};

// pdfkit's table accepts these for accessibility; its type definitions do not list them yet.
interface TaggedTableOptions extends PDFKit.Mixins.TableOptionsWithData {
  structParent: Struct;
}
type TaggedCell = PDFKit.Mixins.CellOptions & { scope?: 'row' | 'column' };

/** Renders the report; resolves with the PDF's bytes. */
export function caseReportPdf(report: CaseReport): Promise<Buffer> {
  const { analysis } = report;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 62, bottom: 62, left: 56, right: 56 },
    pdfVersion: '1.7',
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    bufferPages: true,
    info: {
      Title: `${analysis.title}: Coprism report`,
      Author: 'Coprism',
      Subject: `Which models of good practice fit ${analysis.title}, read from its record`,
      Keywords: 'co-production, service user-led, evidence-based practice, GRIPP2',
      Creator: 'Coprism',
    },
  });
  registerFaces(doc);
  doc.font(faceFor('body', ''));
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const root = doc.struct('Document');
  doc.addStructure(root);
  const w = new Writer(doc, root);
  w.cover(report);
  analysis.components.forEach((c, i) => {
    const grid = report.grids[i];
    if (grid !== undefined) w.component(report, c, grid, i);
  });
  w.gripp2(report.gripp2);
  w.sources(report);
  root.end();
  w.footers(report);
  doc.end();
  return done;
}

class Writer {
  private readonly width: number;
  constructor(
    private readonly doc: Doc,
    private readonly root: Struct,
  ) {
    this.width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  }

  cover(report: CaseReport): void {
    const { doc, analysis } = report;
    this.artifact(() => {
      this.doc.rect(0, 0, this.doc.page.width, 8).fill(NAVY);
    });
    this.small('COPRISM REPORT', MUTED);
    this.heading('H1', analysis.title, 24);
    this.doc.moveDown(0.3);
    this.callout(analysis.overall.summary);
    const missing = unprintable(textsOf(report));
    if (missing.length > 0)
      this.callout(
        `Some characters in this record are not in this PDF's font and print as ${REPLACEMENT}: ${missing.map(codePoint).join(', ')}. The HTML and Markdown reports show them as written.`,
        '#fff7ed',
        '#b35900',
        10,
      );
    const facts: [string, string][] = [['Case', analysis.case]];
    if (doc.setting !== undefined) facts.push(['Setting', doc.setting]);
    if (doc.period !== undefined) facts.push(['Period', periodWords(doc.period)]);
    facts.push([
      'Described as',
      (doc.describedAs ?? []).length === 0
        ? 'no model claimed'
        : (doc.describedAs ?? []).map((m) => MODEL_NAMES[m]).join(', '),
    ]);
    facts.push(['Rulebook', analysis.rulebook]);
    facts.push(['Case revision', report.revision ?? 'not given']);
    this.table(
      'About this record',
      tableLayout(this.doc, ['Item', 'Detail'], facts, [110, this.width - 110], true),
    );
    this.heading('H2', 'The reading at a glance', 15);
    this.fitTable('How each model reads for the initiative as a whole', analysis.overall.models);
    if (analysis.components.length > 1)
      this.para(
        `The initiative is read in ${analysis.components.length} parts; each model's reading for the whole is the strongest any part reaches.`,
      );
    for (const check of analysis.overall.labelCheck) this.para(`Label check. ${check.text}`);
  }

  component(report: CaseReport, c: ComponentAnalysis, grid: ParticipationGrid, i: number): void {
    const several = report.analysis.components.length > 1;
    this.doc.addPage();
    this.heading('H2', `${several ? `Part ${i + 1}: ` : ''}${c.title}`, 15);
    this.para(c.summary);

    const figure = gridFigure(grid, COMPACT);
    // The heading keeps with its figure.
    this.keepRoom(figure.height + 40);
    this.heading('H3', 'Who did what', 12);
    this.figure(figure);
    const whoDidWhat = tableLayout(
      this.doc,
      ['Party', 'What the record says, stage by stage', 'Not recorded'],
      grid.rows.map((row) => {
        const said = STAGES.filter((s) => row.cells[s].state !== 'unknown').map((s) => {
          const cell = row.cells[s];
          if (cell.state === 'unknown') return '';
          const accounts = sortedAccounts(cell.accounts).map(accountWords);
          return cell.state === 'disputed'
            ? `${STAGE_SHORT[s]}: DISPUTED, ${accounts.join(' against ')}`
            : `${STAGE_SHORT[s]}: ${accounts.join('; ')}`;
        });
        const silent = STAGES.filter((s) => row.cells[s].state === 'unknown');
        return [
          `${row.party.label ?? row.party.id} (${PARTY_KIND_WORDS[row.party.kind]})`,
          said.length === 0 ? 'nothing recorded' : said.join('\n'),
          silent.length === STAGES.length
            ? 'every stage'
            : silent.map((s) => STAGE_SHORT[s]).join(', ') || 'none',
        ];
      }),
      [140, this.width - 240, 100],
      true,
    );
    this.table(`Who took part in which stage of ${c.title}, on whose account`, whoDidWhat);

    this.heading('H3', 'The five models', 12);
    this.fitTable(`How each model reads for ${c.title}`, c.models);
    for (const m of MODELS) {
      this.heading(
        'H4',
        `${capital(MODEL_NAMES[m])}: ${FIT_WORDS[c.models[m].fit]}`,
        10.5,
        FIT_INK[c.models[m].fit],
      );
      this.reasons(c.models[m].reasons);
    }

    this.heading('H3', 'Relationships and humane features', 12);
    const rel: string[] = [];
    if (c.relationshipsEqualised.length === 0)
      rel.push('No relationship is evened out on the record.');
    for (const r of c.relationshipsEqualised)
      rel.push(
        `Evens out ${PARTY_KIND_WORDS[r.between[0]]} and ${PARTY_KIND_WORDS[r.between[1]]}: ${r.reasons.map(reasonLine).join(' ')}`,
      );
    if (c.humanisingReasons.length === 0) rel.push('No humane feature is recorded.');
    rel.push(...c.humanisingReasons.map(reasonLine));
    this.list(rel);

    this.heading('H3', 'Label check', 12);
    this.list(
      c.labelCheck.length === 0
        ? [
            (report.doc.describedAs ?? []).length === 0
              ? 'The record claims no model for the initiative.'
              : 'Every model the initiative claims fits this part.',
          ]
        : c.labelCheck.map((l) => `${l.text} (rule ${l.rule})`),
    );

    this.heading('H3', 'What would change the reading', 12);
    this.list(
      c.uncertainties.length === 0
        ? ['Nothing unknown or disputed in the record would change it.']
        : c.uncertainties.map((u) => u.text),
    );

    this.heading('H3', 'Ladder positions', 12);
    for (const reading of report.ladders[i] ?? []) {
      const t = ladderTable(reading);
      if (t.rows.length === 0) {
        this.heading('H4', t.name, 10.5);
        this.para(
          t.silent.length === 0
            ? 'The case lists no party this ladder measures.'
            : `The record says nothing about ${t.silent.map((p) => p.label ?? p.id).join('; ')} in this part, so the ladder cannot place anyone.`,
        );
      } else {
        const first = 130;
        const rest = (this.width - first) / t.stages.length;
        const layout = tableLayout(
          this.doc,
          ['Party', ...t.stages.map((s) => STAGE_SHORT[s])],
          t.rows.map((r) => [r.party.label ?? r.party.id, ...r.cells]),
          [first, ...t.stages.map(() => rest)],
          true,
        );
        // The heading keeps with its table.
        this.keepRoom(layout.room + 40);
        this.heading('H4', t.name, 10.5);
        this.table(`${t.name}: places computed from the record`, layout);
      }
      const notes: string[] = [];
      if (t.rows.length > 0 && t.silent.length > 0)
        notes.push(
          `Nothing recorded, so not placed: ${t.silent.map((p) => p.label ?? p.id).join('; ')}.`,
        );
      if (t.rows.length > 0 && t.unplacedStages.length > 0)
        notes.push(
          `No one it measures can be placed at: ${t.unplacedStages.map((s) => STAGE_WORDS[s]).join(', ')} (not recorded).`,
        );
      if (t.notMeasured.length > 0)
        notes.push(
          `Not on this ladder: ${t.notMeasured.map((p) => p.label ?? p.id).join('; ')}. ${t.scope}`,
        );
      notes.push(...t.rules.map((r) => `Rule ${r.id}: ${r.statement}`));
      this.list(notes, 8.5);
    }
  }

  gripp2(draft: Gripp2Draft): void {
    this.doc.addPage();
    this.heading('H2', 'GRIPP2 draft', 15);
    const gaps = draft.items.filter((i) => i.gap !== undefined).length;
    this.para(
      `A first draft of the GRIPP2 reporting items, filled in from the record (rulebook ${draft.rulebook}). ${gaps} of ${draft.items.length} items need writing by hand; each is boxed and marked TO WRITE BY HAND.`,
    );
    for (const form of ['short', 'long'] as const) {
      this.heading(
        'H3',
        form === 'short'
          ? 'Short form (GRIPP2-SF)'
          : 'Long form: who, at which stages, how far (GRIPP2-LF)',
        12,
      );
      for (const item of draft.items.filter((i) => i.form === form)) {
        this.heading('H4', item.topic, 10.5);
        this.para(item.asks, { italic: true });
        if (item.prefilled.length > 0) this.list(item.prefilled);
        if (item.gap !== undefined)
          this.callout(`TO WRITE BY HAND: ${item.gap}`, '#fff7ed', '#b35900', 10);
      }
    }
  }

  sources(report: CaseReport): void {
    this.heading('H2', 'Sources', 15);
    const sources = report.doc.sources ?? [];
    this.list(
      sources.length === 0
        ? ['The record lists no sources.']
        : sources.map(
            (s) =>
              `${sourceName(s)} (${SOURCE_KIND_WORDS[s.kind]}): ${s.citation}${s.url === undefined ? '' : ` ${s.url}`}`,
          ),
    );
    this.heading('H2', 'How to read this report', 15);
    this.para(
      `Read with Coprism rulebook ${report.analysis.rulebook}${report.revision === undefined ? '' : `, case revision ${report.revision}`}. Each reason names the rule it applies and the fields of the record it rests on. A stage with no claim is "not recorded": unknown, never read as "no part". Fits are always written in words; colour only repeats them. The ladder positions are computed from the same record with the mapping in docs/ladders.md.`,
    );
  }

  /** Page footers, marked as artifacts so screen readers skip them. */
  footers(report: CaseReport): void {
    const range = this.doc.bufferedPageRange();
    for (let p = range.start; p < range.start + range.count; p++) {
      this.doc.switchToPage(p);
      const bottom = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0;
      this.artifact(() => {
        const line = this.setIn(
          'small',
          `${report.analysis.title} · Coprism rulebook ${report.analysis.rulebook} · page ${p + 1} of ${range.count}`,
        );
        this.doc
          .fontSize(7.5)
          .fillColor(MUTED)
          .text(line, this.doc.page.margins.left, this.doc.page.height - 36, {
            width: this.width,
            align: 'center',
            lineBreak: false,
          });
      });
      this.doc.page.margins.bottom = bottom;
    }
  }

  private heading(tag: string, text: string, size: number, colour = NAVY): void {
    // Room for the heading and a few lines of what it heads, so it never ends a page.
    this.keepRoom(size * 3 + 60);
    this.doc.moveDown(tag === 'H4' ? 0.4 : 0.7);
    const line = this.setIn('heading', text);
    this.doc.fontSize(size).fillColor(colour);
    this.doc.text(line, this.doc.page.margins.left, this.doc.y, {
      width: this.width,
      structParent: this.root,
      structType: tag,
    });
    this.doc.moveDown(0.25);
  }

  private para(text: string, opts: { italic?: boolean; size?: number } = {}): void {
    const line = this.setIn(opts.italic === true ? 'body-italic' : 'body', text);
    this.doc.fontSize(opts.size ?? 10).fillColor(INK);
    this.doc.text(line, this.doc.page.margins.left, this.doc.y, {
      width: this.width,
      lineGap: 1.5,
      structParent: this.root,
      structType: 'P',
    });
    this.doc.moveDown(0.4);
  }

  private small(text: string, colour: string): void {
    this.doc.fontSize(8).fillColor(colour);
    this.doc.text(this.setIn('small-bold', text), {
      characterSpacing: 0.6,
      structParent: this.root,
      structType: 'P',
    });
  }

  private list(items: readonly string[], size = 9.5): void {
    const lines = items.map(printable);
    this.doc
      .font(faceFor('body', lines.join('')))
      .fontSize(size)
      .fillColor(INK);
    this.doc.list(lines, this.doc.page.margins.left + 4, this.doc.y, {
      width: this.width - 4,
      bulletRadius: 1.6,
      textIndent: 12,
      bulletIndent: 0,
      lineGap: 1,
      paragraphGap: 2,
      structParent: this.root,
    });
    this.doc.moveDown(0.4);
  }

  private reasons(reasons: readonly Reason[]): void {
    this.list(reasons.map(reasonLine));
  }

  /** A boxed paragraph: the box is decoration, the text is tagged. */
  private callout(text: string, fill = '#f3f7fb', edge = '#1f5a8c', size = 11): void {
    const s = this.setIn('body', text);
    this.doc.fontSize(size);
    const h = this.doc.heightOfString(s, { width: this.width - 24, lineGap: 2 }) + 16;
    this.keepRoom(h + 10);
    const x = this.doc.page.margins.left;
    const y = this.doc.y;
    this.artifact(() => {
      this.doc.rect(x, y, this.width, h).fill(fill);
      this.doc.rect(x, y, 4, h).fill(edge);
    });
    this.doc.fillColor(INK).fontSize(size);
    this.doc.text(s, x + 14, y + 8, {
      width: this.width - 24,
      lineGap: 2,
      structParent: this.root,
      structType: 'P',
    });
    this.doc.x = x;
    this.doc.y = y + h + 8;
  }

  private fitTable(caption: string, models: ModelReadings): void {
    this.table(
      caption,
      tableLayout(
        this.doc,
        ['Model', 'Reading'],
        MODELS.map((m) => [
          capital(MODEL_NAMES[m]),
          `${FIT_MARK[models[m].fit]} ${FIT_WORDS[models[m].fit]}`,
        ]),
        [170, this.width - 170],
        true,
        MODELS.map((m) => FIT_INK[models[m].fit]),
      ),
    );
  }

  /** A tagged table: a caption, column heads (TH, scope column) and row heads (TH, scope row). */
  private table(caption: string, layout: TableLayout): void {
    const { heads, rows, rowHeads, rowInk, styleOf, size, columns, room } = layout;
    this.keepRoom(room);
    const border = { top: 0.5, bottom: 0.5, left: 0.5, right: 0.5 };
    const line = this.setIn('small-bold', caption);
    this.doc.fontSize(8.5).fillColor(MUTED);
    this.doc.text(line, this.doc.page.margins.left, this.doc.y, {
      width: this.width,
      structParent: this.root,
      structType: 'Caption',
    });
    this.doc.moveDown(0.2);
    const head: TaggedCell[] = heads.map((h, j) => ({
      ...printedCell(styleOf(0, j), h, size),
      type: 'TH',
      scope: 'column',
      backgroundColor: HEAD_FILL,
      textColor: NAVY,
      border,
      borderColor: RULE_GREY,
    }));
    const body: TaggedCell[][] = rows.map((r, i) =>
      r.map((cell, j): TaggedCell => ({
        ...printedCell(styleOf(i + 1, j), cell, size),
        ...(rowHeads && j === 0 ? { type: 'TH', scope: 'row' } : { type: 'TD' }),
        textColor: j > 0 && rowInk?.[i] !== undefined ? rowInk[i] : INK,
        ...(cell === 'Not recorded' || cell === 'not recorded'
          ? { backgroundColor: '#f2f2f2' }
          : {}),
        border,
        borderColor: RULE_GREY,
      })),
    );
    this.doc.font(faceFor('small', '')).fontSize(size).fillColor(INK);
    const options: TaggedTableOptions = {
      data: [head, ...body],
      position: { x: this.doc.page.margins.left, y: this.doc.y },
      columnStyles: columns,
      defaultStyle: {
        padding: { top: 4, bottom: 2, left: CELL_PADDING, right: CELL_PADDING },
      },
      structParent: this.root,
    };
    this.doc.table(options);
    this.doc.x = this.doc.page.margins.left;
    this.doc.moveDown(0.6);
  }

  private figure(figure: Figure): void {
    this.keepRoom(figure.height + 10);
    const x0 = this.doc.page.margins.left;
    const y0 = this.doc.y;
    const figureStruct = this.doc.struct(
      'Figure',
      { alt: `${figure.title}. ${figure.description}` },
      () => {
        for (const s of figure.shapes) {
          if (s.kind === 'rect') {
            this.doc.save();
            if (s.fill !== 'none') this.doc.rect(x0 + s.x, y0 + s.y, s.w, s.h).fill(s.fill);
            if (s.hatch === true) {
              this.doc.save();
              this.doc.rect(x0 + s.x, y0 + s.y, s.w, s.h).clip();
              for (let d = -s.h; d < s.w; d += 5)
                this.doc.moveTo(x0 + s.x + d, y0 + s.y + s.h).lineTo(x0 + s.x + d + s.h, y0 + s.y);
              this.doc.lineWidth(0.8).stroke('#c8c8c8');
              this.doc.restore();
            }
            if (s.dashed === true) this.doc.dash(3, { space: 1.5 });
            this.doc
              .lineWidth(s.dashed === true ? 1.2 : 0.5)
              .rect(x0 + s.x, y0 + s.y, s.w, s.h)
              .stroke(s.stroke);
            this.doc.undash().restore();
          } else {
            const label = this.setIn(
              s.bold === true ? 'small-bold' : s.italic === true ? 'small-italic' : 'small',
              s.text,
            );
            this.doc.fontSize(s.size).fillColor(s.ink);
            const tw = this.doc.widthOfString(label);
            const x = s.anchor === 'middle' ? x0 + s.x - tw / 2 : x0 + s.x;
            this.doc.text(label, x, y0 + s.y - s.size * 0.8, {
              lineBreak: false,
            });
          }
        }
      },
    );
    this.root.add(figureStruct);
    figureStruct.end();
    this.doc.x = x0;
    this.doc.y = y0 + figure.height + 6;
  }

  /** Sets the face for `text` in `style`; returns the text as it will print. */
  private setIn(style: Style, text: string): string {
    const line = printable(text);
    this.doc.font(faceFor(style, line));
    return line;
  }

  private artifact(draw: () => void): void {
    this.doc.markContent('Artifact', { type: 'Layout' });
    draw();
    this.doc.endMarkedContent();
  }

  /** Starts a new page when less than `room` points are left, so headings keep with what follows. */
  private keepRoom(room: number): void {
    if (this.doc.y + room > this.doc.page.height - this.doc.page.margins.bottom) this.doc.addPage();
  }
}

const reasonLine = (r: Reason): string =>
  `${r.text} (rule ${r.rule}${r.refs.length === 0 ? '' : `; ${r.refs.join(', ')}`})`;

/** Every string in the report, wherever it sits: what the PDF may print. */
function* textsOf(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const v of value) yield* textsOf(v);
  else if (typeof value === 'object' && value !== null)
    for (const v of Object.values(value)) yield* textsOf(v);
}
