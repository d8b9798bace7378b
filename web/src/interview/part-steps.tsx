/** The questions about a part after who did what: attempts, product, relationships, humane features,
 * research evidence and the design process. "We don't know" leaves each one out. */
import { useState, type FormEvent } from 'react';
import type { Attempt } from '../../../src/core/case.schema.js';
import {
  DESIGN_STAGES,
  MODEL_NAMES,
  OUTCOMES,
  PRODUCTS,
  type DesignStage,
  type ModelId,
  type Outcome,
  type Product,
  type ServiceDomain,
} from '../../../src/core/vocabulary.js';
import { announce } from '../ui/announcer.js';
import {
  MODELS,
  PARTY_KIND_WORDS,
  PRODUCT_WORDS,
  SERVICE_DOMAINS,
  capitalise,
  domainWords,
  type PartyKind,
} from '../words.js';
import {
  RELATIONSHIP_PAIRS,
  component,
  pairKey,
  readAttempts,
  readEvened,
  writeAttempts,
  writeDesign,
  writeDomain,
  writeEvened,
  writeEvidence,
  writeHumanising,
  writeProduces,
  yesNo,
  type DraftCase,
} from './document.js';
import { CheckboxGroup, RadioGroup, YES_NO_CHOICES, type Choice } from './fields.js';
import type { PartStep } from './steps.js';

interface Props {
  doc: DraftCase;
  change: (doc: DraftCase) => void;
  part: number;
}

export function PartStepView({ step, ...props }: Props & { step: PartStep }) {
  switch (step) {
    case 'attempts':
      return <AttemptsStep {...props} />;
    case 'produces':
      return <ProducesStep {...props} />;
    case 'relationships':
      return <RelationshipsStep {...props} />;
    case 'humane':
      return <HumaneStep {...props} />;
    case 'evidence':
      return <EvidenceStep {...props} />;
    case 'design-process':
      return <DesignStep {...props} />;
  }
}

const OUTCOME_WORDS: Record<Outcome, string> = {
  failed: 'It did not happen',
  ongoing: 'It is still being tried',
  achieved: 'It happened in the end',
};

const PARTNER_KINDS: readonly PartyKind[] = [
  'mental-health-professionals',
  'service-users',
  'community',
  'other-professionals',
  'carers',
  'researchers',
  'designers',
  'funder-or-client',
];

function AttemptsStep({ doc, change, part }: Props) {
  const attempts = readAttempts(doc, part);
  const list = attempts.kind === 'known' ? attempts.attempts : [];
  const answer = attempts.kind === 'unknown' ? 'unknown' : list.length > 0 ? 'yes' : 'no';
  const set = (next: readonly Attempt[]) =>
    change(writeAttempts(doc, part, { kind: 'known', attempts: next }));
  const update = (index: number, patch: Partial<Attempt>) =>
    set(list.map((a, i) => (i === index ? { ...a, ...patch } : a)));
  return (
    <>
      <p className="hint">
        For example, a user-led group that asked the mental health trust to work with it as equals,
        and the trust did not take it up.
      </p>
      <RadioGroup
        name="attempted"
        legend="Was working together like this tried, without it happening?"
        choices={[
          { value: 'yes', label: 'Yes' },
          { value: 'no', label: 'No, nothing like that' },
          { value: 'unknown', label: 'We don’t know' },
        ]}
        value={answer}
        onChange={(next) => {
          if (next === 'unknown') change(writeAttempts(doc, part, { kind: 'unknown' }));
          else if (next === 'no') set([]);
          else if (list.length === 0)
            set([
              { model: 'co-production', with: 'mental-health-professionals', outcome: 'failed' },
            ]);
        }}
      />
      {list.map((attempt, i) => (
        <fieldset key={i} className="attempt">
          <legend>What was tried{list.length > 1 ? ` (${i + 1})` : ''}</legend>
          <div className="field">
            <label htmlFor={`attempt-${i}-model`}>Working in which way</label>
            <select
              id={`attempt-${i}-model`}
              value={attempt.model}
              onChange={(e) => update(i, { model: e.target.value as ModelId })}
            >
              {MODELS.map((m) => (
                <option key={m} value={m}>
                  {capitalise(MODEL_NAMES[m])}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`attempt-${i}-with`}>With whom</label>
            <select
              id={`attempt-${i}-with`}
              value={attempt.with ?? ''}
              onChange={(e) => {
                const kind = e.target.value as PartyKind | '';
                const next: Attempt = { model: attempt.model, outcome: attempt.outcome };
                set(
                  list.map((a, j) =>
                    j === i
                      ? {
                          ...next,
                          ...(kind ? { with: kind } : {}),
                          ...(a.source ? { source: a.source } : {}),
                          ...(a.note ? { note: a.note } : {}),
                        }
                      : a,
                  ),
                );
              }}
            >
              <option value="">Not said</option>
              {PARTNER_KINDS.map((k) => (
                <option key={k} value={k}>
                  {capitalise(PARTY_KIND_WORDS[k])}
                </option>
              ))}
            </select>
          </div>
          <RadioGroup
            name={`attempt-${i}-outcome`}
            legend="How did it turn out?"
            choices={OUTCOMES.map((o) => ({ value: o, label: OUTCOME_WORDS[o] }))}
            value={attempt.outcome}
            onChange={(outcome) => update(i, { outcome })}
          />
          <button
            type="button"
            className="link-button"
            onClick={() => {
              set(list.filter((_, j) => j !== i));
              announce('Removed.');
            }}
          >
            Remove this
          </button>
        </fieldset>
      ))}
      {answer === 'yes' ? (
        <button
          type="button"
          className="button secondary"
          onClick={() =>
            set([
              ...list,
              { model: 'co-production', with: 'mental-health-professionals', outcome: 'failed' },
            ])
          }
        >
          Add another
        </button>
      ) : null}
    </>
  );
}

const PRODUCT_CHOICES: Choice<Product | 'unknown'>[] = [
  ...PRODUCTS.map((p) => ({
    value: p,
    label: capitalise(PRODUCT_WORDS[p]),
    ...(p === 'service'
      ? {
          hint: 'Something people receive or take part in, like a ward routine or a support group.',
        }
      : p === 'materials'
        ? { hint: 'Leaflets, a film, a toolkit, a website.' }
        : p === 'decisions'
          ? { hint: 'Policies, plans or choices about services.' }
          : { hint: 'Having access to one’s records, or living in town, is not producing.' }),
  })),
  { value: 'unknown', label: 'We don’t know' },
];

const DOMAIN_CHOICES: Choice<ServiceDomain | 'unknown'>[] = [
  ...SERVICE_DOMAINS.map((d) => ({ value: d, label: capitalise(domainWords(d)) })),
  { value: 'unknown', label: 'We don’t know' },
];

function ProducesStep({ doc, change, part }: Props) {
  const c = component(doc, part);
  return (
    <>
      <RadioGroup
        name="produces"
        legend="What does it produce?"
        choices={PRODUCT_CHOICES}
        value={c.produces ?? 'unknown'}
        onChange={(p) => change(writeProduces(doc, part, p))}
      />
      <RadioGroup
        name="service-domain"
        legend="Which field does it serve?"
        choices={DOMAIN_CHOICES}
        value={c.serviceDomain ?? 'unknown'}
        onChange={(d) => change(writeDomain(doc, part, d))}
      />
    </>
  );
}

const pairWords = (pair: readonly [PartyKind, PartyKind]) =>
  `${capitalise(PARTY_KIND_WORDS[pair[0]])} and ${PARTY_KIND_WORDS[pair[1]]}`;

function RelationshipsStep({ doc, change, part }: Props) {
  const evened = readEvened(doc, part);
  const pairs = evened.kind === 'known' ? evened.pairs : [];
  const answer = evened.kind === 'unknown' ? 'unknown' : pairs.length > 0 ? 'yes' : 'no';
  return (
    <>
      <p className="hint">
        Evening out a relationship means the two meet more as equals because of it: service users
        and staff designing together, or service users and neighbours living side by side.
      </p>
      <RadioGroup
        name="evens-out"
        legend="Does it even out any relationship?"
        choices={[
          { value: 'yes', label: 'Yes' },
          { value: 'no', label: 'No, none' },
          { value: 'unknown', label: 'We don’t know' },
        ]}
        value={answer}
        onChange={(next) => {
          if (next === 'unknown') change(writeEvened(doc, part, { kind: 'unknown' }));
          else if (next === 'no') change(writeEvened(doc, part, { kind: 'known', pairs: [] }));
          else if (pairs.length === 0)
            change(
              writeEvened(doc, part, {
                kind: 'known',
                pairs: [
                  pairKey(
                    RELATIONSHIP_PAIRS[0] ?? ['service-users', 'mental-health-professionals'],
                  ),
                ],
              }),
            );
        }}
      />
      {answer === 'yes' ? (
        <CheckboxGroup
          name="pairs"
          legend="Which relationships does it even out?"
          choices={RELATIONSHIP_PAIRS.map((pair) => ({
            value: pairKey(pair),
            label: pairWords(pair),
          }))}
          values={[...pairs]}
          onChange={(next) => change(writeEvened(doc, part, { kind: 'known', pairs: next }))}
        />
      ) : null}
    </>
  );
}

function HumaneStep({ doc, change, part }: Props) {
  const features = component(doc, part).humanising;
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) {
      setError('Write the feature in a few words first.');
      document.getElementById('humane-new')?.focus();
      return;
    }
    setError(undefined);
    change(writeHumanising(doc, part, [...(features ?? []), text.trim()]));
    announce(`Added “${text.trim()}”.`);
    setText('');
  };
  return (
    <>
      <p className="hint">
        What makes it kinder or more respectful for the people it is for, whether or not it makes
        anyone more equal. For example “Patients report feeling safer at night”.
      </p>
      {features && features.length > 0 ? (
        <ul className="answer-list">
          {features.map((f, i) => (
            <li key={`${i}-${f}`}>
              <span>{f}</span>
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  const next = features.filter((_, j) => j !== i);
                  change(writeHumanising(doc, part, next));
                  announce(`Removed “${f}”.`);
                }}
              >
                Remove<span className="visually-hidden"> “{f}”</span>
              </button>
            </li>
          ))}
        </ul>
      ) : features ? (
        <p>None: you said nothing makes it especially humane.</p>
      ) : (
        <p>Nothing is recorded yet.</p>
      )}
      <form className="subform" onSubmit={add} noValidate aria-labelledby="humane-add-heading">
        <h3 id="humane-add-heading">Add a humane feature</h3>
        <div className={error ? 'field field-error' : 'field'}>
          <label htmlFor="humane-new">The feature, in a few words</label>
          {error ? (
            <p className="error-message" id="humane-new-error">
              <span className="visually-hidden">Problem: </span>
              {error}
            </p>
          ) : null}
          <input
            id="humane-new"
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'humane-new-error' : undefined}
            autoComplete="off"
          />
        </div>
        <div className="button-row">
          <button type="submit" className="button secondary">
            Add it
          </button>
          {features === undefined ? (
            <button
              type="button"
              className="link-button"
              onClick={() => {
                change(writeHumanising(doc, part, []));
                announce('Recorded: nothing especially humane.');
              }}
            >
              Nothing makes it especially humane
            </button>
          ) : features.length === 0 ? (
            <button
              type="button"
              className="link-button"
              onClick={() => change(writeHumanising(doc, part, undefined))}
            >
              We don’t know after all
            </button>
          ) : null}
        </div>
      </form>
    </>
  );
}

function EvidenceStep({ doc, change, part }: Props) {
  const evidence = component(doc, part).evidence;
  return (
    <>
      <RadioGroup
        name="driven-by-evidence"
        legend="Did it start from research evidence?"
        hint="A question posed by experts in the topic, answered from research."
        choices={YES_NO_CHOICES}
        value={yesNo(evidence?.drivenByEvidence)}
        onChange={(answer) => change(writeEvidence(doc, part, { drivenByEvidence: answer }))}
      />
      <RadioGroup
        name="evidence-reviewed"
        legend="Was the evidence searched for and reviewed?"
        choices={YES_NO_CHOICES}
        value={yesNo(evidence?.reviewed)}
        onChange={(answer) => change(writeEvidence(doc, part, { reviewed: answer }))}
      />
      <p className="hint">How it was checked is asked under “Who checks whether it works”.</p>
    </>
  );
}

const DESIGN_STAGE_WORDS: Record<DesignStage, { label: string; hint: string }> = {
  research: { label: 'Research', hint: 'Finding out about the people it is for and their lives.' },
  ideation: { label: 'Ideas', hint: 'Coming up with and choosing ideas.' },
  prototype: { label: 'A prototype', hint: 'A rough first version to try.' },
  test: { label: 'Testing', hint: 'Trying it with the people it is for.' },
};

function DesignStep({ doc, change, part }: Props) {
  const design = component(doc, part).design;
  const [iterations, setIterations] = useState(
    design?.iterations !== undefined ? String(design.iterations) : '',
  );
  const iterationsError =
    iterations.trim() && !/^\d{1,3}$/.test(iterations.trim())
      ? 'Write a whole number, like 2, or leave it empty.'
      : undefined;
  return (
    <>
      <RadioGroup
        name="design-known"
        legend="Do you know how it was designed?"
        choices={[
          { value: 'yes', label: 'Yes' },
          { value: 'unknown', label: 'We don’t know' },
        ]}
        value={design?.stages !== undefined ? 'yes' : 'unknown'}
        onChange={(answer) =>
          change(writeDesign(doc, part, { stages: answer === 'yes' ? [] : 'unknown' }))
        }
      />
      {design?.stages !== undefined ? (
        <CheckboxGroup
          name="design-stages"
          legend="Which of these took place? Tick all that did."
          choices={DESIGN_STAGES.map((s) => ({ value: s, ...DESIGN_STAGE_WORDS[s] }))}
          values={design.stages}
          onChange={(stages) => change(writeDesign(doc, part, { stages }))}
        />
      ) : null}
      <div className={iterationsError ? 'field field-error' : 'field'}>
        <label htmlFor="design-iterations">How many times was it tried and revised?</label>
        <p className="hint" id="design-iterations-hint">
          A number, or leave it empty if you don’t know.
        </p>
        {iterationsError ? (
          <p className="error-message" id="design-iterations-error">
            <span className="visually-hidden">Problem: </span>
            {iterationsError}
          </p>
        ) : null}
        <input
          id="design-iterations"
          className="input-year"
          inputMode="numeric"
          value={iterations}
          aria-invalid={iterationsError ? true : undefined}
          aria-describedby={`design-iterations-hint${iterationsError ? ' design-iterations-error' : ''}`}
          onChange={(e) => {
            const text = e.target.value;
            setIterations(text);
            if (!text.trim()) change(writeDesign(doc, part, { iterations: 'unknown' }));
            else if (/^\d{1,3}$/.test(text.trim()))
              change(writeDesign(doc, part, { iterations: Number(text.trim()) }));
          }}
          autoComplete="off"
        />
      </div>
      <p className="hint">Whether it was changed after feedback is asked under “Trying it out”.</p>
    </>
  );
}
