/** Pure: a case's who-did-what by kind of party × stage, so cases with different parties line up. */
import type { CaseFile } from '../../../src/core/case.schema.js';
import {
  LEVELS,
  PARTY_KIND_WORDS,
  STAGES,
  type Level,
  type PartyKind,
  type Stage,
} from '../words.js';

/** What is recorded for one kind of party at one stage, over every party of that kind and every part. */
export type KindCell =
  /** No party of this kind is in the case: the list of parties is taken as complete. */
  | { readonly kind: 'absent' }
  /** Parties of this kind are in the case, but nothing is recorded for them at this stage. */
  | { readonly kind: 'unknown' }
  /** The levels claimed, least say first; more than one when parties, parts or accounts differ. */
  | { readonly kind: 'levels'; readonly levels: readonly Level[] };

export type KindGrid = ReadonlyMap<PartyKind, ReadonlyMap<Stage, KindCell>>;

export function kindGrid(doc: CaseFile): KindGrid {
  const kindOf = new Map(doc.parties.map((p) => [p.id, p.kind] as const));
  const present = new Set(doc.parties.map((p) => p.kind));
  const levels = new Map<string, Set<Level>>();
  for (const component of doc.components)
    for (const role of component.roles) {
      const kind = kindOf.get(role.party);
      if (kind === undefined) continue;
      const key = `${kind}|${role.stage}`;
      const set = levels.get(key) ?? new Set<Level>();
      set.add(role.level);
      levels.set(key, set);
    }
  const grid = new Map<PartyKind, Map<Stage, KindCell>>();
  for (const kind of Object.keys(PARTY_KIND_WORDS) as PartyKind[]) {
    const row = new Map<Stage, KindCell>();
    for (const stage of STAGES) {
      const found = levels.get(`${kind}|${stage}`);
      row.set(
        stage,
        !present.has(kind)
          ? { kind: 'absent' }
          : found === undefined
            ? { kind: 'unknown' }
            : { kind: 'levels', levels: LEVELS.filter((l) => found.has(l)) },
      );
    }
    grid.set(kind, row);
  }
  return grid;
}

/** The kinds of party that any of the cases has, in the vocabulary's order. */
export function kindsIn(docs: readonly CaseFile[]): PartyKind[] {
  const present = new Set(docs.flatMap((d) => d.parties.map((p) => p.kind)));
  return (Object.keys(PARTY_KIND_WORDS) as PartyKind[]).filter((k) => present.has(k));
}

/** Two cells say the same when they are the same state with the same levels. */
export const sameCell = (a: KindCell | undefined, b: KindCell | undefined): boolean =>
  JSON.stringify(a) === JSON.stringify(b);

/** A case as the comparison's address names it: `workspace/case`. */
export interface CaseRef {
  readonly workspace: string;
  readonly id: string;
}

export const refKey = (ref: CaseRef): string => `${ref.workspace}/${ref.id}`;

export function parseRef(text: string): CaseRef | undefined {
  const at = text.indexOf('/');
  if (at <= 0 || at === text.length - 1) return undefined;
  return { workspace: text.slice(0, at), id: text.slice(at + 1) };
}

export const COMPARE_PATH = '/compare';

/** The comparison's address: the cases, in order, as repeated `case=` parameters. */
export function comparePath(refs: readonly CaseRef[]): string {
  const query = new URLSearchParams();
  for (const ref of refs) query.append('case', refKey(ref));
  return `${COMPARE_PATH}${refs.length > 0 ? `?${query.toString()}` : ''}`;
}

/** The cases an address names, without repeats. */
export function refsOf(query: URLSearchParams): CaseRef[] {
  const seen = new Set<string>();
  const refs: CaseRef[] = [];
  for (const text of query.getAll('case')) {
    const ref = parseRef(text);
    if (ref === undefined || seen.has(refKey(ref))) continue;
    seen.add(refKey(ref));
    refs.push(ref);
  }
  return refs;
}
