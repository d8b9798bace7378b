/** The who-did-what grid of one part (parties × stages), and where a reason's refs point in it. */
import type { CaseFile, Component, Party, Role } from '../../../src/core/case.schema.js';
import { STAGES, sourceNamer, type Level, type Stage } from '../words.js';

export interface Claim {
  /** Its place in the part's `roles`, which reasons cite as `roles[index]`. */
  readonly index: number;
  readonly role: Role;
  /** Its source as a reader knows it ("self-report by Amira Khan"), or undefined when it has none. */
  readonly by: string | undefined;
}

export type CellState =
  | { readonly kind: 'unknown' }
  | { readonly kind: 'agreed'; readonly level: Level }
  | { readonly kind: 'disputed'; readonly levels: readonly Level[] };

export interface GridCell {
  readonly id: string;
  readonly partyIndex: number;
  readonly stage: Stage;
  readonly claims: readonly Claim[];
  readonly state: CellState;
}

export interface GridRow {
  readonly party: Party;
  readonly partyIndex: number;
  readonly cells: readonly GridCell[];
}

/** A stable element id for a cell, unique on the page. */
export const cellId = (componentIndex: number, partyIndex: number, stage: Stage): string =>
  `cell-${componentIndex}-${partyIndex}-${stage}`;

export const partyRowId = (componentIndex: number, partyIndex: number): string =>
  `party-${componentIndex}-${partyIndex}`;

/** Every party (the list is complete) against every stage; a cell with no claim is unknown, never "no part". */
export function buildGrid(
  document: CaseFile,
  component: Component,
  componentIndex: number,
): readonly GridRow[] {
  const byCell = new Map<string, Claim[]>();
  const nameOf = sourceNamer(document);
  component.roles.forEach((role, index) => {
    const key = `${role.party}\u0000${role.stage}`;
    const list = byCell.get(key) ?? [];
    list.push({ index, role, by: role.source === undefined ? undefined : nameOf(role.source) });
    byCell.set(key, list);
  });
  return document.parties.map((party, partyIndex) => ({
    party,
    partyIndex,
    cells: STAGES.map((stage) => {
      const claims = byCell.get(`${party.id}\u0000${stage}`) ?? [];
      return {
        id: cellId(componentIndex, partyIndex, stage),
        partyIndex,
        stage,
        claims,
        state: cellState(claims),
      };
    }),
  }));
}

function cellState(claims: readonly Claim[]): CellState {
  const first = claims[0];
  if (!first) return { kind: 'unknown' };
  const levels = [...new Set(claims.map((c) => c.role.level))];
  return levels.length === 1
    ? { kind: 'agreed', level: first.role.level }
    : { kind: 'disputed', levels };
}

/** What a reason rests on: the grid cells and party rows to highlight, and the other facts in words. */
export interface Citation {
  readonly cells: readonly string[];
  readonly parties: readonly number[];
  readonly components: readonly number[];
  readonly facts: readonly string[];
}

const FACT_WORDS: Record<string, string> = {
  roles: 'who took part at each stage, including what is not recorded',
  parties: 'the list of parties',
  produces: 'what it produces',
  serviceDomain: 'the field it serves',
  evidence: 'the research evidence',
  'evidence.drivenByEvidence': 'whether research evidence drove the change',
  'evidence.reviewed': 'whether the evidence was searched and reviewed',
  'evidence.evaluation': 'how the change was evaluated',
  design: 'the design process',
  'design.stages': 'the design stages that took place',
  'design.iterations': 'how many rounds of design and revision there were',
  'design.respondsToEndUsers': 'whether the design was revised for end users',
  relationships: 'the relationships it evens out or keeps apart',
  humanising: 'its humane features',
  attempts: 'the recorded attempts',
  describedAs: 'what it calls itself',
};

const INDEXED = /^(roles|parties|components|relationships|attempts)\[(\d+)\]/;

/** Maps refs such as `roles[3]`, `parties[1]` or `evidence.reviewed` to the page. */
export function cite(
  document: CaseFile,
  componentIndex: number | undefined,
  refs: readonly string[],
): Citation {
  const cells: string[] = [];
  const parties: number[] = [];
  const components: number[] = [];
  const facts: string[] = [];
  const component = componentIndex === undefined ? undefined : document.components[componentIndex];
  const addFact = (words: string) => {
    if (!facts.includes(words)) facts.push(words);
  };
  for (const ref of refs) {
    const match = INDEXED.exec(ref);
    const index = Number(match?.[2]);
    switch (match?.[1]) {
      case 'roles': {
        const role = component?.roles[index];
        const partyIndex = role ? document.parties.findIndex((p) => p.id === role.party) : -1;
        if (role && componentIndex !== undefined && partyIndex >= 0) {
          const id = cellId(componentIndex, partyIndex, role.stage);
          if (!cells.includes(id)) cells.push(id);
        }
        break;
      }
      case 'parties': {
        const party = document.parties[index];
        if (party) {
          if (!parties.includes(index)) parties.push(index);
          addFact(`the party “${partyName(party)}”`);
        }
        break;
      }
      case 'components':
        if (document.components[index] && !components.includes(index)) components.push(index);
        break;
      case 'relationships':
        addFact(FACT_WORDS['relationships'] ?? ref);
        break;
      case 'attempts':
        addFact('a recorded attempt to work in a given way');
        break;
      default:
        addFact(FACT_WORDS[ref] ?? ref);
    }
  }
  return { cells, parties, components, facts };
}

/** A party as people know it: its label, or its kind in words. */
export function partyName(party: Party): string {
  return party.label ?? party.id;
}
