/**
 * The explaining evaluator: reads a rule's condition against a component's facts, in three
 * values, and says which facts it found, in words. `truth.ts` is its fast twin for what-ifs.
 */
import type { Attempt, Relationship } from './case.schema.js';
import {
  cellKey,
  fieldValue,
  partyName,
  type Cell,
  type ComponentFacts,
  type FieldValue,
} from './facts.js';
import type { Condition, FieldName, FieldTest, LevelTest, Side } from './rule.types.js';
import {
  DESIGN_STAGES,
  DOMAIN_WORDS,
  EVALUATION_WORDS,
  LEVEL_STATES,
  PARTY_KIND_WORDS,
  PRODUCT_WORDS,
  STAGE_WORDS,
  levelRank,
  type Level,
  type ModelId,
  type Stage,
} from './vocabulary.js';

export type Truth = 'true' | 'false' | 'unknown';

/** A fact found while evaluating, in words, with the record fields it comes from. */
export interface Witness {
  readonly text: string;
  readonly refs: readonly string[];
}

export interface Outcome {
  readonly truth: Truth;
  readonly witnesses: readonly Witness[];
}

/**
 * What a reading leaned on that is open to doubt: unknown side-stages, unknown fields, and
 * cells whose claim is only suggested or disputed. Uncertainties are computed by varying these.
 */
export type Doubt =
  | { readonly type: 'unknown-stage'; readonly side: Side; readonly stage: Stage }
  | { readonly type: 'unknown-field'; readonly field: FieldName }
  | { readonly type: 'doubtful-claim'; readonly cell: number };

/**
 * Evaluates a condition on the record as it stands and says which facts it found, in words.
 * It gives the same truths as the compiled fast path in `truth.ts`, which the what-ifs use.
 */
interface Entry {
  readonly party: number;
  readonly level: Level | undefined;
  readonly cell: Cell | undefined;
}

/**
 * An outcome whose witnesses are put into words only when they are kept: most of what is found
 * on the way (the stages that do not hold, say) never reaches a reason.
 */
interface Found {
  readonly truth: Truth;
  /** Adds the witnesses, in words, to `out`. */
  readonly say: (out: Witness[]) => void;
}

const SILENT = (): void => undefined;
const UNKNOWN_FOUND: Found = { truth: 'unknown', say: SILENT };

export class Evaluator {
  constructor(
    private readonly facts: ComponentFacts,
    private readonly model?: ModelId,
  ) {}

  evaluate(condition: Condition): Outcome {
    const found = this.find(condition);
    const witnesses: Witness[] = [];
    found.say(witnesses);
    return { truth: found.truth, witnesses };
  }

  private find(condition: Condition): Found {
    if ('all' in condition) return combineAll(condition.all.map((c) => this.find(c)));
    if ('any' in condition) return combineAny(condition.any.map((c) => this.find(c)));
    if ('not' in condition) {
      const inner = this.find(condition.not);
      return { truth: negate(inner.truth), say: inner.say };
    }
    if ('atStage' in condition) {
      const { stages, every, where } = condition.atStage;
      const perStage = stages.map((stage) =>
        combineAll(where.map((test) => this.levelTest(test, stage))),
      );
      return every === true ? combineAll(perStage) : combineAny(perStage);
    }
    if ('field' in condition) return this.fieldTest(condition);
    if ('relationship' in condition) return this.relationshipTest(condition.relationship);
    if ('attempt' in condition) return this.attemptTest(condition.attempt);
    if ('party' in condition) return this.partyTest(condition.party);
    if ('humanising' in condition) {
      const features = this.facts.component.humanising;
      if (features === undefined) return UNKNOWN_FOUND;
      return features.length > 0
        ? {
            truth: 'true',
            say: (out) =>
              out.push({
                text: `humane features are recorded: ${features.join('; ')}`,
                refs: ['humanising'],
              }),
          }
        : {
            truth: 'false',
            say: (out) =>
              out.push({ text: 'no humane features are recorded', refs: ['humanising'] }),
          };
    }
    return { truth: 'true', say: SILENT };
  }

  /** The level each party on these sides has at a stage; undefined when no claim says. */
  private levelsAt(sides: readonly Side[], stage: Stage, except: Side | undefined): Entry[] {
    const out: Entry[] = [];
    for (const side of sides) {
      for (const party of this.facts.partiesBySide.get(side) ?? []) {
        if (out.some((e) => e.party === party)) continue;
        if (except !== undefined && this.facts.sidesOf[party]?.includes(except) === true) continue;
        const cell = this.facts.cells.get(cellKey(party, stage));
        out.push({ party, level: cell?.chosen.level, cell });
      }
    }
    return out;
  }

  private levelTest(test: LevelTest, stage: Stage): Found {
    const sides: readonly Side[] = typeof test.side === 'string' ? [test.side] : test.side;
    const entries = this.levelsAt(sides, stage, test.except);
    if (entries.length === 0) {
      // The parties list is complete: a side with no party took no part.
      const truth: Truth =
        test.atLeast !== undefined && levelRank(test.atLeast) > 0 ? 'false' : 'true';
      return {
        truth,
        say: (out) =>
          out.push({
            text: `${cap(STAGE_WORDS[stage])} — no ${sides.map(sideWords).join(' or ')} are listed among the parties`,
            refs: ['parties'],
          }),
      };
    }
    const known = entries.filter((e) => e.level !== undefined);
    const anyUnknown = known.length < entries.length;
    const rank = (e: (typeof entries)[number]): number => levelRank(e.level ?? 'none');
    const max = known.reduce((m, e) => Math.max(m, rank(e)), -1);
    const sayAll =
      (list: readonly Entry[]) =>
      (out: Witness[]): void => {
        for (const e of list) out.push(this.witness(e, stage));
      };
    const results: Found[] = [];
    if (test.atLeast !== undefined) {
      const need = levelRank(test.atLeast);
      if (max >= need)
        results.push({ truth: 'true', say: sayAll(known.filter((e) => rank(e) >= need)) });
      else results.push(anyUnknown ? UNKNOWN_FOUND : { truth: 'false', say: sayAll(known) });
    }
    if (test.below !== undefined) {
      const limit = levelRank(test.below);
      if (max >= limit)
        results.push({ truth: 'false', say: sayAll(known.filter((e) => rank(e) >= limit)) });
      else if (!anyUnknown) results.push({ truth: 'true', say: sayAll(known) });
      else if (test.unlessRecorded === true) {
        // Holds on the record as it stands; the unrecorded parties are still a doubt, so the
        // uncertainties show what a claim for them would change.
        results.push({
          truth: 'true',
          say: (out) => {
            sayAll(known)(out);
            const unrecorded = entries
              .filter((e) => e.level === undefined)
              .map((e) => this.partyLabel(e.party));
            out.push({
              text: `${cap(STAGE_WORDS[stage])} — ${unrecorded.join(', ')}: no claim recorded`,
              refs: [],
            });
          },
        });
      } else results.push(UNKNOWN_FOUND);
    }
    return combineAll(results);
  }

  /** A claim found, in words: "Design — ward staff: in charge (documented, novak2020)". */
  private witness(entry: Entry, stage: Stage): Witness {
    const who = this.partyLabel(entry.party);
    const cell = entry.cell;
    if (cell === undefined)
      return { text: `${cap(STAGE_WORDS[stage])} — ${who}: no claim recorded`, refs: [] };
    const level = cell.chosen.level;
    const chosen = cell.chosen;
    const attribution = [chosen.certainty, chosen.by].filter((x) => x !== undefined).join(', ');
    let text = `${cap(STAGE_WORDS[stage])} — ${who}: ${LEVEL_STATES[level]} (${attribution})`;
    const refs = [`roles[${chosen.roleIndex}]`];
    if (cell.disagreement) {
      const others = cell.claims.filter((c) => c.level !== chosen.level);
      text += `; but ${others
        .map((c) => `${c.by ?? 'another claim'} says ${c.level}`)
        .sort()
        .join(', ')}: the sources disagree, and this reading follows the better-attested claim`;
      refs.push(...others.map((c) => `roles[${c.roleIndex}]`));
    }
    return { text, refs };
  }

  private fieldTest(test: FieldTest): Found {
    const value = fieldValue(this.facts.component, test.field);
    if (value === undefined) return UNKNOWN_FOUND;
    let truth: boolean;
    if ('in' in test) truth = (test.in as readonly unknown[]).includes(value);
    else if ('is' in test) truth = value === test.is;
    else if ('atLeast' in test) truth = typeof value === 'number' && value >= test.atLeast;
    else truth = Array.isArray(value) && test.includesAny.some((s) => value.includes(s));
    return {
      truth: truth ? 'true' : 'false',
      say: (out) => out.push({ text: describeField(test.field, value), refs: [test.field] }),
    };
  }

  private relationshipTest(test: {
    between: readonly [string, string];
    effect: Relationship['effect'];
  }): Found {
    const list = this.facts.component.relationships;
    if (list === undefined) return UNKNOWN_FOUND;
    const [a, b] = test.between;
    const found = list.findIndex(
      (r) =>
        r.effect === test.effect &&
        ((r.between[0] === a && r.between[1] === b) || (r.between[0] === b && r.between[1] === a)),
    );
    const pair = `${kindWords(a)} and ${kindWords(b)}`;
    const verb = test.effect === 'equalises' ? 'evens out the relationship between' : 'keeps apart';
    return found >= 0
      ? {
          truth: 'true',
          say: (out) =>
            out.push({
              text: `the record says it ${verb} ${pair}`,
              refs: [`relationships[${found}]`],
            }),
        }
      : {
          truth: 'false',
          say: (out) =>
            out.push({
              text: `the record does not say it ${verb} ${pair}`,
              refs: ['relationships'],
            }),
        };
  }

  private attemptTest(test: { model?: ModelId; outcome: readonly Attempt['outcome'][] }): Found {
    const list = this.facts.component.attempts;
    if (list === undefined) return UNKNOWN_FOUND;
    const model = test.model ?? this.model;
    const found = list
      .map((a, i) => ({ a, i }))
      .filter(({ a }) => a.model === model && test.outcome.includes(a.outcome));
    if (found.length === 0) return { truth: 'false', say: SILENT };
    return {
      truth: 'true',
      say: (out) => {
        for (const { a, i } of found)
          out.push({
            text: `an attempt at ${a.model}${a.with === undefined ? '' : ` with ${kindWords(a.with)}`} is recorded as ${a.outcome}${a.note === undefined ? '' : ` (${a.note})`}`,
            refs: [`attempts[${i}]`],
          });
      },
    };
  }

  private partyTest(test: {
    kind?: string;
    side?: Side;
    livedExperience?: boolean;
    userLed?: boolean;
  }): Found {
    const matches: number[] = [];
    this.facts.doc.parties.forEach((p, i) => {
      if (test.kind !== undefined && p.kind !== test.kind) return;
      if (test.side !== undefined && this.facts.sidesOf[i]?.includes(test.side) !== true) return;
      if (
        test.livedExperience !== undefined &&
        (p.livedExperience === true) !== test.livedExperience
      )
        return;
      if (test.userLed !== undefined && (p.userLed === true) !== test.userLed) return;
      matches.push(i);
    });
    const parties = this.facts.doc.parties;
    if (matches.length === 0)
      return {
        truth: 'false',
        say: (out) =>
          out.push({
            text: `no such party is listed (${describePartyTest(test)})`,
            refs: ['parties'],
          }),
      };
    return {
      truth: 'true',
      say: (out) => {
        for (const i of matches) {
          const p = parties[i];
          const flags = [
            p?.livedExperience === true ? 'with lived experience' : '',
            p?.userLed === true ? 'user-led' : '',
          ]
            .filter(Boolean)
            .join(', ');
          out.push({
            text: `${p === undefined ? 'a party' : partyName(p)} (${p === undefined ? '' : kindWords(p.kind)}${flags ? `, ${flags}` : ''})`,
            refs: [`parties[${i}]`],
          });
        }
      },
    };
  }

  private partyLabel(index: number): string {
    const party = this.facts.doc.parties[index];
    return party === undefined ? 'a party' : partyName(party);
  }
}

function negate(t: Truth): Truth {
  return t === 'true' ? 'false' : t === 'false' ? 'true' : 'unknown';
}

const sayEach =
  (found: readonly Found[]) =>
  (out: Witness[]): void => {
    for (const f of found) f.say(out);
  };

function combineAll(found: readonly Found[]): Found {
  const failed = found.find((o) => o.truth === 'false');
  if (failed !== undefined) return failed;
  if (found.some((o) => o.truth === 'unknown')) return UNKNOWN_FOUND;
  return { truth: 'true', say: sayEach(found) };
}

function combineAny(found: readonly Found[]): Found {
  const held = found.filter((o) => o.truth === 'true');
  if (held.length > 0) return { truth: 'true', say: sayEach(held) };
  if (found.some((o) => o.truth === 'unknown')) return UNKNOWN_FOUND;
  return { truth: 'false', say: sayEach(found) };
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const kindWords = (kind: string): string =>
  PARTY_KIND_WORDS[kind as keyof typeof PARTY_KIND_WORDS] ?? kind;

const SIDE_WORDS: Record<Side, string> = {
  users: 'service users',
  'lived-experience': 'people with lived experience',
  professionals: 'mental health professionals',
  carers: 'carers',
  'other-professionals': 'other professionals',
  community: 'community members',
  researchers: 'researchers',
  designers: 'designers',
  funders: 'funders or clients',
};
export const sideWords = (side: Side): string => SIDE_WORDS[side];

function describePartyTest(test: {
  kind?: string;
  side?: Side;
  livedExperience?: boolean;
  userLed?: boolean;
}): string {
  const parts = [
    test.kind === undefined ? '' : kindWords(test.kind),
    test.side === undefined ? '' : sideWords(test.side),
  ];
  if (test.livedExperience === true) parts.push('with lived experience');
  if (test.userLed === true) parts.push('user-led');
  return parts.filter(Boolean).join(', ');
}

/** A field's value in words, as a reason quotes it. */
export function describeField(field: FieldName, value: FieldValue): string {
  switch (field) {
    case 'produces':
      return `it produces ${PRODUCT_WORDS[value as keyof typeof PRODUCT_WORDS] ?? String(value)}`;
    case 'serviceDomain':
      return `its field is ${DOMAIN_WORDS[value as keyof typeof DOMAIN_WORDS] ?? String(value)}`;
    case 'evidence.drivenByEvidence':
      return `the change was ${value === true ? '' : 'not '}driven by research evidence`;
    case 'evidence.reviewed':
      return `the evidence was ${value === true ? '' : 'not '}searched and reviewed`;
    case 'evidence.evaluation':
      return `the evaluation was ${EVALUATION_WORDS[value as keyof typeof EVALUATION_WORDS] ?? String(value)}`;
    case 'design.respondsToEndUsers':
      return `the design was ${value === true ? '' : 'not '}revised in response to end users`;
    case 'design.iterations':
      return `the design went through ${String(value)} cycle${value === 1 ? '' : 's'} of revision`;
    case 'design.stages': {
      const stages = Array.isArray(value) ? DESIGN_STAGES.filter((s) => value.includes(s)) : [];
      return stages.length === 0
        ? `no design stages are recorded`
        : `the design went through ${stages.join(', ')}`;
    }
  }
}
