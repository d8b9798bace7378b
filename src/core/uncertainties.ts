/**
 * What could change the reading: each unknown or doubtful fact that a deciding rule leaned on is
 * set, one at a time, to each value it could take, and the analysis is run again.
 */
import type { FitChange, Uncertainty } from './analysis.types.js';
import { fitUnder, type ModelEvaluation } from './analyse.js';
import { describeField } from './evaluate.js';
import {
  CELL_DOUBT,
  FIELD_DOUBT,
  FIELDS,
  LENIENT,
  UNKNOWN,
  filled,
  isClaimDoubt,
  isStageDoubt,
  partyBits,
  stageDoubtSide,
  stageDoubtStage,
  whatIf,
  type FactTables,
  type TruthContext,
  type WhatIf,
} from './truth.js';
import { partyName, type Cell, type Claim, type ComponentFacts, type FieldValue } from './facts.js';
import type { FieldName } from './rule.types.js';
import {
  EVALUATIONS,
  FIT_WORDS,
  LEVELS,
  MODEL_NAMES,
  PRODUCTS,
  SERVICE_DOMAINS,
  STAGE_WORDS,
  STAGES,
  THEY_LEVEL_WORDS,
  levelRank,
  type Fit,
  type Level,
} from './vocabulary.js';

/** One fact open to doubt, with the rules in each model that settling it could change. */
interface Fact {
  /** The doubt's number (see `doubtKey`). */
  readonly key: number;
  /** For a missing claim: the parties (by index) with no claim at the stage. */
  readonly parties: readonly number[];
  /**
   * Where its entries begin in the tables of rules and levels, which have one entry per model (in
   * `MODELS` order): the verdict rules that could change (one bit each), and the levels the
   * model's rules compared the fact against (one bit per level).
   */
  readonly at: number;
  /** The levels all the rules compared it against. */
  thresholds: number;
  /** Settling it can only turn unknowns into knowns (not so for a claim that may be wrong). */
  monotone: boolean;
}

const sameParties = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((p, i) => p === b[i]);

const shareParty = (a: readonly number[], b: readonly number[]): boolean => {
  for (const p of a) if (b.includes(p)) return true;
  return false;
};

export function findUncertainties(
  tables: FactTables,
  evaluations: readonly ModelEvaluation[],
): Uncertainty[] {
  const facts = tables.facts;
  const log = tables.log;
  const models = evaluations.length;
  const keys = log.keys;
  const masks = log.masks;
  /** Visits what each rule noted that could change it, model by model, rule by rule. */
  const eachNote = (visit: (m: number, i: number, key: number, mask: number) => void): void => {
    for (let m = 0; m < models; m++) {
      const traces = evaluations[m]?.traces ?? [];
      for (let i = 0; i < traces.length; i++) {
        const trace = traces[i];
        if (trace === undefined) continue;
        const open = trace.truth === UNKNOWN;
        for (let j = trace.start; j < trace.end; j++) {
          const key = keys[j] ?? 0;
          const mask = masks[j] ?? 0;
          // Only a rule that could change matters, and only its levels need telling apart: one
          // that was unknown, or held because parties were unrecorded, or read a claim that may
          // be wrong.
          if (open || (mask & LENIENT) !== 0 || isClaimDoubt(key)) visit(m, i, key, mask);
        }
      }
    }
  };
  // The doubts are numbered in the order they were first noted; a disagreement is always shown,
  // even when no fit turns on it (accounts are never merged silently), so it is numbered too.
  const slot = filled(log.space, -1);
  const order: number[] = [];
  const number = (key: number): void => {
    if ((slot[key] ?? -1) < 0) {
      slot[key] = order.length;
      order.push(key);
    }
  };
  eachNote((_m, _i, key) => number(key));
  for (const cell of tables.disputed) number(CELL_DOUBT + cell);
  // For each doubt: the levels the rules compared it with (in all and per model), the rules it
  // could change (per model), whether a rule leaned on it because parties were unrecorded, and
  // whether a rule up to the deciding one leans on it.
  const count = order.length;
  const thresholds = filled(count, 0);
  const levels = filled(count * models, 0);
  const ruleBits = filled(count * models, 0);
  const lenient = filled(count, 0);
  const candidate = filled(count, 0);
  eachNote((m, i, key, mask) => {
    const n = slot[key] ?? 0;
    if ((mask & LENIENT) !== 0) lenient[n] = 1;
    thresholds[n] = (thresholds[n] ?? 0) | mask;
    const at = n * models + m;
    levels[at] = (levels[at] ?? 0) | mask;
    ruleBits[at] = (ruleBits[at] ?? 0) | (1 << i);
    if (i <= (evaluations[m]?.deciding ?? -1)) candidate[n] = 1;
  });
  for (const cell of tables.disputed) candidate[slot[CELL_DOUBT + cell] ?? 0] = 1;
  // Each fact's entries in the tables of rules and levels; there are no more facts than doubts.
  const factRules = filled(count * models, 0);
  const factLevels = filled(count * models, 0);
  let factCount = 0;
  const newFact = (key: number, parties: readonly number[]): Fact => {
    const at = factCount * models;
    factCount++;
    return { key, parties, at, thresholds: 0, monotone: !isClaimDoubt(key) };
  };
  /** Adds to a fact what the rules noted under one doubt (by its number). */
  const take = (fact: Fact, n: number): void => {
    fact.thresholds |= thresholds[n] ?? 0;
    if (lenient[n] === 1) fact.monotone = false;
    for (let m = 0; m < models; m++) {
      const at = fact.at + m;
      factRules[at] = (factRules[at] ?? 0) | (ruleBits[n * models + m] ?? 0);
      factLevels[at] = (factLevels[at] ?? 0) | (levels[n * models + m] ?? 0);
    }
  };
  // The facts to try. One missing fact can be noted under two sides (a service user is also on the
  // lived-experience side): such doubts are one fact, merged by the stage and the parties. Settling
  // it can change every rule that read any of those parties at that stage, under any key.
  const merged: Fact[] = [];
  const stageOrder: number[] = [];
  const byStage: { n: number; parties: readonly number[] }[][] = [];
  for (let n = 0; n < order.length; n++) {
    const key = order[n] ?? 0;
    if (!isStageDoubt(key)) {
      if (candidate[n] === 1) {
        const fact = newFact(key, []);
        take(fact, n);
        merged.push(fact);
      }
      continue;
    }
    const stage = stageDoubtStage(key);
    let list = byStage[stage];
    if (list === undefined) {
      list = [];
      byStage[stage] = list;
      stageOrder.push(stage);
    }
    list.push({ n, parties: unclaimedParties(tables, stageDoubtSide(key), stage) });
  }
  for (const stage of stageOrder) {
    const list = byStage[stage] ?? [];
    const done: (readonly number[])[] = [];
    for (const entry of list) {
      if (candidate[entry.n] !== 1) continue;
      if (done.some((p) => sameParties(p, entry.parties))) continue;
      done.push(entry.parties);
      const fact = newFact(order[entry.n] ?? 0, entry.parties);
      for (const other of list) if (shareParty(other.parties, entry.parties)) take(fact, other.n);
      merged.push(fact);
    }
  }
  // Learning an unknown fact never turns a known truth into another (three-valued logic is
  // monotone), so the deciding rule keeps holding: only an earlier rule with another fit can
  // change the reading. Rules of the same fit after the last such rule need no re-run.
  const otherFit = evaluations.map((evaluation) => {
    const verdicts = evaluation.verdicts;
    let bits = 0;
    for (let i = 0; i < evaluation.deciding; i++)
      if (verdicts[i]?.fit !== evaluation.reading.fit) bits |= 1 << i;
    return bits;
  });
  const found: { order: string; uncertainty: Uncertainty }[] = [];
  // For each model, the fit under the last alternative tried, and which levels its rules tell apart
  // there: an alternative they cannot tell from the last one gives the same fit.
  const lastBand = filled(models, -1);
  const lastFit: Fit[] = evaluations.map((e) => e.reading.fit);
  // One what-if, set to each alternative in turn, and where each model's rules run under it.
  const what = whatIf();
  const contexts: TruthContext[] = evaluations.map((e) => ({
    t: tables,
    s: what,
    model: e.model,
    doubts: undefined,
  }));
  for (const fact of merged) {
    let any = false;
    for (let m = 0; m < models; m++) {
      let bits = factRules[fact.at + m] ?? 0;
      if (fact.monotone) {
        const deciding = bits & (otherFit[m] ?? 0);
        bits = deciding === 0 ? 0 : bits & ((2 << (31 - Math.clz32(deciding))) - 1);
        factRules[fact.at + m] = bits;
      }
      if (bits !== 0) any = true;
      lastBand[m] = -1;
    }
    const cell = isClaimDoubt(fact.key) ? facts.cells.get(fact.key - CELL_DOUBT) : undefined;
    const disagreement = cell?.disagreement === true;
    // Nothing to try: no rule could change (a disagreement is still shown).
    if (!any && !disagreement) continue;
    // The alternatives: one level from each band of levels the rules tell apart, or each value.
    const levelsTried = levelAlternatives(fact, cell, what);
    const values = levelsTried.length === 0 ? fieldValues(fieldOf(fact.key)) : NO_VALUES;
    const count = levelsTried.length + values.length;
    const changes: FitChange[] = [];
    for (let a = 0; a < count; a++) {
      const band = levelsTried[a];
      const rank = band === undefined ? -1 : levelRank(band[0] ?? 'none');
      what.rank = rank;
      if (band === undefined) what.fieldValue = values[a];
      let label: string | undefined;
      for (let m = 0; m < models; m++) {
        const evaluation = evaluations[m];
        const ctx = contexts[m];
        const bits = factRules[fact.at + m] ?? 0;
        if (evaluation === undefined || ctx === undefined || bits === 0) continue;
        const from = evaluation.reading.fit;
        // The levels up to the one tried that the rules compare with: the same set, the same fit.
        const seen = rank < 0 ? -1 : (factLevels[fact.at + m] ?? 0) & ((2 << rank) - 1);
        let to: Fit;
        if (seen >= 0 && seen === lastBand[m]) to = lastFit[m] ?? from;
        else {
          to = fitUnder(evaluation, bits, ctx);
          lastBand[m] = seen;
          lastFit[m] = to;
        }
        if (to !== from) {
          label ??= labelOf(fact, cell, band, values[a]);
          changes.push({ model: evaluation.model, from, to, if: label });
        }
      }
    }
    if (changes.length === 0 && !disagreement) continue;
    // Words are made only for what is shown: most doubts change nothing.
    found.push(describe(facts, fact, cell, changes));
  }
  return found
    .sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0))
    .map((f) => f.uncertainty);
}

/**
 * For a missing or doubtful claim, the levels to try: one from each band of levels the rules tell
 * apart (for a claim that may be wrong, other than the band claimed), or for a disagreement each
 * other level claimed. Sets the what-if to the fact, all but the level. Empty for a field, for
 * which the what-if is set to the field, all but the value.
 */
function levelAlternatives(
  fact: Fact,
  cell: Cell | undefined,
  what: WhatIf,
): readonly (readonly Level[])[] {
  const key = fact.key;
  what.fill = NO_PARTIES;
  what.fillBits = 0;
  what.field = -1;
  what.fieldValue = undefined;
  if (isStageDoubt(key)) {
    what.stage = stageDoubtStage(key);
    what.cell = -1;
    what.fill = fact.parties;
    what.fillBits = partyBits(fact.parties);
    return bands(fact.thresholds);
  }
  if (cell === undefined) {
    if (isClaimDoubt(key)) throw new Error(`no cell ${key - CELL_DOUBT}`);
    what.stage = -1;
    what.cell = -1;
    what.field = FIELDS.indexOf(fieldOf(key));
    return NO_BANDS;
  }
  what.cell = key - CELL_DOUBT;
  what.stage = what.cell % STAGES.length;
  if (cell.disagreement)
    return [...new Set(cell.claims.map((c) => c.level))]
      .filter((l) => l !== cell.chosen.level)
      .map((l) => [l]);
  return bands(fact.thresholds).filter((band) => !band.includes(cell.chosen.level));
}

const NO_PARTIES: readonly number[] = [];
const NO_BANDS: readonly (readonly Level[])[] = [];
const NO_VALUES: readonly FieldValue[] = [];

/** The field a doubt is about. */
const fieldOf = (key: number): FieldName => FIELDS[key - FIELD_DOUBT] ?? 'produces';

/** The alternative in words, as "if …" says it: a band of levels, or a field's value. */
function labelOf(
  fact: Fact,
  cell: Cell | undefined,
  band: readonly Level[] | undefined,
  value: FieldValue | undefined,
): string {
  if (band === undefined) return describeField(fieldOf(fact.key), value ?? '');
  if (cell?.disagreement === true) return `the account that says ${band.join('')} is right`;
  const words = band.map((level) => THEY_LEVEL_WORDS[level]).join(', or ');
  return cell === undefined ? words : `in fact ${words}`;
}

/** An uncertainty in words, with the key that sorts it. */
function describe(
  facts: ComponentFacts,
  fact: Fact,
  cell: Cell | undefined,
  changes: readonly FitChange[],
): { order: string; uncertainty: Uncertainty } {
  let kind: Uncertainty['kind'];
  let about: string;
  let refs: readonly string[];
  let order: string;
  if (isStageDoubt(fact.key)) {
    const stage = stageDoubtStage(fact.key);
    const who = names(facts, fact.parties);
    kind = 'unknown';
    about = `No claim records how far ${who} took part in ${STAGE_WORDS[STAGES[stage] ?? 'design']}`;
    refs = ['roles'];
    order = `1:${pad(stage)}:${who}`;
  } else if (cell === undefined) {
    const field = fieldOf(fact.key);
    kind = 'unknown';
    about = `The record does not say ${FIELD_QUESTIONS[field]}`;
    refs = [field];
    order = `2:${field}`;
  } else {
    const party = facts.doc.parties[cell.party];
    const who = party === undefined ? 'a party' : partyName(party);
    const where = `${who} in ${STAGE_WORDS[cell.stage]}`;
    kind = cell.disagreement ? 'disagreement' : 'suggested';
    about = cell.disagreement
      ? `The sources disagree about ${where}: ${accounts(cell.claims)}`
      : `The claim about ${where} (${cell.chosen.level}) is only suggested${cell.chosen.by === undefined ? '' : `, by ${cell.chosen.by}`}`;
    refs = cell.claims.map((c) => `roles[${c.roleIndex}]`);
    order = `0:${pad(STAGES.indexOf(cell.stage))}:${party?.id ?? ''}`;
  }
  return { order, uncertainty: { kind, about, refs, changes, text: explain(about, changes) } };
}

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * The levels grouped so that the rules cannot tell two levels of a group apart: the rules only
 * compare a level with thresholds, so one level from each group is enough to try.
 */
function bandsOf(thresholds: number): Level[][] {
  const groups: Level[][] = [];
  for (const level of LEVELS) {
    const startsBand = groups.length === 0 || (thresholds & (1 << levelRank(level))) !== 0; // LENIENT is above the level bits
    if (startsBand) groups.push([level]);
    else groups.at(-1)?.push(level);
  }
  return groups;
}

/** The bands for every set of thresholds, worked out once: there are only 2^5 of them. */
const LEVEL_BITS = (1 << LEVELS.length) - 1;
const BANDS: readonly (readonly (readonly Level[])[])[] = Array.from(
  { length: LEVEL_BITS + 1 },
  (_, thresholds) => bandsOf(thresholds),
);
const bands = (thresholds: number): readonly (readonly Level[])[] =>
  BANDS[thresholds & LEVEL_BITS] ?? [];

/** Who says what, in an order that does not depend on the order of the roles. */
function accounts(claims: readonly Claim[]): string {
  return claims
    .map((c) => `${c.by ?? 'one claim'} says ${c.level}`)
    .sort()
    .join(', ');
}

/** The parties on a side with no claim at a stage, in order. */
function unclaimedParties(tables: FactTables, side: number, stage: number): number[] {
  const out: number[] = [];
  // The parties of a side are listed in order.
  for (const party of tables.bySide[side] ?? [])
    if ((tables.rank[party * STAGES.length + stage] ?? -1) < 0) out.push(party);
  return out;
}

/** Parties by name, sorted so that the text does not depend on the order they are listed in. */
function names(facts: ComponentFacts, parties: readonly number[]): string {
  if (parties.length === 1) {
    const p = facts.doc.parties[parties[0] ?? -1];
    return p === undefined ? '' : partyName(p);
  }
  return parties
    .map((i) => facts.doc.parties[i])
    .map((p) => (p === undefined ? '' : partyName(p)))
    .sort()
    .join(', ');
}

const FIELD_QUESTIONS: Record<FieldName, string> = {
  produces: 'what it produces',
  serviceDomain: 'which field of service it belongs to',
  'evidence.drivenByEvidence': 'whether research evidence drove the change',
  'evidence.reviewed': 'whether the evidence was reviewed',
  'evidence.evaluation': 'how the change was evaluated',
  'design.respondsToEndUsers': 'whether the design was revised in response to end users',
  'design.iterations': 'how many times the design was revised',
  'design.stages': 'which design stages took place',
};

function fieldValues(field: FieldName): FieldValue[] {
  switch (field) {
    case 'produces':
      return [...PRODUCTS];
    case 'serviceDomain':
      return [...SERVICE_DOMAINS];
    case 'evidence.evaluation':
      return [...EVALUATIONS];
    case 'design.iterations':
      return [0, 1];
    case 'design.stages':
      return [[], ['research', 'ideation'], ['prototype', 'test']];
    default:
      return [true, false];
  }
}

function explain(about: string, changes: readonly FitChange[]): string {
  if (changes.length === 0) return `${about}; no fit turns on which account is right.`;
  // The changes grouped by model and outcome, in the order first found.
  const firsts: FitChange[] = [];
  const ifs: string[][] = [];
  for (const change of changes) {
    let g = 0;
    while (g < firsts.length && !sameOutcome(firsts[g], change)) g++;
    if (g === firsts.length) {
      firsts.push(change);
      ifs.push([change.if]);
    } else ifs[g]?.push(change.if);
  }
  const parts = firsts.map(
    (change, g) =>
      `if ${ifs[g]?.join(', or ') ?? ''}, ${MODEL_NAMES[change.model]} would be "${FIT_WORDS[change.to]}" instead of "${FIT_WORDS[change.from]}"`,
  );
  return `${about}: ${parts.join('; ')}.`;
}

const sameOutcome = (a: FitChange | undefined, b: FitChange): boolean =>
  a !== undefined && a.model === b.model && a.to === b.to;
