/** An analysis as a Markdown report a person can paste into a document. */
import {
  FIT_WORDS,
  MODEL_NAMES,
  MODELS,
  PARTY_KIND_WORDS,
  type Analysis,
  type ComponentAnalysis,
  type Reason,
} from '../core/index.js';

export function analysisMarkdown(analysis: Analysis): string {
  const out: string[] = [];
  out.push(`# ${escape(analysis.title)}`, '');
  out.push(`> ${escape(analysis.overall.summary)}`, '');
  out.push(`Case \`${analysis.case}\`, read with Coprism rulebook ${analysis.rulebook}.`, '');
  if (analysis.components.length > 1) {
    out.push('## The initiative as a whole', '');
    out.push('| Model | Reading | Strongest in |', '| --- | --- | --- |');
    for (const m of MODELS) {
      const reading = analysis.overall.models[m];
      const strongest = analysis.components
        .filter((c) => c.models[m].fit === reading.fit)
        .map((c) => escape(c.title));
      out.push(`| ${MODEL_NAMES[m]} | ${FIT_WORDS[reading.fit]} | ${strongest.join('; ')} |`);
    }
    out.push('');
    for (const check of analysis.overall.labelCheck)
      out.push(`**Label check.** ${escape(check.text)}`, '');
  }
  for (const c of analysis.components) out.push(...component(c, analysis.components.length > 1));
  return `${out.join('\n').trimEnd()}\n`;
}

function component(c: ComponentAnalysis, several: boolean): string[] {
  const out: string[] = [];
  const h = several ? '##' : '##';
  out.push(`${h} ${escape(c.title)}`, '');
  if (several) out.push(escape(c.summary), '');
  out.push('| Model | Reading |', '| --- | --- |');
  for (const m of MODELS) out.push(`| ${MODEL_NAMES[m]} | ${FIT_WORDS[c.models[m].fit]} |`);
  out.push('');
  out.push(`${h}# Why`, '');
  for (const m of MODELS) {
    out.push(`**${capital(MODEL_NAMES[m])}: ${FIT_WORDS[c.models[m].fit]}.**`, '');
    for (const r of c.models[m].reasons) out.push(reasonItem(r));
    out.push('');
  }
  out.push(`${h}# Relationships and humane features`, '');
  if (c.relationshipsEqualised.length === 0)
    out.push('- No relationship is evened out on the record.');
  for (const rel of c.relationshipsEqualised) {
    out.push(
      `- Evens out ${PARTY_KIND_WORDS[rel.between[0]]} and ${PARTY_KIND_WORDS[rel.between[1]]}.`,
    );
    for (const r of rel.reasons) out.push(`  ${reasonItem(r)}`);
  }
  for (const r of c.humanisingReasons) out.push(reasonItem(r));
  out.push('');
  if (c.labelCheck.length > 0) {
    out.push(`${h}# Label check`, '');
    for (const check of c.labelCheck) out.push(`- ${escape(check.text)}`);
    out.push('');
  }
  out.push(`${h}# What could change this reading`, '');
  if (c.uncertainties.length === 0)
    out.push('- Nothing unknown or disputed in the record would change it.');
  for (const u of c.uncertainties) out.push(`- ${escape(u.text)}`);
  out.push('');
  return out;
}

function reasonItem(r: Reason): string {
  const refs = r.refs.length === 0 ? '' : ` — ${r.refs.map((x) => `\`${x}\``).join(', ')}`;
  return `- ${escape(r.text)} (rule \`${r.rule}\`${refs})`;
}

/** Text from case files is shown as text, never as markup. */
export const escape = (s: string): string => s.replace(/([\\`*_[\]<>|#])/g, '\\$1');
const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
