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
import { Evaluator, type Witness } from './evaluate.js';
import {
  NO_SCENARIO,
  TRUE,
  compileCondition,
  factTables,
  type Compiled,
  type FactTables,
  type Truth3,
  type TruthContext,
} from './truth.js';
import { caseParties, componentFacts, type ComponentFacts } from './facts.js';
import { RULEBOOK } from './rulebook.js';
import { sourceNamer } from './source-names.js';
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
  /** Each verdict rule's condition compiled for the fast path, in the same order. */
  readonly compiled: ReadonlyMap<ModelId, readonly Compiled[]>;
  readonly notes: ReadonlyMap<ModelId, readonly NoteRule[]>;
  readonly equalising: readonly EqualisingRule[];
  readonly equalisingCompiled: readonly Compiled[];
  /** Each note rule's condition compiled, keyed by rule. */
  readonly notesCompiled: ReadonlyMap<NoteRule, Compiled>;
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
  // What-ifs mark the rules to re-run in one 32-bit number per model.
  for (const [model, list] of verdicts) {
    if (list.length > 30) throw new Error(`${model} has more than 30 verdict rules`);
  }
  const compiled = new Map(
    MODELS.map((m) => [m, (verdicts.get(m) ?? []).map((r) => compileCondition(r.when))]),
  );
  const equalisingCompiled = equalising.map((r) => compileCondition(r.when));
  const notesCompiled = new Map(
    [...notes.values()].flat().map((r) => [r, compileCondition(r.when)]),
  );
  return {
    version: rulebook.version,
    verdicts,
    compiled,
    notes,
    equalising,
    equalisingCompiled,
    notesCompiled,
  };
}

const DEFAULT_RULES = compileRules(RULEBOOK);

/** What a verdict rule found in the base reading, and the doubts it leaned on. */
export interface RuleTrace {
  readonly truth: Truth3;
  /** Its doubts are the entries of the component's doubt log from `start` up to `end`. */
  readonly start: number;
  readonly end: number;
}

/** A model's reading, with every verdict rule's trace so that what-ifs need not start again. */
export interface ModelEvaluation {
  readonly model: ModelId;
  readonly reading: ModelReading;
  readonly traces: readonly RuleTrace[];
  /** The index of the rule that decided. */
  readonly deciding: number;
  /** The model's verdict rules, and each compiled, in order. */
  readonly verdicts: readonly VerdictRule[];
  readonly compiled: readonly Compiled[];
}

/** Reads one model for one component: the first verdict rule known to hold decides. */
export function readModel(
  tables: FactTables,
  model: ModelId,
  rules: CompiledRules,
): ModelEvaluation {
  const verdicts = rules.verdicts.get(model) ?? [];
  const compiled = rules.compiled.get(model) ?? [];
  // Every rule is traced, not only those up to the deciding one: a what-if that turns the deciding
  // rule false needs the truth of the rules after it.
  const log = tables.log;
  const ctx: TruthContext = { t: tables, s: NO_SCENARIO, model, doubts: log };
  const traces: RuleTrace[] = [];
  let deciding = -1;
  for (const run of compiled) {
    const start = log.begin();
    const truth = run(ctx);
    if (truth === TRUE && deciding < 0) deciding = traces.length;
    traces.push({ truth, start, end: log.length });
  }
  const rule = verdicts[deciding];
  if (rule === undefined)
    throw new Error(`the rulebook has no rule that always holds for ${model}`);
  const explainer = new Evaluator(tables.facts, model);
  const decided = explainer.evaluate(rule.when);
  if (decided.truth !== 'true') throw new Error(`the two evaluators disagree on ${rule.id}`);
  const reasons: Reason[] = [reason(rule.id, rule.finding, decided.witnesses)];
  // Notes add reasons but never change the fit, so what they lean on is not a doubt about it.
  const quick: TruthContext = { t: tables, s: NO_SCENARIO, model, doubts: undefined };
  for (const note of rules.notes.get(model) ?? []) {
    if (note.whenFit !== undefined && !note.whenFit.includes(rule.fit)) continue;
    // The fast path says whether it holds; words are made only when it does.
    if (rules.notesCompiled.get(note)?.(quick) !== TRUE) continue;
    const outcome = explainer.evaluate(note.when);
    if (outcome.truth === 'true') reasons.push(reason(note.id, note.finding, outcome.witnesses));
  }
  return { model, reading: { fit: rule.fit, reasons }, traces, deciding, verdicts, compiled };
}

/**
 * The fit a model would have if a doubt were settled as the context's scenario says. Only the
 * rules marked in `ruleBits` (those that leaned on it and could change) are evaluated again; the
 * others keep their truth from the base reading.
 */
export function fitUnder(base: ModelEvaluation, ruleBits: number, ctx: TruthContext): Fit {
  const { verdicts, compiled, traces } = base;
  for (let i = 0; i < verdicts.length; i++) {
    const truth = (ruleBits & (1 << i)) !== 0 ? compiled[i]?.(ctx) : traces[i]?.truth;
    if (truth === TRUE) return verdicts[i]?.fit ?? 'undetermined';
  }
  return 'undetermined';
}

function reason(rule: string, finding: string, witnesses: readonly Witness[]): Reason {
  const texts = unique(witnesses.map((w) => w.text));
  const refs: string[] = [];
  for (const w of witnesses) for (const ref of w.refs) refs.push(ref);
  return {
    rule,
    text: texts.length === 0 ? `${finding}.` : `${finding}: ${texts.join('; ')}.`,
    refs: unique(refs),
  };
}

/** The items without repeats, in the order first found. */
function unique<T>(items: readonly T[]): T[] {
  // Lists here are short: looking back is cheaper than a set.
  if (items.length > 32) return [...new Set(items)];
  const out: T[] = [];
  for (const item of items) if (!out.includes(item)) out.push(item);
  return out;
}

/** Analyses a validated case. Pure and deterministic: the same case always gives the same analysis. */
export function analyseCase(doc: CaseFile, rules: CompiledRules = DEFAULT_RULES): Analysis {
  const parties = caseParties(doc);
  const components = doc.components.map((_, i) =>
    analyseComponent(componentFacts(doc, i, parties), rules),
  );
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
  const tables = factTables(facts);
  const evaluations = MODELS.map((m) => readModel(tables, m, rules));
  const readings: Partial<Record<ModelId, ModelReading>> = {};
  for (const evaluation of evaluations) readings[evaluation.model] = evaluation.reading;
  const models = readings as ModelReadings;
  const relationshipsEqualised = equalised(tables, rules);
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
  const labelCheck = checkLabels(
    facts.doc.describedAs ?? [],
    models,
    facts.doc.components.length > 1 ? 'part' : 'whole',
  );
  const uncertainties = findUncertainties(tables, evaluations);
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
  return {
    ...partial,
    summary: componentSummary(facts.component, partial, facts.doc.components.length > 1),
  };
}

function equalised(tables: FactTables, rules: CompiledRules): EqualisedRelationship[] {
  const facts = tables.facts;
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
  const nameOf = sourceNamer(facts.doc);
  (facts.component.relationships ?? []).forEach((rel, i) => {
    if (rel.effect !== 'equalises') return;
    const note = rel.note === undefined ? '' : ` (${rel.note})`;
    add(rel.between[0], rel.between[1], {
      rule: 'eq.recorded',
      text: `The record says it evens out this relationship${rel.source === undefined ? '' : `, on ${nameOf(rel.source)}`}${note}.`,
      refs: [`relationships[${i}]`],
    });
  });
  const evaluator = new Evaluator(tables.facts);
  rules.equalising.forEach((rule, i) => {
    // The fast path says whether it holds; words are made only when it does.
    if (
      rules.equalisingCompiled[i]?.({
        t: tables,
        s: NO_SCENARIO,
        model: 'co-production',
        doubts: undefined,
      }) !== TRUE
    )
      return;
    const outcome = evaluator.evaluate(rule.when);
    if (outcome.truth === 'true')
      add(rule.between[0], rule.between[1], reason(rule.id, rule.finding, outcome.witnesses));
  });
  return [...byPair.values()].sort((x, y) => (x.between.join('|') < y.between.join('|') ? -1 : 1));
}

/** The label check, for the whole initiative or for one of several parts of it. */
function checkLabels(
  describedAs: readonly ModelId[],
  models: ModelReadings,
  scope: 'whole' | 'part' = 'whole',
): LabelCheck[] {
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
      const subject = scope === 'whole' ? 'It' : 'This part';
      const instead =
        better.length === 0
          ? 'No model fits fully on the record as it stands.'
          : `${subject} is better described as ${listWords(better)}.`;
      const claim =
        scope === 'whole'
          ? `It is described as ${MODEL_NAMES[model]}, but the record ${how} that.`
          : `The initiative is described as ${MODEL_NAMES[model]}, but for this part the record ${how} that.`;
      return {
        rule: 'label.not-supported',
        model,
        fit,
        text: `${claim} ${instead}`,
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
  const readings: Partial<Record<ModelId, ModelReading>> = {};
  for (const m of MODELS) {
    const ranked = components
      .map((c, i) => ({ c, i, fit: c.models[m].fit }))
      .sort((a, b) => STRENGTH[b.fit] - STRENGTH[a.fit] || a.i - b.i);
    const reasons: Reason[] = ranked.map(({ c, i, fit }) => ({
      rule: 'overall.strongest',
      text: `${c.title}: ${FIT_PHRASE[fit]}.`,
      refs: [`components[${i}]`],
    }));
    readings[m] = { fit: ranked[0]?.fit ?? 'undetermined', reasons };
  }
  const models = readings as ModelReadings;
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
