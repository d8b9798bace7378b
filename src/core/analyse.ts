/** The analysis: reads a validated case against the rulebook, component by component and as a whole. */
import type {
  Analysis,
  ComponentAnalysis,
  EqualisedRelationship,
  LabelCheck,
  ModelReading,
  ModelReadings,
  Reason,
} from './analysis.types.js';
import type { CaseFile } from './case.schema.js';
import { Evaluator, type Doubt, type Scenario, type Witness } from './evaluate.js';
import { componentFacts, type ComponentFacts } from './facts.js';
import { RULEBOOK } from './rulebook.js';
import type { EqualisingRule, NoteRule, Rulebook, VerdictRule } from './rule.types.js';
import { componentSummary, overallSummary } from './summary.js';
import { findUncertainties } from './uncertainties.js';
import {
  MODEL_NAMES,
  MODELS,
  PARTY_KINDS,
  type Fit,
  type ModelId,
  type PartyKind,
} from './vocabulary.js';

/** The rules of a rulebook, sorted by what they do, in rulebook order. */
export interface CompiledRules {
  readonly version: string;
  readonly verdicts: ReadonlyMap<ModelId, readonly VerdictRule[]>;
  readonly notes: ReadonlyMap<ModelId, readonly NoteRule[]>;
  readonly equalising: readonly EqualisingRule[];
}

export function compileRules(rulebook: Rulebook): CompiledRules {
  const verdicts = new Map<ModelId, VerdictRule[]>(MODELS.map((m) => [m, []]));
  const notes = new Map<ModelId, NoteRule[]>(MODELS.map((m) => [m, []]));
  const equalising: EqualisingRule[] = [];
  for (const rule of rulebook.rules) {
    if (rule.kind === 'verdict') verdicts.get(rule.model)?.push(rule);
    else if (rule.kind === 'note') notes.get(rule.model)?.push(rule);
    else if (rule.kind === 'equalises') equalising.push(rule);
  }
  return { version: rulebook.version, verdicts, notes, equalising };
}

const DEFAULT_RULES = compileRules(RULEBOOK);

/** A model's reading, with the doubtful facts its deciding rules leaned on. */
export interface ModelEvaluation {
  readonly reading: ModelReading;
  readonly doubts: ReadonlyMap<string, Doubt>;
}

/** Reads one model for one component under a scenario: the first verdict rule that holds decides. */
export function readModel(
  facts: ComponentFacts,
  model: ModelId,
  rules: CompiledRules,
  scenario: Scenario = {},
  withNotes = true,
): ModelEvaluation {
  const evaluator = new Evaluator(facts, scenario, model);
  let fit: Fit = 'undetermined';
  const reasons: Reason[] = [];
  for (const rule of rules.verdicts.get(model) ?? []) {
    const outcome = evaluator.evaluate(rule.when);
    if (outcome.truth !== 'true') continue;
    fit = rule.fit;
    reasons.push(reason(rule.id, rule.finding, outcome.witnesses));
    break;
  }
  const doubts = evaluator.doubts;
  if (!withNotes) return { reading: { fit, reasons }, doubts };
  // Notes add reasons but never change the fit, so what they lean on is not a doubt about it.
  const noteEvaluator = new Evaluator(facts, scenario, model);
  for (const rule of rules.notes.get(model) ?? []) {
    if (rule.whenFit !== undefined && !rule.whenFit.includes(fit)) continue;
    const outcome = noteEvaluator.evaluate(rule.when);
    if (outcome.truth === 'true') reasons.push(reason(rule.id, rule.finding, outcome.witnesses));
  }
  return { reading: { fit, reasons }, doubts };
}

function reason(rule: string, finding: string, witnesses: readonly Witness[]): Reason {
  const texts = unique(witnesses.map((w) => w.text));
  const refs = unique(witnesses.flatMap((w) => w.refs));
  return {
    rule,
    text: texts.length === 0 ? `${finding}.` : `${finding}: ${texts.join('; ')}.`,
    refs,
  };
}

const unique = <T>(items: readonly T[]): T[] => [...new Set(items)];

/** Analyses a validated case. Pure and deterministic: the same case always gives the same analysis. */
export function analyseCase(doc: CaseFile, rules: CompiledRules = DEFAULT_RULES): Analysis {
  const components = doc.components.map((_, i) => analyseComponent(componentFacts(doc, i), rules));
  return {
    format: 'coprism-analysis/1',
    rulebook: rules.version,
    case: doc.id,
    title: doc.title,
    components,
    overall: overall(doc, components),
  };
}

function analyseComponent(facts: ComponentFacts, rules: CompiledRules): ComponentAnalysis {
  const evaluations = new Map(MODELS.map((m) => [m, readModel(facts, m, rules)]));
  const models = Object.fromEntries(
    MODELS.map((m) => [m, evaluations.get(m)?.reading]),
  ) as unknown as ModelReadings;
  const relationshipsEqualised = equalised(facts, rules);
  const features = facts.component.humanising ?? [];
  const humanisingWithoutEqualising = features.length > 0 && relationshipsEqualised.length === 0;
  const humanisingReasons: Reason[] =
    features.length === 0
      ? []
      : [
          {
            rule: humanisingWithoutEqualising ? 'hum.without-equalising' : 'hum.with-equalising',
            text: humanisingWithoutEqualising
              ? `It is humane (${features.join('; ')}) without evening out any relationship.`
              : `It is humane (${features.join('; ')}) and also evens out ${relationshipsEqualised.length === 1 ? 'a relationship' : 'relationships'}.`,
            refs: ['humanising'],
          },
        ];
  const labelCheck = checkLabels(facts.doc.describedAs ?? [], models);
  const uncertainties = findUncertainties(facts, rules, evaluations);
  const partial = {
    id: facts.component.id,
    title: facts.component.title,
    models,
    relationshipsEqualised,
    humanisingWithoutEqualising,
    humanisingReasons,
    labelCheck,
    uncertainties,
  };
  return { ...partial, summary: componentSummary(facts.component, partial) };
}

function equalised(facts: ComponentFacts, rules: CompiledRules): EqualisedRelationship[] {
  const byPair = new Map<string, { between: [PartyKind, PartyKind]; reasons: Reason[] }>();
  const add = (a: PartyKind, b: PartyKind, r: Reason): void => {
    const between = [a, b].sort((x, y) => PARTY_KINDS.indexOf(x) - PARTY_KINDS.indexOf(y)) as [
      PartyKind,
      PartyKind,
    ];
    const key = between.join('|');
    const entry = byPair.get(key) ?? { between, reasons: [] };
    entry.reasons.push(r);
    byPair.set(key, entry);
  };
  (facts.component.relationships ?? []).forEach((rel, i) => {
    if (rel.effect !== 'equalises') return;
    const note = rel.note === undefined ? '' : ` (${rel.note})`;
    add(rel.between[0], rel.between[1], {
      rule: 'eq.recorded',
      text: `The record says it evens out this relationship${rel.source === undefined ? '' : `, on ${rel.source}`}${note}.`,
      refs: [`relationships[${i}]`],
    });
  });
  const evaluator = new Evaluator(facts);
  for (const rule of rules.equalising) {
    const outcome = evaluator.evaluate(rule.when);
    if (outcome.truth === 'true')
      add(rule.between[0], rule.between[1], reason(rule.id, rule.finding, outcome.witnesses));
  }
  return [...byPair.values()].sort((x, y) => (x.between.join('|') < y.between.join('|') ? -1 : 1));
}

function checkLabels(describedAs: readonly ModelId[], models: ModelReadings): LabelCheck[] {
  const fitting = MODELS.filter((m) => models[m].fit === 'fits');
  return unique(describedAs)
    .filter((m) => models[m].fit !== 'fits')
    .map((model) => {
      const fit = models[model].fit;
      const better = fitting.map((m) => MODEL_NAMES[m]);
      const how =
        fit === 'partly-fits'
          ? 'only partly supports'
          : fit === 'undetermined'
            ? 'cannot yet support'
            : 'does not support';
      const instead =
        better.length === 0
          ? 'No model fits fully on the record as it stands.'
          : `It is better described as ${listWords(better)}.`;
      return {
        rule: 'label.not-supported',
        model,
        fit,
        text: `It is described as ${MODEL_NAMES[model]}, but the record ${how} that. ${instead}`,
        betterFits: fitting,
      };
    });
}

// Strongest first: an undetermined component could still fit, so it outranks one that does not.
const STRENGTH: Record<Fit, number> = {
  fits: 3,
  'partly-fits': 2,
  undetermined: 1,
  'does-not-fit': 0,
};

function overall(doc: CaseFile, components: readonly ComponentAnalysis[]): Analysis['overall'] {
  const models = Object.fromEntries(
    MODELS.map((m) => {
      const ranked = components
        .map((c, i) => ({ c, i, fit: c.models[m].fit }))
        .sort((a, b) => STRENGTH[b.fit] - STRENGTH[a.fit] || a.i - b.i);
      const reasons: Reason[] = ranked.map(({ c, i, fit }) => ({
        rule: 'overall.strongest',
        text: `${c.title}: ${FIT_PHRASE[fit]}.`,
        refs: [`components[${i}]`],
      }));
      return [m, { fit: ranked[0]?.fit ?? 'undetermined', reasons }];
    }),
  ) as unknown as ModelReadings;
  return {
    models,
    labelCheck: checkLabels(doc.describedAs ?? [], models),
    summary: overallSummary(doc, components, models),
  };
}

const FIT_PHRASE: Record<Fit, string> = {
  fits: 'fits',
  'partly-fits': 'partly fits',
  'does-not-fit': 'does not fit',
  undetermined: 'cannot be settled from the record',
};

export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}
