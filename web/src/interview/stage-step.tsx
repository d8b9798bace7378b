/** One stage: for each party, how far they took part, where that comes from and how sure it is. */
import { useEffect, useState } from 'react';
import type { Party, Role } from '../../../src/core/case.schema.js';
import { EVALUATION_WORDS, LEVEL_WORDS } from '../../../src/core/vocabulary.js';
import {
  CERTAINTY_WORDS,
  capitalise,
  levelState,
  sourceNamer,
  type Certainty,
  type Level,
  type Stage,
} from '../words.js';
import { glossaryEntry } from '../glossary/glossary-words.js';
import { LevelShape } from '../ui/shapes.js';
import {
  component,
  readRole,
  readRoleNote,
  writeDesign,
  writeEvidence,
  writeRole,
  writeRoleNote,
  yesNo,
  type DraftCase,
} from './document.js';
import { RadioGroup, YES_NO_CHOICES, type Choice } from './fields.js';
import { AddParty, AddSource, partyDetails, partyTitle } from './people.js';
import { EVALUATIONS, type Evaluation } from '../../../src/core/vocabulary.js';

type Answer = Level | 'unknown';

const WORKING_STAGES: readonly Stage[] = ['delivery', 'staff-training', 'evaluation', 'outreach'];

/** The levels in plain words, as the interview offers them at a stage. */
export function levelWords(stage: Stage): Record<Level, string> {
  return {
    none: LEVEL_WORDS.none,
    informed: LEVEL_WORDS.informed,
    consulted: LEVEL_WORDS.consulted,
    partner: WORKING_STAGES.includes(stage)
      ? 'worked alongside the others as equals'
      : 'decided together as equals',
    leads: LEVEL_WORDS.leads,
  };
}

/** Each level with the glossary's meaning as its description (see `ChoiceText` for why not a pop-up). */
export function levelChoices(stage: Stage): Choice<Answer>[] {
  const words = levelWords(stage);
  return [
    ...(['none', 'informed', 'consulted', 'partner', 'leads'] as const).map((level) => ({
      value: level,
      label: (
        <>
          <LevelShape level={level} />
          {capitalise(words[level])}
        </>
      ),
      hint: glossaryEntry(`level-${level}`).meaning,
    })),
    {
      value: 'unknown' as const,
      label: (
        <>
          <LevelShape level="unknown" />
          We don’t know
        </>
      ),
      hint: 'Nothing is recorded: this stays unknown (“not recorded”), which is not the same as “had no part”.',
    },
  ];
}

/** The choices say what each certainty means; the hint gives the word the reading will use for it. */
const CERTAINTY_CHOICES: readonly Choice<Certainty>[] = [
  {
    value: 'documented',
    label: 'It is written down in the source',
    hint: `The reading calls it “${CERTAINTY_WORDS.documented}”.`,
  },
  {
    value: 'reported',
    label: 'Someone says so',
    hint: `The reading calls it “${CERTAINTY_WORDS.reported}”.`,
  },
  {
    value: 'suggested',
    label: 'It is only suggested, or likely',
    hint: `The reading calls it “${CERTAINTY_WORDS.suggested}” and lists it under “what would change this reading”.`,
  },
];

export interface SourceMemory {
  readonly last: string | undefined;
  remember(id: string | undefined): void;
}

export function StageStep({
  doc,
  change,
  part,
  stage,
  memory,
}: {
  doc: DraftCase;
  change: (doc: DraftCase) => void;
  part: number;
  stage: Stage;
  memory: SourceMemory;
}) {
  const parties = doc.parties ?? [];
  const [focusParty, setFocusParty] = useState<string>();
  useEffect(() => {
    if (!focusParty) return;
    document.getElementById(`${stage}-${focusParty}--unknown`)?.focus();
    setFocusParty(undefined);
  }, [focusParty, stage]);

  return (
    <>
      {parties.length === 0 ? (
        <p className="notice">
          Nobody has been added yet. Add the people and groups who took part, below.
        </p>
      ) : (
        parties.map((party) => (
          <PartyAnswer
            key={party.id}
            doc={doc}
            change={change}
            part={part}
            stage={stage}
            party={party}
            memory={memory}
          />
        ))
      )}
      {stage === 'piloting' ? <ChangedAfterFeedback doc={doc} change={change} part={part} /> : null}
      {stage === 'evaluation' ? <HowChecked doc={doc} change={change} part={part} /> : null}
      <details className="more" open={parties.length === 0}>
        <summary>Someone else took part</summary>
        <AddParty
          doc={doc}
          change={change}
          onAdded={setFocusParty}
          heading="Add someone who took part"
        />
      </details>
      <details className="more">
        <summary>Add a source</summary>
        <AddSource doc={doc} change={change} onAdded={(id) => memory.remember(id)} />
      </details>
    </>
  );
}

function PartyAnswer({
  doc,
  change,
  part,
  stage,
  party,
  memory,
}: {
  doc: DraftCase;
  change: (doc: DraftCase) => void;
  part: number;
  stage: Stage;
  party: Party;
  memory: SourceMemory;
}) {
  const answer = readRole(doc, part, party.id, stage);
  const name = `${stage}-${party.id}`;
  const sources = doc.sources ?? [];
  if (answer.kind === 'several')
    return <SeveralAccounts party={party} roles={answer.roles} nameOf={sourceNamer(doc)} />;
  const level = answer.kind === 'one' ? answer.level : 'unknown';

  const choose = (next: Answer) => {
    if (next === 'unknown') {
      change(writeRole(doc, part, party.id, stage, { kind: 'unknown' }));
      return;
    }
    const keep = answer.kind === 'one';
    const fallback =
      memory.last && sources.some((s) => s.id === memory.last)
        ? memory.last
        : sources.length === 1
          ? sources[0]?.id
          : undefined;
    change(
      writeRole(doc, part, party.id, stage, {
        kind: 'one',
        level: next,
        source: keep ? answer.source : fallback,
        certainty: keep ? answer.certainty : undefined,
      }),
    );
  };

  return (
    <div className="party-answer">
      <RadioGroup
        name={name}
        legend={
          <>
            {partyTitle(party)}
            <span className="legend-detail">{partyDetails(party)}</span>
          </>
        }
        choices={levelChoices(stage)}
        value={level}
        onChange={choose}
        className="levels"
      />
      {answer.kind === 'one' ? (
        <div className="claim-detail">
          <div className="field">
            <label htmlFor={`${name}-source`}>
              Where does “{partyTitle(party)} {levelWords(stage)[answer.level]}” come from?
            </label>
            {sources.length === 0 ? (
              <p className="hint" id={`${name}-source-hint`}>
                No sources are listed yet: add one under “Add a source” below.
              </p>
            ) : null}
            <select
              id={`${name}-source`}
              value={answer.source ?? ''}
              aria-describedby={sources.length === 0 ? `${name}-source-hint` : undefined}
              onChange={(e) => {
                const source = e.target.value || undefined;
                memory.remember(source);
                change(
                  writeRole(doc, part, party.id, stage, {
                    kind: 'one',
                    level: answer.level,
                    source,
                    certainty: answer.certainty,
                  }),
                );
              }}
            >
              <option value="">Not said</option>
              {sources.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.citation.length > 90 ? `${s.citation.slice(0, 88)}…` : s.citation}
                </option>
              ))}
              {answer.source && !sources.some((s) => s.id === answer.source) ? (
                <option value={answer.source}>{answer.source} (not in the list of sources)</option>
              ) : null}
            </select>
          </div>
          <RadioGroup
            name={`${name}-certainty`}
            legend="How sure is it?"
            choices={CERTAINTY_CHOICES}
            value={answer.certainty ?? 'reported'}
            onChange={(certainty) =>
              change(
                writeRole(doc, part, party.id, stage, {
                  kind: 'one',
                  level: answer.level,
                  source: answer.source,
                  certainty,
                }),
              )
            }
            className="inline-choices"
          />
          <div className="field">
            <label htmlFor={`${name}-note`}>What the source says (optional)</label>
            <p className="hint" id={`${name}-note-hint`}>
              A few words or a page number, for example “§4.1: every in-patient was asked for
              views”.
            </p>
            <input
              id={`${name}-note`}
              value={readRoleNote(doc, part, party.id, stage)}
              aria-describedby={`${name}-note-hint`}
              onChange={(e) => change(writeRoleNote(doc, part, party.id, stage, e.target.value))}
              autoComplete="off"
            />
          </div>
        </div>
      ) : null}
    </div>
  );
}

/** Accounts that may disagree are kept side by side; the interview does not merge them. */
function SeveralAccounts({
  party,
  roles,
  nameOf,
}: {
  party: Party;
  roles: readonly Role[];
  nameOf: (source: string) => string;
}) {
  const levels = new Set(roles.map((r) => r.level));
  return (
    <section className="party-answer several" aria-label={partyTitle(party)}>
      <h3 className="legend-like">
        {partyTitle(party)}
        <span className="legend-detail">{partyDetails(party)}</span>
      </h3>
      <p>
        {levels.size > 1
          ? `There are ${roles.length} accounts of this, and they disagree:`
          : `There are ${roles.length} accounts of this, and they agree:`}
      </p>
      <ul>
        {roles.map((r, i) => (
          <li key={i}>
            <LevelShape level={r.level} /> {levelState(r.level)}
            {r.source ? ` — from ${nameOf(r.source)}` : ''} (
            {CERTAINTY_WORDS[r.certainty ?? 'reported']})
          </li>
        ))}
      </ul>
      <p className="hint">
        The interview keeps every account as it is. To change one, use the YAML view.
      </p>
    </section>
  );
}

function ChangedAfterFeedback({
  doc,
  change,
  part,
}: {
  doc: DraftCase;
  change: (doc: DraftCase) => void;
  part: number;
}) {
  return (
    <RadioGroup
      name="responds-to-end-users"
      legend="Was it changed after feedback from the people it is for?"
      choices={YES_NO_CHOICES}
      value={yesNo(component(doc, part).design?.respondsToEndUsers)}
      onChange={(answer) => change(writeDesign(doc, part, { respondsToEndUsers: answer }))}
    />
  );
}

const EVALUATION_CHOICES: Choice<Evaluation | 'unknown'>[] = [
  ...EVALUATIONS.map((e) => ({ value: e, label: capitalise(EVALUATION_WORDS[e]) })),
  { value: 'unknown', label: 'We don’t know' },
];

function HowChecked({
  doc,
  change,
  part,
}: {
  doc: DraftCase;
  change: (doc: DraftCase) => void;
  part: number;
}) {
  return (
    <RadioGroup
      name="evaluation-kind"
      legend="How was it checked? Choose the strongest check done."
      choices={EVALUATION_CHOICES}
      value={component(doc, part).evidence?.evaluation ?? 'unknown'}
      onChange={(evaluation) => change(writeEvidence(doc, part, { evaluation }))}
    />
  );
}
