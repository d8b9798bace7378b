/**
 * The fast path of the evaluator: a rule's condition compiled once into a function that gives
 * only its truth (no words), and notes the doubts it leaned on. The analysis runs rules many
 * times over for its what-ifs; this keeps that cheap. `evaluate.ts` gives the same truths with
 * the facts in words, for the reasons people read.
 */
import type { Doubt } from './evaluate.js';
import { fieldValue, type ComponentFacts, type FieldValue } from './facts.js';
import { SIDES, type Condition, type FieldName, type LevelTest, type Side } from './rule.types.js';
import { STAGES, levelRank, type ModelId } from './vocabulary.js';

/** Three values as numbers, so that "and" is min, "or" is max and "not" is 2 - x. */
export const FALSE = 0;
export const UNKNOWN = 1;
export const TRUE = 2;
export type Truth3 = typeof FALSE | typeof UNKNOWN | typeof TRUE;

const STAGE_COUNT = STAGES.length;

export const FIELDS: readonly FieldName[] = [
  'produces',
  'serviceDomain',
  'evidence.drivenByEvidence',
  'evidence.reviewed',
  'evidence.evaluation',
  'design.respondsToEndUsers',
  'design.iterations',
  'design.stages',
];

/**
 * Set in a doubt's mask when a test holds *because* parties were unrecorded (`unlessRecorded`).
 * Other tests are monotone: three-valued logic never turns a known truth into another by
 * learning an unknown fact, so only rules that were unknown need evaluating again. These can.
 */
export const LENIENT = 1 << 8;

/** True for a doubt about a claim that exists (suggested or disputed), whose level may change. */
export const isClaimDoubt = (key: number): boolean => key >= CELL_DOUBT;

const STAGE_DOUBT = 1_000_000;
const FIELD_DOUBT = 2_000_000;
const CELL_DOUBT = 3_000_000;

/** A number for each doubt, cheap to make and compare. */
export function doubtKey(d: Doubt): number {
  if (d.type === 'unknown-stage')
    return STAGE_DOUBT + SIDES.indexOf(d.side) * 100 + STAGES.indexOf(d.stage);
  if (d.type === 'unknown-field') return FIELD_DOUBT + FIELDS.indexOf(d.field);
  return CELL_DOUBT + d.cell;
}

export function doubtOf(key: number): Doubt {
  if (key >= CELL_DOUBT) return { type: 'doubtful-claim', cell: key - CELL_DOUBT };
  if (key >= FIELD_DOUBT)
    return { type: 'unknown-field', field: FIELDS[key - FIELD_DOUBT] ?? 'produces' };
  const n = key - STAGE_DOUBT;
  return {
    type: 'unknown-stage',
    side: SIDES[Math.floor(n / 100)] ?? 'users',
    stage: STAGES[n % 100] ?? 'design',
  };
}

/** A component's facts as flat tables, built once per component. */
export interface FactTables {
  readonly facts: ComponentFacts;
  /** Level rank per cell (party × stage), -1 when unknown. */
  readonly rank: Int8Array;
  /** 1 where the cell's claim is only suggested or disputed. */
  readonly doubtful: Uint8Array;
  /** Parties on each side, by side index. */
  readonly bySide: readonly (readonly number[])[];
  /** One bit per side a party is on. */
  readonly sideBits: Int32Array;
  readonly fields: readonly (FieldValue | undefined)[];
  /** Each stage test's truth at each stage in the base reading, by node and stage. */
  readonly memo: Int8Array;
  /** Level summaries per group of sides and stage, filled as the rules ask for them. */
  readonly summaries: (Summary | undefined)[];
}

export function factTables(facts: ComponentFacts): FactTables {
  const parties = facts.doc.parties.length;
  const rank = new Int8Array(parties * STAGE_COUNT).fill(-1);
  const doubtful = new Uint8Array(parties * STAGE_COUNT);
  for (const [key, cell] of facts.cells) {
    rank[key] = levelRank(cell.chosen.level);
    if (cell.disagreement || cell.chosen.certainty === 'suggested') doubtful[key] = 1;
  }
  const bySide = SIDES.map((side) => facts.partiesBySide.get(side) ?? []);
  const sideBits = new Int32Array(parties);
  facts.sidesOf.forEach((sides, p) => {
    for (const side of sides) sideBits[p] = (sideBits[p] ?? 0) | (1 << SIDES.indexOf(side));
  });
  return {
    facts,
    memo: new Int8Array(nextNode * STAGE_COUNT),
    summaries: [],
    rank,
    doubtful,
    bySide,
    sideBits,
    fields: FIELDS.map((f) => fieldValue(facts.component, f)),
  };
}

/** One what-if, flattened: at most one cell, one side-stage or one field set another way. */
export interface FlatScenario {
  readonly cell?: number;
  readonly cellRank?: number;
  /** Parties with no claim at `fillStage`, given the level `fillRank`. */
  readonly fillParties?: readonly number[];
  readonly fillStage?: number;
  readonly fillRank?: number;
  readonly field?: number;
  readonly fieldValue?: FieldValue;
}

/** Where a compiled condition runs: the facts, the what-if, and where to note doubts. */
export interface TruthContext {
  readonly t: FactTables;
  readonly s: FlatScenario;
  readonly model: ModelId;
  /** Doubt key to the levels compared against (one bit per level); absent when not tracking. */
  readonly doubts: Map<number, number> | undefined;
}

export type Compiled = (ctx: TruthContext) => Truth3;

/** The record as it stands: no what-if. */
export const NO_SCENARIO: FlatScenario = {};

/** Each stage test in a compiled rulebook has a number, for the base reading's notes. */
let nextNode = 0;

const min = (a: Truth3, b: Truth3): Truth3 => (a < b ? a : b);
const max = (a: Truth3, b: Truth3): Truth3 => (a > b ? a : b);

/** Compiles a condition into a function of the facts. */
export function compileCondition(condition: Condition): Compiled {
  if ('all' in condition) {
    const parts = condition.all.map(compileCondition);
    return (ctx) => {
      let out: Truth3 = TRUE;
      for (const part of parts) {
        out = min(out, part(ctx));
        // Stop early unless doubts are being noted: every doubt must be seen in the base reading.
        if (out === FALSE && ctx.doubts === undefined) return out;
      }
      return out;
    };
  }
  if ('any' in condition) {
    const parts = condition.any.map(compileCondition);
    return (ctx) => {
      let out: Truth3 = FALSE;
      for (const part of parts) {
        out = max(out, part(ctx));
        if (out === TRUE && ctx.doubts === undefined) return out;
      }
      return out;
    };
  }
  if ('not' in condition) {
    const inner = compileCondition(condition.not);
    return (ctx) => (2 - inner(ctx)) as Truth3;
  }
  if ('atStage' in condition) {
    const stages = condition.atStage.stages.map((s) => STAGES.indexOf(s));
    const tests = condition.atStage.where.map(compileLevelTest);
    const every = condition.atStage.every === true;
    const node = nextNode++;
    return (ctx) => {
      let out: Truth3 = every ? TRUE : FALSE;
      const quick = ctx.doubts === undefined;
      const memo = ctx.t.memo;
      const base = node * STAGE_COUNT;
      // A what-if changes one stage at most (none for a field): the other stages are as in the
      // base reading, which noted each stage's truth here.
      const reuse = quick && ctx.s !== NO_SCENARIO && base + STAGE_COUNT <= memo.length;
      const changed = ctx.s.fillStage ?? (ctx.s.cell === undefined ? -1 : ctx.s.cell % STAGE_COUNT);
      for (const stage of stages) {
        let here: Truth3;
        if (reuse && stage !== changed) here = (memo[base + stage] ?? UNKNOWN) as Truth3;
        else {
          here = TRUE;
          for (const test of tests) {
            here = min(here, test(ctx, stage));
            if (here === FALSE && quick) break;
          }
          if (!quick && ctx.s === NO_SCENARIO && base + stage < memo.length)
            memo[base + stage] = here;
        }
        out = every ? min(out, here) : max(out, here);
        if (quick && out === (every ? FALSE : TRUE)) return out;
      }
      return out;
    };
  }
  if ('field' in condition) {
    const index = FIELDS.indexOf(condition.field);
    const holds = fieldPredicate(condition);
    const key = FIELD_DOUBT + index;
    return (ctx) => {
      const value = ctx.s.field === index ? ctx.s.fieldValue : ctx.t.fields[index];
      if (value === undefined) {
        if (ctx.doubts !== undefined && !ctx.doubts.has(key)) ctx.doubts.set(key, 0);
        return UNKNOWN;
      }
      return holds(value) ? TRUE : FALSE;
    };
  }
  if ('relationship' in condition) {
    const { between, effect } = condition.relationship;
    return (ctx) => {
      const list = ctx.t.facts.component.relationships;
      if (list === undefined) return UNKNOWN;
      const found = list.some(
        (r) =>
          r.effect === effect &&
          ((r.between[0] === between[0] && r.between[1] === between[1]) ||
            (r.between[0] === between[1] && r.between[1] === between[0])),
      );
      return found ? TRUE : FALSE;
    };
  }
  if ('attempt' in condition) {
    const { model, outcome } = condition.attempt;
    return (ctx) => {
      const list = ctx.t.facts.component.attempts;
      if (list === undefined) return UNKNOWN;
      const wanted = model ?? ctx.model;
      return list.some((a) => a.model === wanted && outcome.includes(a.outcome)) ? TRUE : FALSE;
    };
  }
  if ('party' in condition) {
    const test = condition.party;
    const side = test.side === undefined ? 0 : 1 << SIDES.indexOf(test.side);
    return (ctx) => {
      const parties = ctx.t.facts.doc.parties;
      for (let i = 0; i < parties.length; i++) {
        const p = parties[i];
        if (p === undefined) continue;
        if (test.kind !== undefined && p.kind !== test.kind) continue;
        if (side !== 0 && ((ctx.t.sideBits[i] ?? 0) & side) === 0) continue;
        if (
          test.livedExperience !== undefined &&
          (p.livedExperience === true) !== test.livedExperience
        )
          continue;
        if (test.userLed !== undefined && (p.userLed === true) !== test.userLed) continue;
        return TRUE;
      }
      return FALSE;
    };
  }
  if ('humanising' in condition) {
    return (ctx) => {
      const features = ctx.t.facts.component.humanising;
      return features === undefined ? UNKNOWN : features.length > 0 ? TRUE : FALSE;
    };
  }
  return () => TRUE;
}

function fieldPredicate(
  test: Extract<Condition, { field: FieldName }>,
): (value: FieldValue) => boolean {
  if ('in' in test) {
    const allowed: readonly unknown[] = test.in;
    return (value) => allowed.includes(value);
  }
  if ('is' in test) return (value) => value === test.is;
  if ('atLeast' in test) return (value) => typeof value === 'number' && value >= test.atLeast;
  return (value) => Array.isArray(value) && test.includesAny.some((s) => value.includes(s));
}

/** What a group of sides shows at one stage on the record as it stands. */
interface Summary {
  /** The highest level rank known, -1 if none. */
  readonly top: number;
  /** The sides (by index) that have a party with no claim here. */
  readonly unknownSides: readonly number[];
  /** Cells here whose claim is only suggested or disputed. */
  readonly doubtfulCells: readonly number[];
  /** Whether any party of the group is listed at all. */
  readonly any: boolean;
  /** The cells of the group's parties at this stage. */
  readonly cells: readonly number[];
  /** 1 for each party (by index) in the group, to tell at once whether a what-if touches it. */
  readonly members: Uint8Array;
}

let nextGroup = 0;

function compileLevelTest(test: LevelTest): (ctx: TruthContext, stage: number) => Truth3 {
  const sides = (typeof test.side === 'string' ? [test.side] : test.side).map((s: Side) =>
    SIDES.indexOf(s),
  );
  const except = test.except === undefined ? 0 : 1 << SIDES.indexOf(test.except);
  const need = test.atLeast === undefined ? -1 : levelRank(test.atLeast);
  const limit = test.below === undefined ? -1 : levelRank(test.below);
  const lenient = test.unlessRecorded === true;
  const mask = (need < 0 ? 0 : 1 << need) | (limit < 0 ? 0 : 1 << limit);
  // Tests on the same group of sides share their summaries.
  const group = groupIndex(sides, except);

  const decide = (top: number, unknown: boolean, any: boolean): Truth3 => {
    // The parties list is complete: a side with no party listed took no part.
    if (!any) return need > 0 ? FALSE : TRUE;
    let out: Truth3 = TRUE;
    if (need >= 0) out = top >= need ? TRUE : unknown ? UNKNOWN : FALSE;
    if (limit >= 0) out = min(out, top >= limit ? FALSE : !unknown || lenient ? TRUE : UNKNOWN);
    return out;
  };

  return (ctx, stage) => {
    const { t, s, doubts } = ctx;
    const summary = summaryOf(t, group, sides, except, stage);
    const touched =
      (s.fillStage === stage && s.fillParties?.some((p) => summary.members[p] === 1) === true) ||
      (s.cell !== undefined &&
        s.cell % STAGE_COUNT === stage &&
        summary.members[Math.floor(s.cell / STAGE_COUNT)] === 1);
    if (!touched) {
      const truth = decide(summary.top, summary.unknownSides.length > 0, summary.any);
      if (doubts !== undefined) {
        // A missing claim matters only where the test is still open, or holds because of it
        // (LENIENT): a known truth stays known whatever the missing claim turns out to be.
        const leaning = lenient && summary.top < limit && summary.unknownSides.length > 0;
        if (truth === UNKNOWN || leaning) {
          const unknownMask = leaning ? mask | LENIENT : mask;
          for (const side of summary.unknownSides)
            note(doubts, STAGE_DOUBT + side * 100 + stage, unknownMask);
        }
        // A claim that may be wrong can turn a known truth, so it always counts.
        for (const cell of summary.doubtfulCells) note(doubts, CELL_DOUBT + cell, mask);
      }
      return truth;
    }
    // A what-if changes this group at this stage: read it party by party.
    let top = -1;
    let unknown = false;
    for (const cell of summary.cells) {
      const party = Math.floor(cell / STAGE_COUNT);
      let rank = s.cell === cell ? (s.cellRank ?? -1) : (t.rank[cell] ?? -1);
      if (rank < 0 && s.fillStage === stage && s.fillParties?.includes(party) === true) {
        rank = s.fillRank ?? -1;
      }
      if (rank < 0) unknown = true;
      else if (rank > top) top = rank;
    }
    return decide(top, unknown, summary.any);
  };
}

const groups = new Map<string, number>();

function groupIndex(sides: readonly number[], except: number): number {
  const key = `${sides.join(',')}/${except}`;
  let index = groups.get(key);
  if (index === undefined) {
    index = nextGroup++;
    groups.set(key, index);
  }
  return index;
}

function summaryOf(
  t: FactTables,
  group: number,
  sides: readonly number[],
  except: number,
  stage: number,
): Summary {
  const slot = group * STAGE_COUNT + stage;
  const cached = t.summaries[slot];
  if (cached !== undefined) return cached;
  let top = -1;
  let any = false;
  const unknownSides: number[] = [];
  const doubtfulCells: number[] = [];
  const cells: number[] = [];
  const members = new Uint8Array(t.sideBits.length);
  let earlier = 0;
  for (const side of sides) {
    for (const party of t.bySide[side] ?? []) {
      const bits = t.sideBits[party] ?? 0;
      // A party on two of the listed sides is counted once, under the first.
      if ((bits & earlier) !== 0 || (bits & except) !== 0) continue;
      any = true;
      members[party] = 1;
      const cell = party * STAGE_COUNT + stage;
      cells.push(cell);
      const rank = t.rank[cell] ?? -1;
      if (rank < 0) {
        if (!unknownSides.includes(side)) unknownSides.push(side);
      } else {
        if (t.doubtful[cell] === 1) doubtfulCells.push(cell);
        if (rank > top) top = rank;
      }
    }
    earlier |= 1 << side;
  }
  const summary: Summary = { top, unknownSides, doubtfulCells, any, cells, members };
  t.summaries[slot] = summary;
  return summary;
}

function note(doubts: Map<number, number>, key: number, mask: number): void {
  doubts.set(key, (doubts.get(key) ?? 0) | mask);
}
