/** The facts of one component, arranged for the rules: who took part in which stage, and how sure we are. */
import type { CaseFile, Component, Party, Role } from './case.schema.js';
import { SIDES, type FieldName, type Side } from './rule.types.js';
import {
  CERTAINTY_RANK,
  LEVEL_WORDS,
  PARTY_KIND_WORDS,
  STAGES,
  UNKNOWN,
  levelRank,
  type Certainty,
  type Level,
  type Stage,
} from './vocabulary.js';
import { sourceNamer } from './source-names.js';

/** One role claim, with its place in the component. */
export interface Claim {
  readonly roleIndex: number;
  readonly level: Level;
  readonly certainty: Certainty;
  readonly source: string | undefined;
  /** The source as a reader knows it (see source-names.ts), for words. */
  readonly by: string | undefined;
}

/** What is recorded for one party at one stage. */
export interface Cell {
  readonly party: number;
  readonly stage: Stage;
  readonly claims: readonly Claim[];
  /** The claim the reading follows: the best attested; if equally attested, the lower level. */
  readonly chosen: Claim;
  /** Two or more claims give different levels. */
  readonly disagreement: boolean;
}

export type FieldValue = string | number | boolean | readonly string[];

export interface ComponentFacts {
  readonly doc: CaseFile;
  readonly component: Component;
  readonly sidesOf: readonly (readonly Side[])[];
  readonly partiesBySide: ReadonlyMap<Side, readonly number[]>;
  /** Keyed by `cellKey(party, stage)`. */
  readonly cells: ReadonlyMap<number, Cell>;
  /** What the case's parties are, worked out once for all its components. */
  readonly parties: CaseParties;
}

/** The parties of a case, arranged by side; the same for every component of the case. */
export interface CaseParties {
  readonly sidesOf: readonly (readonly Side[])[];
  readonly partiesBySide: ReadonlyMap<Side, readonly number[]>;
  /** Party id to index. */
  readonly index: ReadonlyMap<string, number>;
  /** The parties on each side, by the side's index in `SIDES`. */
  readonly bySide: readonly (readonly number[])[];
  /** For each party, one bit per side it is on (by the side's index in `SIDES`). */
  readonly sideBits: readonly number[];
}

export function caseParties(doc: CaseFile): CaseParties {
  const sides = doc.parties.map(sidesOf);
  const partiesBySide = new Map<Side, number[]>();
  sides.forEach((partySides, i) => {
    for (const side of partySides) {
      const list = partiesBySide.get(side);
      if (list === undefined) partiesBySide.set(side, [i]);
      else list.push(i);
    }
  });
  return {
    sidesOf: sides,
    partiesBySide,
    index: new Map(doc.parties.map((p, i) => [p.id, i])),
    bySide: SIDES.map((side) => partiesBySide.get(side) ?? []),
    sideBits: sides.map((list) =>
      list.reduce((bits, side) => bits | (1 << SIDES.indexOf(side)), 0),
    ),
  };
}

export const cellKey = (party: number, stage: Stage): number =>
  party * STAGES.length + STAGES.indexOf(stage);

/** The sides a party speaks for: its kind's side, and lived experience where it has it. */
export function sidesOf(party: Party): Side[] {
  const sides: Side[] = [kindSide(party)];
  if (party.kind === 'service-users' || party.livedExperience === true || party.userLed === true) {
    sides.push('lived-experience');
  }
  return sides;
}

function kindSide(party: Party): Side {
  switch (party.kind) {
    case 'service-users':
      return 'users';
    case 'mental-health-professionals':
      return 'professionals';
    case 'funder-or-client':
      return 'funders';
    default:
      return party.kind;
  }
}

export function componentFacts(
  doc: CaseFile,
  componentIndex: number,
  parties: CaseParties = caseParties(doc),
): ComponentFacts {
  const component = doc.components[componentIndex];
  if (component === undefined) throw new Error(`no component ${componentIndex}`);
  const grouped = new Map<number, Claim[]>();
  const nameOf = sourceNamer(doc);
  component.roles.forEach((role: Role, roleIndex) => {
    const party = parties.index.get(role.party);
    if (party === undefined) return;
    const key = cellKey(party, role.stage);
    const claim: Claim = {
      roleIndex,
      level: role.level,
      certainty: role.certainty ?? 'reported',
      source: role.source,
      by: role.source === undefined ? undefined : nameOf(role.source),
    };
    const list = grouped.get(key);
    if (list === undefined) grouped.set(key, [claim]);
    else list.push(claim);
  });
  const cells = new Map<number, Cell>();
  for (const [key, claims] of grouped) {
    const chosen = claims.reduce((best, c) => (betterAttested(c, best) ? c : best));
    const first = claims[0];
    if (first === undefined) continue;
    cells.set(key, {
      party: Math.floor(key / STAGES.length),
      stage: STAGES[key % STAGES.length] ?? 'initiation',
      claims,
      chosen,
      disagreement: claims.some((c) => c.level !== first.level),
    });
  }
  return {
    doc,
    component,
    sidesOf: parties.sidesOf,
    partiesBySide: parties.partiesBySide,
    cells,
    parties,
  };
}

function betterAttested(a: Claim, b: Claim): boolean {
  const byCertainty = CERTAINTY_RANK[a.certainty] - CERTAINTY_RANK[b.certainty];
  if (byCertainty !== 0) return byCertainty > 0;
  const byLevel = levelRank(a.level) - levelRank(b.level);
  if (byLevel !== 0) return byLevel < 0;
  // Equal claims: a claim with a source first, then by source id, so that the order of the roles
  // never decides which one the reading quotes.
  if ((a.source === undefined) !== (b.source === undefined)) return a.source !== undefined;
  if (a.source !== b.source) return (a.source ?? '') < (b.source ?? '');
  return a.roleIndex < b.roleIndex;
}

/** A field's recorded value, or undefined when it is absent or written as `unknown`. */
export function fieldValue(component: Component, field: FieldName): FieldValue | undefined {
  let value: unknown;
  switch (field) {
    case 'produces':
      value = component.produces;
      break;
    case 'serviceDomain':
      value = component.serviceDomain;
      break;
    case 'evidence.drivenByEvidence':
      value = component.evidence?.drivenByEvidence;
      break;
    case 'evidence.reviewed':
      value = component.evidence?.reviewed;
      break;
    case 'evidence.evaluation':
      value = component.evidence?.evaluation;
      break;
    case 'design.respondsToEndUsers':
      value = component.design?.respondsToEndUsers;
      break;
    case 'design.iterations':
      value = component.design?.iterations;
      break;
    case 'design.stages':
      value = component.design?.stages;
      break;
  }
  return value === UNKNOWN ? undefined : (value as FieldValue | undefined);
}

/** A party's short name for people: its label up to the first comma or bracket, or its kind and id. */
export function partyName(party: Party): string {
  const known = names.get(party);
  if (known !== undefined) return known;
  const name = shortName(party);
  names.set(party, name);
  return name;
}

// Names are asked for many times over while one case is read: worked out once per party object.
const names = new WeakMap<Party, string>();

function shortName(party: Party): string {
  const short = party.label?.split(/[,;:(]/)[0]?.trim();
  // Without a label, the id tells parties of the same kind apart.
  return short === undefined || short === ''
    ? `${PARTY_KIND_WORDS[party.kind]} '${party.id}'`
    : short;
}

export const levelWords = (level: Level): string => LEVEL_WORDS[level];
