/**
 * What could change the reading: each unknown or doubtful fact that a deciding rule leaned on is
 * set, one at a time, to each value it could take, and the analysis is run again.
 */
import type { FitChange, Uncertainty } from './analysis.types.js';
import { readModel, type CompiledRules, type ModelEvaluation } from './analyse.js';
import { describeField, doubtKey, sideWords, type Doubt, type Scenario } from './evaluate.js';
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
  type Level,
  type Stage,
  type ModelId,
} from './vocabulary.js';
import { SIDES } from './rule.types.js';

interface Alternative {
  readonly label: string;
  readonly scenario: Scenario;
}

export function findUncertainties(
  facts: ComponentFacts,
  rules: CompiledRules,
  base: ReadonlyMap<ModelId, ModelEvaluation>,
): Uncertainty[] {
  const doubts = new Map<string, { doubt: Doubt; models: ModelId[] }>();
  for (const model of MODELS) {
    for (const [key, doubt] of base.get(model)?.doubts ?? []) {
      const entry = doubts.get(key) ?? { doubt, models: [] };
      entry.models.push(model);
      doubts.set(key, entry);
    }
  }
  // A disagreement is always shown, even when no fit turns on it: accounts are never merged silently.
  for (const [key, cell] of facts.cells) {
    const doubt: Doubt = { type: 'doubtful-claim', cell: key };
    if (cell.disagreement && !doubts.has(doubtKey(doubt)))
      doubts.set(doubtKey(doubt), { doubt, models: [] });
  }
  const found: { order: string; uncertainty: Uncertainty }[] = [];
  for (const { doubt, models } of doubts.values()) {
    const described = describeDoubt(facts, doubt);
    const changes: FitChange[] = [];
    for (const alternative of described.alternatives) {
      for (const model of models) {
        const from = base.get(model)?.reading.fit;
        const to = readModel(facts, model, rules, alternative.scenario, false).reading.fit;
        if (from !== undefined && to !== from)
          changes.push({ model, from, to, if: alternative.label });
      }
    }
    if (changes.length === 0 && described.kind !== 'disagreement') continue;
    found.push({
      order: described.order,
      uncertainty: {
        kind: described.kind,
        about: described.about,
        refs: described.refs,
        changes,
        text: explain(described.about, changes),
      },
    });
  }
  return found
    .sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0))
    .map((f) => f.uncertainty);
}

interface DescribedDoubt {
  readonly kind: Uncertainty['kind'];
  readonly about: string;
  readonly refs: readonly string[];
  readonly alternatives: readonly Alternative[];
  /** Sorts uncertainties the same way whatever order the record lists things in. */
  readonly order: string;
}

function describeDoubt(facts: ComponentFacts, doubt: Doubt): DescribedDoubt {
  const pad = (n: number): string => String(n).padStart(2, '0');
  switch (doubt.type) {
    case 'unknown-stage':
      return {
        kind: 'unknown',
        about: `No claim records how far ${unclaimed(facts, doubt.side, doubt.stage)} took part in ${STAGE_WORDS[doubt.stage]}`,
        refs: ['roles'],
        alternatives: LEVELS.map((level) => ({
          label: THEY_LEVEL_WORDS[level],
          scenario: { fill: { side: doubt.side, stage: doubt.stage, level } },
        })),
        order: `1:${pad(STAGES.indexOf(doubt.stage))}:${pad(SIDES.indexOf(doubt.side))}`,
      };
    case 'unknown-field':
      return {
        kind: 'unknown',
        about: `The record does not say ${FIELD_QUESTIONS[doubt.field]}`,
        refs: [doubt.field],
        alternatives: fieldValues(doubt.field).map((value) => ({
          label: describeField(doubt.field, value),
          scenario: { fields: new Map<FieldName, FieldValue>([[doubt.field, value]]) },
        })),
        order: `2:${doubt.field}`,
      };
    case 'doubtful-claim': {
      const cell = facts.cells.get(doubt.cell);
      if (cell === undefined) throw new Error(`no cell ${doubtKey(doubt)}`);
      const party = facts.doc.parties[cell.party];
      const who = party === undefined ? 'a party' : partyName(party);
      const where = `${who} in ${STAGE_WORDS[cell.stage]}`;
      const claimed = [...new Set(cell.claims.map((c) => c.level))];
      const others: Level[] = cell.disagreement
        ? claimed.filter((l) => l !== cell.chosen.level)
        : LEVELS.filter((l) => l !== cell.chosen.level);
      return {
        kind: cell.disagreement ? 'disagreement' : 'suggested',
        about: cell.disagreement
          ? `The sources disagree about ${where}: ${accounts(cell.claims)}`
          : `The claim about ${where} (${cell.chosen.level}) is only suggested${cell.chosen.source === undefined ? '' : `, by ${cell.chosen.source}`}`,
        refs: cell.claims.map((c) => `roles[${c.roleIndex}]`),
        alternatives: others.map((level) => ({
          label: cell.disagreement
            ? `the account that says ${level} is right`
            : `in fact ${THEY_LEVEL_WORDS[level]}`,
          scenario: { cells: new Map([[doubt.cell, level]]) },
        })),
        order: `0:${pad(STAGES.indexOf(cell.stage))}:${party?.id ?? ''}`,
      };
    }
  }
}

/** Who says what, in an order that does not depend on the order of the roles. */
function accounts(claims: readonly Claim[]): string {
  return claims
    .map((c) => `${c.source ?? 'one claim'} says ${c.level}`)
    .sort()
    .join(', ');
}

/** The parties on a side with no claim at a stage, by name. */
function unclaimed(facts: ComponentFacts, side: Side, stage: Stage): string {
  const names = (facts.partiesBySide.get(side) ?? [])
    .filter((i) => !facts.cells.has(cellKey(i, stage)))
    .map((i) => facts.doc.parties[i])
    .map((p) => (p === undefined ? '' : `${partyName(p)} (${sideWords(side)})`));
  // Sorted, so the text does not depend on the order the parties are listed in.
  return names.length === 0 ? sideWords(side) : names.sort().join(', ');
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
