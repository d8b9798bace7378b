/** The questions about the whole case: what it is, its sources, who took part, its parts, its label. */
import { useState } from 'react';
import { announce } from '../ui/announcer.js';
import { MODELS, SOURCE_KIND_WORDS, capitalise, modelName, type ModelId } from '../words.js';
import {
  aboutMistakes,
  addComponent,
  claimsAbout,
  components,
  readAbout,
  removeComponent,
  removeParty,
  removeSource,
  renameComponent,
  sourceUsed,
  suggestCaseId,
  updateParty,
  writeAbout,
  writeDescribedAs,
  type About,
  type DraftCase,
} from './document.js';
import { CheckboxGroup, type Mistake } from './fields.js';
import { AddParty, AddSource, PartyForm, partyDetails, partyTitle } from './people.js';

interface Props {
  doc: DraftCase;
  change: (doc: DraftCase) => void;
}

const ABOUT_LABELS: Record<keyof About, string> = {
  title: 'Its name',
  summary: 'What it is, in a sentence or two',
  setting: 'Where it happened',
  start: 'First year',
  end: 'Last year',
  id: 'A short name for its web address',
};

/** The mistakes in the about step, as the error summary lists them. */
export function aboutStepMistakes(doc: DraftCase): Mistake[] {
  return Object.entries(aboutMistakes(readAbout(doc))).map(([field, text]) => ({
    field: `about-${field}`,
    text: `${ABOUT_LABELS[field as keyof About]}: ${text}`,
  }));
}

export function AboutStep({
  doc,
  change,
  fixedId,
  showMistakes,
}: Props & { fixedId: boolean; showMistakes: boolean }) {
  const [about, setAbout] = useState<About>(() => readAbout(doc));
  const mistakes = showMistakes ? aboutMistakes(about) : {};
  const set = (key: keyof About, value: string) => {
    const next = { ...about, [key]: value };
    // The id follows the name until someone writes their own.
    if (key === 'title' && !fixedId && (about.id === '' || about.id === suggestCaseId(about.title)))
      next.id = suggestCaseId(value);
    setAbout(next);
    change(writeAbout(doc, next, !fixedId));
  };
  const field = (
    key: keyof About,
    hint?: string,
    props: { className?: string; inputMode?: 'numeric' } = {},
  ) => {
    const id = `about-${key}`;
    const error = mistakes[key];
    const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : '']
      .filter(Boolean)
      .join(' ');
    const readOnly = key === 'id' && fixedId;
    return (
      <div className={error ? 'field field-error' : 'field'}>
        <label htmlFor={id}>{ABOUT_LABELS[key]}</label>
        {hint ? (
          <p className="hint" id={`${id}-hint`}>
            {hint}
          </p>
        ) : null}
        {error ? (
          <p className="error-message" id={`${id}-error`}>
            <span className="visually-hidden">Problem: </span>
            {error}
          </p>
        ) : null}
        <input
          id={id}
          value={about[key]}
          onChange={(e) => set(key, e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
          readOnly={readOnly}
          autoComplete="off"
          {...props}
        />
      </div>
    );
  };
  return (
    <div className="stack">
      {field('title', 'What people call the initiative, for example “SleepWell”.')}
      {field('summary', 'Optional. What it does, for whom.')}
      {field(
        'setting',
        'Optional. For example “Seven wards of an NHS mental health trust, England”.',
      )}
      <fieldset className="period">
        <legend>The years it ran</legend>
        <p className="hint">Optional. Leave the last year empty if it is still running.</p>
        <div className="period-fields">
          {field('start', undefined, { className: 'input-year', inputMode: 'numeric' })}
          {field('end', undefined, { className: 'input-year', inputMode: 'numeric' })}
        </div>
      </fieldset>
      {field(
        'id',
        fixedId
          ? 'A published case keeps its short name, so links to it keep working.'
          : 'Small letters, figures and hyphens. We suggest one from its name; you can change it.',
      )}
    </div>
  );
}

export function SourcesStep({ doc, change }: Props) {
  const sources = doc.sources ?? [];
  return (
    <>
      <p className="hint">
        Articles, reports, conversations, your own account: each answer can say which of these it
        comes from. You can add more on any step.
      </p>
      {sources.length === 0 ? (
        <p>No sources yet.</p>
      ) : (
        <ul className="answer-list">
          {sources.map((s) => (
            <li key={s.id}>
              <span>
                {s.citation} <span className="meta">({SOURCE_KIND_WORDS[s.kind] ?? s.kind})</span>
              </span>
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  change(removeSource(doc, s.id));
                  announce(
                    sourceUsed(doc, s.id)
                      ? 'Removed the source; the answers that cited it now say “not said”.'
                      : 'Removed the source.',
                  );
                }}
              >
                Remove<span className="visually-hidden"> {s.citation}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <AddSource doc={doc} change={change} />
    </>
  );
}

export function PartiesStep({ doc, change }: Props) {
  const parties = doc.parties ?? [];
  const [editing, setEditing] = useState<string>();
  const [confirming, setConfirming] = useState<string>();
  return (
    <>
      <p className="hint">
        The people and groups who had any part, including those who only received it. The list is
        taken as complete: a kind of party that is not here took no part. You can add more on any
        step.
      </p>
      {parties.length === 0 ? (
        <p>Nobody has been added yet.</p>
      ) : (
        <ul className="answer-list parties">
          {parties.map((p) =>
            editing === p.id ? (
              <li key={p.id}>
                <PartyForm
                  heading={`Change “${partyTitle(p)}”`}
                  initial={p}
                  submitLabel="Save the changes"
                  onSubmit={(answers) => {
                    change(updateParty(doc, p.id, answers));
                    setEditing(undefined);
                    announce('Saved the changes.');
                  }}
                  onCancel={() => setEditing(undefined)}
                />
              </li>
            ) : (
              <li key={p.id}>
                <span>
                  <strong>{partyTitle(p)}</strong>
                  <span className="meta"> — {partyDetails(p)}</span>
                </span>
                <span className="button-row">
                  <button type="button" className="link-button" onClick={() => setEditing(p.id)}>
                    Change<span className="visually-hidden"> {partyTitle(p)}</span>
                  </button>
                  {confirming === p.id ? (
                    <button
                      type="button"
                      className="link-button danger"
                      onClick={() => {
                        change(removeParty(doc, p.id));
                        setConfirming(undefined);
                        announce(`Removed ${partyTitle(p)} and their answers.`);
                      }}
                    >
                      Yes, remove them and their {claimsAbout(doc, p.id)} answers
                    </button>
                  ) : (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        if (claimsAbout(doc, p.id) === 0) {
                          change(removeParty(doc, p.id));
                          announce(`Removed ${partyTitle(p)}.`);
                        } else setConfirming(p.id);
                      }}
                    >
                      Remove<span className="visually-hidden"> {partyTitle(p)}</span>
                    </button>
                  )}
                </span>
              </li>
            ),
          )}
        </ul>
      )}
      <AddParty doc={doc} change={change} />
    </>
  );
}

export function PartsStep({ doc, change }: Props) {
  const parts = components(doc);
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [error, setError] = useState<string>();
  return (
    <>
      <p className="hint">
        Most initiatives are one thing. Some have parts that work differently, like a housing scheme
        with a peer support group: each part gets its own questions and its own reading.
      </p>
      <ol className="answer-list parts">
        {parts.map((c, i) => (
          <li key={`${i}-${c.id ?? ''}`}>
            <div className="field">
              <label htmlFor={`part-${i}-title`}>Name of part {i + 1}</label>
              <input
                id={`part-${i}-title`}
                value={c.title ?? ''}
                onChange={(e) =>
                  change(
                    renameComponent(doc, i, { title: e.target.value, summary: c.summary ?? '' }),
                  )
                }
                autoComplete="off"
              />
            </div>
            {parts.length > 1 ? (
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  change(removeComponent(doc, i));
                  announce(`Removed part ${i + 1} and its answers.`);
                }}
              >
                Remove part {i + 1} and its answers
              </button>
            ) : null}
          </li>
        ))}
      </ol>
      {parts.length === 0 ? (
        <p>Give the initiative a name first: its first part takes it.</p>
      ) : null}
      <form
        className="subform"
        noValidate
        aria-labelledby="add-part-heading"
        onSubmit={(event) => {
          event.preventDefault();
          if (!title.trim()) {
            setError('Give the part a name.');
            document.getElementById('new-part-title')?.focus();
            return;
          }
          setError(undefined);
          change(addComponent(doc, { title, summary }).doc);
          announce(`Added the part “${title.trim()}”. Its questions follow the first part’s.`);
          setTitle('');
          setSummary('');
        }}
      >
        <h3 id="add-part-heading">Add a part</h3>
        <div className={error ? 'field field-error' : 'field'}>
          <label htmlFor="new-part-title">Its name</label>
          {error ? (
            <p className="error-message" id="new-part-title-error">
              <span className="visually-hidden">Problem: </span>
              {error}
            </p>
          ) : null}
          <input
            id="new-part-title"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'new-part-title-error' : undefined}
            autoComplete="off"
          />
        </div>
        <div className="field">
          <label htmlFor="new-part-summary">What it does, in a sentence (optional)</label>
          <input
            id="new-part-summary"
            value={summary}
            onChange={(e) => setSummary(e.target.value)}
            autoComplete="off"
          />
        </div>
        <div className="button-row">
          <button type="submit" className="button secondary">
            Add the part
          </button>
        </div>
      </form>
    </>
  );
}

export function LabelStep({ doc, change }: Props) {
  const values = (doc.describedAs ?? []).filter((m): m is ModelId =>
    (MODELS as readonly string[]).includes(m),
  );
  return (
    <>
      <p className="hint">
        What the initiative says it is, in its own papers or publicity. The reading checks each
        label against the record. Leave all empty if it claims none of these.
      </p>
      <CheckboxGroup
        name="described-as"
        legend="It calls itself…"
        choices={MODELS.map((m) => ({ value: m, label: capitalise(modelName(m)) }))}
        values={values}
        onChange={(next) => change(writeDescribedAs(doc, next))}
      />
    </>
  );
}
