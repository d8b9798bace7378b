/** The case as YAML text and back, for the expert view. The server's checks say the rest. */
import { parseDocument, stringify } from 'yaml';
import { canonical, toDraftCase, type DraftCase } from './document.js';

/** The same YAML an exported case is written in: fields in the documented order, no line folding. */
export const toYaml = (doc: DraftCase): string =>
  stringify(canonical(doc), { lineWidth: 0, aliasDuplicateObjects: false });

export type ReadYaml =
  | { readonly ok: true; readonly doc: DraftCase }
  | {
      readonly ok: false;
      readonly message: string;
      readonly line?: number | undefined;
      readonly column?: number | undefined;
    };

/** Reads the text as a case the interview can show, or says where and why it can't. */
export function fromYaml(text: string): ReadYaml {
  const parsed = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  const error = parsed.errors[0];
  if (error) {
    const start = error.linePos?.[0];
    // The parser's message repeats the place and quotes the text; the first line says what is wrong.
    const message = (error.message.split('\n')[0] ?? error.message).replace(
      / at line \d+, column \d+:?$/,
      '',
    );
    return { ok: false, message, line: start?.line, column: start?.col };
  }
  const value: unknown = parsed.toJS({ maxAliasCount: 50 });
  const read = toDraftCase(value ?? {});
  return read.ok ? { ok: true, doc: read.value } : { ok: false, message: read.reason };
}
