/** A link or secret shown in a read-only field, with a button that copies it. */
import { useState } from 'react';
import { announce } from '../ui/announcer.js';

export function CopyField({
  id,
  label,
  value,
  hint,
  what = 'link',
}: {
  id: string;
  label: string;
  value: string;
  hint?: string;
  /** What is copied, for the button and the announcement: "link", "token". */
  what?: string;
}) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      announce(`The ${what} is copied.`);
    } catch {
      announce(`The ${what} could not be copied; select it in the field and copy it by hand.`);
    }
  };
  return (
    <div className="field copy-field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <div className="copy-row">
        <input
          id={id}
          type="text"
          readOnly
          value={value}
          aria-describedby={hint ? `${id}-hint` : undefined}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" className="button secondary" onClick={() => void copy()}>
          {copied ? 'Copied' : `Copy the ${what}`}
        </button>
      </div>
    </div>
  );
}
