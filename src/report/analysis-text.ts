/** An analysis as readable terminal text. Fits are always written in words; colour only adds to them. */
import {
  FIT_WORDS,
  MODEL_NAMES,
  MODELS,
  PARTY_KIND_WORDS,
  type Analysis,
  type ComponentAnalysis,
  type ModelReadings,
  type Reason,
} from '../core/index.js';
import { PLAIN, type Palette } from './palette.js';

const WIDTH = 26;

export function analysisText(analysis: Analysis, palette: Palette = PLAIN): string {
  const lines: string[] = [];
  lines.push(
    palette.bold(`${analysis.title} (${analysis.case})`) +
      palette.dim(`  rulebook ${analysis.rulebook}`),
  );
  lines.push(analysis.overall.summary, '');
  for (const component of analysis.components)
    lines.push(...componentLines(component, palette), '');
  if (analysis.components.length > 1) {
    lines.push(palette.bold('The initiative as a whole'));
    lines.push(...modelLines(analysis.overall.models, palette, false));
    for (const check of analysis.overall.labelCheck) lines.push(`  Label check: ${check.text}`);
    lines.push('');
  }
  return lines.join('\n');
}

function componentLines(c: ComponentAnalysis, palette: Palette): string[] {
  const lines = [palette.bold(`Component: ${c.title} (${c.id})`), `  ${c.summary}`];
  lines.push(...modelLines(c.models, palette, true));
  lines.push(
    `  Relationships evened out: ${
      c.relationshipsEqualised.length === 0
        ? 'none found'
        : c.relationshipsEqualised
            .map((r) => `${PARTY_KIND_WORDS[r.between[0]]} and ${PARTY_KIND_WORDS[r.between[1]]}`)
            .join('; ')
    }`,
  );
  for (const r of c.relationshipsEqualised)
    for (const reason of r.reasons) lines.push(reasonLine(reason, palette, '    '));
  for (const reason of c.humanisingReasons) lines.push(`  Humane features: ${reason.text}`);
  for (const check of c.labelCheck) lines.push(`  Label check: ${check.text}`);
  if (c.uncertainties.length > 0) {
    lines.push('  What could change this reading:');
    for (const u of c.uncertainties) lines.push(`    - ${u.text}`);
  }
  return lines;
}

function modelLines(models: ModelReadings, palette: Palette, withReasons: boolean): string[] {
  const lines: string[] = [];
  for (const m of MODELS) {
    const reading = models[m];
    lines.push(
      `  ${MODEL_NAMES[m].padEnd(WIDTH)}${palette.fit(reading.fit, FIT_WORDS[reading.fit])}`,
    );
    for (const reason of reading.reasons)
      lines.push(withReasons ? reasonLine(reason, palette, '    ') : `    - ${reason.text}`);
  }
  return lines;
}

function reasonLine(reason: Reason, palette: Palette, indent: string): string {
  const refs = reason.refs.length === 0 ? '' : `; ${reason.refs.join(', ')}`;
  return `${indent}- ${reason.text} ${palette.dim(`[${reason.rule}${refs}]`)}`;
}
