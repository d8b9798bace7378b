/**
 * What could change the reading: each unknown or doubtful fact that a deciding rule leaned on is
 * set, one at a time, to each value it could take, and the analysis is run again.
 */
import type { FitChange, Uncertainty } from './analysis.types.js';
import { fitUnder, mayChange, type CompiledRules, type ModelEvaluation } from './analyse.js';
import { describeField, type Doubt } from './evaluate.js';
import { FIELDS, doubtKey, doubtOf, type FactTables, type FlatScenario } from './truth.js';
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

export function findUncertainties(
  tables: FactTables,
  rules: CompiledRules,
  base: ReadonlyMap<ModelId, ModelEvaluation>,
): Uncertainty[] {
  const facts = tables.facts;
  // A doubt matters to a model only if a rule up to the deciding one leaned on it and could change.
  const doubts = new Map<number, { doubt: Doubt; models: ModelEvaluation[]; thresholds: number }>();
  const evaluations = MODELS.flatMap((m) => base.get(m) ?? []);
  for (const evaluation of evaluations) {
    evaluation.traces.slice(0, evaluation.deciding + 1).forEach((trace) => {
      for (const key of trace.doubts.keys()) {
        if (!mayChange(trace, key)) continue;
        const entry = doubts.get(key) ?? { doubt: doubtOf(key), models: [], thresholds: 0 };
        if (!entry.models.includes(evaluation)) entry.models.push(evaluation);
        doubts.set(key, entry);
      }
    });
  }
  // Any rule may decide once the rules before it change, so every rule's thresholds count in
  // telling levels apart.
  for (const evaluation of evaluations) {
    for (const trace of evaluation.traces) {
      for (const [key, thresholds] of trace.doubts) {
        const entry = doubts.get(key);
        if (entry !== undefined) entry.thresholds |= thresholds;
      }
    }
  }
  // A disagreement is always shown, even when no fit turns on it: accounts are never merged silently.
  for (const [key, cell] of facts.cells) {
    const doubt: Doubt = { type: 'doubtful-claim', cell: key };
    if (cell.disagreement && !doubts.has(doubtKey(doubt)))
      doubts.set(doubtKey(doubt), { doubt, models: [], thresholds: 0 });
  }
  // One missing fact can be noted under two sides (a service user is also on the lived-experience
  // side): such doubts are merged by the parties and stage they are about.
  const facts_ = new Map<string, Fact>();
  for (const [key, entry] of doubts) {
    const parties =
      entry.doubt.type === 'unknown-stage'
        ? unclaimedParties(facts, entry.doubt.side, entry.doubt.stage)
        : [];
    const id =
      entry.doubt.type === 'unknown-stage'
        ? `${entry.doubt.stage}:${parties.join(',')}`
        : String(key);
    const fact = facts_.get(id) ?? {
      keys: [],
      doubt: entry.doubt,
      parties,
      models: [],
      thresholds: 0,
    };
    fact.keys.push(key);
    for (const m of entry.models) if (!fact.models.includes(m)) fact.models.push(m);
    fact.thresholds |= entry.thresholds;
    facts_.set(id, fact);
  }
  // Setting parties' level changes every rule that reads any of them at that stage, whichever side
  // it read them under.
  for (const fact of facts_.values()) {
    if (fact.doubt.type !== 'unknown-stage') continue;
    for (const other of facts_.values()) {
      if (
        other === fact ||
        other.doubt.type !== 'unknown-stage' ||
        other.doubt.stage !== fact.doubt.stage
      )
        continue;
      if (!other.parties.some((p) => fact.parties.includes(p))) continue;
      for (const key of other.keys) if (!fact.keys.includes(key)) fact.keys.push(key);
      for (const m of other.models) if (!fact.models.includes(m)) fact.models.push(m);
    }
  }
  const found: { order: string; uncertainty: Uncertainty }[] = [];
  for (const { keys, doubt, parties, models, thresholds } of facts_.values()) {
    const described = describeDoubt(facts, doubt, parties, thresholds);
    const changes: FitChange[] = [];
    for (const alternative of described.alternatives) {
      if (models.length === 0) break;
      for (const evaluation of models) {
        const from = evaluation.reading.fit;
        const to = fitUnder(tables, evaluation, rules, keys, alternative.scenario);
        if (to !== from)
          changes.push({ model: evaluation.model, from, to, if: alternative.label() });
      }
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

/** One fact open to doubt, with every key the rules noted it under. */
interface Fact {
  readonly keys: number[];
  readonly doubt: Doubt;
  /** For a missing claim: the parties (by index) with no claim at the stage. */
  readonly parties: readonly number[];
  readonly models: ModelEvaluation[];
  thresholds: number;
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
