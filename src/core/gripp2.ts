/**
 * A GRIPP2 draft (Staniszewska et al., BMJ 2017;358:j3453): the short form and the long-form items
 * on who was involved, at which stages and at what level, filled in from the record. What the
 * record cannot fill is flagged as a gap for a person to write.
 */
import type { Analysis } from './analysis.types.js';
import type { CaseFile, Party } from './case.schema.js';
import { TLAP, placeParty, positionLabel } from './ladders.js';
import { sourceNamer } from './source-names.js';
import {
  isPatientOrPublic,
  participationGrid,
  type GridCell,
  type ParticipationGrid,
} from './participation-grid.js';
import {
  LEVEL_STATES,
  MODEL_NAMES,
  PARTY_KIND_WORDS,
  STAGES,
  STAGE_WORDS,
  type Stage,
} from './vocabulary.js';

export interface Gripp2Item {
  readonly form: 'short' | 'long';
  readonly id: string;
  readonly topic: string;
  /** What the item asks for, in our words. */
  readonly asks: string;
  /** Sentences taken from the record and its reading. */
  readonly prefilled: readonly string[];
  /** What a person must still write by hand; absent when the record fills the item. */
  readonly gap?: string;
}

export interface Gripp2Draft {
  readonly case: string;
  readonly title: string;
  readonly rulebook: string;
  readonly items: readonly Gripp2Item[];
}

/** The GRIPP2 draft of a case, from the case and its analysis. */
export function gripp2Draft(doc: CaseFile, analysis: Analysis): Gripp2Draft {
  const grids = doc.components.map((_, i) => participationGrid(doc, i));
  const several = grids.length > 1;
  const involved = doc.parties.filter(isPatientOrPublic);
  const perComponent = (grid: ParticipationGrid, lines: string[]): string[] =>
    several && lines.length > 0 ? [`${grid.title}: ${lines.join('; ')}.`] : lines;

  const methods = grids.flatMap((grid) =>
    perComponent(
      grid,
      grid.rows
        .filter((r) => isPatientOrPublic(r.party) && !r.silent)
        .map(
          (r) =>
            `${name(r.party)}: ${STAGES.filter((s) => r.cells[s].state !== 'unknown')
              .map((s) => `${STAGE_WORDS[s]}, ${cellWords(r.cells[s])}`)
              .join('; ')}`,
        ),
    ),
  );

  const stagesTaken = grids.flatMap((grid) =>
    perComponent(
      grid,
      grid.rows
        .filter((r) => isPatientOrPublic(r.party) && !r.silent)
        .map((r) => {
          const part = STAGES.filter(
            (s) => r.cells[s].state !== 'unknown' && !onlyNone(r.cells[s]),
          );
          const none = STAGES.filter((s) => onlyNone(r.cells[s]));
          return `${name(r.party)} took part in ${part.length === 0 ? 'no stage on the record' : stageList(part)}${none.length > 0 ? `, and had no part in ${stageList(none)}` : ''}`;
        }),
    ),
  );
  const unknownStages = grids.flatMap((grid) =>
    grid.rows
      .filter((r) => isPatientOrPublic(r.party))
      .flatMap((r) => {
        const open = STAGES.filter((s) => r.cells[s].state === 'unknown');
        if (open.length === 0) return [];
        return [`${name(r.party)}${several ? ` in ${grid.title}` : ''}: ${stageList(open)}`];
      }),
  );

  const levels = grids.flatMap((grid) =>
    perComponent(
      grid,
      grid.rows
        .filter((r) => isPatientOrPublic(r.party) && !r.silent)
        .flatMap((r) =>
          STAGES.filter((s) => r.cells[s].state !== 'unknown').map((s) => {
            const tlap = placeParty(TLAP, r, s);
            const onLadder =
              tlap.position.kind === 'not-measured'
                ? ''
                : ` (ladder of co-production: ${positionLabel(TLAP, tlap.position)})`;
            return `${name(r.party)} at ${STAGE_WORDS[s]}: ${cellWords(r.cells[s])}${onLadder}`;
          }),
        ),
    ),
  );
  const disputes = grids.flatMap((grid) =>
    grid.rows
      .filter((r) => isPatientOrPublic(r.party))
      .flatMap((r) =>
        STAGES.filter((s) => r.cells[s].state === 'disputed').map(
          (s) => `${name(r.party)} at ${STAGE_WORDS[s]}${several ? ` in ${grid.title}` : ''}`,
        ),
      ),
  );

  const nameOf = sourceNamer(doc);
  const attempts = doc.components.flatMap((c) =>
    (c.attempts ?? []).map(
      (a) =>
        `${several ? `${c.title}: ` : ''}${capital(MODEL_NAMES[a.model])}${a.with === undefined ? '' : ` with ${PARTY_KIND_WORDS[a.with]}`} was attempted and ${a.outcome === 'achieved' ? 'achieved' : a.outcome === 'failed' ? 'not achieved' : 'is still under way'}${a.source === undefined ? '' : ` (${nameOf(a.source)})`}.`,
    ),
  );
  const labelChecks = analysis.overall.labelCheck.map((l) => l.text);
  const doubts = analysis.components.reduce((n, c) => n + c.uncertainties.length, 0);

  const items: Gripp2Item[] = [
    {
      form: 'short',
      id: 'sf.aim',
      topic: 'Aim',
      asks: 'Why patients and the public were involved in the work.',
      prefilled: [
        ...(doc.summary === undefined ? [] : [`The initiative: ${doc.summary}`]),
        ...((doc.describedAs ?? []).length > 0
          ? [
              `It describes itself as ${(doc.describedAs ?? []).map((m) => MODEL_NAMES[m]).join(' and ')}.`,
            ]
          : []),
      ],
      gap: 'The record says what the initiative does, not why people were involved in it: write the aim of involvement.',
    },
    {
      form: 'short',
      id: 'sf.methods',
      topic: 'Methods',
      asks: 'How patients and the public were involved.',
      prefilled: methods,
      ...(methods.length === 0
        ? {
            gap: 'The record holds no claim about how service users, carers, the community or people with lived experience took part: describe how they were involved.',
          }
        : {}),
    },
    {
      form: 'short',
      id: 'sf.results',
      topic: 'Results',
      asks: 'What involvement led to, good and bad.',
      prefilled: attempts,
      gap: 'The record holds who took part, not what their part changed: write the results of involvement, good and bad.',
    },
    {
      form: 'short',
      id: 'sf.outcomes',
      topic: 'Outcomes and influence',
      asks: 'How far involvement shaped the work as a whole.',
      prefilled: [
        `Coprism's reading of the record (rulebook ${analysis.rulebook}): ${analysis.overall.summary}`,
      ],
      gap: 'Say how far involvement changed the initiative as a whole; the reading above describes who held power, not its effects.',
    },
    {
      form: 'short',
      id: 'sf.reflections',
      topic: 'Reflections and critical perspective',
      asks: 'What went well, what did not, and what could be learned.',
      prefilled: [
        ...labelChecks,
        ...(doubts > 0
          ? [
              `${doubts} unknown or doubtful point${doubts === 1 ? '' : 's'} in the record could change the reading (see what would change the reading).`,
            ]
          : []),
      ],
      gap: 'Reflections are the authors’ own: write them.',
    },
    {
      form: 'long',
      id: 'lf.people',
      topic: 'Who was involved',
      asks: 'The people involved: who they were and whom they spoke for.',
      prefilled: involved.map(
        (p) =>
          `${name(p)}: ${PARTY_KIND_WORDS[p.kind]}${p.livedExperience === true ? ', with lived experience' : ''}${p.userLed === true ? ', an organisation run by and for service users' : ''}.`,
      ),
      ...(involved.length === 0
        ? {
            gap: 'The case lists no service users, carers, community members or people with lived experience: say who, if anyone, was involved.',
          }
        : {}),
    },
    {
      form: 'long',
      id: 'lf.stages',
      topic: 'Stages of involvement',
      asks: 'At which stages patients and the public were involved.',
      prefilled: stagesTaken,
      ...(unknownStages.length > 0 || stagesTaken.length === 0
        ? {
            gap: `The record does not say whether they took part in these stages; fill them in by hand or add claims to the case: ${
              unknownStages.length > 0 ? unknownStages.join('; ') : 'every stage'
            }.`,
          }
        : {}),
    },
    {
      form: 'long',
      id: 'lf.level',
      topic: 'Level and nature of involvement',
      asks: 'How much say they had at each stage.',
      prefilled: levels,
      ...(disputes.length > 0 || levels.length === 0
        ? {
            gap:
              levels.length === 0
                ? 'No level of involvement is recorded: describe it by hand.'
                : `The sources disagree on the level of involvement here; settle it by hand: ${disputes.join('; ')}.`,
          }
        : {}),
    },
    {
      form: 'long',
      id: 'lf.context',
      topic: 'Context',
      asks: 'Where and when the work took place.',
      prefilled: [
        ...(doc.setting === undefined ? [] : [`Setting: ${doc.setting}.`]),
        ...(doc.period === undefined ? [] : [`Period: ${periodWords(doc.period)}.`]),
      ],
      ...(doc.setting === undefined || doc.period === undefined
        ? {
            gap: `The record does not give ${[
              doc.setting === undefined ? 'the setting' : '',
              doc.period === undefined ? 'the period' : '',
            ]
              .filter(Boolean)
              .join(' or ')}: add it.`,
          }
        : {}),
    },
  ];
  return { case: doc.id, title: doc.title, rulebook: analysis.rulebook, items };
}

/** A period in words: "from 2019", "2009 to 2012". */
export function periodWords(period: {
  readonly start?: number | undefined;
  readonly end?: number | undefined;
}): string {
  if (period.start !== undefined && period.end !== undefined)
    return `${period.start} to ${period.end}`;
  if (period.start !== undefined) return `from ${period.start}`;
  if (period.end !== undefined) return `until ${period.end}`;
  return 'not given';
}

function cellWords(cell: GridCell): string {
  if (cell.state === 'unknown') return 'not recorded';
  const accounts = [...cell.accounts].sort((a, b) =>
    `${a.level}|${a.source ?? ''}` < `${b.level}|${b.source ?? ''}` ? -1 : 1,
  );
  const said = accounts.map(
    (a) => `${LEVEL_STATES[a.level]} (${a.certainty}${a.by === undefined ? '' : `, ${a.by}`})`,
  );
  return cell.state === 'known'
    ? `${LEVEL_STATES[cell.level]} (${accounts.map((a) => `${a.certainty}${a.by === undefined ? '' : `, ${a.by}`}`).join('; ')})`
    : `the accounts disagree: ${said.join(' against ')}`;
}

const onlyNone = (cell: GridCell): boolean => cell.state === 'known' && cell.level === 'none';
const name = (p: Party): string => p.label ?? p.id;
const stageList = (stages: readonly Stage[]): string =>
  stages.map((s) => STAGE_WORDS[s]).join(', ');
const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
