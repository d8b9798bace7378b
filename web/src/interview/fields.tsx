/** The interview's form parts: radio and tick-box groups with legends, and an error summary. */
import { useLayoutEffect, useRef, type ReactNode } from 'react';
import { WarningShape } from '../ui/shapes.js';

export interface Choice<T extends string> {
  readonly value: T;
  readonly label: ReactNode;
  readonly hint?: string;
}

/** A choice's label and, beside it rather than in it, its short description: the control's name stays
 * its label, and the description, always shown, is what screen readers hear after it (aria-describedby).
 * A pop-up here would hide the meaning from touch users and put a second tab stop in every choice. */
function ChoiceText<T extends string>({ id, choice }: { id: string; choice: Choice<T> }) {
  return (
    <div className="choice-text">
      <label htmlFor={id}>{choice.label}</label>
      {choice.hint ? (
        <span className="choice-hint" id={`${id}-hint`}>
          {choice.hint}
        </span>
      ) : null}
    </div>
  );
}

export function RadioGroup<T extends string>({
  name,
  legend,
  hint,
  choices,
  value,
  onChange,
  error,
  className,
}: {
  name: string;
  legend: ReactNode;
  hint?: string;
  choices: readonly Choice<T>[];
  value: T | undefined;
  onChange: (value: T) => void;
  error?: string | undefined;
  className?: string;
}) {
  const describedBy = [hint ? `${name}-hint` : '', error ? `${name}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <fieldset
      className={['choices', className ?? '', error ? 'field-error' : ''].filter(Boolean).join(' ')}
      aria-describedby={describedBy || undefined}
      id={name}
    >
      <legend>{legend}</legend>
      {hint ? (
        <p className="hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="error-message" id={`${name}-error`}>
          <span className="visually-hidden">Problem: </span>
          {error}
        </p>
      ) : null}
      {choices.map((choice) => {
        const id = `${name}--${choice.value}`;
        return (
          <div className="choice" key={choice.value}>
            <input
              type="radio"
              id={id}
              name={name}
              value={choice.value}
              checked={value === choice.value}
              onChange={() => onChange(choice.value)}
              aria-describedby={choice.hint ? `${id}-hint` : undefined}
            />
            <ChoiceText id={id} choice={choice} />
          </div>
        );
      })}
    </fieldset>
  );
}

export function CheckboxGroup<T extends string>({
  name,
  legend,
  hint,
  choices,
  values,
  onChange,
}: {
  name: string;
  legend: ReactNode;
  hint?: string;
  choices: readonly Choice<T>[];
  values: readonly T[];
  onChange: (values: T[]) => void;
}) {
  return (
    <fieldset className="choices" aria-describedby={hint ? `${name}-hint` : undefined} id={name}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {choices.map((choice) => {
        const id = `${name}--${choice.value}`;
        const checked = values.includes(choice.value);
        return (
          <div className="choice" key={choice.value}>
            <input
              type="checkbox"
              id={id}
              name={name}
              value={choice.value}
              checked={checked}
              onChange={() =>
                onChange(
                  checked
                    ? values.filter((v) => v !== choice.value)
                    : choices
                        .map((c) => c.value)
                        .filter((v) => v === choice.value || values.includes(v)),
                )
              }
              aria-describedby={choice.hint ? `${id}-hint` : undefined}
            />
            <ChoiceText id={id} choice={choice} />
          </div>
        );
      })}
    </fieldset>
  );
}

export type YesNoAnswer = 'yes' | 'no' | 'unknown';

export const YES_NO_CHOICES: readonly Choice<YesNoAnswer>[] = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'unknown', label: 'We don’t know' },
];

export interface Mistake {
  /** The id of the field to go to. */
  readonly field: string;
  readonly text: string;
}

/** "There is a problem", with a link to each field; it takes the focus when it appears, and again
 * at each new list (another try that still has mistakes). */
export function ErrorSummary({ mistakes }: { mistakes: readonly Mistake[] }) {
  const box = useRef<HTMLDivElement>(null);
  // Before the frame is drawn, so it never shows without the focus (a timer let a frame by).
  useLayoutEffect(() => {
    if (mistakes.length > 0) box.current?.focus();
  }, [mistakes]);
  if (mistakes.length === 0) return null;
  return (
    <div
      className="error-summary"
      ref={box}
      tabIndex={-1}
      role="alert"
      aria-labelledby="error-summary-title"
    >
      <h3 id="error-summary-title">
        <WarningShape /> There is a problem
      </h3>
      <ul>
        {mistakes.map((m) => (
          <li key={m.field}>
            <a
              href={`#${m.field}`}
              onClick={(event) => {
                event.preventDefault();
                const target = document.getElementById(m.field);
                const input =
                  target instanceof HTMLFieldSetElement
                    ? target.querySelector<HTMLInputElement>('input')
                    : target;
                input?.focus();
              }}
            >
              {m.text}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
