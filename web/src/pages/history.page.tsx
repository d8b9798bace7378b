/** The history of a case: its revisions, what changed between two in plain words, and going back to one. */
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { extras, type RevisionInfo } from '../api-extras.js';
import { api, type CaseView, type Problem } from '../api.js';
import { when } from '../case-extras/extras-words.js';
import { plainDiff } from '../case-extras/plain-diff.js';
import { canEdit, useWorkspace } from '../case-extras/use-workspace.js';
import '../case-extras/extras.css';
import { paths } from '../paths.js';
import { Link, navigate, useLocation } from '../router.js';
import { announce } from '../ui/announcer.js';
import { Page } from '../ui/page.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { NotFoundPage } from './not-found.page.js';

type Loaded = { readonly view: CaseView; readonly revisions: readonly RevisionInfo[] };

export function HistoryPage({ workspace, caseId }: { workspace: string; caseId: string }) {
  const [loaded, setLoaded] = useState<Loaded | Problem>();
  const load = useCallback(async () => {
    const [view, revisions] = await Promise.all([
      api.case(workspace, caseId),
      extras.revisions(workspace, caseId),
    ]);
    if (!view.ok) setLoaded(view.problem);
    else if (!revisions.ok) setLoaded(revisions.problem);
    else setLoaded({ view: view.value, revisions: revisions.value.revisions });
  }, [workspace, caseId]);
  useEffect(() => {
    void load();
  }, [load]);

  if (loaded === undefined)
    return (
      <Page title="History" busy>
        <p aria-busy="true">Loading the history…</p>
      </Page>
    );
  if ('status' in loaded)
    return loaded.status === 404 ? (
      <NotFoundPage
        title="Case not found"
        detail={`There is no case “${caseId}” here, or you do not have access to it.`}
      />
    ) : (
      <Page title="The history could not be shown">
        <ProblemAlert problem={loaded} />
      </Page>
    );
  return (
    <History workspace={workspace} view={loaded.view} revisions={loaded.revisions} reload={load} />
  );
}

function History({
  workspace,
  view,
  revisions,
  reload,
}: {
  workspace: string;
  view: CaseView;
  revisions: readonly RevisionInfo[];
  reload: () => Promise<void>;
}) {
  const info = useWorkspace(workspace);
  const editor = canEdit(info);
  const { query } = useLocation();
  const newest = revisions[0]?.number ?? view.revision;
  const oldest = revisions[revisions.length - 1]?.number ?? 1;
  const numberOr = (value: string | null, fallback: number) => {
    const n = Number(value);
    return revisions.some((r) => r.number === n) ? n : fallback;
  };
  const to = numberOr(query.get('to'), newest);
  const from = numberOr(query.get('from'), revisions.find((r) => r.number < to)?.number ?? oldest);
  const [confirm, setConfirm] = useState<number>();
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const tableHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (confirm !== undefined) confirmButton.current?.focus();
  }, [confirm]);

  const compare = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams({
      from: String(form.get('from') ?? from),
      to: String(form.get('to') ?? to),
    });
    navigate(`${paths.case(workspace, view.id)}/history?${next.toString()}`, { replace: true });
  };

  const revert = async (number: number) => {
    setBusy(true);
    const result = await extras.revert(workspace, view.id, number, view.revision);
    setBusy(false);
    setConfirm(undefined);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setProblem(undefined);
    announce(
      `Revision ${number} is the current version again, saved as revision ${result.value.revision}.`,
    );
    await reload();
    tableHeading.current?.focus();
  };

  return (
    <Page
      title={`History: ${view.document.title}`}
      heading="History of changes"
      before={
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <ol>
            <li>
              <Link href={paths.case(workspace, view.id)}>{view.document.title}</Link>
            </li>
            <li aria-current="page">History</li>
          </ol>
        </nav>
      }
    >
      <p className="lede">
        Every save of “{view.document.title}” is kept as a revision, with who made it and why.
        Nothing is ever overwritten: going back to an earlier revision saves it again as a new one.
      </p>
      <ProblemAlert problem={problem} />
      <h2 id="revisions-heading" ref={tableHeading} tabIndex={-1}>
        Revisions, newest first
      </h2>
      <div className="table-scroll" role="region" aria-labelledby="revisions-heading" tabIndex={0}>
        <table className="data-table revisions">
          <thead>
            <tr>
              <th scope="col">Revision</th>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What they said about it</th>
              {editor ? <th scope="col">Go back</th> : null}
            </tr>
          </thead>
          <tbody>
            {revisions.map((r) => (
              <tr key={r.number}>
                <th scope="row">
                  {r.number}
                  {r.number === view.revision ? (
                    <span className="current-tag"> (current)</span>
                  ) : null}
                </th>
                <td>{when(r.createdAt)}</td>
                <td>{r.authorName}</td>
                <td>{r.message || <span className="meta">No message</span>}</td>
                {editor ? (
                  <td>
                    {r.number === view.revision ? (
                      <span className="meta">This is the current version</span>
                    ) : confirm === r.number ? (
                      <div
                        className="confirm"
                        role="group"
                        aria-labelledby={`revert-q-${r.number}`}
                      >
                        <p id={`revert-q-${r.number}`}>
                          Make revision {r.number} the current version? It is saved again as
                          revision {view.revision + 1}; revisions in between stay in the history.
                        </p>
                        <div className="button-row">
                          <button
                            type="button"
                            ref={confirmButton}
                            className="button primary"
                            disabled={busy}
                            onClick={() => void revert(r.number)}
                          >
                            Yes, go back to revision {r.number}
                          </button>
                          <button
                            type="button"
                            className="button secondary"
                            onClick={() => {
                              setConfirm(undefined);
                              window.setTimeout(
                                () => document.getElementById(`revert-${r.number}`)?.focus(),
                                0,
                              );
                            }}
                          >
                            Cancel
                          </button>
                        </div>
                      </div>
                    ) : (
                      <button
                        type="button"
                        id={`revert-${r.number}`}
                        className="button secondary small"
                        onClick={() => setConfirm(r.number)}
                      >
                        Go back to revision {r.number}
                      </button>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 id="compare-heading">What changed between two revisions</h2>
      {revisions.length < 2 ? (
        <p>This case has only one revision so far: there is nothing to compare.</p>
      ) : (
        <>
          <form className="compare-form" onSubmit={compare} aria-labelledby="compare-heading">
            <div className="field">
              <label htmlFor="diff-from">From revision</label>
              <select id="diff-from" name="from" defaultValue={from} key={`from-${from}`}>
                {revisions.map((r) => (
                  <option key={r.number} value={r.number}>
                    {r.number} — {r.authorName}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="diff-to">To revision</label>
              <select id="diff-to" name="to" defaultValue={to} key={`to-${to}`}>
                {revisions.map((r) => (
                  <option key={r.number} value={r.number}>
                    {r.number} — {r.authorName}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button secondary">
              Show the changes
            </button>
          </form>
          <Changes workspace={workspace} caseId={view.id} from={from} to={to} />
        </>
      )}
    </Page>
  );
}

function Changes({
  workspace,
  caseId,
  from,
  to,
}: {
  workspace: string;
  caseId: string;
  from: number;
  to: number;
}) {
  const [result, setResult] = useState<{ lines: string[]; patch: string } | Problem>();
  useEffect(() => {
    let live = true;
    setResult(undefined);
    void Promise.all([
      extras.revision(workspace, caseId, from),
      extras.revision(workspace, caseId, to),
      extras.diff(workspace, caseId, from, to),
    ]).then(([a, b, patch]) => {
      if (!live) return;
      if (!a.ok) return setResult(a.problem);
      if (!b.ok) return setResult(b.problem);
      if (!patch.ok) return setResult(patch.problem);
      setResult({ lines: plainDiff(a.value.document, b.value.document), patch: patch.value.patch });
    });
    return () => {
      live = false;
    };
  }, [workspace, caseId, from, to]);
  return (
    <section aria-labelledby="changes-heading" className="changes" aria-live="polite">
      <h3 id="changes-heading">
        From revision {from} to revision {to}
      </h3>
      {result === undefined ? (
        <p aria-busy="true">Comparing…</p>
      ) : 'status' in result ? (
        <ProblemAlert problem={result} />
      ) : (
        <>
          {result.lines.length === 0 ? (
            <p>Nothing differs between these two revisions.</p>
          ) : (
            <ul className="plain-diff">
              {result.lines.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          )}
          <details className="raw-diff">
            <summary>Show the changes to the case file, line by line</summary>
            <pre tabIndex={0} aria-label="Changes to the case file">
              {result.patch}
            </pre>
          </details>
        </>
      )}
    </section>
  );
}
