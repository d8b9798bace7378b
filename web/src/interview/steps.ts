/** The interview's steps, their questions in plain words, and what is still missing, said plainly. */
import type { Stage } from '../../../src/core/vocabulary.js';
import { components, type DraftCase } from './document.js';

/** The stages in the order the interview asks about them: as an initiative happens. */
export const STAGE_ORDER: readonly Stage[] = [
  'initiation',
  'needs-assessment',
  'design',
  'piloting',
  'delivery',
  'governance',
  'staff-training',
  'evaluation',
  'outreach',
];

export const STAGE_QUESTIONS: Record<Stage, { question: string; short: string; hint: string }> = {
  initiation: {
    question: 'Whose idea was it?',
    short: 'Whose idea',
    hint: 'Who first had the idea and set things going.',
  },
  'needs-assessment': {
    question: 'Who found out what was needed?',
    short: 'Finding out what was needed',
    hint: 'Asking people, surveys, looking at what was missing.',
  },
  design: {
    question: 'Who decided what it would look like?',
    short: 'Deciding what it would look like',
    hint: 'Who shaped it: what it offers, to whom, and how.',
  },
  piloting: {
    question: 'Was it tried out and changed after feedback, and who gave the feedback?',
    short: 'Trying it out',
    hint: 'A trial run, a prototype or a test, then changes made.',
  },
  delivery: {
    question: 'Who runs it day to day?',
    short: 'Running it',
    hint: 'People who only receive it, and do not help run it, had no part in running it.',
  },
  governance: {
    question: 'Who decides about money and staff?',
    short: 'Money and staff',
    hint: 'The budget, hiring, and the rules it works by.',
  },
  'staff-training': {
    question: 'Who trains the staff?',
    short: 'Training staff',
    hint: 'Who recruits and trains the people who run it.',
  },
  evaluation: {
    question: 'Who checks whether it works, and how?',
    short: 'Checking it works',
    hint: 'Who looks at whether it does what it should.',
  },
  outreach: {
    question: 'Who spreads the word?',
    short: 'Spreading the word',
    hint: 'Promotion, launch events, talks and campaigning.',
  },
};

export const PART_STEPS = [
  'attempts',
  'produces',
  'relationships',
  'humane',
  'evidence',
  'design-process',
] as const;
export type PartStep = (typeof PART_STEPS)[number];

export const PART_STEP_WORDS: Record<PartStep, { question: string; short: string }> = {
  attempts: {
    question: 'Did anyone try to work with mental health services in a way that did not happen?',
    short: 'What was tried and did not happen',
  },
  produces: { question: 'What does it produce, and for which field?', short: 'What it produces' },
  relationships: {
    question: 'Which relationships does it even out?',
    short: 'Relationships it evens out',
  },
  humane: { question: 'What makes it humane?', short: 'What makes it humane' },
  evidence: { question: 'Was it driven by research evidence?', short: 'Research evidence' },
  'design-process': {
    question: 'How was it designed?',
    short: 'How it was designed',
  },
};

export type Step =
  | { readonly kind: 'about' }
  | { readonly kind: 'sources' }
  | { readonly kind: 'parties' }
  | { readonly kind: 'parts' }
  | { readonly kind: 'stage'; readonly part: number; readonly stage: Stage }
  | { readonly kind: 'part'; readonly part: number; readonly step: PartStep }
  | { readonly kind: 'label' }
  | { readonly kind: 'review' };

/** The step's key in the address: "about", "p1-design", "p2-humane", "review". */
export function stepKey(step: Step): string {
  switch (step.kind) {
    case 'stage':
      return `p${step.part + 1}-${step.stage}`;
    case 'part':
      return `p${step.part + 1}-${step.step}`;
    default:
      return step.kind;
  }
}

/** Every step of the interview for this case, in order. */
export function allSteps(doc: DraftCase): Step[] {
  const parts = Math.max(1, components(doc).length);
  const steps: Step[] = [
    { kind: 'about' },
    { kind: 'sources' },
    { kind: 'parties' },
    { kind: 'parts' },
  ];
  for (let part = 0; part < parts; part += 1) {
    for (const stage of STAGE_ORDER) steps.push({ kind: 'stage', part, stage });
    for (const step of PART_STEPS) steps.push({ kind: 'part', part, step });
  }
  steps.push({ kind: 'label' }, { kind: 'review' });
  return steps;
}

/** The step a key names, or the first step when the key names none (a part since removed, say). */
export function findStep(doc: DraftCase, key: string | null): Step {
  const steps = allSteps(doc);
  return steps.find((s) => stepKey(s) === key) ?? steps[0] ?? { kind: 'about' };
}

export function stepTitle(step: Step): string {
  switch (step.kind) {
    case 'about':
      return 'About the initiative';
    case 'sources':
      return 'Where your information comes from';
    case 'parties':
      return 'Who took part';
    case 'parts':
      return 'Its parts';
    case 'stage':
      return STAGE_QUESTIONS[step.stage].short;
    case 'part':
      return PART_STEP_WORDS[step.step].short;
    case 'label':
      return 'What it calls itself';
    case 'review':
      return 'Check and publish';
  }
}

// ---------------------------------------------------------------------------------------------
// What is still missing or wrong, in plain words, each with the step where it is put right

export interface PlainProblem {
  readonly text: string;
  readonly step: Step;
}

const INDEX = /\[(\d+)\]/g;

/** A message from the checks, with "is required; expected text" said as a person would. */
function plainMessage(message: string): string {
  if (/^is required/.test(message)) return 'not given yet';
  return message;
}

/** A problem the server found (`components[0].roles[2].source`) as words and the step to fix it. */
export function plainProblem(
  doc: DraftCase,
  problem: { field: string; message: string },
): PlainProblem {
  const plain = inWords(doc, problem);
  return { ...plain, text: plain.text.charAt(0).toUpperCase() + plain.text.slice(1) };
}

function inWords(doc: DraftCase, problem: { field: string; message: string }): PlainProblem {
  const { field } = problem;
  const message = plainMessage(problem.message);
  const numbers = [...field.matchAll(INDEX)].map((m) => Number(m[1]));
  const head = field.split(/[.[]/)[0] ?? '';
  const partyName = (id: string | undefined) => {
    const party = (doc.parties ?? []).find((p) => p.id === id);
    return party?.label ?? party?.id ?? id ?? 'a party';
  };
  switch (head) {
    case 'id':
      return { text: `The short name for its web address: ${message}.`, step: { kind: 'about' } };
    case 'title':
      return { text: `The initiative’s name: ${message}.`, step: { kind: 'about' } };
    case 'summary':
    case 'setting':
    case 'period':
    case 'format':
      return {
        text: `${{ summary: 'The summary', setting: 'Where it happened', period: 'The years it ran', format: 'The format line' }[head]}: ${message}.`,
        step: { kind: 'about' },
      };
    case 'describedAs':
      return { text: `What it calls itself: ${message}.`, step: { kind: 'label' } };
    case 'sources':
      return {
        text:
          numbers[0] === undefined
            ? `The sources: ${message}.`
            : `Source ${numbers[0] + 1}: ${message}.`,
        step: { kind: 'sources' },
      };
    case 'parties':
      return {
        text:
          numbers[0] === undefined
            ? `Who took part: ${message === 'not given yet' ? 'add at least one person or group' : message}.`
            : `${partyName(doc.parties?.[numbers[0]]?.id)}: ${message}.`,
        step: { kind: 'parties' },
      };
    case 'components': {
      const part = numbers[0];
      if (part === undefined)
        return {
          text: `The parts of the initiative: ${message === 'not given yet' ? 'there must be at least one' : message}.`,
          step: { kind: 'parts' },
        };
      const c = components(doc)[part];
      const name = components(doc).length > 1 ? `In “${c?.title ?? `part ${part + 1}`}”, ` : '';
      const sub = field.replace(/^components\[\d+\]\.?/, '').split(/[.[]/)[0] ?? '';
      switch (sub) {
        case 'roles': {
          const role = numbers[1] !== undefined ? c?.roles?.[numbers[1]] : undefined;
          if (!role)
            return {
              text: `${name}who did what: ${message}.`,
              step: { kind: 'stage', part, stage: 'initiation' },
            };
          const stage = STAGE_ORDER.includes(role.stage) ? role.stage : 'initiation';
          return {
            text: `${name}${STAGE_QUESTIONS[stage].short.toLowerCase()}, ${partyName(role.party)}: ${message}.`,
            step: { kind: 'stage', part, stage },
          };
        }
        case 'produces':
        case 'serviceDomain':
          return {
            text: `${name}what it produces: ${message}.`,
            step: { kind: 'part', part, step: 'produces' },
          };
        case 'evidence':
          return {
            text: `${name}research evidence: ${message}.`,
            step: field.includes('evaluation')
              ? { kind: 'stage', part, stage: 'evaluation' }
              : { kind: 'part', part, step: 'evidence' },
          };
        case 'design':
          return {
            text: `${name}how it was designed: ${message}.`,
            step: field.includes('respondsToEndUsers')
              ? { kind: 'stage', part, stage: 'piloting' }
              : { kind: 'part', part, step: 'design-process' },
          };
        case 'relationships':
          return {
            text: `${name}relationships it evens out: ${message}.`,
            step: { kind: 'part', part, step: 'relationships' },
          };
        case 'humanising':
          return {
            text: `${name}what makes it humane: ${message}.`,
            step: { kind: 'part', part, step: 'humane' },
          };
        case 'attempts':
          return {
            text: `${name}what was tried: ${message}.`,
            step: { kind: 'part', part, step: 'attempts' },
          };
        default:
          return {
            text: `The name of part ${part + 1}: ${message}.`,
            step: { kind: 'parts' },
          };
      }
    }
    default:
      return { text: `${message} (in “${field || 'the case'}”).`, step: { kind: 'review' } };
  }
}
