/** A case report in Markdown: the reading, the grid, the ladders, a GRIPP2 draft and the sources. */
import {
  FIT_WORDS,
  MODEL_NAMES,
  MODELS,
  PARTY_KIND_WORDS,
  STAGES,
  periodWords,
  type ComponentAnalysis,
  type Gripp2Draft,
  type ParticipationGrid,
  type Reason,
  sourceName,
} from '../core/index.js';
import { escape } from './analysis-markdown.js';
import type { CaseReport } from './case-report.js';
import { figureSvg, gridFigure } from './grid-figure.js';
import { ladderTable } from './ladder-table.js';
import { FIT_MARK, SOURCE_KIND_WORDS, STAGE_SHORT, capital, cellText } from './report-words.js';

/** Where a figure goes: by default an SVG data URI, so the Markdown stands alone. */
export type FigureLink = (name: string, svg: string) => string;

export const dataUri: FigureLink = (_name, svg) =>
  `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;

export function caseReportMarkdown(report: CaseReport, link: FigureLink = dataUri): string {
  const { doc, analysis } = report;
  const out: string[] = [];
  out.push(`# ${escape(analysis.title)}`, '', `> ${escape(analysis.overall.summary)}`, '');
  out.push('| About this record | |', '| --- | --- |');
  out.push(`| Case | \`${analysis.case}\` |`);
  if (doc.setting !== undefined) out.push(`| Setting | ${cell(doc.setting)} |`);
  if (doc.period !== undefined) out.push(`| Period | ${periodWords(doc.period)} |`);
  out.push(
    `| Described as | ${(doc.describedAs ?? []).length === 0 ? 'no model claimed' : (doc.describedAs ?? []).map((m) => MODEL_NAMES[m]).join(', ')} |`,
  );
  out.push(`| Rulebook | ${analysis.rulebook} |`);
  out.push(
    `| Case revision | ${report.revision === undefined ? 'not given' : cell(report.revision)} |`,
    '',
  );

  out.push('## The reading at a glance', '');
  out.push('| Model | Reading for the initiative |', '| --- | --- |');
  for (const m of MODELS) {
    const fit = analysis.overall.models[m].fit;
    out.push(`| ${MODEL_NAMES[m]} | ${FIT_MARK[fit]} ${FIT_WORDS[fit]} |`);
  }
  out.push('');
  if (analysis.components.length > 1) {
    out.push(
      `The initiative is read in ${analysis.components.length} parts; each model's reading for the whole is the strongest any part reaches.`,
      '',
    );
  }
  for (const check of analysis.overall.labelCheck)
    out.push(`**Label check.** ${escape(check.text)}`, '');

  analysis.components.forEach((c, i) => {
    const grid = report.grids[i];
    if (grid === undefined) return;
    out.push(...component(report, c, grid, i, link));
  });

  out.push(...gripp2Markdown(report.gripp2, 2));

  out.push('## Sources', '');
  if ((doc.sources ?? []).length === 0) out.push('- The record lists no sources.');
  for (const s of doc.sources ?? [])
    out.push(
      `- \`${sourceName(s)}\` (${SOURCE_KIND_WORDS[s.kind]}): ${escape(s.citation)}${s.url === undefined ? '' : ` <${s.url}>`}`,
    );
  out.push('');
  out.push('## How to read this report', '');
  out.push(
    `Read with Coprism rulebook ${analysis.rulebook}${report.revision === undefined ? '' : `, case revision ${escape(report.revision)}`}. Each reason names the rule it applies (run \`coprism rules\` to read them all) and the fields of the record it rests on. A stage with no claim is *not recorded*: unknown, never read as "no part". The ladder positions are computed from the same record with the mapping in \`docs/ladders.md\`.`,
    '',
  );
  return `${out.join('\n').trimEnd()}\n`;
}

function component(
  report: CaseReport,
  c: ComponentAnalysis,
  grid: ParticipationGrid,
  index: number,
  link: FigureLink,
): string[] {
  const out: string[] = [];
  const several = report.analysis.components.length > 1;
  out.push(`## ${several ? `Part ${index + 1}: ` : ''}${escape(c.title)}`, '');
  out.push(escape(c.summary), '');

  out.push('### Who did what', '');
  const figure = gridFigure(grid);
  out.push(
    `![${escape(figure.title)}. ${escape(figure.description)}](${link(`grid-${index + 1}`, figureSvg(figure, `grid-${index + 1}`))})`,
    '',
  );
  out.push(`| Party | ${STAGES.map((s) => STAGE_SHORT[s]).join(' | ')} |`);
  out.push(`| --- | ${STAGES.map(() => '---').join(' | ')} |`);
  for (const row of grid.rows)
    out.push(
      `| ${cell(row.party.label ?? row.party.id)} (${PARTY_KIND_WORDS[row.party.kind]}) | ${STAGES.map((s) => cell(cellText(row.cells[s]))).join(' | ')} |`,
    );
  out.push('');
  out.push(
    `Not recorded at any stage for anyone: ${grid.unknownStages.length === 0 ? 'none' : grid.unknownStages.map((s) => STAGE_SHORT[s]).join(', ')}. Disputed cells: ${grid.disagreements}.`,
    '',
  );

  out.push('### The five models', '');
  out.push('| Model | Reading |', '| --- | --- |');
  for (const m of MODELS)
    out.push(`| ${MODEL_NAMES[m]} | ${FIT_MARK[c.models[m].fit]} ${FIT_WORDS[c.models[m].fit]} |`);
  out.push('');
  for (const m of MODELS) {
    out.push(`**${capital(MODEL_NAMES[m])}: ${FIT_WORDS[c.models[m].fit]}.**`, '');
    for (const r of c.models[m].reasons) out.push(reasonItem(r));
    out.push('');
  }

  out.push('### Relationships and humane features', '');
  if (c.relationshipsEqualised.length === 0)
    out.push('- No relationship is evened out on the record.');
  for (const rel of c.relationshipsEqualised) {
    out.push(
      `- Evens out ${PARTY_KIND_WORDS[rel.between[0]]} and ${PARTY_KIND_WORDS[rel.between[1]]}.`,
    );
    for (const r of rel.reasons) out.push(`  ${reasonItem(r)}`);
  }
  if (c.humanisingReasons.length === 0) out.push('- No humane feature is recorded.');
  for (const r of c.humanisingReasons) out.push(reasonItem(r));
  out.push('');

  out.push('### Label check', '');
  if (c.labelCheck.length === 0)
    out.push(
      (report.doc.describedAs ?? []).length === 0
        ? '- The record claims no model for the initiative.'
        : '- Every model the initiative claims fits this part.',
    );
  for (const check of c.labelCheck) out.push(`- ${escape(check.text)} (rule \`${check.rule}\`)`);
  out.push('');

  out.push('### What would change the reading', '');
  if (c.uncertainties.length === 0)
    out.push('- Nothing unknown or disputed in the record would change it.');
  for (const u of c.uncertainties) out.push(`- ${escape(u.text)}`);
  out.push('');

  out.push('### Ladder positions', '');
  for (const reading of report.ladders[index] ?? []) {
    const t = ladderTable(reading);
    out.push(`#### ${t.name}`, '');
    if (t.rows.length === 0) {
      out.push(
        t.silent.length === 0
          ? '- The case lists no party this ladder measures.'
          : `- The record says nothing about ${t.silent.map((p) => escape(p.label ?? p.id)).join('; ')} in this part, so the ladder cannot place anyone.`,
      );
    } else {
      out.push(`| Party | ${t.stages.map((s) => STAGE_SHORT[s]).join(' | ')} |`);
      out.push(`| --- | ${t.stages.map(() => '---').join(' | ')} |`);
      for (const row of t.rows)
        out.push(
          `| ${cell(row.party.label ?? row.party.id)} | ${row.cells.map(cell).join(' | ')} |`,
        );
      out.push('');
      if (t.silent.length > 0)
        out.push(
          `- Nothing recorded, so not placed: ${t.silent.map((p) => escape(p.label ?? p.id)).join('; ')}.`,
        );
      if (t.unplacedStages.length > 0)
        out.push(
          `- No one it measures can be placed at: ${t.unplacedStages.map((s) => STAGE_SHORT[s]).join(', ')} (not recorded).`,
        );
    }
    if (t.notMeasured.length > 0)
      out.push(
        `- Not on this ladder: ${t.notMeasured.map((p) => escape(p.label ?? p.id)).join('; ')}. ${t.scope}`,
      );
    for (const r of t.rules) out.push(`- Rule \`${r.id}\`: ${r.statement}`);
    out.push('');
  }
  return out;
}

/** A GRIPP2 draft in Markdown; `level` is the heading depth of its title. */
export function gripp2Markdown(draft: Gripp2Draft, level = 1): string[] {
  const h = '#'.repeat(level);
  const out: string[] = [`${h} GRIPP2 draft`, ''];
  const gaps = draft.items.filter((i) => i.gap !== undefined).length;
  out.push(
    `A first draft of the GRIPP2 reporting items, filled in from the record of \`${draft.case}\` (rulebook ${draft.rulebook}). ${gaps} of ${draft.items.length} items need writing by hand; each is marked **To write by hand**.`,
    '',
  );
  for (const form of ['short', 'long'] as const) {
    out.push(
      `${h}# ${form === 'short' ? 'Short form (GRIPP2-SF)' : 'Long form: who, at which stages, how far (GRIPP2-LF)'}`,
      '',
    );
    for (const item of draft.items.filter((i) => i.form === form)) {
      out.push(`**${item.topic}.** _${item.asks}_`, '');
      for (const line of item.prefilled) out.push(`- ${escape(line)}`);
      if (item.prefilled.length > 0) out.push('');
      if (item.gap !== undefined) out.push(`> **To write by hand:** ${escape(item.gap)}`, '');
    }
  }
  return out;
}

function reasonItem(r: Reason): string {
  const refs = r.refs.length === 0 ? '' : ` — ${r.refs.map((x) => `\`${x}\``).join(', ')}`;
  return `- ${escape(r.text)} (rule \`${r.rule}\`${refs})`;
}

// A table cell: escaped, on one line.
const cell = (s: string): string => escape(s).replace(/\s*\n\s*/g, ' ');
