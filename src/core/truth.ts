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

/**
 * Each doubt has a small number, so that notes about doubts can live in flat arrays: a side at a
 * stage (side × stage), then the fields, then the cells (party × stage).
 */
const STAGE_DOUBT = 0;
export const FIELD_DOUBT = STAGE_DOUBT + SIDES.length * STAGE_COUNT;
export const CELL_DOUBT = FIELD_DOUBT + FIELDS.length;

/** True for a doubt about a claim that exists (suggested or disputed), whose level may change. */
export const isClaimDoubt = (key: number): boolean => key >= CELL_DOUBT;

/** How many doubt numbers a component with this many parties can have. */
export const doubtSpace = (parties: number): number => CELL_DOUBT + parties * STAGE_COUNT;

/** A number for each doubt, cheap to make and compare. */
export function doubtKey(d: Doubt): number {
  if (d.type === 'unknown-stage')
    return STAGE_DOUBT + SIDES.indexOf(d.side) * STAGE_COUNT + STAGES.indexOf(d.stage);
  if (d.type === 'unknown-field') return FIELD_DOUBT + FIELDS.indexOf(d.field);
  return CELL_DOUBT + d.cell;
}

/** For a doubt about a side at a stage: the side's index. */
export const stageDoubtSide = (key: number): number =>
  Math.floor((key - STAGE_DOUBT) / STAGE_COUNT);
/** For a doubt about a side at a stage: the stage's index. */
export const stageDoubtStage = (key: number): number => (key - STAGE_DOUBT) % STAGE_COUNT;
/** True for a doubt about a side at a stage. */
export const isStageDoubt = (key: number): boolean => key < FIELD_DOUBT;

/**
 * The doubts the rules leaned on, noted rule by rule in one flat log per component: each rule's
 * doubts are the entries from where it began to where it ended, each doubt once per rule, with
 * the levels it was compared against (one bit per level) merged.
 */
export class DoubtLog {
  readonly keys: number[] = [];
  readonly masks: number[] = [];
  /** Where the notes of the rule being read begin. */
  private start = 0;

  constructor(readonly space: number) {}

  get length(): number {
    return this.keys.length;
  }

  /** Starts the notes of another rule; returns where they begin. */
  begin(): number {
    this.start = this.keys.length;
    return this.start;
  }

  note(key: number, mask: number): void {
    const keys = this.keys;
    // A rule notes a handful of doubts: looking back over them is cheaper than a map.
    for (let i = this.start; i < keys.length; i++) {
      if (keys[i] === key) {
        this.masks[i] = (this.masks[i] ?? 0) | mask;
        return;
      }
    }
    keys.push(key);
    this.masks.push(mask);
  }
}

/**
 * A plain array of `length` copies of a number. Small plain arrays are cheaper to make than typed
 * arrays, whose memory lives outside the heap once they are over a few dozen bytes.
 */
export function filled(length: number, value: number): number[] {
  return new Array<number>(length).fill(value);
}

/** A component's facts as flat tables, built once per component. */
export interface FactTables {
  readonly facts: ComponentFacts;
  /** Level rank per cell (party × stage), -1 when unknown. */
  readonly rank: readonly number[];
  /** 1 where the cell's claim is only suggested or disputed. */
  readonly doubtful: readonly number[];
  /** Parties on each side, by side index. */
  readonly bySide: readonly (readonly number[])[];
  /** One bit per side a party is on. */
  readonly sideBits: readonly number[];
  readonly fields: readonly (FieldValue | undefined)[];
  /** Each stage test's truth at each stage in the base reading, by node and stage. */
  readonly memo: number[];
  /** Each stage test's whole truth in the base reading, by node. */
  readonly truths: number[];
  /** For each stage test, what its stages come to without any one of them (see `atStage`). */
  readonly spread: number[];
  /** Level summaries per group of sides and stage, filled as the rules ask for them. */
  readonly summaries: (Summary | undefined)[];
  /** Where the base reading notes the doubts each rule leaned on. */
  readonly log: DoubtLog;
  /** The cells whose sources disagree, in the order the record gives them. */
  readonly disputed: readonly number[];
}

export function factTables(facts: ComponentFacts): FactTables {
  const parties = facts.doc.parties.length;
  const rank = filled(parties * STAGE_COUNT, -1);
  const doubtful = filled(parties * STAGE_COUNT, 0);
  const disputed: number[] = [];
  for (const [key, cell] of facts.cells) {
    rank[key] = levelRank(cell.chosen.level);
    if (cell.disagreement || cell.chosen.certainty === 'suggested') doubtful[key] = 1;
    if (cell.disagreement) disputed.push(key);
  }
  const { bySide, sideBits } = facts.parties;
  return {
    facts,
    memo: filled(nextNode * STAGE_COUNT, 0),
    truths: filled(nextNode, 0),
    spread: filled(nextNode, 0),
    summaries: new Array<Summary | undefined>(nextGroup * STAGE_COUNT),
    rank,
    doubtful,
    bySide,
    sideBits,
    fields: FIELDS.map((f) => fieldValue(facts.component, f)),
    log: new DoubtLog(doubtSpace(parties)),
    disputed,
  };
}

/**
 * One what-if, flattened: at most one cell, one side-stage or one field set another way. Every
 * what-if has all the fields, so that the compiled conditions see one shape.
 */
export interface FlatScenario {
  /** The stage a claim is set at, -1 for none (the record as it stands, or a field). */
  readonly stage: number;
  /** The cell whose claim is set to `rank`, or -1: then the parties in `fill` are given `rank`. */
  readonly cell: number;
  /** Parties with no claim at `stage`, given the level `rank`. */
  readonly fill: readonly number[];
  /** The same parties, one bit each; -1 when some party's index is too large for a bit. */
  readonly fillBits: number;
  readonly rank: number;
  /** The field set to `fieldValue`, or -1. */
  readonly field: number;
  readonly fieldValue: FieldValue | undefined;
}

/** A what-if to be set again and again, so that trying many makes nothing new. */
export type WhatIf = { -readonly [K in keyof FlatScenario]: FlatScenario[K] };

export const whatIf = (): WhatIf => ({
  stage: -1,
  cell: -1,
  fill: NONE,
  fillBits: 0,
  rank: -1,
  field: -1,
  fieldValue: undefined,
});

/** Parties as one bit each, or -1 when some party's index is too large for a bit. */
export function partyBits(parties: readonly number[]): number {
  let bits = 0;
  for (const p of parties) {
    if (p >= WIDE) return -1;
    bits |= 1 << p;
  }
  return bits;
}

/** An empty list of parties, sides or cells, shared. */
const NONE: readonly number[] = [];

/** Where a compiled condition runs: the facts, the what-if, and where to note doubts. */
export interface TruthContext {
  readonly t: FactTables;
  readonly s: FlatScenario;
  readonly model: ModelId;
  /** Where to note the doubts leaned on; absent when not tracking. */
  readonly doubts: DoubtLog | undefined;
}

export type Compiled = (ctx: TruthContext) => Truth3;

/** The record as it stands: no what-if. */
export const NO_SCENARIO: FlatScenario = {
  stage: -1,
  cell: -1,
  fill: NONE,
  fillBits: 0,
  rank: -1,
  field: -1,
  fieldValue: undefined,
};

/** Set in a stage test's spread when only one of its stages has the best truth. */
const ALONE = 16;

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
      for (let i = 0; i < parts.length; i++) {
        const part = parts[i] as Compiled;
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
      for (let i = 0; i < parts.length; i++) {
        const part = parts[i] as Compiled;
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
    const stageBits = stages.reduce((bits, stage) => bits | (1 << stage), 0);
    const distinct = stages.filter((stage, i) => stages.indexOf(stage) === i);
    // What "every" or "some" starts from: the truth of no stages at all.
    const none: Truth3 = every ? TRUE : FALSE;
    const node = nextNode++;
    return (ctx) => {
      const memo = ctx.t.memo;
      const base = node * STAGE_COUNT;
      const s = ctx.s;
      if (ctx.doubts === undefined && s !== NO_SCENARIO && base + STAGE_COUNT <= memo.length) {
        // A what-if changes one stage at most (none for a field): the other stages are as in the
        // base reading, which noted the whole test's truth here, and what the stages other than
        // any one of them come to.
        const changed = s.stage;
        if (changed < 0 || (stageBits & (1 << changed)) === 0)
          return (ctx.t.truths[node] ?? UNKNOWN) as Truth3;
        let here: Truth3 = TRUE;
        for (const test of tests) {
          here = min(here, test(ctx, changed));
          if (here === FALSE) break;
        }
        const spread = ctx.t.spread[node] ?? 0;
        const best = (spread & 3) as Truth3;
        const others =
          (spread & ALONE) !== 0 && memo[base + changed] === best
            ? (((spread >> 2) & 3) as Truth3)
            : best;
        return every ? min(others, here) : max(others, here);
      }
      let out: Truth3 = every ? TRUE : FALSE;
      const quick = ctx.doubts === undefined;
      const noting = !quick && s === NO_SCENARIO && base + STAGE_COUNT <= memo.length;
      for (const stage of stages) {
        let here: Truth3 = TRUE;
        for (const test of tests) {
          here = min(here, test(ctx, stage));
          if (here === FALSE && quick) break;
        }
        if (noting) memo[base + stage] = here;
        out = every ? min(out, here) : max(out, here);
        if (quick && out === (every ? FALSE : TRUE)) return out;
      }
      if (noting) {
        ctx.t.truths[node] = out;
        // The best stage's truth (the lowest for "every"), whether it alone has it, and the next
        // best: without any one stage, the others come to the best, or to the next if it was alone.
        let best: Truth3 = none;
        let count = 0;
        let next: Truth3 = none;
        for (const stage of distinct) {
          const here = (memo[base + stage] ?? UNKNOWN) as Truth3;
          if (here === best) count++;
          else if (every ? here < best : here > best) {
            next = best;
            best = here;
            count = 1;
          } else if (every ? here < next : here > next) next = here;
        }
        ctx.t.spread[node] = best | (next << 2) | (count === 1 ? ALONE : 0);
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
        ctx.doubts?.note(key, 0);
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
  /** How many parties of the group have no claim here. */
  readonly unknownCount: number;
  /** The sides (by index) that have a party with no claim here. */
  readonly unknownSides: readonly number[];
  /** Cells here whose claim is only suggested or disputed. */
  readonly doubtfulCells: readonly number[];
  /** Whether any party of the group is listed at all. */
  readonly any: boolean;
  /** The cells at this stage of the group's parties that have no bit in `members`. */
  readonly wide: readonly number[];
  /** One bit per party of the group, when every party's index is below `WIDE`. */
  readonly members: number;
}

/** Parties from this index on have no bit of their own: sets of them are looked through instead. */
const WIDE = 30;

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
    const t = ctx.t;
    const s = ctx.s;
    const summary =
      t.summaries[group * STAGE_COUNT + stage] ?? summaryOf(t, group, sides, except, stage);
    if (s.stage === stage) {
      // A what-if at this stage: does it touch this group?
      const wide = summary.wide;
      if (s.cell >= 0) {
        const party = Math.floor(s.cell / STAGE_COUNT);
        if (party < WIDE ? (summary.members & (1 << party)) !== 0 : wide.includes(s.cell)) {
          let top = -1;
          for (let bits = summary.members; bits !== 0; bits &= bits - 1) {
            const cell = (31 - Math.clz32(bits & -bits)) * STAGE_COUNT + stage;
            const rank = cell === s.cell ? s.rank : (t.rank[cell] ?? -1);
            if (rank > top) top = rank;
          }
          for (const cell of wide) {
            const rank = cell === s.cell ? s.rank : (t.rank[cell] ?? -1);
            if (rank > top) top = rank;
          }
          return decide(top, summary.unknownCount > 0, summary.any);
        }
      } else {
        // The parties filled in had no claim here: they are known now, at the level given.
        let filled = 0;
        if (s.fillBits >= 0) {
          // Count the bits the two sets share.
          let shared = s.fillBits & summary.members;
          while (shared !== 0) {
            shared &= shared - 1;
            filled++;
          }
        } else
          for (const party of s.fill)
            if (
              party < WIDE
                ? (summary.members & (1 << party)) !== 0
                : wide.includes(party * STAGE_COUNT + stage)
            )
              filled++;
        if (filled > 0)
          return decide(
            summary.top > s.rank ? summary.top : s.rank,
            summary.unknownCount > filled,
            summary.any,
          );
      }
    }
    const truth = decide(summary.top, summary.unknownCount > 0, summary.any);
    const doubts = ctx.doubts;
    if (doubts !== undefined) {
      // A missing claim matters only where the test is still open, or holds because of it
      // (LENIENT): a known truth stays known whatever the missing claim turns out to be.
      const leaning = lenient && summary.top < limit && summary.unknownCount > 0;
      if (truth === UNKNOWN || leaning) {
        const unknownMask = leaning ? mask | LENIENT : mask;
        for (const side of summary.unknownSides)
          doubts.note(STAGE_DOUBT + side * STAGE_COUNT + stage, unknownMask);
      }
      // A claim that may be wrong can turn a known truth, so it always counts.
      for (const cell of summary.doubtfulCells) doubts.note(CELL_DOUBT + cell, mask);
    }
    return truth;
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
  let unknownCount = 0;
  // Most groups have no missing or doubtful claims at a stage: their lists are made when needed.
  let unknownSides: number[] | undefined;
  let doubtfulCells: number[] | undefined;
  let wide: number[] | undefined;
  let members = 0;
  let earlier = 0;
  for (const side of sides) {
    for (const party of t.bySide[side] ?? []) {
      const bits = t.sideBits[party] ?? 0;
      // A party on two of the listed sides is counted once, under the first.
      if ((bits & earlier) !== 0 || (bits & except) !== 0) continue;
      any = true;
      const cell = party * STAGE_COUNT + stage;
      if (party < WIDE) members |= 1 << party;
      else (wide ??= []).push(cell);
      const rank = t.rank[cell] ?? -1;
      if (rank < 0) {
        unknownCount++;
        if (unknownSides === undefined) unknownSides = [side];
        else if (!unknownSides.includes(side)) unknownSides.push(side);
      } else {
        if (t.doubtful[cell] === 1) (doubtfulCells ??= []).push(cell);
        if (rank > top) top = rank;
      }
    }
    earlier |= 1 << side;
  }
  const summary: Summary = {
    top,
    unknownCount,
    unknownSides: unknownSides ?? NONE,
    doubtfulCells: doubtfulCells ?? NONE,
    any,
    wide: wide ?? NONE,
    members,
  };
  t.summaries[slot] = summary;
  return summary;
}
