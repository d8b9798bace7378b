/** The glossary: each word the reading uses, with a plain explanation. Names come from the core's
 * vocabulary (through ../words.ts), so the glossary says exactly what the reading says. */
import { EVALUATION_WORDS, LEVEL_WORDS } from '../../../src/core/vocabulary.js';
import {
  CERTAINTIES,
  CERTAINTY_WORDS,
  FITS,
  LEVELS,
  MODELS,
  PARTY_KINDS,
  SOURCE_KINDS,
  SOURCE_KIND_WORDS,
  STAGES,
  capitalise,
  fitWords,
  levelState,
  modelName,
  partyKindWords,
  stageHeading,
  type Certainty,
  type Fit,
  type Level,
  type ModelId,
  type PartyKind,
  type SourceKind,
  type Stage,
} from '../words.js';

/** The anchor of each entry on the glossary page: `model-co-production`, `level-none`… */
export type EntryId =
  | `model-${ModelId}`
  | `fit-${Fit}`
  | `level-${Level}`
  | `stage-${Stage}`
  | `certainty-${Certainty}`
  | `source-${SourceKind}`
  | `kind-${PartyKind}`
  | 'not-recorded'
  | 'not-among-parties'
  | 'disputed'
  | 'party'
  | 'lived-experience'
  | 'evens-out'
  | 'humane'
  | 'label-check'
  | 'what-would-change'
  | 'rulebook'
  | 'gripp2'
  | 'ladder'
  | 'case-file';

export interface Entry {
  readonly id: EntryId;
  readonly term: string;
  /** Other words for the same thing, as the app says them elsewhere. */
  readonly also?: string;
  readonly meaning: string;
}

export interface GlossarySection {
  readonly id: string;
  readonly title: string;
  readonly intro: string;
  readonly entries: readonly Entry[];
}

export const GLOSSARY_PATH = '/glossary';
export const glossaryHref = (anchor?: string): string =>
  `${GLOSSARY_PATH}${anchor ? `#${anchor}` : ''}`;

const MODEL_MEANINGS: Record<ModelId, string> = {
  'co-production':
    'People who use services and professionals work together as equals, sharing power over what the service is and how it runs — from the idea and its design to running it. Asking people for their views is not enough.',
  'evidence-based-practice':
    'It starts from a question posed by experts in the topic, answered from research evidence that is searched for and reviewed, and it is checked to see whether it works.',
  'service-user-led':
    'People with lived experience of mental health services are in charge: they decide what it is and they run it, whoever else helps.',
  'community-involvement':
    'People from the wider community — neighbours, local groups, artists, the town — take part, so that people who use services meet others as fellow citizens rather than as patients.',
  'user-centred-design':
    'Designers find out about the people it is for, try out prototypes with them and change the design after their feedback, usually more than once.',
};

const LEVEL_MEANINGS: Record<Level, string> = {
  none: 'They took no part at this stage. This is said only when a source says so.',
  informed: 'They were told about it, but had no say.',
  consulted: 'They were asked for their views; others decided.',
  partner: 'They decided or worked together with the others, as equals.',
  leads: 'They were in charge of this stage.',
};

const STAGE_MEANINGS: Record<Stage, string> = {
  initiation: 'Who first had the idea and set things going.',
  'needs-assessment':
    'Finding out what was needed: asking people, surveys, looking at what was missing.',
  design: 'Deciding what it would look like: what it offers, to whom, and how.',
  piloting: 'Trying it out — a trial run, a prototype or a test — and changing it after feedback.',
  governance: 'Deciding about money, staff and the rules it works by.',
  'staff-training': 'Recruiting and training the people who run it.',
  delivery: 'Running it day to day. People who only receive it had no part in running it.',
  evaluation: `Checking whether it works, from ${EVALUATION_WORDS.feedback} to ${EVALUATION_WORDS['controlled-trial']}.`,
  outreach: 'Spreading the word: promotion, launch events, talks and campaigning.',
};

const CERTAINTY_MEANINGS: Record<Certainty, string> = {
  documented: 'The source states it in writing.',
  reported: 'Someone says so, without a written record.',
  suggested:
    'The source only suggests it, or it is likely but not stated. A reading resting on it is listed under “what would change this reading”.',
};

const SOURCE_MEANINGS: Record<SourceKind, string> = {
  'peer-reviewed':
    'Research checked by other researchers before it was published, such as a journal article.',
  'grey-literature':
    'Published outside research journals, without that check: articles, news items, web pages, theses, conference talks.',
  report:
    'A formal report by an organisation — a commission, a government body, a council, a charity or the initiative itself — such as an evaluation or a final report.',
  'informal-conversation':
    'What someone said in a conversation, a phone call or an email, with no published record.',
  'self-report':
    'An account by someone who was there, in their own words, such as a Coprism user’s own answers (“self-report by …”).',
  observation: 'What someone saw for themselves, for example at a meeting or a session.',
};

/** The plain descriptions the interview offers beside each kind of party. */
const KIND_MEANINGS: Record<PartyKind, string> = {
  'service-users': 'Patients, service users, survivors, peer workers, or a group of them.',
  carers: 'Family and friends who support someone.',
  'mental-health-professionals':
    'Nurses, psychiatrists, psychologists, ward staff, managers of a mental health trust.',
  'other-professionals': 'Housing officers, estates staff, teachers, job advisers.',
  community: 'Local residents, host families, mayors, police, local firms, artists, the council.',
  researchers: 'University or other research teams.',
  designers: 'People who led a design process or ran the sessions.',
  'funder-or-client': 'Whoever commissioned it or paid for it.',
};

const FIT_MEANINGS: Record<Fit, string> = {
  fits: 'What is known about who did what meets the model’s conditions.',
  'partly-fits': 'Some of the model’s conditions are met, but not all.',
  'does-not-fit': 'What is known rules the model out.',
  undetermined:
    'Too little is recorded to say either way. Recording more — who did what at a stage, where it comes from — may settle it.',
};

export const GLOSSARY: readonly GlossarySection[] = [
  {
    id: 'models',
    title: 'The five models',
    intro: 'The models of good practice a case is read against. A case can fit several, or none.',
    entries: MODELS.map((m): Entry => ({
      id: `model-${m}`,
      term: modelName(m),
      meaning: MODEL_MEANINGS[m],
    })),
  },
  {
    id: 'fits',
    title: 'How well a model fits',
    intro: 'Each model gets one of these, with its reasons.',
    entries: FITS.map((f): Entry => ({
      id: `fit-${f}`,
      term: capitalise(fitWords(f)),
      meaning: FIT_MEANINGS[f],
    })),
  },
  {
    id: 'levels',
    title: 'How far a party took part',
    intro: 'In the who-did-what grid, each party gets one of these levels at each stage.',
    entries: [
      ...LEVELS.map((l): Entry => ({
        id: `level-${l}`,
        term: levelState(l),
        also: capitalise(LEVEL_WORDS[l]),
        meaning: LEVEL_MEANINGS[l],
      })),
      {
        id: 'not-recorded',
        term: 'Not recorded',
        also: 'We don’t know',
        meaning:
          'Nobody has said how far they took part. This is unknown — not the same as “no part”.',
      },
      {
        id: 'not-among-parties',
        term: 'Not among its parties',
        meaning:
          'When comparing cases: the case lists no party of this kind, so none took part. Not the same as “not recorded”.',
      },
      {
        id: 'disputed',
        term: 'Disputed',
        meaning:
          'Sources disagree about how far a party took part. Every account is shown; the reading follows the better-attested one and says what the other would change.',
      },
    ],
  },
  {
    id: 'stages',
    title: 'The stages of an initiative',
    intro: 'The columns of the who-did-what grid, in the order they usually happen.',
    entries: STAGES.map((s): Entry => ({
      id: `stage-${s}`,
      term: stageHeading(s),
      meaning: STAGE_MEANINGS[s],
    })),
  },
  {
    id: 'certainty',
    title: 'How sure a claim is',
    intro: 'Each claim about who did what says where it comes from and how sure it is.',
    entries: CERTAINTIES.map((c): Entry => ({
      id: `certainty-${c}`,
      term: capitalise(CERTAINTY_WORDS[c]),
      meaning: CERTAINTY_MEANINGS[c],
    })),
  },
  {
    id: 'sources',
    title: 'Where a claim comes from',
    intro: 'Each source of a case is one of these kinds.',
    entries: SOURCE_KINDS.map((k): Entry => ({
      id: `source-${k}`,
      term: capitalise(SOURCE_KIND_WORDS[k]),
      meaning: SOURCE_MEANINGS[k],
    })),
  },
  {
    id: 'party-kinds',
    title: 'Kinds of party',
    intro: 'Each party is one of these kinds; cases are compared kind by kind.',
    entries: PARTY_KINDS.map((k): Entry => ({
      id: `kind-${k}`,
      term: capitalise(partyKindWords(k)),
      meaning: KIND_MEANINGS[k],
    })),
  },
  {
    id: 'reading',
    title: 'Other words in the reading',
    intro: 'The rest of what a reading says.',
    entries: [
      {
        id: 'party',
        term: 'Party',
        meaning:
          'A person or group who had any part, including those who only received it: service users, carers, staff, the community… The list is taken as complete: a kind of party that is not listed took no part.',
      },
      {
        id: 'lived-experience',
        term: 'Lived experience',
        meaning: 'Having used mental health services oneself.',
      },
      {
        id: 'evens-out',
        term: 'Evening out a relationship',
        also: 'Equalising',
        meaning:
          'Two groups meet more as equals because of it: service users and staff designing together, or service users and neighbours living side by side.',
      },
      {
        id: 'humane',
        term: 'Humane',
        also: 'Humanising',
        meaning:
          'Kinder or more respectful for the people it is for — feeling safer, being listened to — whether or not it makes anyone more equal. A reading can say it is humane without evening anything out.',
      },
      {
        id: 'label-check',
        term: 'Label check',
        meaning:
          'When an initiative calls itself by a model’s name that its record does not support, the reading says so and names the models that do fit.',
      },
      {
        id: 'what-would-change',
        term: 'What would change this reading',
        also: 'Uncertainties',
        meaning:
          'Each unknown or doubtful fact the reading leaned on, and the fit that would change if it turned out otherwise.',
      },
      {
        id: 'rulebook',
        term: 'Rulebook',
        meaning:
          'The numbered, general rules that turn who did what into a fit. Every reading says which version of the rulebook made it, so it can be checked and reproduced.',
      },
      {
        id: 'case-file',
        term: 'Case file',
        also: 'YAML, JSON',
        meaning:
          'A case written down as plain text that Coprism reads: its parties, who did what at each stage, and its sources. YAML and JSON are two ways of writing it; a case page downloads one, and the interview’s YAML view shows it for experts.',
      },
      {
        id: 'gripp2',
        term: 'GRIPP2',
        meaning:
          'A checklist journals ask for when a study reports how patients and the public were involved (Guidance for Reporting Involvement of Patients and the Public, 2017). The report fills in a draft from the case.',
      },
      {
        id: 'ladder',
        term: 'Ladder of participation',
        meaning:
          'A picture of involvement as rungs, from being told, through being asked, to sharing decisions and being in charge. The report shows where each party stood at each stage.',
      },
    ],
  },
];

const ENTRIES = new Map(GLOSSARY.flatMap((section) => section.entries).map((e) => [e.id, e]));

/** The glossary entry with this anchor; every `EntryId` has one (the glossary test checks). */
export function glossaryEntry(id: EntryId): Entry {
  const entry = ENTRIES.get(id);
  if (!entry) throw new Error(`No glossary entry “${id}”`);
  return entry;
}
