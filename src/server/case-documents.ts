/**
 * Case documents as text: the canonical YAML and JSON a case is exported as, and the reading of
 * files that hold one case or many (a workspace export). Exporting, importing and exporting
 * again gives the same bytes, because the export is a function of the validated document alone.
 */
import { parseTree } from 'jsonc-parser';
import { stringify } from 'yaml';
import { parseCaseText, type CaseFile, type Result, type TextProblem } from '../core/index.js';

export type TextFormat = 'yaml' | 'json';

export function documentText(document: CaseFile, format: TextFormat): string {
  return format === 'json'
    ? `${JSON.stringify(document, null, 2)}\n`
    : stringify(document, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** Many cases in one file: a YAML stream (`---` between cases) or a JSON array. */
export function documentsText(documents: readonly CaseFile[], format: TextFormat): string {
  if (format === 'json') return `${JSON.stringify(documents, null, 2)}\n`;
  return documents.map((d) => `---\n${documentText(d, 'yaml')}`).join('');
}

const looksLikeJson = (name: string, text: string) =>
  name.toLowerCase().endsWith('.json') || /^\s*[[{]/.test(text);

/** Reads every case in a file; all of them, or the problems of every one (a file is all-or-nothing). */
export function parseDocuments(text: string, name: string): Result<CaseFile[], TextProblem[]> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const json = looksLikeJson(name, body);
  const parts = json ? jsonParts(body) : yamlParts(body);
  // The core reads a file as JSON by its name; a pasted JSON text is named so it is read that way.
  const file = json && !name.toLowerCase().endsWith('.json') ? `${name}.json` : name;
  const cases: CaseFile[] = [];
  const problems: TextProblem[] = [];
  for (const part of parts) {
    const read = parseCaseText(part.text, file);
    if (read.ok) cases.push(read.value);
    else
      problems.push(
        ...read.error.map((p) => ({
          ...p,
          file: name,
          ...(p.line === undefined
            ? {}
            : {
                line: p.line + part.line - 1,
                column: p.line === 1 ? (p.column ?? 1) + part.column - 1 : (p.column ?? 1),
              }),
        })),
      );
  }
  if (problems.length > 0) return { ok: false, error: problems };
  if (cases.length === 0) {
    return { ok: false, error: [{ file: name, field: '', message: 'this file holds no case' }] };
  }
  return { ok: true, value: cases };
}

interface Part {
  readonly text: string;
  /** Where the part starts in the file, 1-based. */
  readonly line: number;
  readonly column: number;
}

/** Splits a YAML stream at its `---` lines, keeping each part's first line number. */
function yamlParts(text: string): Part[] {
  const lines = text.split('\n');
  const parts: Part[] = [];
  let start = 0;
  const flush = (end: number) => {
    const chunk = lines.slice(start, end).join('\n');
    if (chunk.replace(/#.*$/gm, '').trim() !== '')
      parts.push({ text: chunk, line: start + 1, column: 1 });
  };
  lines.forEach((line, i) => {
    if (/^(---|\.\.\.)(\s.*)?$/.test(line.trimEnd())) {
      flush(i);
      start = i + 1;
    }
  });
  flush(lines.length);
  // A lone document keeps its own text, so positions and messages are exactly the CLI's.
  return parts.length <= 1 ? [{ text, line: 1, column: 1 }] : parts;
}

/** A JSON array of cases is read element by element; anything else is one case. */
function jsonParts(text: string): Part[] {
  const tree = parseTree(text);
  if (tree?.type !== 'array' || !tree.children) return [{ text, line: 1, column: 1 }];
  return tree.children.map((child) => {
    const before = text.slice(0, child.offset);
    const line = before.split('\n').length;
    const column = child.offset - before.lastIndexOf('\n');
    return { text: text.slice(child.offset, child.offset + child.length), line, column };
  });
}
