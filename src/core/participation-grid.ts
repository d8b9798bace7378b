/**
 * Who did what: every party of a case against every stage of one component, with every account
 * kept. Unlike the analysis's facts, nothing is chosen here: a report shows all the accounts.
 */
import type { CaseFile, Party } from './case.schema.js';
import { sourceNamer } from './source-names.js';
import {
  STAGES,
  levelRank,
  type Certainty,
  type Level,
  type PartyKind,
  type Stage,
} from './vocabulary.js';

/** One claim about a party at a stage, as the record gives it. */
export interface Account {
  readonly level: Level;
  readonly certainty: Certainty;
  readonly source: string | undefined;
  /** The source as a reader knows it (see source-names.ts), for words. */
  readonly by: string | undefined;
  readonly note: string | undefined;
  /** The claim's path in the component, such as `roles[3]`. */
  readonly ref: string;
}

export type GridCell =
  | { readonly state: 'unknown' }
  /** One level, given by one or more accounts that agree. */
  | { readonly state: 'known'; readonly level: Level; readonly accounts: readonly Account[] }
  /** Accounts that give different levels: shown side by side, never merged. */
  | { readonly state: 'disputed'; readonly accounts: readonly Account[] };

export interface GridRow {
  readonly party: Party;
  readonly cells: Readonly<Record<Stage, GridCell>>;
  /** No claim about this party at any stage of this component. */
  readonly silent: boolean;
}

export interface ParticipationGrid {
  readonly component: string;
  readonly title: string;
  readonly rows: readonly GridRow[];
  /** Stages at which the component records no claim about anyone. */
  readonly unknownStages: readonly Stage[];
  /** Stages with no claim about any service user, carer or person with lived experience. */
  readonly unknownUserStages: readonly Stage[];
  /** Party-and-stage cells whose accounts give different levels. */
  readonly disagreements: number;
}

const PUBLIC_KINDS: readonly PartyKind[] = ['service-users', 'carers', 'community'];

/** Patients and the public: service users, carers, community members, and anyone with lived experience. */
export const isPatientOrPublic = (party: Party): boolean =>
  PUBLIC_KINDS.includes(party.kind) || party.livedExperience === true || party.userLed === true;

/** Speaks from the service-user side: a service user, a carer, or a party with lived experience. */
export const isUserSide = (party: Party): boolean =>
  party.kind === 'service-users' ||
  party.kind === 'carers' ||
  party.livedExperience === true ||
  party.userLed === true;

/** The grid of one component. Parties keep the order of the case's party list. */
export function participationGrid(doc: CaseFile, componentIndex: number): ParticipationGrid {
  const component = doc.components[componentIndex];
  if (component === undefined) throw new Error(`no component ${componentIndex}`);
  const accounts = new Map<string, Account[]>();
  const nameOf = sourceNamer(doc);
  component.roles.forEach((role, i) => {
    const key = `${role.party}|${role.stage}`;
    const account: Account = {
      level: role.level,
      certainty: role.certainty ?? 'reported',
      source: role.source,
      by: role.source === undefined ? undefined : nameOf(role.source),
      note: role.note,
      ref: `roles[${i}]`,
    };
    accounts.set(key, [...(accounts.get(key) ?? []), account]);
  });
  let disagreements = 0;
  const rows = doc.parties.map((party): GridRow => {
    let silent = true;
    const cells = Object.fromEntries(
      STAGES.map((stage): [Stage, GridCell] => {
        const found = accounts.get(`${party.id}|${stage}`) ?? [];
        const first = found[0];
        if (first === undefined) return [stage, { state: 'unknown' }];
        silent = false;
        if (found.every((a) => a.level === first.level))
          return [stage, { state: 'known', level: first.level, accounts: found }];
        disagreements++;
        return [stage, { state: 'disputed', accounts: found }];
      }),
    ) as Record<Stage, GridCell>;
    return { party, cells, silent };
  });
  const claimed = (stage: Stage, which: (p: Party) => boolean): boolean =>
    rows.some((r) => which(r.party) && r.cells[stage].state !== 'unknown');
  return {
    component: component.id,
    title: component.title,
    rows,
    unknownStages: STAGES.filter((s) => !claimed(s, () => true)),
    unknownUserStages: STAGES.filter((s) => !claimed(s, isUserSide)),
    disagreements,
  };
}

/** The levels a cell's accounts give, lowest first, without repeats. */
export function cellLevels(cell: GridCell): Level[] {
  if (cell.state === 'unknown') return [];
  if (cell.state === 'known') return [cell.level];
  const levels = new Set(cell.accounts.map((a) => a.level));
  return [...levels].sort((a, b) => levelRank(a) - levelRank(b));
}
