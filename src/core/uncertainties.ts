/**
 * What could change the reading: each unknown or doubtful fact that a deciding rule leaned on is
 * set, one at a time, to each value it could take, and the analysis is run again.
 */
import type { FitChange, Uncertainty } from './analysis.types.js';
import { fitUnder, type CompiledRules, type ModelEvaluation } from './analyse.js';
import { describeField, type Doubt } from './evaluate.js';
import {
  FIELDS,
  LENIENT,
  UNKNOWN,
  doubtKey,
  doubtOf,
  isClaimDoubt,
  type FactTables,
  type FlatScenario,
} from './truth.js';
import { cellKey, partyName, type Claim, type ComponentFacts, type FieldValue } from './facts.js';
import type { FieldName, Side } from './rule.types.js';
import {
  EVALUATIONS,
  FIT_WORDS,
  LEVELS,
  MODEL_NAMES,
  MODELS,
  PRODUCTS,
  SERVICE_DOMAINS,
  STAGE_WORDS,
  STAGES,
  THEY_LEVEL_WORDS,
  levelRank,
  type Level,
  type Stage,
  type ModelId,
} from './vocabulary.js';

interface Alternative {
  readonly label: () => string;
  readonly scenario: FlatScenario;
}

/** A fact to try, from the notes of every key it was noted under. */
function factFrom(doubt: Doubt, parties: readonly number[], notes: readonly KeyNote[]): Fact {
  const fact: Fact = {
    doubt,
    parties,
    rules: [0, 0, 0, 0, 0],
    thresholds: 0,
    monotone: doubt.type !== 'doubtful-claim',
  };
  for (const note of notes) {
    fact.thresholds |= note.thresholds;
    if (note.lenient) fact.monotone = false;
    note.rules.forEach((bits, m) => {
      fact.rules[m] = (fact.rules[m] ?? 0) | bits;
    });
  }
  return fact;
}

const sameParties = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((p, i) => p === b[i]);

/** What the rules noted about one doubt key. */
interface KeyNote {
  thresholds: number;
  readonly rules: number[];
  lenient: boolean;
  /** A rule up to the deciding one leaned on it and could change. */
  candidate: boolean;
}

/** One fact open to doubt, with the rules in each model that settling it could change. */
interface Fact {
  readonly doubt: Doubt;
  /** For a missing claim: the parties (by index) with no claim at the stage. */
  readonly parties: readonly number[];
  /** Per model (in `MODELS` order): one bit per verdict rule that could change. */
  readonly rules: number[];
  thresholds: number;
  /** Settling it can only turn unknowns into knowns (not so for a claim that may be wrong). */
  monotone: boolean;
}

export function findUncertainties(
  tables: FactTables,
  rules: CompiledRules,
  base: ReadonlyMap<ModelId, ModelEvaluation>,
): Uncertainty[] {
  const facts = tables.facts;
  const evaluations = MODELS.map((m) => base.get(m));
  // One pass over every rule's trace: for each doubt, the levels the rules compared it with, the
  // rules it could change (per model), and whether a rule up to the deciding one leans on it.
  const notes = new Map<number, KeyNote>();
  for (let m = 0; m < evaluations.length; m++) {
    const evaluation = evaluations[m];
    if (evaluation === undefined) continue;
    for (let i = 0; i < evaluation.traces.length; i++) {
      const trace = evaluation.traces[i];
      if (trace === undefined) continue;
      const open = trace.truth === UNKNOWN;
      for (const [key, thresholds] of trace.doubts) {
        const lenient = (thresholds & LENIENT) !== 0;
        // Only a rule that could change matters (see mayChange), and only its levels need telling apart.
        if (!open && !lenient && !isClaimDoubt(key)) continue;
        let note = notes.get(key);
        if (note === undefined) {
          note = { thresholds: 0, rules: [0, 0, 0, 0, 0], lenient: false, candidate: false };
          notes.set(key, note);
        }
        if (lenient) note.lenient = true;
        note.thresholds |= thresholds;
        note.rules[m] = (note.rules[m] ?? 0) | (1 << i);
        if (i <= evaluation.deciding) note.candidate = true;
      }
    }
  }
  // A disagreement is always shown, even when no fit turns on it: accounts are never merged silently.
  for (const [cell, c] of facts.cells) {
    const key = doubtKey({ type: 'doubtful-claim', cell });
    if (!c.disagreement) continue;
    const note = notes.get(key);
    if (note === undefined)
      notes.set(key, { thresholds: 0, rules: [0, 0, 0, 0, 0], lenient: false, candidate: true });
    else note.candidate = true;
  }
  // The facts to try. One missing fact can be noted under two sides (a service user is also on the
  // lived-experience side): such doubts are one fact, merged by the stage and the parties. Settling
  // it can change every rule that read any of those parties at that stage, under any key.
  const merged: Fact[] = [];
  const stageNotes = new Map<Stage, { key: number; parties: readonly number[]; note: KeyNote }[]>();
  for (const [key, note] of notes) {
    const doubt = doubtOf(key);
    if (doubt.type !== 'unknown-stage') {
      if (note.candidate) merged.push(factFrom(doubt, [], [note]));
      continue;
    }
    const list = stageNotes.get(doubt.stage) ?? [];
    list.push({ key, parties: unclaimedParties(facts, doubt.side, doubt.stage), note });
    stageNotes.set(doubt.stage, list);
  }
  for (const list of stageNotes.values()) {
    const seen: (readonly number[])[] = [];
    for (const entry of list) {
      if (!entry.note.candidate || seen.some((p) => sameParties(p, entry.parties))) continue;
      seen.push(entry.parties);
      const touching = list.filter((other) => other.parties.some((p) => entry.parties.includes(p)));
      merged.push(
        factFrom(
          doubtOf(entry.key),
          entry.parties,
          touching.map((t) => t.note),
        ),
      );
    }
  }
  // Learning an unknown fact never turns a known truth into another (three-valued logic is
  // monotone), so the deciding rule keeps holding: only an earlier rule with another fit can
  // change the reading. Rules of the same fit after the last such rule need no re-run.
  for (const fact of merged) {
    if (!fact.monotone) continue;
    evaluations.forEach((evaluation, m) => {
      if (evaluation === undefined) return;
      const verdicts = rules.verdicts.get(evaluation.model) ?? [];
      let last = -1;
      for (let i = 0; i < evaluation.deciding; i++) {
        if (((fact.rules[m] ?? 0) & (1 << i)) !== 0 && verdicts[i]?.fit !== evaluation.reading.fit)
          last = i;
      }
      fact.rules[m] = last < 0 ? 0 : (fact.rules[m] ?? 0) & ((1 << (last + 1)) - 1);
    });
  }
  const found: { order: string; uncertainty: Uncertainty }[] = [];
  for (const fact of merged) {
    // Nothing to try: no rule could change (a disagreement is still shown).
    if (fact.monotone && fact.rules.every((bits) => bits === 0)) continue;
    const described = describeDoubt(facts, fact.doubt, fact.parties, fact.thresholds);
    const changes: FitChange[] = [];
    for (const alternative of described.alternatives) {
      evaluations.forEach((evaluation, m) => {
        const ruleBits = fact.rules[m] ?? 0;
        if (evaluation === undefined || ruleBits === 0) return;
        const from = evaluation.reading.fit;
        const to = fitUnder(tables, evaluation, rules, ruleBits, alternative.scenario);
        if (to !== from)
          changes.push({ model: evaluation.model, from, to, if: alternative.label() });
      });
    }
    if (changes.length === 0 && described.kind !== 'disagreement') continue;
    // Words are made only for what is shown: most doubts change nothing.
    const about = described.about();
    found.push({
      order: described.order(),
      uncertainty: {
        kind: described.kind,
        about,
        refs: described.refs(),
        changes,
        text: explain(about, changes),
      },
    });
  }
  return found
    .sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0))
    .map((f) => f.uncertainty);
}

interface DescribedDoubt {
  readonly kind: Uncertainty['kind'];
  readonly about: () => string;
  readonly refs: () => readonly string[];
  readonly alternatives: readonly Alternative[];
  /** Sorts uncertainties the same way whatever order the record lists things in. */
  readonly order: () => string;
}

function describeDoubt(
  facts: ComponentFacts,
  doubt: Doubt,
  parties: readonly number[],
  thresholds: number,
): DescribedDoubt {
  const pad = (n: number): string => String(n).padStart(2, '0');
  switch (doubt.type) {
    case 'unknown-stage':
      return {
        kind: 'unknown',
        about: () =>
          `No claim records how far ${names(facts, parties)} took part in ${STAGE_WORDS[doubt.stage]}`,
        refs: () => ['roles'],
        alternatives: bands(thresholds).map((band) => ({
          label: () => band.map((level) => THEY_LEVEL_WORDS[level]).join(', or '),
          scenario: {
            fillParties: parties,
            fillStage: STAGES.indexOf(doubt.stage),
            fillRank: levelRank(band[0] ?? 'none'),
          },
        })),
        order: () => `1:${pad(STAGES.indexOf(doubt.stage))}:${names(facts, parties)}`,
      };
    case 'unknown-field':
      return {
        kind: 'unknown',
        about: () => `The record does not say ${FIELD_QUESTIONS[doubt.field]}`,
        refs: () => [doubt.field],
        alternatives: fieldValues(doubt.field).map((value) => ({
          label: () => describeField(doubt.field, value),
          scenario: { field: FIELDS.indexOf(doubt.field), fieldValue: value },
        })),
        order: () => `2:${doubt.field}`,
      };
    case 'doubtful-claim': {
      const cell = facts.cells.get(doubt.cell);
      if (cell === undefined) throw new Error(`no cell ${doubtKey(doubt)}`);
      const party = facts.doc.parties[cell.party];
      const who = party === undefined ? 'a party' : partyName(party);
      const where = `${who} in ${STAGE_WORDS[cell.stage]}`;
      const claimed = [...new Set(cell.claims.map((c) => c.level))];
      // A suggested claim could be wrong in any way that makes a difference: one level from each
      // band of levels the rules tell apart, other than the band of the level claimed.
      const others: Level[][] = cell.disagreement
        ? claimed.filter((l) => l !== cell.chosen.level).map((l) => [l])
        : bands(thresholds).filter((band) => !band.includes(cell.chosen.level));
      return {
        kind: cell.disagreement ? 'disagreement' : 'suggested',
        about: () =>
          cell.disagreement
            ? `The sources disagree about ${where}: ${accounts(cell.claims)}`
            : `The claim about ${where} (${cell.chosen.level}) is only suggested${cell.chosen.source === undefined ? '' : `, by ${cell.chosen.source}`}`,
        refs: () => cell.claims.map((c) => `roles[${c.roleIndex}]`),
        alternatives: others.map((band) => ({
          label: () =>
            cell.disagreement
              ? `the account that says ${band.join('')} is right`
              : `in fact ${band.map((level) => THEY_LEVEL_WORDS[level]).join(', or ')}`,
          scenario: { cell: doubt.cell, cellRank: levelRank(band[0] ?? 'none') },
        })),
        order: () => `0:${pad(STAGES.indexOf(cell.stage))}:${party?.id ?? ''}`,
      };
    }
  }
}

/**
 * The levels grouped so that the rules cannot tell two levels of a group apart: the rules only
 * compare a level with thresholds, so one level from each group is enough to try.
 */
function bands(thresholds: number): Level[][] {
  const groups: Level[][] = [];
  for (const level of LEVELS) {
    const startsBand = groups.length === 0 || (thresholds & (1 << levelRank(level))) !== 0; // LENIENT is above the level bits
    if (startsBand) groups.push([level]);
    else groups.at(-1)?.push(level);
  }
  return groups;
}

/** Who says what, in an order that does not depend on the order of the roles. */
function accounts(claims: readonly Claim[]): string {
  return claims
    .map((c) => `${c.source ?? 'one claim'} says ${c.level}`)
    .sort()
    .join(', ');
}

/** The parties on a side with no claim at a stage. */
function unclaimedParties(facts: ComponentFacts, side: Side, stage: Stage): number[] {
  return (facts.partiesBySide.get(side) ?? [])
    .filter((i) => !facts.cells.has(cellKey(i, stage)))
    .sort((a, b) => a - b);
}

/** Parties by name, sorted so that the text does not depend on the order they are listed in. */
function names(facts: ComponentFacts, parties: readonly number[]): string {
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
  const byOutcome = new Map<string, { model: ModelId; from: string; to: string; ifs: string[] }>();
  for (const change of changes) {
    const key = `${change.model}|${change.to}`;
    const entry = byOutcome.get(key) ?? {
      model: change.model,
      from: change.from,
      to: change.to,
      ifs: [],
    };
    entry.ifs.push(change.if);
    byOutcome.set(key, entry);
  }
  const parts = [...byOutcome.values()].map(
    (e) =>
      `if ${e.ifs.join(', or ')}, ${MODEL_NAMES[e.model]} would be "${FIT_WORDS[e.to as keyof typeof FIT_WORDS]}" instead of "${FIT_WORDS[e.from as keyof typeof FIT_WORDS]}"`,
  );
  return `${about}: ${parts.join('; ')}.`;
}
