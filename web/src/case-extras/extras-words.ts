/** Plain words the case tools, history and workspace pages share. */
import type { Role } from '../api-extras.js';
import {
  PARTY_KIND_WORDS,
  STAGE_WORDS,
  capitalise,
  type Certainty,
  type Level,
  type PartyKind,
  type Stage,
} from '../words.js';

/** A level as an answer about one party: the same five steps as the grid, in the interview's words. */
export const ANSWER_WORDS: Record<Level, string> = {
  none: 'Had no part',
  informed: 'Was told',
  consulted: 'Was asked for their views',
  partner: 'Decided together as equals',
  leads: 'Was in charge',
};

/** The same, said of a group ("service users were in charge"). */
export const PLURAL_WORDS: Record<Level, string> = {
  none: 'had no part',
  informed: 'were told',
  consulted: 'were asked for their views',
  partner: 'decided together as equals',
  leads: 'were in charge',
};

export const STAGE_QUESTIONS: Record<Stage, string> = {
  initiation: 'whose idea was it?',
  'needs-assessment': 'who worked out what was needed?',
  design: 'who decided what it would look like?',
  piloting: 'who took part when it was tried out and changed after feedback?',
  governance: 'who decided about money, staff and policy?',
  'staff-training': 'who recruited and trained the people who run it?',
  delivery: 'who runs it day to day?',
  evaluation: 'who checks whether it works?',
  outreach: 'who spreads the word?',
};

/** How sure someone giving their own account is, with the record's word in brackets. */
export const OWN_CERTAINTY: Record<Certainty, string> = {
  reported: 'I was there, or was told by someone who was (reported)',
  documented: 'It is written down, and I can say where (documented)',
  suggested: 'I think so, but I am not sure (only suggested)',
};

export const ROLE_WORDS: Record<Role, { name: string; can: string }> = {
  viewer: { name: 'Viewer', can: 'can read the workspace’s cases and their readings' },
  editor: {
    name: 'Editor',
    can: 'can also record and change cases, add their own account and share read-only links',
  },
  owner: {
    name: 'Owner',
    can: 'can also invite people, change their roles and remove them',
  },
};

export const stageName = (stage: Stage): string => capitalise(STAGE_WORDS[stage]);

/** "service users", from a party kind. */
export const kindWords = (kind: PartyKind): string => PARTY_KIND_WORDS[kind];

/** "25 November 2026, 21:06", in the reader's own time zone. */
export function when(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export function day(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
}
