/**
 * The shape of a case's grid: for each kind of party and each stage, the highest level any
 * claim gives, across all parts. Two cases with the same shape had the same kinds of people
 * doing the same kinds of things, whatever they are called; that is what "similar" means here.
 */
import type { CaseFile } from './case.schema.js';
import {
  LEVELS,
  PARTY_KINDS,
  STAGES,
  levelRank,
  type Level,
  type PartyKind,
  type Stage,
} from './vocabulary.js';

/** A level per kind of party and stage, or null when nothing is recorded. */
export type GridShape = ReadonlyArray<Level | null>;

const CELLS = PARTY_KINDS.flatMap((kind) => STAGES.map((stage) => ({ kind, stage })));

export function gridShape(doc: CaseFile): GridShape {
  const kindOf = new Map(doc.parties.map((p) => [p.id, p.kind]));
  const best = new Map<string, Level>();
  for (const component of doc.components) {
    for (const role of component.roles) {
      const kind = kindOf.get(role.party);
      if (kind === undefined) continue;
      const key = `${kind}|${role.stage}`;
      const had = best.get(key);
      if (had === undefined || levelRank(role.level) > levelRank(had)) best.set(key, role.level);
    }
  }
  return CELLS.map(({ kind, stage }) => best.get(`${kind}|${stage}`) ?? null);
}

/** A compact text form, one character a cell ('-' for nothing recorded), for storing. */
export const shapeCode = (shape: GridShape): string =>
  shape.map((level) => (level === null ? '-' : String(levelRank(level)))).join('');

export function shapeFromCode(code: string): GridShape | undefined {
  if (code.length !== CELLS.length) return undefined;
  return [...code].map((c) => (c === '-' ? null : (LEVELS[Number(c)] ?? null)));
}

export interface ShapeDifference {
  readonly kind: PartyKind;
  readonly stage: Stage;
  readonly here: Level | null;
  readonly there: Level | null;
}

/**
 * How alike two shapes are, from 0 to 1, over the cells either records: the same level counts 1,
 * levels further apart count less, and a cell one records and the other does not counts 0.
 */
export function shapeSimilarity(
  here: GridShape,
  there: GridShape,
): { readonly score: number; readonly differences: readonly ShapeDifference[] } {
  let total = 0;
  let cells = 0;
  const differences: ShapeDifference[] = [];
  CELLS.forEach(({ kind, stage }, i) => {
    const a = here[i] ?? null;
    const b = there[i] ?? null;
    if (a === null && b === null) return;
    cells += 1;
    if (a !== null && b !== null)
      total += 1 - Math.abs(levelRank(a) - levelRank(b)) / (LEVELS.length - 1);
    if (a !== b) differences.push({ kind, stage, here: a, there: b });
  });
  return { score: cells === 0 ? 0 : total / cells, differences };
}
