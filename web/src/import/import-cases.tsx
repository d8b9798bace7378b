/** On a workspace page, for its editors and owners: import case files (YAML or JSON, as exported). */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { importCaseFiles, type ImportResult, type Problem, type Workspace } from '../api.js';
import { Term } from '../glossary/term.js';
import { paths } from '../paths.js';
import { Link } from '../router.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import './import.css';

const STATUS_WORDS = {
  created: 'added',
  updated: 'saved as a new revision',
  unchanged: 'already here, unchanged',
} as const;

export function ImportCases({
  workspace,
  role,
}: {
  workspace: string;
  role: Workspace['role'] | undefined;
}) {
  const input = useRef<HTMLInputElement>(null);
  const outcome = useRef<HTMLDivElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<ImportResult | Problem>();

  useEffect(() => {
    if (result) outcome.current?.focus();
  }, [result]);

  if (role !== 'owner' && role !== 'editor') return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const chosen = [...(input.current?.files ?? [])];
    if (chosen.length === 0) {
      setError('Choose at least one case file.');
      input.current?.focus();
      return;
    }
    setError(undefined);
    setBusy(true);
    const files = await Promise.all(
      chosen.map(async (f) => ({ name: f.name, text: await f.text() })),
    );
    const r = await importCaseFiles(workspace, files);
    setBusy(false);
    setResult(r.ok ? r.value : r.problem);
    if (r.ok && r.value.failed === 0 && input.current) input.current.value = '';
  };

  return (
    <details className="import-cases">
      <summary>Import case files</summary>
      <form onSubmit={(e) => void submit(e)} noValidate className="subform">
        <div className={error ? 'field field-error' : 'field'}>
          <label htmlFor="import-files">Case files, as YAML or JSON</label>
          <p className="hint" id="import-files-hint">
            <Term id="case-file">Case files</Term> downloaded from a case page, or written by hand.
            A case already here gets a new revision; each file is saved whole or not at all.
          </p>
          {error ? (
            <p className="error-message" id="import-files-error">
              <span className="visually-hidden">Problem: </span>
              {error}
            </p>
          ) : null}
          <input
            ref={input}
            id="import-files"
            type="file"
            multiple
            accept=".yaml,.yml,.json,application/yaml,application/json,text/yaml"
            aria-invalid={error ? true : undefined}
            aria-describedby={`import-files-hint${error ? ' import-files-error' : ''}`}
          />
        </div>
        <div className="button-row">
          <button type="submit" className="button secondary" disabled={busy}>
            {busy ? 'Importing…' : 'Import'}
          </button>
        </div>
      </form>
      {result ? (
        <div className="import-outcome" ref={outcome} tabIndex={-1} role="status">
          {'status' in result ? (
            <ProblemAlert problem={result} />
          ) : (
            <>
              <p>
                <strong>
                  {result.failed === 0
                    ? `Imported ${result.saved === 1 ? 'the file' : `all ${result.saved} files`}.`
                    : result.saved === 0
                      ? 'Nothing was imported.'
                      : `Imported ${result.saved} of ${result.saved + result.failed} files.`}
                </strong>
              </p>
              <ul>
                {result.files.map((f) => (
                  <li key={f.file}>
                    {f.file}:{' '}
                    {f.ok ? (
                      <ul>
                        {f.cases.map((c) => (
                          <li key={c.id}>
                            <Link href={paths.case(workspace, c.id)}>{c.id}</Link>{' '}
                            {STATUS_WORDS[c.status]} (revision {c.revision})
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <>
                        not imported, because:
                        <ul>
                          {f.problems.map((p, i) => (
                            <li key={i}>
                              {p.line !== undefined
                                ? `Line ${p.line}${p.column !== undefined ? `, column ${p.column}` : ''}`
                                : ''}
                              {p.field ? ` (${p.field})` : ''}
                              {p.line !== undefined || p.field ? ': ' : ''}
                              {p.message}
                            </li>
                          ))}
                        </ul>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      ) : null}
    </details>
  );
}
