/**
 * A case report as one self-contained, accessible HTML page: no script, no outside files, real
 * headings and table headers, figures with a title and description, and a print style.
 */
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
  type GridCell,
  type ParticipationGrid,
  type Reason,
  sourceName,
} from '../core/index.js';
import type { CaseReport } from './case-report.js';
import { figureSvg, gridFigure, xml } from './grid-figure.js';
import { ladderTable } from './ladder-table.js';
import { FIT_MARK, SOURCE_KIND_WORDS, STAGE_SHORT, capital, cellText } from './report-words.js';

const STYLE = `
:root { color: #1a1a1a; background: #fff; font: 16px/1.5 Georgia, 'Times New Roman', serif; }
body { max-width: 62rem; margin: 0 auto; padding: 1.5rem; }
h1, h2, h3, h4 { font-family: Helvetica, Arial, sans-serif; line-height: 1.25; color: #14365a; }
h1 { font-size: 2rem; margin-bottom: .25rem; }
h2 { border-top: 3px solid #14365a; padding-top: .6rem; margin-top: 2.5rem; }
.summary { font-size: 1.2rem; border-left: 6px solid #1f5a8c; padding: .5rem 1rem; background: #f3f7fb; }
table { border-collapse: collapse; margin: .75rem 0 1.25rem; font: .85rem/1.35 Helvetica, Arial, sans-serif; }
caption { text-align: left; font-weight: bold; padding: .25rem 0; }
th, td { border: 1px solid #9aa5b1; padding: .3rem .45rem; vertical-align: top; text-align: left; }
thead th { background: #e8eef4; }
tbody th { background: #f7f9fb; font-weight: normal; }
.wide { overflow-x: auto; }
td.unknown { background: #f4f4f4; color: #555; font-style: italic; }
td.disputed { outline: 2px dashed #b35900; outline-offset: -3px; }
.fit { font-weight: bold; white-space: nowrap; }
.fit-fits { color: #1d6b2f; } .fit-partly-fits { color: #8a5a00; } .fit-does-not-fit { color: #9b1c1c; } .fit-undetermined { color: #3d4f63; }
.rule { font: .8rem Menlo, Consolas, monospace; color: #3d4f63; }
.gap { border: 2px solid #b35900; background: #fff7ed; padding: .4rem .7rem; }
figure { margin: 1rem 0; } figure svg { max-width: 100%; height: auto; }
figcaption { font: .85rem Helvetica, Arial, sans-serif; color: #3d4f63; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; font: .9rem Helvetica, Arial, sans-serif; }
dl.meta dt { font-weight: bold; }
@media print {
  :root { font-size: 10.5pt; }
  body { max-width: none; padding: 0; }
  h2 { break-before: page; } h2.first { break-before: avoid; }
  h2, h3, h4 { break-after: avoid; }
  table, figure, .gap { break-inside: avoid; }
  .wide { overflow: visible; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .8em; }
}
`;

export function caseReportHtml(report: CaseReport): string {
  const { doc, analysis } = report;
  const b: string[] = [];
  b.push(`<header><h1>${xml(analysis.title)}</h1>`);
  b.push(`<p class="summary">${xml(analysis.overall.summary)}</p>`);
  b.push('<dl class="meta">');
  b.push(`<dt>Case</dt><dd><code>${xml(analysis.case)}</code></dd>`);
  if (doc.setting !== undefined) b.push(`<dt>Setting</dt><dd>${xml(doc.setting)}</dd>`);
  if (doc.period !== undefined) b.push(`<dt>Period</dt><dd>${periodWords(doc.period)}</dd>`);
  b.push(
    `<dt>Described as</dt><dd>${(doc.describedAs ?? []).length === 0 ? 'no model claimed' : (doc.describedAs ?? []).map((m) => MODEL_NAMES[m]).join(', ')}</dd>`,
  );
  b.push(`<dt>Rulebook</dt><dd>${xml(analysis.rulebook)}</dd>`);
  b.push(
    `<dt>Case revision</dt><dd>${report.revision === undefined ? 'not given' : xml(report.revision)}</dd>`,
  );
  b.push('</dl></header>');

  b.push('<main>');
  b.push('<h2 class="first" id="glance">The reading at a glance</h2>');
  b.push(fitTable('How each model reads for the initiative as a whole', analysis.overall.models));
  if (analysis.components.length > 1)
    b.push(
      `<p>The initiative is read in ${analysis.components.length} parts; each model's reading for the whole is the strongest any part reaches.</p>`,
    );
  for (const check of analysis.overall.labelCheck)
    b.push(`<p><strong>Label check.</strong> ${xml(check.text)}</p>`);

  analysis.components.forEach((c, i) => {
    const grid = report.grids[i];
    if (grid !== undefined) b.push(...component(report, c, grid, i));
  });

  b.push(...gripp2Html(report.gripp2));

  b.push('<h2 id="sources">Sources</h2>');
  if ((doc.sources ?? []).length === 0) b.push('<p>The record lists no sources.</p>');
  else {
    b.push('<ul>');
    for (const s of doc.sources ?? [])
      b.push(
        `<li><code>${xml(sourceName(s))}</code> (${SOURCE_KIND_WORDS[s.kind]}): ${xml(s.citation)}${s.url === undefined ? '' : ` <a href="${xml(s.url)}">${xml(s.url)}</a>`}</li>`,
      );
    b.push('</ul>');
  }
  b.push('<h2 id="how-to-read">How to read this report</h2>');
  b.push(
    `<p>Read with Coprism rulebook ${xml(analysis.rulebook)}${report.revision === undefined ? '' : `, case revision ${xml(report.revision)}`}. Each reason names the rule it applies and the fields of the record it rests on. A stage with no claim is <em>not recorded</em>: unknown, never read as “no part”. Fits are always written in words, with a mark (● fits, ◐ partly fits, ○ does not fit, ? cannot be settled); colour only repeats them. The ladder positions are computed from the same record with the mapping in <code>docs/ladders.md</code>.</p>`,
  );
  b.push('</main>');

  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${xml(analysis.title)}: Coprism report</title>
<style>${STYLE}</style>
</head>
<body>
${b.join('\n')}
</body>
</html>
`;
}

function component(
  report: CaseReport,
  c: ComponentAnalysis,
  grid: ParticipationGrid,
  i: number,
): string[] {
  const b: string[] = [];
  const several = report.analysis.components.length > 1;
  const id = `part-${i + 1}`;
  b.push(`<section aria-labelledby="${id}">`);
  b.push(`<h2 id="${id}">${several ? `Part ${i + 1}: ` : ''}${xml(c.title)}</h2>`);
  b.push(`<p>${xml(c.summary)}</p>`);

  b.push(`<h3>Who did what</h3>`);
  const figure = gridFigure(grid);
  b.push(
    `<figure>${figureSvg(figure, `grid-${i + 1}`)}<figcaption>${xml(figure.title)}. The table below gives the same facts with their sources.</figcaption></figure>`,
  );
  b.push('<div class="wide"><table>');
  b.push(
    `<caption>Who took part in which stage of ${xml(c.title)}, how far, and on whose account</caption>`,
  );
  b.push(
    `<thead><tr><th scope="col">Party</th>${STAGES.map((s) => `<th scope="col" title="${xml(STAGE_WORDS[s])}">${STAGE_SHORT[s]}</th>`).join('')}</tr></thead><tbody>`,
  );
  for (const row of grid.rows)
    b.push(
      `<tr><th scope="row">${xml(row.party.label ?? row.party.id)} <small>(${PARTY_KIND_WORDS[row.party.kind]})</small></th>${STAGES.map((s) => gridCell(row.cells[s])).join('')}</tr>`,
    );
  b.push('</tbody></table></div>');
  b.push(
    `<p>Not recorded at any stage for anyone: ${grid.unknownStages.length === 0 ? 'none' : grid.unknownStages.map((s) => STAGE_SHORT[s]).join(', ')}. Disputed cells: ${grid.disagreements}.</p>`,
  );

  b.push('<h3>The five models</h3>');
  b.push(fitTable(`How each model reads for ${c.title}`, c.models));
  for (const m of MODELS) {
    const fit = c.models[m].fit;
    b.push(`<h4>${capital(MODEL_NAMES[m])}: ${fitWords(fit)}</h4>`);
    b.push(reasonList(c.models[m].reasons));
  }

  b.push('<h3>Relationships and humane features</h3><ul>');
  if (c.relationshipsEqualised.length === 0)
    b.push('<li>No relationship is evened out on the record.</li>');
  for (const rel of c.relationshipsEqualised)
    b.push(
      `<li>Evens out ${PARTY_KIND_WORDS[rel.between[0]]} and ${PARTY_KIND_WORDS[rel.between[1]]}.${reasonList(rel.reasons)}</li>`,
    );
  if (c.humanisingReasons.length === 0) b.push('<li>No humane feature is recorded.</li>');
  for (const r of c.humanisingReasons) b.push(reasonItem(r));
  b.push('</ul>');

  b.push('<h3>Label check</h3><ul>');
  if (c.labelCheck.length === 0)
    b.push(
      (report.doc.describedAs ?? []).length === 0
        ? '<li>The record claims no model for the initiative.</li>'
        : '<li>Every model the initiative claims fits this part.</li>',
    );
  for (const check of c.labelCheck)
    b.push(`<li>${xml(check.text)} <span class="rule">(rule ${xml(check.rule)})</span></li>`);
  b.push('</ul>');

  b.push('<h3>What would change the reading</h3><ul>');
  if (c.uncertainties.length === 0)
    b.push('<li>Nothing unknown or disputed in the record would change it.</li>');
  for (const u of c.uncertainties) b.push(`<li>${xml(u.text)}</li>`);
  b.push('</ul>');

  b.push('<h3>Ladder positions</h3>');
  for (const reading of report.ladders[i] ?? []) {
    const t = ladderTable(reading);
    b.push(`<h4>${xml(t.name)}</h4>`);
    if (t.rows.length === 0) {
      b.push(
        t.silent.length === 0
          ? '<p>The case lists no party this ladder measures.</p>'
          : `<p>The record says nothing about ${t.silent.map((p) => xml(p.label ?? p.id)).join('; ')} in this part, so the ladder cannot place anyone.</p>`,
      );
    } else {
      b.push('<div class="wide"><table>');
      b.push(
        `<caption>${xml(t.name)}: places computed from the record for ${xml(c.title)}</caption>`,
      );
      b.push(
        `<thead><tr><th scope="col">Party</th>${t.stages.map((s) => `<th scope="col">${STAGE_SHORT[s]}</th>`).join('')}</tr></thead><tbody>`,
      );
      for (const row of t.rows)
        b.push(
          `<tr><th scope="row">${xml(row.party.label ?? row.party.id)}</th>${row.cells.map((x) => `<td${x === 'Not recorded' ? ' class="unknown"' : x.startsWith('Disputed') ? ' class="disputed"' : ''}>${xml(x)}</td>`).join('')}</tr>`,
        );
      b.push('</tbody></table></div>');
    }
    b.push('<ul>');
    if (t.rows.length > 0 && t.silent.length > 0)
      b.push(
        `<li>Nothing recorded, so not placed: ${t.silent.map((p) => xml(p.label ?? p.id)).join('; ')}.</li>`,
      );
    if (t.rows.length > 0 && t.unplacedStages.length > 0)
      b.push(
        `<li>No one it measures can be placed at: ${t.unplacedStages.map((s) => STAGE_SHORT[s]).join(', ')} (not recorded).</li>`,
      );
    if (t.notMeasured.length > 0)
      b.push(
        `<li>Not on this ladder: ${t.notMeasured.map((p) => xml(p.label ?? p.id)).join('; ')}. ${xml(t.scope)}</li>`,
      );
    for (const r of t.rules)
      b.push(`<li><span class="rule">${xml(r.id)}</span>: ${xml(r.statement)}</li>`);
    b.push('</ul>');
  }
  b.push('</section>');
  return b;
}

function gripp2Html(draft: Gripp2Draft): string[] {
  const b: string[] = ['<h2 id="gripp2">GRIPP2 draft</h2>'];
  const gaps = draft.items.filter((i) => i.gap !== undefined).length;
  b.push(
    `<p>A first draft of the GRIPP2 reporting items, filled in from the record (rulebook ${xml(draft.rulebook)}). ${gaps} of ${draft.items.length} items need writing by hand; each is boxed and marked <strong>To write by hand</strong>.</p>`,
  );
  for (const form of ['short', 'long'] as const) {
    b.push(
      `<h3>${form === 'short' ? 'Short form (GRIPP2-SF)' : 'Long form: who, at which stages, how far (GRIPP2-LF)'}</h3>`,
    );
    for (const item of draft.items.filter((i) => i.form === form)) {
      b.push(`<h4>${xml(item.topic)}</h4><p><em>${xml(item.asks)}</em></p>`);
      if (item.prefilled.length > 0)
        b.push(`<ul>${item.prefilled.map((l) => `<li>${xml(l)}</li>`).join('')}</ul>`);
      if (item.gap !== undefined)
        b.push(`<p class="gap"><strong>To write by hand:</strong> ${xml(item.gap)}</p>`);
    }
  }
  return b;
}

function fitTable(caption: string, models: ComponentAnalysis['models']): string {
  return `<table><caption>${xml(caption)}</caption><thead><tr><th scope="col">Model</th><th scope="col">Reading</th></tr></thead><tbody>${MODELS.map(
    (m) => `<tr><th scope="row">${MODEL_NAMES[m]}</th><td>${fitWords(models[m].fit)}</td></tr>`,
  ).join('')}</tbody></table>`;
}

const fitWords = (fit: Fit): string =>
  `<span class="fit fit-${fit}"><span aria-hidden="true">${FIT_MARK[fit]} </span>${FIT_WORDS[fit]}</span>`;

function gridCell(cell: GridCell): string {
  const cls =
    cell.state === 'unknown'
      ? ' class="unknown"'
      : cell.state === 'disputed'
        ? ' class="disputed"'
        : '';
  return `<td${cls}>${xml(cellText(cell))}</td>`;
}

const reasonItem = (r: Reason): string =>
  `<li>${xml(r.text)} <span class="rule">(rule ${xml(r.rule)}${r.refs.length === 0 ? '' : `; ${r.refs.map(xml).join(', ')}`})</span></li>`;

const reasonList = (reasons: readonly Reason[]): string =>
  `<ul>${reasons.map(reasonItem).join('')}</ul>`;
