/** The last step: what is still missing, the whole reading, and publishing the case. */
import { forwardRef, useEffect, useRef, useState, type FormEvent } from 'react';
import type { Problem } from '../api.js';
import { paths } from '../paths.js';
import { Link, navigate } from '../router.js';
import { announce } from '../ui/announcer.js';
import { WarningShape } from '../ui/shapes.js';
import type { DraftCase } from './document.js';
import { draftsApi } from './drafts-api.js';
import { FullReading, MissingList } from './reading-so-far.js';
import type { Step } from './steps.js';
import type { DraftState } from './use-draft.js';

export function ReviewStep({
  workspace,
  state,
  goTo,
}: {
  workspace: string;
  state: DraftState;
  goTo: (step: Step) => void;
}) {
  const { draft, doc, checked } = state;
  const isEdit = draft.case !== null;
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const alert = useRef<HTMLDivElement>(null);
  // A problem in publishing takes the focus, so it is read out and its links are next.
  useEffect(() => {
    if (problem) alert.current?.focus();
  }, [problem]);

  const publish = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    const saved = await state.flush();
    const r = saved
      ? await draftsApi.publish(workspace, draft.id, message.trim() || undefined)
      : undefined;
    setBusy(false);
    if (r?.ok) {
      announce(
        isEdit ? 'Published: the case has a new revision.' : 'Published: the case is recorded.',
      );
      navigate(paths.case(workspace, r.value.id));
      return;
    }
    setProblem(
      r?.problem ??
        (state.status.kind === 'failed'
          ? state.status.problem
          : {
              status: 0,
              title: 'Not saved',
              detail:
                'Your latest answers could not be saved, so the case was not published. Try again.',
              problems: [],
            }),
    );
  };

  const complete = checked.analysis !== null && checked.problems.length === 0;
  return (
    <>
      {complete ? (
        <p className="notice">
          Everything the case needs is here. Read it through, then publish it
          {isEdit ? ' as a new revision' : ''}.
        </p>
      ) : (
        <div className="notice">
          <p>
            <strong>Before it can be published, it needs:</strong>
          </p>
          <MissingList doc={doc} problems={checked.problems} goTo={goTo} />
        </div>
      )}
      {checked.analysis && complete ? (
        <FullReading
          doc={doc as Parameters<typeof FullReading>[0]['doc']}
          analysis={checked.analysis}
        />
      ) : null}
      <form
        className="subform publish"
        onSubmit={(e) => void publish(e)}
        aria-labelledby="publish-heading"
      >
        <h3 id="publish-heading">{isEdit ? 'Publish the change' : 'Publish the case'}</h3>
        <div className="field">
          <label htmlFor="publish-message">
            {isEdit
              ? 'What changed, in a few words (optional)'
              : 'A note for the history (optional)'}
          </label>
          <input
            id="publish-message"
            value={message}
            maxLength={500}
            onChange={(e) => setMessage(e.target.value)}
            autoComplete="off"
          />
        </div>
        {problem ? (
          <PublishProblem
            ref={alert}
            problem={problem}
            workspace={workspace}
            doc={doc}
            caseId={draft.case}
            goTo={goTo}
          />
        ) : null}
        <div className="button-row">
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Publishing…' : isEdit ? 'Publish the new revision' : 'Publish the case'}
          </button>
          {!complete ? <span className="hint">Answer what is missing above first.</span> : null}
        </div>
      </form>
    </>
  );
}

const PublishProblem = forwardRef<
  HTMLDivElement,
  {
    problem: Problem;
    workspace: string;
    doc: DraftCase;
    caseId: string | null;
    goTo: (step: Step) => void;
  }
>(function PublishProblem({ problem, workspace, doc, caseId, goTo }, ref) {
  const stale = problem.status === 409 && caseId !== null;
  const taken = problem.status === 409 && caseId === null;
  return (
    <div className="problem" role="alert" tabIndex={-1} ref={ref}>
      <WarningShape />
      <div>
        {stale ? (
          <>
            <p>
              <strong>Someone else saved a change to this case after you started yours.</strong>
            </p>
            <p>
              Publishing now would undo their change, so it was not published. Your draft is kept,
              with all your answers. Open the case as it is now (in a new tab, say), compare, then
              start a new change from it and bring your answers across.
            </p>
            <p>
              <Link href={paths.case(workspace, caseId)}>See the case as it is now</Link>
            </p>
          </>
        ) : taken ? (
          <>
            <p>
              <strong>This workspace already has a case called “{doc.id}”.</strong>
            </p>
            <p>
              Your draft is kept. Give this one another short name for its web address, then publish
              again.{' '}
              <button type="button" className="link-button" onClick={() => goTo({ kind: 'about' })}>
                Change the short name
              </button>
            </p>
          </>
        ) : (
          <p>{problem.detail}</p>
        )}
      </div>
    </div>
  );
});
