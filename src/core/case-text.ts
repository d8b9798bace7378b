/** Reads case text (YAML or JSON) into a validated case, with line and column for every problem. */
import { load } from 'js-yaml';
import { parse as parseJson, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { LineCounter, isMap, isNode, isPair, isScalar, parseDocument, type Document } from 'yaml';
import type { CaseFile } from './case.schema.js';
import { err, formatPath, ok, type PathPart, type Problem, type Result } from './problems.js';
import { validateCase } from './validate.js';

/** A problem placed in a file, ready to show to a person. */
export interface TextProblem {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  /** The field, as `components[2].roles[4].level`; empty for syntax errors. */
  readonly field: string;
  readonly message: string;
}

/** `file:line:column: field: message` — one line a person (and an editor) can act on. */
export function formatTextProblem(p: TextProblem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}:${p.column ?? 1}`;
  return p.field === '' ? `${where}: ${p.message}` : `${where}: ${p.field}: ${p.message}`;
}

/**
 * Parses and validates case text. Valid files take the fast path (js-yaml, no positions);
 * only when something is wrong is the text parsed again, with positions, to place each problem.
 */
export function parseCaseText(text: string, file: string): Result<CaseFile, TextProblem[]> {
  let data: unknown;
  try {
    data = file.endsWith('.json') ? JSON.parse(text) : load(text);
  } catch {
    if (file.endsWith('.json') && text.trim() !== '') return err(jsonProblems(text, file));
    return err(syntaxProblems(text, file));
  }
  const checked = validateCase(data);
  if (checked.ok) return ok(checked.value);
  return err(placeProblems(text, file, checked.error));
}

// The JSON parser's error codes, in plain words.
const JSON_ERRORS: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'a number is not written correctly',
  PropertyNameExpected: 'expected a field name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: "expected ':' after a field name",
  CommaExpected: "expected ',' between entries",
  CloseBraceExpected: "expected '}' to close a block",
  CloseBracketExpected: "expected ']' to close a list",
  EndOfFileExpected: 'unexpected text after the end',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'a text value is not closed with a double quote',
  UnexpectedEndOfNumber: 'a number is not written correctly',
  InvalidUnicode: 'an invalid \\u escape',
  InvalidEscapeCharacter: 'an invalid escape after a backslash',
  InvalidCharacter: 'a character that must be escaped',
};

/** JSON.parse says little about where; a second parse that keeps positions says where. */
function jsonProblems(text: string, file: string): TextProblem[] {
  const errors: ParseError[] = [];
  parseJson(text, errors, { disallowComments: true, allowTrailingComma: false });
  const lineCounter = new LineCounter();
  let start = 0;
  for (const line of text.split('\n')) {
    lineCounter.addNewLine(start);
    start += line.length + 1;
  }
  const problems = errors.slice(0, 5).map((e): TextProblem => {
    const pos = lineCounter.linePos(e.offset);
    return {
      file,
      line: pos.line,
      column: pos.col,
      field: '',
      message: `this is not valid JSON: ${JSON_ERRORS[printParseErrorCode(e.error)] ?? 'unexpected text'}`,
    };
  });
  return problems.length > 0 ? problems : [{ file, field: '', message: 'this is not valid JSON' }];
}

function syntaxProblems(text: string, file: string): TextProblem[] {
  if (text.trim() === '')
    return [
      {
        file,
        field: '',
        message: 'the file is empty; expected a case starting with format: coprism/1',
      },
    ];
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, lineCounter);
  if (docs.length > 1) {
    const second = lineCounter.linePos(docs[1]?.range[0] ?? 0);
    return [
      {
        file,
        line: second.line,
        column: second.col,
        field: '',
        message: 'this file holds more than one YAML document; expected one case per file',
      },
    ];
  }
  const problems = (docs[0]?.errors ?? []).map((e): TextProblem => {
    const pos = e.linePos?.[0];
    return {
      file,
      ...(pos === undefined ? {} : { line: pos.line, column: pos.col }),
      field: '',
      message: `this is not valid YAML or JSON: ${firstLine(e.message)}`,
    };
  });
  return problems.length > 0
    ? problems
    : [
        {
          file,
          field: '',
          message:
            'this is not valid YAML or JSON (check indentation, quotes and repeated field names)',
        },
      ];
}

function parseAllDocuments(text: string, lineCounter: LineCounter): Document.Parsed[] {
  const docs: Document.Parsed[] = [];
  const parsed = parseDocument(text, { lineCounter, uniqueKeys: true });
  docs.push(parsed);
  // parseDocument stops at the first document; a second `---` shows up as an error we report plainly.
  const marker = /^---\s*$/m.exec(text.slice(parsed.range[1]));
  if (
    marker !== null &&
    parsed.range[1] < text.length &&
    text.slice(parsed.range[1]).trim() !== ''
  ) {
    const again = parseDocument(text.slice(parsed.range[1] + marker.index), {
      lineCounter: new LineCounter(),
    });
    again.range = [parsed.range[1] + marker.index, text.length, text.length];
    docs.push(again);
  }
  return docs;
}

const firstLine = (message: string): string =>
  (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');

function placeProblems(text: string, file: string, problems: Problem[]): TextProblem[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  return problems.map((problem) => {
    const offset = offsetOf(doc, problem);
    const pos = offset === undefined ? undefined : lineCounter.linePos(offset);
    return {
      file,
      ...(pos === undefined ? {} : { line: pos.line, column: pos.col }),
      field: formatPath(problem.path),
      message: problem.message,
    };
  });
}

/** Where in the text a problem is: the value itself, or the nearest enclosing field that exists. */
function offsetOf(doc: Document.Parsed, problem: Problem): number | undefined {
  const path: PathPart[] = [...problem.path];
  // An unknown field's problem is placed on the field's own key.
  const unknownKey = /^'([^']+)' is not a field here/.exec(problem.message)?.[1];
  if (unknownKey !== undefined) {
    const parent = doc.getIn(path, true);
    if (isMap(parent)) {
      const pair = parent.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === unknownKey,
      );
      const key = pair?.key;
      if (isNode(key) && key.range) return key.range[0];
    }
  }
  while (path.length > 0) {
    const node = doc.getIn(path, true);
    if (isNode(node) && node.range) return node.range[0];
    path.pop();
  }
  return doc.contents?.range?.[0];
}
