/** The rulebook in plain English, as `coprism rules` prints it. */
import { FIT_WORDS, MODEL_NAMES, MODELS, type Rulebook } from '../core/index.js';

export function rulebookText(rulebook: Rulebook, markdown = false): string {
  const out: string[] = [];
  const heading = (s: string): string => (markdown ? `## ${s}` : s.toUpperCase());
  out.push(
    markdown ? `# Coprism rulebook ${rulebook.version}` : `Coprism rulebook ${rulebook.version}`,
    '',
  );
  out.push(
    'For each model, the verdict rules are tried in order and the first that holds decides the fit. A rule that rests on a fact the record does not hold is passed over; the reading then lists what that fact could change.',
    '',
  );
  for (const model of MODELS) {
    out.push(heading(MODEL_NAMES[model]), '');
    for (const rule of rulebook.rules) {
      if ((rule.kind === 'verdict' || rule.kind === 'note') && rule.model === model) {
        const tag = rule.kind === 'verdict' ? FIT_WORDS[rule.fit] : 'note';
        out.push(line(rule.id, tag, rule.statement, markdown));
      }
    }
    out.push('');
  }
  out.push(heading('Relationships and readings across models'), '');
  for (const rule of rulebook.rules) {
    if (rule.kind === 'equalises' || rule.kind === 'reading')
      out.push(
        line(
          rule.id,
          rule.kind === 'equalises' ? 'evens out' : 'reading',
          rule.statement,
          markdown,
        ),
      );
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function line(id: string, tag: string, statement: string, markdown: boolean): string {
  return markdown ? `- **${id}** (${tag}): ${statement}` : `  ${id} (${tag})\n      ${statement}`;
}
