/** "Your drafts": the cases you are recording or changing in a workspace, to carry on or throw away. */
import { useEffect, useState } from 'react';
import { api, type Problem, type Workspace } from '../api.js';
import { LIBRARY, paths } from '../paths.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';
import { announce } from '../ui/announcer.js';
import { Page } from '../ui/page.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { draftsApi, type DraftListing } from '../interview/drafts-api.js';
import { RecordEntry } from '../interview/entry-points.js';
import { draftPath } from '../interview/paths.js';

const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function DraftsPage({ workspace }: { workspace: string }) {
  const session = useSession();
  const [info, setInfo] = useState<Workspace>();
  const [drafts, setDrafts] = useState<readonly DraftListing[]>();
  const [problem, setProblem] = useState<Problem>();
  const [confirming, setConfirming] = useState<string>();

  useEffect(() => {
    let live = true;
    void api.workspace(workspace).then((r) => live && r.ok && setInfo(r.value));
    void draftsApi.list(workspace).then((r) => {
      if (!live) return;
      if (r.ok) setDrafts(r.value.drafts);
      else setProblem(r.problem);
    });
    return () => {
      live = false;
    };
  }, [workspace, session.user]);

  const remove = async (draft: DraftListing) => {
    const r = await draftsApi.remove(workspace, draft.id);
    setConfirming(undefined);
    if (!r.ok) {
      setProblem(r.problem);
      return;
    }
    setDrafts((list) => list?.filter((d) => d.id !== draft.id));
    announce(`Threw away the draft “${draft.title ?? 'untitled'}”.`);
    window.document.getElementById('drafts-heading')?.focus();
  };

  const place = workspace === LIBRARY ? 'Case library' : (info?.name ?? 'Workspace');
  return (
    <Page
      title="Your drafts"
      before={
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <ol>
            <li>
              <Link href={paths.workspace(workspace)}>{place}</Link>
            </li>
            <li aria-current="page">Your drafts</li>
          </ol>
        </nav>
      }
    >
      <p className="lede">
        Cases you have started to record or change here. Every answer is saved as you go; only you
        can see a draft until you publish it.
      </p>
      {problem && (problem.status === 401 || problem.status === 403) ? (
        <p className="notice">
          {session.user
            ? 'You can’t record cases in this workspace: ask one of its owners to make you an editor.'
            : 'Sign in to see your drafts.'}{' '}
          {session.user ? null : <Link href={paths.signIn}>Sign in</Link>}
        </p>
      ) : (
        <ProblemAlert problem={problem} />
      )}
      <RecordEntry workspace={workspace} role={info?.role} draftsLink={false} />
      <h2 id="drafts-heading" tabIndex={-1}>
        {drafts === undefined
          ? 'Drafts'
          : drafts.length === 0
            ? 'No drafts'
            : drafts.length === 1
              ? 'One draft'
              : `${drafts.length} drafts`}
      </h2>
      {drafts === undefined ? (
        problem ? null : (
          <p aria-busy="true">Loading your drafts…</p>
        )
      ) : drafts.length === 0 ? (
        <p>You have no drafts here.</p>
      ) : (
        <ul className="drafts-list">
          {drafts.map((d) => {
            const title = d.title ?? 'A new initiative, not yet named';
            return (
              <li key={d.id}>
                <h3>
                  <Link href={draftPath(workspace, d.id)}>
                    {d.case ? `Change to “${title}”` : title}
                  </Link>
                </h3>
                <p className="meta">
                  {d.case ? 'A change to a published case' : 'A new case'} · last saved{' '}
                  {when(d.updatedAt)}
                </p>
                <div className="button-row">
                  <Link href={draftPath(workspace, d.id)} className="button secondary">
                    Carry on<span className="visually-hidden"> with “{title}”</span>
                  </Link>
                  {confirming === d.id ? (
                    <>
                      <button
                        type="button"
                        className="link-button danger"
                        onClick={() => void remove(d)}
                      >
                        Yes, throw “{title}” away
                      </button>
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => setConfirming(undefined)}
                      >
                        Keep it
                      </button>
                    </>
                  ) : (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => setConfirming(d.id)}
                    >
                      Throw away<span className="visually-hidden"> “{title}”</span>
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </Page>
  );
}
