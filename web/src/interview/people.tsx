/** Who took part and where the information comes from: the forms to add them, used on every step. */
import { useId, useState, type FormEvent } from 'react';
import type { Party, Source } from '../../../src/core/case.schema.js';
import { glossaryEntry } from '../glossary/glossary-words.js';
import { announce } from '../ui/announcer.js';
import {
  PARTY_KIND_WORDS,
  SOURCE_KINDS,
  SOURCE_KIND_WORDS,
  capitalise,
  type PartyKind,
  type SourceKind,
} from '../words.js';
import {
  ASKS_LIVED_EXPERIENCE,
  ASKS_USER_LED,
  addParty,
  addSource,
  yesNo,
  type DraftCase,
  type PartyAnswers,
} from './document.js';
import { ErrorSummary, RadioGroup, YES_NO_CHOICES, type Choice, type Mistake } from './fields.js';

/** Each kind in plain words, with the glossary's examples as its description. */
export const PARTY_KIND_CHOICES: readonly Choice<PartyKind>[] = (
  [
    ['service-users', 'People who use or have used mental health services'],
    ['carers', 'Carers'],
    ['mental-health-professionals', 'Mental health staff or the mental health service'],
    ['other-professionals', 'Staff of other services'],
    ['community', 'The wider community'],
    ['researchers', 'Researchers'],
    ['designers', 'Designers or facilitators'],
    ['funder-or-client', 'The funder or client'],
  ] as const
).map(([value, label]) => ({ value, label, hint: glossaryEntry(`kind-${value}`).meaning }));

export const kindLabel = (kind: string): string =>
  PARTY_KIND_CHOICES.find((c) => c.value === kind)?.label?.toString() ??
  capitalise(PARTY_KIND_WORDS[kind as PartyKind] ?? kind);

export function partyTitle(party: Party): string {
  return party.label ?? capitalise(PARTY_KIND_WORDS[party.kind] ?? party.id);
}

/** "Mental health staff; has lived experience"… for a line under a party's name. */
export function partyDetails(party: Party): string {
  const words = [capitalise(PARTY_KIND_WORDS[party.kind] ?? party.kind)];
  if (party.livedExperience === true) words.push('with lived experience');
  if (party.userLed === true) words.push('run by and for people who use services');
  return words.join(', ');
}

const SOURCE_CHOICES: readonly Choice<SourceKind>[] = SOURCE_KINDS.map((k) => ({
  value: k,
  label: capitalise(SOURCE_KIND_WORDS[k]),
  hint: glossaryEntry(`source-${k}`).meaning,
}));

export function sourceTitle(source: Source): string {
  return source.citation;
}

/** The form for a party: its kind from plain descriptions, who they are, and the two questions. */
export function PartyForm({
  initial,
  submitLabel,
  onSubmit,
  onCancel,
  heading,
}: {
  initial?: Party;
  submitLabel: string;
  onSubmit: (answers: PartyAnswers) => void;
  onCancel?: () => void;
  heading: string;
}) {
  const id = useId().replace(/:/g, '');
  const [kind, setKind] = useState<PartyKind | undefined>(initial?.kind);
  const [label, setLabel] = useState(initial?.label ?? '');
  const [lived, setLived] = useState(yesNo(initial?.livedExperience));
  const [led, setLed] = useState(yesNo(initial?.userLed));
  const [mistakes, setMistakes] = useState<Mistake[]>([]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!kind) {
      setMistakes([{ field: `${id}-kind`, text: 'Choose which kind of party they are.' }]);
      return;
    }
    setMistakes([]);
    onSubmit({ kind, label, livedExperience: lived, userLed: led });
    if (!initial) {
      setKind(undefined);
      setLabel('');
      setLived('unknown');
      setLed('unknown');
    }
  };

  return (
    <form
      className="party-form subform"
      onSubmit={submit}
      aria-labelledby={`${id}-heading`}
      noValidate
    >
      <h3 id={`${id}-heading`}>{heading}</h3>
      <ErrorSummary mistakes={mistakes} />
      <RadioGroup
        name={`${id}-kind`}
        legend="Which kind of party are they?"
        choices={PARTY_KIND_CHOICES}
        value={kind}
        onChange={(k) => {
          setKind(k);
          setMistakes([]);
        }}
        error={mistakes.length > 0 ? 'Choose which kind of party they are.' : undefined}
      />
      <div className="field">
        <label htmlFor={`${id}-label`}>Who they are, in a few words</label>
        <p className="hint" id={`${id}-label-hint`}>
          For example “In-patients on the pilot wards” or “Hearing Voices group”. You can leave this
          empty.
        </p>
        <input
          id={`${id}-label`}
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          aria-describedby={`${id}-label-hint`}
          autoComplete="off"
        />
      </div>
      {kind && ASKS_LIVED_EXPERIENCE.includes(kind) ? (
        <RadioGroup
          name={`${id}-lived`}
          legend="Have they, or their people, used mental health services themselves?"
          hint="Lived experience of mental health services."
          choices={YES_NO_CHOICES}
          value={lived}
          onChange={setLived}
        />
      ) : null}
      {kind && ASKS_USER_LED.includes(kind) ? (
        <RadioGroup
          name={`${id}-led`}
          legend="Is it an organisation run by and for people who use mental health services?"
          choices={YES_NO_CHOICES}
          value={led}
          onChange={setLed}
        />
      ) : null}
      <div className="button-row">
        <button type="submit" className="button secondary">
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="link-button" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** Adds a party to the case and says so; `onAdded` gets its id. */
export function AddParty({
  doc,
  change,
  onAdded,
  heading = 'Add someone who took part',
}: {
  doc: DraftCase;
  change: (doc: DraftCase) => void;
  onAdded?: (id: string) => void;
  heading?: string;
}) {
  return (
    <PartyForm
      heading={heading}
      submitLabel="Add them"
      onSubmit={(answers) => {
        const added = addParty(doc, answers);
        change(added.doc);
        const party = added.doc.parties?.find((p) => p.id === added.id);
        announce(`Added ${party ? partyTitle(party) : 'them'}.`);
        onAdded?.(added.id);
      }}
    />
  );
}

/** The form for a source: its kind and the full reference. */
export function AddSource({
  doc,
  change,
  onAdded,
}: {
  doc: DraftCase;
  change: (doc: DraftCase) => void;
  onAdded?: (id: string) => void;
}) {
  const id = useId().replace(/:/g, '');
  const [kind, setKind] = useState<SourceKind | undefined>();
  const [citation, setCitation] = useState('');
  const [url, setUrl] = useState('');
  const [mistakes, setMistakes] = useState<Mistake[]>([]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Mistake[] = [];
    if (!kind) found.push({ field: `${id}-kind`, text: 'Choose what kind of source it is.' });
    if (!citation.trim())
      found.push({ field: `${id}-citation`, text: 'Say what the source is: who, what, when.' });
    setMistakes(found);
    if (found.length > 0 || !kind) return;
    const added = addSource(doc, { kind, citation, url });
    change(added.doc);
    announce(`Added the source “${citation.trim()}”.`);
    onAdded?.(added.id);
    setKind(undefined);
    setCitation('');
    setUrl('');
  };
  const errorOf = (field: string) => mistakes.find((m) => m.field === `${id}-${field}`)?.text;

  return (
    <form
      className="source-form subform"
      onSubmit={submit}
      aria-labelledby={`${id}-heading`}
      noValidate
    >
      <h3 id={`${id}-heading`}>Add a source</h3>
      <ErrorSummary mistakes={mistakes} />
      <RadioGroup
        name={`${id}-kind`}
        legend="What kind of source is it?"
        choices={SOURCE_CHOICES}
        value={kind}
        onChange={setKind}
        error={errorOf('kind')}
      />
      <div className={errorOf('citation') ? 'field field-error' : 'field'}>
        <label htmlFor={`${id}-citation`}>What it is</label>
        <p className="hint" id={`${id}-citation-hint`}>
          Who wrote or said it, its title, where and when. For example “Novak et al., BJPsych
          Bulletin 44(6), 2020” or “Conversation with the ward manager, March 2024”.
        </p>
        {errorOf('citation') ? (
          <p className="error-message" id={`${id}-citation-error`}>
            <span className="visually-hidden">Problem: </span>
            {errorOf('citation')}
          </p>
        ) : null}
        <input
          id={`${id}-citation`}
          value={citation}
          onChange={(e) => setCitation(e.target.value)}
          aria-invalid={errorOf('citation') ? true : undefined}
          aria-describedby={`${id}-citation-hint${errorOf('citation') ? ` ${id}-citation-error` : ''}`}
          autoComplete="off"
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-url`}>Web address, if it is online (optional)</label>
        <input
          id={`${id}-url`}
          type="url"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          autoComplete="off"
        />
      </div>
      <div className="button-row">
        <button type="submit" className="button secondary">
          Add the source
        </button>
      </div>
    </form>
  );
}
