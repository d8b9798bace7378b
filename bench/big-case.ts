/**
 * One big case for `npm run bench:web` and its browser test: 30 parties and 8 components (parts),
 * each part with a claim about a little over half of its 270 party-and-stage cells (the rest not
 * recorded), about one claim in eight disputed by a second source, some only suggested, and notes.
 * The same seed always gives the same case.
 */
import type { CaseFile, Component, Party, PartyKind, Role, Source } from '../src/core/index.js';
import { LEVELS, STAGES } from '../src/core/vocabulary.js';
import { seededRandom, type Random } from './corpus.js';

export const BIG_CASE_ID = 'big-initiative';
export const BIG_PARTIES = 30;
export const BIG_COMPONENTS = 8;

/** Of every party-and-stage cell of a part, the share with a claim. */
const CLAIMED = 0.55;
/** Of the claims, the share a second source disputes with another level. */
const DISPUTED = 0.12;

const KINDS: readonly (readonly [PartyKind, number, string])[] = [
  ['service-users', 6, 'People using the service'],
  ['carers', 3, 'Family carers'],
  ['mental-health-professionals', 6, 'Mental health staff'],
  ['other-professionals', 4, 'Other professionals'],
  ['community', 4, 'Local community group'],
  ['researchers', 2, 'Research team'],
  ['designers', 2, 'Design team'],
  ['funder-or-client', 3, 'Funder'],
];

const AREAS = ['north', 'south', 'east', 'west', 'central', 'riverside'];

const PARTS = [
  'Peer-run drop-in sessions',
  'Training for ward staff',
  'Crisis line staffed by volunteers',
  'Shared care plans',
  'Supported housing places',
  'Recovery courses',
  'Job placements with coaching',
  'Evening arts workshops',
];

const pick = <T>(rng: Random, items: readonly T[]): T => {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
};

function parties(): Party[] {
  const out: Party[] = [];
  for (const [kind, count, label] of KINDS)
    for (let n = 0; n < count; n++) {
      const area = AREAS[n % AREAS.length] ?? 'central';
      const party: Party = { id: `${kind}-${n + 1}`, kind, label: `${label}, ${area} area` };
      if (kind === 'designers' && n === 1) party.livedExperience = true;
      if (kind === 'community' && n === 0) party.userLed = true;
      out.push(party);
    }
  return out;
}

const SOURCES: Source[] = [
  { id: 'evaluation-2021', kind: 'peer-reviewed', citation: 'Evaluation of the initiative, 2021.' },
  { id: 'annual-report', kind: 'report', citation: 'Annual report of the initiative, 2022.' },
  { id: 'board-minutes', kind: 'grey-literature', citation: 'Minutes of the steering board.' },
  { id: 'staff-talks', kind: 'informal-conversation', citation: 'Conversations with staff.' },
  { id: 'members-account', kind: 'self-report', citation: 'What the members said.' },
  { id: 'site-visit', kind: 'observation', citation: 'Notes from a site visit.' },
];

function component(rng: Random, index: number, all: readonly Party[]): Component {
  const roles: Role[] = [];
  for (const party of all)
    for (const stage of STAGES) {
      if (rng() >= CLAIMED) continue;
      const source = pick(rng, SOURCES);
      const role: Role = { party: party.id, stage, level: pick(rng, LEVELS), source: source.id };
      const roll = rng();
      if (roll < 0.15) role.certainty = 'suggested';
      else if (roll < 0.5) role.certainty = 'documented';
      else role.certainty = 'reported';
      if (rng() < 0.2) role.note = `${source.citation} Page ${Math.floor(rng() * 40) + 1}.`;
      roles.push(role);
      if (rng() < DISPUTED)
        roles.push({
          party: party.id,
          stage,
          level: pick(
            rng,
            LEVELS.filter((l) => l !== role.level),
          ),
          source: pick(
            rng,
            SOURCES.filter((s) => s.id !== source.id),
          ).id,
          certainty: 'reported',
        });
    }
  const title = PARTS[index] ?? `Part ${index + 1}`;
  return {
    id: `part-${index + 1}`,
    title,
    summary: `${title}, across the six areas of the city.`,
    serviceDomain: 'mental-health',
    produces: 'service',
    roles,
    relationships: [
      {
        between: ['service-users', 'mental-health-professionals'],
        effect: 'equalises',
        source: 'evaluation-2021',
      },
    ],
    humanising: ['People can come without a referral'],
  };
}

/** The big case: 30 parties × 9 stages in each of 8 parts, claims, disputes and unknowns. */
export function bigCase(seed = 20_260_101): CaseFile {
  const rng = seededRandom(seed);
  const all = parties();
  return {
    format: 'coprism/1',
    id: BIG_CASE_ID,
    title: 'A city-wide initiative with thirty parties',
    summary:
      'A large initiative run across a city by thirty groups, in eight parts, recorded from six sources that do not always agree.',
    setting: 'A city council area and its NHS mental health trust',
    period: { start: 2018, end: 2023 },
    describedAs: ['co-production'],
    sources: SOURCES,
    parties: all,
    components: Array.from({ length: BIG_COMPONENTS }, (_, i) => component(rng, i, all)),
  };
}
