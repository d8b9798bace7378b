/** Request shapes shared by the routes, as zod schemas: they validate requests and document the API. */
import { z } from 'zod';
import { FITS, MODELS, validateCase, formatPath, type CaseFile } from '../../core/index.js';
import { parseDocuments } from '../case-documents.js';
import { HttpProblem } from '../problem.js';

export const ROLES = ['owner', 'editor', 'viewer'] as const;

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const WorkspaceParams = z.object({ workspace: z.string().min(1).max(64) });
export const CaseParams = WorkspaceParams.extend({
  case: z.string().regex(ID, 'a case id is lower-case words joined by hyphens').max(200),
});

export const Email = z.string().trim().email('expected an email address').max(320);
export const Password = z
  .string()
  .min(10, 'a password needs at least 10 characters')
  .max(200, 'a password can have at most 200 characters');
export const Name = z.string().trim().min(1, 'a name is needed').max(200);

export const NewAccountBody = z.object({ name: Name, email: Email, password: Password });

/** A case sent as a document (JSON) or as the text of a case file (YAML or JSON). */
export const CaseBody = z
  .object({
    document: z.unknown().optional().meta({
      description: 'The case as a coprism/1 document; its JSON Schema is at /api/schema.',
    }),
    text: z
      .string()
      .max(5_000_000)
      .optional()
      .meta({ description: 'The case as the text of a YAML or JSON case file.' }),
    message: z
      .string()
      .trim()
      .max(500)
      .optional()
      .meta({ description: 'What changed, in a few words.' }),
    revision: z
      .number()
      .int()
      .positive()
      .optional()
      .meta({ description: 'The revision this change was made to (or send If-Match).' }),
  })
  .strict();

export const ListQuery = z.object({
  q: z.string().max(200).optional(),
  model: z.enum(MODELS).optional(),
  fit: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',') : undefined))
    .pipe(z.array(z.enum(FITS)).optional()),
  domain: z.string().max(100).optional(),
  label: z.enum(MODELS).optional(),
  sourceKind: z.string().max(100).optional(),
  year: z.coerce.number().int().min(1800).max(2200).optional(),
  sort: z.enum(['title', 'updated', 'period']).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

export const FormatQuery = z.object({ format: z.enum(['yaml', 'json']).default('yaml') });

/** The case in a request body, validated by the core; its mistakes are a 422 with every problem. */
export function caseFromBody(body: z.infer<typeof CaseBody>): CaseFile {
  if (body.text !== undefined) {
    const parsed = parseDocuments(body.text, 'case');
    if (!parsed.ok) {
      throw unprocessable(
        parsed.error.map((p) => ({
          ...(p.line ? { line: p.line, column: p.column } : {}),
          field: p.field,
          message: p.message,
        })),
      );
    }
    if (parsed.value.length !== 1)
      throw new HttpProblem(
        400,
        'Send one case at a time here; import files of many cases instead.',
      );
    return parsed.value[0] as CaseFile;
  }
  if (body.document === undefined)
    throw new HttpProblem(
      400,
      "Send the case as 'document' (JSON) or 'text' (a case file's text).",
    );
  const checked = validateCase(body.document);
  if (!checked.ok) {
    throw unprocessable(
      checked.error.map((p) => ({ field: formatPath(p.path), message: p.message })),
    );
  }
  return checked.value;
}

function unprocessable(
  problems: ReadonlyArray<{
    field: string;
    message: string;
    line?: number;
    column?: number | undefined;
  }>,
): HttpProblem {
  const shown = problems.slice(0, 3).map((p) => (p.field ? `${p.field}: ${p.message}` : p.message));
  const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
  return new HttpProblem(422, `${shown.join('; ')}${more}`, { problems });
}

/** The revision a change was made to: If-Match ("r3" or 3) or the body's `revision`. */
export function expectedRevision(
  ifMatch: string | undefined,
  fromBody: number | undefined,
): number {
  if (ifMatch !== undefined) {
    const match = /^(?:W\/)?"?r?(\d+)"?$/.exec(ifMatch.trim());
    if (!match)
      throw new HttpProblem(
        400,
        'If-Match must be the ETag of the revision you changed, such as "r3".',
      );
    return Number(match[1]);
  }
  if (fromBody !== undefined) return fromBody;
  throw new HttpProblem(
    428,
    'Say which revision you changed (If-Match header, or revision in the body), so that nobody’s changes are overwritten.',
  );
}

export const etag = (revision: number): string => `"r${revision}"`;
