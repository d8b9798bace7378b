/** Checks a parsed document against the case format and its cross-references, reporting every problem. */
import type { core } from 'zod';
import { CaseSchema, type CaseFile } from './case.schema.js';
import { closest, err, ok, type PathPart, type Problem, type Result } from './problems.js';

type Issue = core.$ZodIssue;

/** Validates a parsed YAML or JSON document as a `coprism/1` case. */
export function validateCase(data: unknown): Result<CaseFile, Problem[]> {
  const parsed = CaseSchema.safeParse(data);
  // References are checked even when the shape is wrong, so that every problem is reported at once.
  const references = checkReferences(data);
  if (!parsed.success)
    return err([...parsed.error.issues.map((issue) => describeIssue(issue, data)), ...references]);
  return references.length === 0 ? ok(parsed.data) : err(references);
}

// What a value in each field is called, for "'lead' is not a level".
const NOUNS: Record<string, string> = {
  level: 'a level',
  stage: 'a stage',
  certainty: 'a certainty',
  serviceDomain: 'a service domain',
  produces: 'something a component can produce',
  evaluation: 'a kind of evaluation',
  effect: 'an effect',
  outcome: 'an outcome',
  model: 'a model',
  describedAs: 'a model',
  between: 'a party kind',
  with: 'a party kind',
  stages: 'a design stage',
  format: 'the format name',
};

function nounFor(path: readonly PathPart[]): string {
  const named = [...path].reverse().find((p): p is string => typeof p === 'string') ?? '';
  if (named === 'kind') return path[0] === 'sources' ? 'a source kind' : 'a party kind';
  return NOUNS[named] ?? 'an allowed value';
}

function valueAt(data: unknown, path: readonly PathPart[]): unknown {
  let here: unknown = data;
  for (const part of path) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<PathPart, unknown>)[part];
  }
  return here;
}

function show(value: unknown): string {
  if (typeof value === 'string')
    return `'${value.length > 60 ? `${value.slice(0, 57)}...` : value}'`;
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a block of fields';
  return String(value);
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a block of fields',
  tuple: 'a list',
};

function describeIssue(issue: Issue, data: unknown): Problem {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  const value = valueAt(data, path);
  return { path, message: messageFor(issue, value, path) };
}

function messageFor(issue: Issue, value: unknown, path: readonly PathPart[]): string {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = TYPE_WORDS[issue.expected] ?? issue.expected;
      if (value === undefined) return `is required; expected ${expected}`;
      return `${show(value)} is not ${expected.replace(/^(a|an) /, 'a ')}; expected ${expected}`;
    }
    case 'invalid_value': {
      const allowed = issue.values.map(String);
      if (value === undefined)
        return `is required; expected ${allowed.length === 1 ? allowed[0] : `one of ${allowed.join(', ')}`}`;
      if (path.at(-1) === 'format')
        return `${show(value)} is not a format this tool reads; expected ${allowed[0]}`;
      const guess = typeof value === 'string' ? closest(value, allowed) : undefined;
      const hint = guess === undefined ? '' : ` (did you mean '${guess}'?)`;
      return `${show(value)} is not ${nounFor(path)}; expected one of ${allowed.join(', ')}${hint}`;
    }
    case 'unrecognized_keys': {
      return issue.keys
        .map((key) => {
          const known = knownKeys(path);
          const guess = closest(key, known);
          // `{ citation: A report, 2020 }` splits at the comma and leaves a key with no value.
          const split =
            valueAt(value, [key]) === null
              ? ` (if '${key}' is part of the text before it, put that whole text in quotes)`
              : '';
          return `'${key}' is not a field here${guess === undefined ? '' : ` (did you mean '${guess}'?)`}; expected ${known.join(', ')}${split}`;
        })
        .join('; ');
    }
    case 'too_small':
      if (issue.origin === 'array')
        return `needs at least ${String(issue.minimum)} ${issue.minimum === 1 ? 'entry' : 'entries'}`;
      if (issue.origin === 'string') return 'must not be empty';
      return `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'array')
        return `has ${Array.isArray(value) ? value.length : 'too many'} entries; at most ${String(issue.maximum)} are allowed`;
      if (issue.origin === 'string')
        return `is too long (${typeof value === 'string' ? value.length : 'too many'} characters); at most ${String(issue.maximum)} are allowed`;
      return `must be at most ${String(issue.maximum)}`;
    case 'invalid_format':
      return `${show(value)} is not a valid id; expected lower-case letters and digits in words joined by hyphens, such as 'peer-support'`;
    default:
      return issue.message;
  }
}

function knownKeys(path: readonly PathPart[]): string[] {
  const named = path.filter((p): p is string => typeof p === 'string');
  const shape = shapeAt(named);
  return shape === undefined ? [] : Object.keys(shape);
}

function shapeAt(named: readonly string[]): Record<string, unknown> | undefined {
  // Walk the schema's object shapes along the field names in the path.
  let schema: unknown = CaseSchema;
  for (const key of named) {
    const shape = objectShape(schema);
    schema = unwrap(shape?.[key]);
  }
  return objectShape(schema);
}

function unwrap(schema: unknown): unknown {
  let s = schema as
    { _zod?: { def?: { innerType?: unknown; element?: unknown; type?: string } } } | undefined;
  for (let i = 0; i < 5 && s?._zod?.def !== undefined; i++) {
    const def = s._zod.def;
    if (def.type === 'optional' && def.innerType !== undefined) s = def.innerType as typeof s;
    else if (def.type === 'array' && def.element !== undefined) s = def.element as typeof s;
    else break;
  }
  return s;
}

function objectShape(schema: unknown): Record<string, unknown> | undefined {
  const def = (
    schema as { _zod?: { def?: { type?: string; shape?: Record<string, unknown> } } } | undefined
  )?._zod?.def;
  return def?.type === 'object' ? def.shape : undefined;
}

/** Ids must be unique, and every reference to a party or source must name one that exists. */
function checkReferences(data: unknown): Problem[] {
  const doc = asRecord(data);
  const problems: Problem[] = [];
  const duplicate = (seen: Set<string>, value: unknown, path: PathPart[], what: string): void => {
    if (typeof value !== 'string') return;
    if (seen.has(value))
      problems.push({
        path,
        message: `'${value}' is already the id of another ${what}; ids must be unique`,
      });
    seen.add(value);
  };
  const sourceIds = new Set<string>();
  const partyIds = new Set<string>();
  const componentIds = new Set<string>();
  asList(doc.sources).forEach((s, i) =>
    duplicate(sourceIds, asRecord(s).id, ['sources', i, 'id'], 'source'),
  );
  asList(doc.parties).forEach((p, i) =>
    duplicate(partyIds, asRecord(p).id, ['parties', i, 'id'], 'party'),
  );
  const sourceRef = (source: unknown, path: PathPart[]): void => {
    if (typeof source === 'string' && !sourceIds.has(source)) {
      problems.push({
        path,
        message:
          sourceIds.size === 0
            ? `'${source}' is not the id of a source: this case lists no sources; add it under sources, or leave source out`
            : `'${source}' is not the id of a source in this case; expected one of ${[...sourceIds].join(', ')}`,
      });
    }
  };
  asList(doc.components).forEach((raw, ci) => {
    const c = asRecord(raw);
    duplicate(componentIds, c.id, ['components', ci, 'id'], 'component');
    asList(c.roles).forEach((rawRole, ri) => {
      const r = asRecord(rawRole);
      if (typeof r.party === 'string' && !partyIds.has(r.party)) {
        const guess = closest(r.party, [...partyIds]);
        problems.push({
          path: ['components', ci, 'roles', ri, 'party'],
          message: `'${r.party}' is not the id of a party in this case${guess === undefined ? '' : ` (did you mean '${guess}'?)`}; expected one of ${listOrNone(partyIds)}`,
        });
      }
      sourceRef(r.source, ['components', ci, 'roles', ri, 'source']);
    });
    asList(c.relationships).forEach((r, i) =>
      sourceRef(asRecord(r).source, ['components', ci, 'relationships', i, 'source']),
    );
    asList(c.attempts).forEach((a, i) =>
      sourceRef(asRecord(a).source, ['components', ci, 'attempts', i, 'source']),
    );
  });
  return problems;
}

const asRecord = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const listOrNone = (ids: Set<string>): string =>
  ids.size === 0 ? 'none (the list is empty)' : [...ids].join(', ');
