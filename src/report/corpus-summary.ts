/** How often each model fits across a corpus, in words and as an SVG figure. */
import {
  FITS,
  FIT_WORDS,
  MODEL_NAMES,
  MODELS,
  type CorpusSummary,
  type Fit,
} from '../core/index.js';
import { xml } from './grid-figure.js';
import { FIT_MARK, capital } from './report-words.js';

export function corpusSummaryText(summary: CorpusSummary): string {
  const out: string[] = [];
  out.push(
    `${summary.cases} case${summary.cases === 1 ? '' : 's'}, ${summary.components} part${summary.components === 1 ? '' : 's'}.`,
    '',
    'How often each model fits the whole initiative (cases):',
  );
  for (const m of MODELS) out.push(`  ${MODEL_NAMES[m].padEnd(26)}${counts(summary.byCase[m])}`);
  out.push('', 'How often each model fits a part (components):');
  for (const m of MODELS)
    out.push(`  ${MODEL_NAMES[m].padEnd(26)}${counts(summary.byComponent[m])}`);
  const claims = summary.claimsCoProduction;
  const supported = claims.filter((c) => c.supported).length;
  out.push(
    '',
    claims.length === 0
      ? 'No case calls itself co-produced.'
      : `${claims.length} case${claims.length === 1 ? ' calls itself' : 's call themselves'} co-produced; the record supports ${supported} of ${claims.length} (co-production fits):`,
  );
  for (const c of claims)
    out.push(
      `  ${c.supported ? 'supported    ' : 'not supported'}  ${c.title} (${c.case}): co-production ${FIT_WORDS[c.fit]}`,
    );
  return `${out.join('\n')}\n`;
}

function counts(byFit: Readonly<Record<Fit, number>>): string {
  return FITS.map((f) => `${fitWord(f)} ${byFit[f]}`).join(', ');
}

// A short word for counts: "undetermined" rather than the long sentence used in readings.
const fitWord = (f: Fit): string => (f === 'undetermined' ? 'undetermined' : FIT_WORDS[f]);

const FILL: Record<Fit, string> = {
  fits: '#1f5a8c',
  'partly-fits': '#8fb8dc',
  'does-not-fit': '#ffffff',
  undetermined: '#ededed',
};
const INK: Record<Fit, string> = {
  fits: '#ffffff',
  'partly-fits': '#1a1a1a',
  'does-not-fit': '#1a1a1a',
  undetermined: '#1a1a1a',
};

/** Stacked bars, one per model, of how many cases reach each fit; every count is also written. */
export function modelProfileSvg(summary: CorpusSummary): string {
  const labelW = 190;
  const barW = 420;
  const rowH = 46;
  const top = 40;
  const n = Math.max(summary.cases, 1);
  const parts: string[] = [];
  const word = fitWord;
  MODELS.forEach((m, i) => {
    const y = top + i * rowH;
    parts.push(
      `<text x="0" y="${y + 15}" font-size="13" font-weight="bold">${xml(capital(MODEL_NAMES[m]))}</text>`,
    );
    let x = labelW;
    for (const f of FITS) {
      const count = summary.byCase[m][f];
      const w = (count / n) * barW;
      if (count > 0) {
        parts.push(
          `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="22" fill="${f === 'undetermined' ? 'url(#profile-hatch)' : FILL[f]}" stroke="#555"/>`,
        );
        if (w >= 18)
          parts.push(
            `<text x="${(x + w / 2).toFixed(1)}" y="${y + 15}" font-size="11" text-anchor="middle" fill="${INK[f]}">${FIT_MARK[f]} ${count}</text>`,
          );
      }
      x += w;
    }
    parts.push(
      `<text x="${labelW}" y="${y + 36}" font-size="10.5" fill="#333">${FITS.map((f) => `${word(f)} ${summary.byCase[m][f]}`).join(' · ')}</text>`,
    );
  });
  const legendY = top + MODELS.length * rowH + 8;
  let lx = 0;
  const legend: string[] = [];
  for (const f of FITS) {
    legend.push(
      `<rect x="${lx}" y="${legendY}" width="14" height="14" fill="${f === 'undetermined' ? 'url(#profile-hatch)' : FILL[f]}" stroke="#555"/><text x="${lx + 19}" y="${legendY + 11}" font-size="11">${FIT_MARK[f]} ${word(f)}</text>`,
    );
    lx += 150;
  }
  const height = legendY + 26;
  const width = labelW + barW + 10;
  const desc = `For each of the five models, a bar split by how many of the ${summary.cases} cases it fits, partly fits, does not fit, or cannot be settled for. ${MODELS.map((m) => `${capital(MODEL_NAMES[m])}: ${FITS.map((f) => `${word(f)} ${summary.byCase[m][f]}`).join(', ')}.`).join(' ')}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="profile-title profile-desc" font-family="Helvetica, Arial, sans-serif" fill="#1a1a1a">
<title id="profile-title">How the five models fit across ${summary.cases} case${summary.cases === 1 ? '' : 's'}</title>
<desc id="profile-desc">${xml(desc)}</desc>
<defs><pattern id="profile-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#f4f4f4"/><line x1="0" y1="0" x2="0" y2="6" stroke="#bbb" stroke-width="2"/></pattern></defs>
<text x="0" y="18" font-size="15" font-weight="bold">How the five models fit across ${summary.cases} case${summary.cases === 1 ? '' : 's'}</text>
${parts.join('\n')}
${legend.join('\n')}
</svg>
`;
}
