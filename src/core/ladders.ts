/**
 * Participation ladders and matrices, placed from the record: Arnstein's ladder of citizen
 * participation, the Think Local Act Personal ladder of co-production and the Involvement Matrix.
 * The mapping is data, each rule with an id and a plain-English statement (see docs/ladders.md);
 * a small engine applies it to each party at each stage and never places an unknown.
 */
import type { CaseFile, Party } from './case.schema.js';
import {
  cellLevels,
  participationGrid,
  type GridCell,
  type GridRow,
} from './participation-grid.js';
import {
  LEVEL_STATES,
  STAGE_WORDS,
  levelRank,
  type Level,
  type PartyKind,
  type Stage,
} from './vocabulary.js';

export const LADDER_IDS = ['arnstein', 'tlap', 'involvement-matrix'] as const;
export type LadderId = (typeof LADDER_IDS)[number];

export interface LadderGroup {
  readonly id: string;
  readonly name: string;
}

export interface Rung {
  readonly id: string;
  readonly name: string;
  /** The group the rung belongs to; the Involvement Matrix has none. */
  readonly group?: string;
}

/** Where a rule puts a party. */
export type LadderPlace =
  | { readonly rung: string }
  /** The record places the group but cannot tell its rungs apart. */
  | { readonly group: string }
  | { readonly off: 'not-involved' | 'beyond-top' }
  /** Depends on the party's own level at other stages: `then` if all are at least `atLeast`. */
  | {
      readonly when: { readonly stages: readonly Stage[]; readonly atLeast: Level };
      readonly then: string;
      readonly otherwise: string;
    };

export interface LadderRule {
  readonly id: string;
  readonly levels: readonly Level[];
  /** The stages the rule speaks of; all stages when absent. */
  readonly stages?: readonly Stage[];
  readonly place: LadderPlace;
  readonly statement: string;
}

export interface Ladder {
  readonly id: LadderId;
  readonly name: string;
  readonly source: string;
  readonly groups: readonly LadderGroup[];
  /** Lowest first. */
  readonly rungs: readonly Rung[];
  /** Whom the ladder places: these kinds, and anyone with lived experience. */
  readonly measures: { readonly kinds: readonly PartyKind[]; readonly statement: string };
  readonly rules: readonly LadderRule[];
}

const SHAPING: readonly Stage[] = ['initiation', 'needs-assessment', 'design', 'piloting'];
const RUNNING: readonly Stage[] = [
  'governance',
  'staff-training',
  'delivery',
  'evaluation',
  'outreach',
];

export const ARNSTEIN: Ladder = {
  id: 'arnstein',
  name: "Arnstein's ladder of citizen participation",
  source:
    'Arnstein SR. A ladder of citizen participation. Journal of the American Institute of Planners 35(4), 1969, 216-224.',
  groups: [
    { id: 'nonparticipation', name: 'non-participation' },
    { id: 'tokenism', name: 'tokenism' },
    { id: 'citizen-power', name: 'citizen power' },
  ],
  rungs: [
    { id: 'manipulation', name: 'Manipulation', group: 'nonparticipation' },
    { id: 'therapy', name: 'Therapy', group: 'nonparticipation' },
    { id: 'informing', name: 'Informing', group: 'tokenism' },
    { id: 'consultation', name: 'Consultation', group: 'tokenism' },
    { id: 'placation', name: 'Placation', group: 'tokenism' },
    { id: 'partnership', name: 'Partnership', group: 'citizen-power' },
    { id: 'delegated-power', name: 'Delegated power', group: 'citizen-power' },
    { id: 'citizen-control', name: 'Citizen control', group: 'citizen-power' },
  ],
  measures: {
    kinds: ['service-users', 'carers', 'community'],
    statement:
      'The ladder measures the power of citizens (here service users, carers, community members and anyone with lived experience) against those who hold power. Professionals, researchers, designers and funders without lived experience are the power-holders it measures against, so it does not place them.',
  },
  rules: [
    {
      id: 'arnstein.none',
      levels: ['none'],
      place: { group: 'nonparticipation' },
      statement:
        'No part at this stage puts a party at the foot of the ladder, in non-participation. The record cannot tell manipulation from therapy, so no rung is named.',
    },
    {
      id: 'arnstein.informed',
      levels: ['informed'],
      place: { rung: 'informing' },
      statement: 'Being told is informing, the first rung of tokenism.',
    },
    {
      id: 'arnstein.consulted',
      levels: ['consulted'],
      place: { rung: 'consultation' },
      statement:
        'Being asked for views is consultation. Placation (a few seats, while others still decide) cannot be told apart from consultation in the record, so it is never named.',
    },
    {
      id: 'arnstein.partner',
      levels: ['partner'],
      place: { rung: 'partnership' },
      statement: 'Taking part as an equal partner is partnership, the first rung of citizen power.',
    },
    {
      id: 'arnstein.leads',
      levels: ['leads'],
      place: {
        when: { stages: ['governance'], atLeast: 'leads' },
        then: 'citizen-control',
        otherwise: 'delegated-power',
      },
      statement:
        'Being in charge at a stage is citizen control when the party also holds governance (the money and policy), and delegated power when someone else does.',
    },
  ],
};

export const TLAP: Ladder = {
  id: 'tlap',
  name: 'Think Local Act Personal ladder of co-production',
  source:
    'Think Local Act Personal and the National Co-production Advisory Group. Ladder of co-production. thinklocalactpersonal.org.uk.',
  groups: [
    { id: 'doing-to', name: 'doing to' },
    { id: 'doing-for', name: 'doing for' },
    { id: 'doing-with', name: 'doing with' },
  ],
  rungs: [
    { id: 'coercion', name: 'Coercion', group: 'doing-to' },
    { id: 'educating', name: 'Educating', group: 'doing-to' },
    { id: 'informing', name: 'Informing', group: 'doing-for' },
    { id: 'consultation', name: 'Consultation', group: 'doing-for' },
    { id: 'engagement', name: 'Engagement', group: 'doing-for' },
    { id: 'co-design', name: 'Co-design', group: 'doing-with' },
    { id: 'co-production', name: 'Co-production', group: 'doing-with' },
  ],
  measures: {
    kinds: ['service-users', 'carers'],
    statement:
      'The ladder places people who use services and their carers (and anyone with lived experience) in their relationship with those responsible for services; it does not place the professionals, funders, designers, researchers or wider community.',
  },
  rules: [
    {
      id: 'tlap.none',
      levels: ['none'],
      place: { group: 'doing-to' },
      statement:
        'No part at this stage is doing to. The record cannot tell coercion from educating, so no rung is named.',
    },
    {
      id: 'tlap.informed',
      levels: ['informed'],
      place: { rung: 'informing' },
      statement: 'Being told about the service is informing (doing for).',
    },
    {
      id: 'tlap.consulted',
      levels: ['consulted'],
      place: { rung: 'consultation' },
      statement:
        'Being asked for views is consultation (doing for). The record cannot show that those views swayed decisions, so engagement is not named for it.',
    },
    {
      id: 'tlap.partner-shaping',
      levels: ['partner'],
      stages: SHAPING,
      place: {
        when: { stages: ['design', 'delivery'], atLeast: 'partner' },
        then: 'co-production',
        otherwise: 'co-design',
      },
      statement:
        'An equal partner in shaping the service (idea, needs, design or piloting) is co-design; it is co-production when the same party is also at least an equal partner in both design and delivery, seeing it through.',
    },
    {
      id: 'tlap.partner-running',
      levels: ['partner'],
      stages: RUNNING,
      place: {
        when: { stages: ['design', 'delivery'], atLeast: 'partner' },
        then: 'co-production',
        otherwise: 'engagement',
      },
      statement:
        'An equal partner in running the service (governance, training, delivery, evaluation or outreach) is co-production when the same party is also at least an equal partner in both design and delivery; in a service others designed, their say depends on what those others allow, which is engagement.',
    },
    {
      id: 'tlap.leads',
      levels: ['leads'],
      place: { off: 'beyond-top' },
      statement:
        'Being in charge goes beyond the top of this ladder, which ends at co-production, where power is shared; no rung is named.',
    },
  ],
};

export const INVOLVEMENT_MATRIX: Ladder = {
  id: 'involvement-matrix',
  name: 'Involvement Matrix',
  source:
    'Smits D-W, van Meeteren K, Klem M, Alsem M, Ketelaar M. Designing a tool to support patient and public involvement in research projects: the Involvement Matrix. Research Involvement and Engagement 6, 2020, 30. doi:10.1186/s40900-020-00188-4',
  groups: [],
  rungs: [
    { id: 'listener', name: 'Listener' },
    { id: 'co-thinker', name: 'Co-thinker' },
    { id: 'advisor', name: 'Advisor' },
    { id: 'partner', name: 'Partner' },
    { id: 'decision-maker', name: 'Decision-maker' },
  ],
  measures: {
    kinds: ['service-users', 'carers'],
    statement:
      'The matrix describes the roles of patients and their relatives (here service users, carers and anyone with lived experience); it does not place the professionals, funders, designers, researchers or wider community.',
  },
  rules: [
    {
      id: 'im.none',
      levels: ['none'],
      place: { off: 'not-involved' },
      statement: 'No part at this stage is no role in the matrix: the party is not involved there.',
    },
    {
      id: 'im.informed',
      levels: ['informed'],
      place: { rung: 'listener' },
      statement: 'Being told is the listener role.',
    },
    {
      id: 'im.consulted',
      levels: ['consulted'],
      place: { rung: 'co-thinker' },
      statement:
        'Being asked for views is the co-thinker role. An advisor also gives advice unasked, which the record does not show, so the advisor role is never named.',
    },
    {
      id: 'im.partner',
      levels: ['partner'],
      place: { rung: 'partner' },
      statement: 'Taking part as an equal partner is the partner role.',
    },
    {
      id: 'im.leads',
      levels: ['leads'],
      place: { rung: 'decision-maker' },
      statement: 'Being in charge at a stage is the decision-maker role.',
    },
  ],
};

export const LADDERS: readonly Ladder[] = [ARNSTEIN, TLAP, INVOLVEMENT_MATRIX];

/** Rules every ladder shares: what it does with unknowns, disagreements and parties it does not measure. */
export const SHARED_LADDER_RULES = [
  {
    id: 'ladder.unknown',
    statement:
      'A stage with no claim about a party is unknown: the record cannot place the party there, and no place is guessed.',
  },
  {
    id: 'ladder.disputed',
    statement:
      'Where accounts give different levels that sit at different places, each account is placed and shown, and none is chosen.',
  },
  {
    id: 'ladder.who',
    statement: "A party the ladder does not measure is not placed (see each ladder's scope).",
  },
] as const;

export type Position =
  | { readonly kind: 'rung'; readonly rung: string }
  /** The group is known; `rungs` are the rungs it could be. */
  | { readonly kind: 'group'; readonly group: string; readonly rungs: readonly string[] }
  /** The place turns on something unknown, and the candidates lie in different groups. */
  | { readonly kind: 'between'; readonly rungs: readonly string[] }
  | { readonly kind: 'off'; readonly where: 'not-involved' | 'beyond-top' }
  | { readonly kind: 'unknown' }
  | {
      readonly kind: 'disputed';
      readonly accounts: readonly {
        readonly level: Level;
        readonly sources: readonly string[];
        readonly position: Position;
      }[];
    }
  | { readonly kind: 'not-measured' };

export interface LadderPlacement {
  readonly ladder: LadderId;
  readonly party: string;
  readonly stage: Stage;
  readonly position: Position;
  /** The rule (or rules, for disputed accounts) that placed it. */
  readonly rules: readonly string[];
  /** Plain English: who, where, at what level, and where that puts them. */
  readonly text: string;
  readonly refs: readonly string[];
}

export interface LadderReading {
  readonly ladder: Ladder;
  readonly component: string;
  /** One row per party the ladder measures, every stage in order. */
  readonly rows: readonly { readonly party: Party; readonly cells: readonly LadderPlacement[] }[];
  /** Parties the ladder does not measure. */
  readonly notMeasured: readonly Party[];
}

export const measures = (ladder: Ladder, party: Party): boolean =>
  ladder.measures.kinds.includes(party.kind) ||
  party.livedExperience === true ||
  party.userLed === true;

/** Every ladder's reading of every component of a case. */
export function readLadders(doc: CaseFile): LadderReading[][] {
  return doc.components.map((_, i) => {
    const grid = participationGrid(doc, i);
    return LADDERS.map((ladder) => ({
      ladder,
      component: grid.component,
      rows: grid.rows
        .filter((row) => measures(ladder, row.party))
        .map((row) => ({
          party: row.party,
          cells: (Object.keys(row.cells) as Stage[]).map((stage) => placeParty(ladder, row, stage)),
        })),
      notMeasured: grid.rows.filter((row) => !measures(ladder, row.party)).map((r) => r.party),
    }));
  });
}

/** Places one party at one stage on one ladder, following the ladder's rules. */
export function placeParty(ladder: Ladder, row: GridRow, stage: Stage): LadderPlacement {
  const cell = row.cells[stage];
  const who = row.party.label ?? row.party.id;
  const at = `${capital(STAGE_WORDS[stage])} — ${who}`;
  const base = { ladder: ladder.id, party: row.party.id, stage };
  if (!measures(ladder, row.party))
    return {
      ...base,
      position: { kind: 'not-measured' },
      rules: ['ladder.who'],
      text: `${at}: not placed; ${ladder.name} does not measure this party.`,
      refs: [],
    };
  const refs = cell.state === 'unknown' ? [] : cell.accounts.map((a) => a.ref);
  if (cell.state === 'unknown')
    return {
      ...base,
      position: { kind: 'unknown' },
      rules: ['ladder.unknown'],
      text: `${at}: no claim records how far they took part, so the record cannot place them.`,
      refs,
    };
  const levels = cellLevels(cell);
  const placed = levels.map((level) => ({ level, ...placeLevel(ladder, row, stage, level) }));
  const first = placed[0];
  if (first === undefined) throw new Error('a known cell has a level');
  const same = placed.every((p) => samePosition(p.position, first.position));
  if (same)
    return {
      ...base,
      position: first.position,
      rules: [first.rule],
      text: `${at}: ${levels.map((l) => LEVEL_STATES[l]).join(' or ')}, which is ${positionWords(ladder, first.position)}.`,
      refs,
    };
  const accounts = placed.map((p) => ({
    level: p.level,
    sources: sourcesOf(cell, p.level),
    position: p.position,
  }));
  return {
    ...base,
    position: { kind: 'disputed', accounts },
    rules: [...new Set(placed.map((p) => p.rule)), 'ladder.disputed'],
    text: `${at}: the accounts disagree: ${accounts
      .map(
        (a) =>
          `${LEVEL_STATES[a.level]} (${a.sources.join(', ') || 'no source'}), which is ${positionWords(ladder, a.position)}`,
      )
      .join('; ')}. The record cannot place them until this is settled.`,
    refs,
  };
}

function placeLevel(
  ladder: Ladder,
  row: GridRow,
  stage: Stage,
  level: Level,
): { position: Position; rule: string } {
  const rule = ladder.rules.find(
    (r) => r.levels.includes(level) && (r.stages === undefined || r.stages.includes(stage)),
  );
  if (rule === undefined) throw new Error(`${ladder.id} has no rule for ${level} at ${stage}`);
  const place = rule.place;
  if ('rung' in place) return { position: { kind: 'rung', rung: place.rung }, rule: rule.id };
  if ('group' in place)
    return {
      position: {
        kind: 'group',
        group: place.group,
        rungs: ladder.rungs.filter((r) => r.group === place.group).map((r) => r.id),
      },
      rule: rule.id,
    };
  if ('off' in place) return { position: { kind: 'off', where: place.off }, rule: rule.id };
  const holds = atLeastEverywhere(row, place.when.stages, place.when.atLeast);
  if (holds !== undefined)
    return {
      position: { kind: 'rung', rung: holds ? place.then : place.otherwise },
      rule: rule.id,
    };
  const then = rungOf(ladder, place.then);
  const otherwise = rungOf(ladder, place.otherwise);
  const rungs = [otherwise.id, then.id];
  return {
    position:
      then.group !== undefined && then.group === otherwise.group
        ? { kind: 'group', group: then.group, rungs }
        : { kind: 'between', rungs },
    rule: rule.id,
  };
}

/** True or false when the record settles it; undefined when a stage is unknown or disputed across the line. */
function atLeastEverywhere(
  row: GridRow,
  stages: readonly Stage[],
  atLeast: Level,
): boolean | undefined {
  let unsettled = false;
  for (const stage of stages) {
    const levels = cellLevels(row.cells[stage]);
    const above = levels.filter((l) => levelRank(l) >= levelRank(atLeast)).length;
    if (levels.length > 0 && above === 0) return false;
    if (levels.length === 0 || above < levels.length) unsettled = true;
  }
  return unsettled ? undefined : true;
}

function sourcesOf(cell: GridCell, level: Level): string[] {
  if (cell.state === 'unknown') return [];
  return [
    ...new Set(cell.accounts.filter((a) => a.level === level).flatMap((a) => a.by ?? [])),
  ].sort();
}

function samePosition(a: Position, b: Position): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function rungOf(ladder: Ladder, id: string): Rung {
  const rung = ladder.rungs.find((r) => r.id === id);
  if (rung === undefined) throw new Error(`${ladder.id} has no rung ${id}`);
  return rung;
}

export function groupName(ladder: Ladder, id: string): string {
  return ladder.groups.find((g) => g.id === id)?.name ?? id;
}

/** A position in words: "Consultation (tokenism)", "not recorded: cannot be placed". */
export function positionWords(ladder: Ladder, position: Position): string {
  switch (position.kind) {
    case 'rung': {
      const rung = rungOf(ladder, position.rung);
      return rung.group === undefined
        ? rung.name
        : `${rung.name} (${groupName(ladder, rung.group)})`;
    }
    case 'group':
      return `${groupName(ladder, position.group)}, rung not known (${position.rungs
        .map((r) => rungOf(ladder, r).name)
        .join(' or ')})`;
    case 'between':
      return `${position.rungs.map((r) => rungOf(ladder, r).name).join(' or ')}: the record cannot tell which`;
    case 'off':
      return position.where === 'not-involved'
        ? 'not involved'
        : 'beyond the top of the ladder (in charge)';
    case 'unknown':
      return 'not recorded: cannot be placed';
    case 'disputed':
      return `accounts disagree: ${position.accounts.map((a) => positionWords(ladder, a.position)).join(' / ')}`;
    case 'not-measured':
      return 'not measured by this ladder';
  }
}

/** A short label for a table cell. */
export function positionLabel(ladder: Ladder, position: Position): string {
  switch (position.kind) {
    case 'rung':
      return rungOf(ladder, position.rung).name;
    case 'group':
      return `${capital(groupName(ladder, position.group))} (rung not known)`;
    case 'between':
      return `${position.rungs.map((r) => rungOf(ladder, r).name).join(' or ')}?`;
    case 'off':
      return position.where === 'not-involved' ? 'Not involved' : 'Beyond the ladder (in charge)';
    case 'unknown':
      return 'Not recorded';
    case 'disputed':
      return `Disputed: ${position.accounts.map((a) => positionLabel(ladder, a.position)).join(' / ')}`;
    case 'not-measured':
      return 'Not measured';
  }
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
