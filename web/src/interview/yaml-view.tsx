/** The case as YAML for experts: checked as you type, with the CLI's messages and their lines. */
import { useEffect, useRef, useState } from 'react';
import type { Analysis, FieldProblem, Problem } from '../api.js';
import { Term } from '../glossary/term.js';
import { FitBadges } from '../ui/fit-badges.js';
import { WarningShape } from '../ui/shapes.js';
import type { DraftCase } from './document.js';
import { draftsApi } from './drafts-api.js';
import { fromYaml } from './yaml-text.js';

const DELAY = 600;

type Check =
  | { readonly kind: 'checking' }
  | { readonly kind: 'valid'; readonly analysis: Analysis }
  | { readonly kind: 'mistakes'; readonly problems: readonly FieldProblem[] }
  | { readonly kind: 'failed'; readonly problem: Problem };

export function YamlView({
  text,
  onText,
  onDoc,
}: {
  text: string;
  onText: (text: string) => void;
  /** A text that reads as a case (complete or not) is saved to the draft. */
  onDoc: (doc: DraftCase) => void;
}) {
  const [check, setCheck] = useState<Check>({ kind: 'checking' });
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const onDocRef = useRef(onDoc);
  onDocRef.current = onDoc;
  const first = useRef(true);

  useEffect(() => {
    let live = true;
    const timer = window.setTimeout(
      () => {
        const read = fromYaml(text);
        if (read.ok && !first.current) onDocRef.current(read.doc);
        first.current = false;
        void draftsApi.analyseText(text).then((r) => {
          if (!live) return;
          if (r.ok) setCheck({ kind: 'valid', analysis: r.value });
          else if (r.problem.status === 422 && r.problem.problems.length > 0)
            setCheck({ kind: 'mistakes', problems: r.problem.problems });
          else setCheck({ kind: 'failed', problem: r.problem });
        });
      },
      first.current ? 0 : DELAY,
    );
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [text]);

  const lines = text.split('\n').length;
  const goToLine = (line: number, column = 1) => {
    const el = area.current;
    if (!el) return;
    const rows = text.split('\n');
    let start = 0;
    for (let i = 0; i < line - 1 && i < rows.length; i += 1) start += (rows[i]?.length ?? 0) + 1;
    const length = rows[line - 1]?.length ?? 0;
    el.focus();
    el.setSelectionRange(start + Math.min(column - 1, length), start + length);
    const lineHeight = parseFloat(getComputedStyle(el).lineHeight) || 20;
    el.scrollTop = Math.max(0, (line - 3) * lineHeight);
  };

  const count =
    check.kind === 'valid'
      ? 'No mistakes: this is a complete case.'
      : check.kind === 'mistakes'
        ? `${check.problems.length === 1 ? 'One thing' : `${check.problems.length} things`} to put right.`
        : check.kind === 'failed'
          ? check.problem.detail
          : '';

  return (
    <div className="yaml-view">
      <p className="hint" id="yaml-hint">
        The <Term id="case-file">case file</Term> in the coprism/1 format, as the command line tool
        reads it. It is checked as you type, and saved to your draft whenever it can be read.
      </p>
      <label htmlFor="yaml-text" className="yaml-label">
        The case as YAML
      </label>
      <div className="yaml-editor">
        <div className="yaml-gutter" ref={gutter} aria-hidden="true">
          {Array.from({ length: lines }, (_, i) => (
            <span key={i}>{i + 1}</span>
          ))}
        </div>
        <textarea
          id="yaml-text"
          ref={area}
          value={text}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          wrap="off"
          rows={Math.min(30, Math.max(12, lines + 1))}
          aria-describedby="yaml-hint yaml-check"
          onChange={(e) => onText(e.target.value)}
          onScroll={(e) => {
            if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
          }}
        />
      </div>
      <div className="yaml-check" id="yaml-check">
        <p role="status" className={check.kind === 'valid' ? 'check-ok' : 'check-count'}>
          {check.kind === 'valid' ? '✓ ' : check.kind === 'mistakes' ? <WarningShape /> : null}
          {count}
        </p>
        {check.kind === 'mistakes' ? (
          <ul className="yaml-problems">
            {check.problems.map((p, i) => (
              <li key={i}>
                <span className="problem-place">
                  {p.line !== undefined
                    ? `Line ${p.line}${p.column !== undefined ? `, column ${p.column}` : ''}`
                    : 'The whole case'}
                  {p.field ? ` (${p.field})` : ''}:
                </span>{' '}
                {p.message}
                {p.line !== undefined ? (
                  <>
                    {' '}
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => goToLine(p.line ?? 1, p.column ?? 1)}
                    >
                      Go to line {p.line}
                    </button>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
        {check.kind === 'valid' ? (
          <>
            <p className="sentence">{check.analysis.overall.summary}</p>
            <FitBadges
              fits={(m) => check.analysis.overall.models[m].fit}
              label="How the five models fit"
            />
          </>
        ) : null}
      </div>
    </div>
  );
}
