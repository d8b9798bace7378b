/** What one can do with a case beyond reading it: add one's own account, share, export, report, history, similar cases. */
import { useEffect, useRef, useState } from 'react';
import { extras, files, type SimilarCase } from '../api-extras.js';
import type { CaseView, Problem } from '../api.js';
import { extraPaths } from '../extra-paths.js';
import { Term } from '../glossary/term.js';
import { paths } from '../paths.js';
import { Link } from '../router.js';
import { announce } from '../ui/announcer.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { CopyField } from './copy-field.js';
import { PLURAL_WORDS, kindWords, stageName } from './extras-words.js';
import { takeFlash } from './flash.js';
import { canEdit, useWorkspace } from './use-workspace.js';
import './extras.css';

/** Near the top of a case: a message left by the last action, and links to the tools below. */
export function CaseToolsNav({ workspace, view }: { workspace: string; view: CaseView }) {
  const info = useWorkspace(workspace);
  const editor = canEdit(info);
  const [flash] = useState(() => takeFlash(paths.case(workspace, view.id)));
  return (
    <>
      {flash ? (
        <div className="flash" role="status">
          <p>{flash}</p>
        </div>
      ) : null}
      <nav aria-label="This case" className="case-tools-nav">
        <ul>
          {editor ? (
            <li>
              <Link
                href={extraPaths.myAccount(workspace, view.id)}
                className="button secondary"
                id="add-my-account"
              >
                Add my account
              </Link>
            </li>
          ) : null}
          <li>
            <a href="#take-it-with-you" className="button secondary">
              {editor ? 'Share, export and report' : 'Export and report'}
            </a>
          </li>
          <li>
            <Link href={extraPaths.history(workspace, view.id)} className="button secondary">
              History
            </Link>
          </li>
          <li>
            <a href="#similar-heading" className="button secondary">
              Similar cases
            </a>
          </li>
        </ul>
      </nav>
    </>
  );
}

/** Near the end of a case: share, export and report, then the most similar cases. */
export function CaseToolsSections({ workspace, view }: { workspace: string; view: CaseView }) {
  const info = useWorkspace(workspace);
  const editor = canEdit(info);
  return (
    <>
      <section aria-labelledby="take-it-with-you" className="case-tools">
        <h2 id="take-it-with-you" tabIndex={-1}>
          {editor ? 'Share, export and report' : 'Export and report'}
        </h2>
        <div className="tool-cards">
          <ReportTool workspace={workspace} view={view} />
          <ExportTool workspace={workspace} view={view} />
          {editor ? <ShareTool workspace={workspace} view={view} /> : null}
        </div>
      </section>
      <SimilarCases workspace={workspace} view={view} />
    </>
  );
}

function ReportTool({ workspace, view }: { workspace: string; view: CaseView }) {
  return (
    <div className="tool-card">
      <h3>A report to take to a board or a journal</h3>
      <p>
        The reading with its reasons, who did what as a figure and a table, the{' '}
        <Term id="ladder">ladders of participation</Term> and a <Term id="gripp2" /> draft, for
        revision {view.revision}.
      </p>
      <ul className="tool-links">
        <li>
          <a
            className="button secondary"
            href={files.report(workspace, view.id, 'html')}
            target="_blank"
            rel="noopener"
          >
            Open the report<span className="visually-hidden"> (opens in a new tab)</span>
          </a>
        </li>
        <li>
          <a className="button secondary" href={files.report(workspace, view.id, 'pdf')} download>
            Download the report as PDF
          </a>
        </li>
        <li>
          <a
            className="button secondary"
            href={files.report(workspace, view.id, 'markdown')}
            download
          >
            Download the report as Markdown
          </a>
        </li>
      </ul>
    </div>
  );
}

function ExportTool({ workspace, view }: { workspace: string; view: CaseView }) {
  return (
    <div className="tool-card">
      <h3>The case file</h3>
      <p>
        Everything recorded about this case, as Coprism reads it. It can be kept, edited by hand or
        imported again elsewhere; nothing is lost on the way.
      </p>
      <ul className="tool-links">
        <li>
          <a className="button secondary" href={files.export(workspace, view.id, 'yaml')} download>
            Download as YAML
          </a>
        </li>
        <li>
          <a className="button secondary" href={files.export(workspace, view.id, 'json')} download>
            Download as JSON
          </a>
        </li>
      </ul>
    </div>
  );
}

type ShareState =
  | { readonly kind: 'none' }
  | { readonly kind: 'out' }
  | { readonly kind: 'made'; readonly url: string };

function ShareTool({ workspace, view }: { workspace: string; view: CaseView }) {
  const [state, setState] = useState<ShareState>({ kind: view.shared ? 'out' : 'none' });
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const makeButton = useRef<HTMLButtonElement>(null);
  const withdrawButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (state.kind === 'made') document.getElementById('share-link')?.focus();
  }, [state]);
  useEffect(() => {
    if (confirming) withdrawButton.current?.focus();
  }, [confirming]);

  const make = async () => {
    setBusy(true);
    const result = await extras.share(workspace, view.id);
    setBusy(false);
    if (!result.ok) return setProblem(result.problem);
    setProblem(undefined);
    setState({ kind: 'made', url: `${window.location.origin}${result.value.path}` });
    announce('A read-only link is made.');
  };
  const withdraw = async () => {
    setBusy(true);
    const result = await extras.unshare(workspace, view.id);
    setBusy(false);
    setConfirming(false);
    if (!result.ok) return setProblem(result.problem);
    setProblem(undefined);
    setState({ kind: 'none' });
    announce('The link is withdrawn. It no longer opens the case.');
    window.setTimeout(() => makeButton.current?.focus(), 0);
  };
  return (
    <div className="tool-card share-tool">
      <h3>Share a read-only link</h3>
      <p>
        Anyone who has the link can read this case and its reading, without an account. They cannot
        change it, and they see nothing else in this workspace. You can withdraw the link at any
        time.
      </p>
      <ProblemAlert problem={problem} />
      {state.kind === 'made' ? (
        <CopyField
          id="share-link"
          label="The read-only link"
          value={state.url}
          hint="Coprism shows this link only now. Copy it and keep it; making a new link stops this one working."
        />
      ) : state.kind === 'out' ? (
        <p className="notice">
          This case is shared by a link. Coprism shows a link only when it is made: make a new one
          to see it (the old one then stops working), or withdraw it.
        </p>
      ) : (
        <p className="meta">This case is not shared.</p>
      )}
      <div className="button-row">
        <button
          type="button"
          ref={makeButton}
          className="button secondary"
          disabled={busy}
          onClick={() => void make()}
        >
          {state.kind === 'none' ? 'Make a read-only link' : 'Make a new link'}
        </button>
        {state.kind !== 'none' && !confirming ? (
          <button
            type="button"
            className="button secondary"
            disabled={busy}
            onClick={() => setConfirming(true)}
          >
            Withdraw the link
          </button>
        ) : null}
      </div>
      {confirming ? (
        <div className="confirm" role="group" aria-labelledby="withdraw-question">
          <p id="withdraw-question">
            <strong>Withdraw the link?</strong> Anyone who opens it will be told the case is no
            longer shared.
          </p>
          <div className="button-row">
            <button
              type="button"
              ref={withdrawButton}
              className="button primary"
              disabled={busy}
              onClick={() => void withdraw()}
            >
              Yes, withdraw it
            </button>
            <button
              type="button"
              className="button secondary"
              onClick={() => {
                setConfirming(false);
                window.setTimeout(() => makeButton.current?.focus(), 0);
              }}
            >
              No, keep it
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}

/** "Delivery: here service users were in charge; there they were asked for their views." */
export function differenceWords(d: SimilarCase['differences'][number]): string {
  const who = kindWords(d.kind);
  const here =
    d.here === null ? `nothing is recorded for ${who}` : `${who} ${PLURAL_WORDS[d.here]}`;
  const there =
    d.there === null
      ? d.here === null
        ? 'nor there'
        : 'there it is not recorded'
      : d.here === null
        ? `there ${who} ${PLURAL_WORDS[d.there]}`
        : `there they ${PLURAL_WORDS[d.there]}`;
  return `${stageName(d.stage)}: here ${here}; ${there}.`;
}

const SHOWN_DIFFERENCES = 3;
const RANK = ['none', 'informed', 'consulted', 'partner', 'leads'] as const;

/** Differences in level between two recorded cells tell most; a cell recorded on one side only, less. */
const weight = (d: SimilarCase['differences'][number]): number =>
  d.here !== null && d.there !== null
    ? 10 + Math.abs(RANK.indexOf(d.here) - RANK.indexOf(d.there))
    : 0;

function SimilarCases({ workspace, view }: { workspace: string; view: CaseView }) {
  const [similar, setSimilar] = useState<readonly SimilarCase[] | Problem>();
  useEffect(() => {
    let live = true;
    void extras
      .similar(workspace, view.id)
      .then((r) => live && setSimilar(r.ok ? r.value.similar : r.problem));
    return () => {
      live = false;
    };
  }, [workspace, view.id, view.revision]);
  return (
    <section aria-labelledby="similar-heading" className="similar">
      <h2 id="similar-heading" tabIndex={-1}>
        Similar cases in the library
      </h2>
      <p>
        The cases whose who-did-what grids have the most alike shape: the same kinds of people at
        the same stages, with the same say. What differs is listed, most telling first.
      </p>
      {similar === undefined ? (
        <p aria-busy="true">Looking for similar cases…</p>
      ) : 'status' in similar ? (
        <ProblemAlert problem={similar} />
      ) : similar.length === 0 ? (
        <p>The library has no case to compare this with yet.</p>
      ) : (
        <ol className="similar-list">
          {similar.map((s) => (
            <li key={`${s.workspace}/${s.id}`}>
              <p className="similar-title">
                <Link href={paths.case(s.workspace, s.id)}>{s.title}</Link>{' '}
                <span className="meta">
                  ({Math.round(s.score * 100)}% alike
                  {s.differences.length === 0
                    ? ', with nothing different'
                    : `, ${s.differences.length} ${s.differences.length === 1 ? 'difference' : 'differences'}`}
                  )
                </span>
              </p>
              {s.differences.length > 0 ? (
                <ul className="differences">
                  {[...s.differences]
                    .sort((a, b) => weight(b) - weight(a))
                    .slice(0, SHOWN_DIFFERENCES)
                    .map((d) => (
                      <li key={`${d.kind}-${d.stage}`}>{differenceWords(d)}</li>
                    ))}
                  {s.differences.length > SHOWN_DIFFERENCES ? (
                    <li className="meta">
                      and {s.differences.length - SHOWN_DIFFERENCES} more{' '}
                      {s.differences.length - SHOWN_DIFFERENCES === 1
                        ? 'difference'
                        : 'differences'}
                    </li>
                  ) : null}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
