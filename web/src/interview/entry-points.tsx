/** The ways into the interview: "Record a new initiative", "Change this case", and "Your drafts". */
import { useEffect, useState } from 'react';
import { api, type Problem, type Workspace } from '../api.js';
import { Link, navigate } from '../router.js';
import { useSession } from '../session.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { draftsApi, type DraftListing } from './drafts-api.js';
import { draftPath, draftsPath } from './paths.js';
import './entry.css';

const canWrite = (role: Workspace['role'] | undefined): boolean =>
  role === 'owner' || role === 'editor';

/** Starts a draft (of a new case, or of a change to `caseId`) and opens the interview on it. */
function useStart(workspace: string) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const start = async (caseId?: string) => {
    setBusy(true);
    setProblem(undefined);
    const r = await draftsApi.start(workspace, caseId ? { caseId } : {});
    setBusy(false);
    if (r.ok) navigate(draftPath(workspace, r.value.id));
    else setProblem(r.problem);
  };
  return { busy, problem, start };
}

/** On a workspace page, for its editors and owners. */
export function RecordEntry({
  workspace,
  role,
  draftsLink = true,
}: {
  workspace: string;
  role: Workspace['role'] | undefined;
  draftsLink?: boolean;
}) {
  const { busy, problem, start } = useStart(workspace);
  if (!canWrite(role)) return null;
  return (
    <div className="record-entry">
      <div className="button-row">
        <button
          type="button"
          className="button primary"
          disabled={busy}
          onClick={() => void start()}
        >
          {busy ? 'Starting…' : 'Record a new initiative'}
        </button>
        {draftsLink ? <Link href={draftsPath(workspace)}>Your drafts</Link> : null}
      </div>
      <ProblemAlert problem={problem} />
    </div>
  );
}

/** On a case page, for its workspace's editors and owners: change it, or carry on with a change. */
export function ChangeCaseEntry({ workspace, caseId }: { workspace: string; caseId: string }) {
  const session = useSession();
  const [role, setRole] = useState<Workspace['role']>(null);
  const [mine, setMine] = useState<DraftListing>();
  const { busy, problem, start } = useStart(workspace);
  useEffect(() => {
    let live = true;
    if (!session.user) {
      setRole(null);
      return undefined;
    }
    void api.workspace(workspace).then((r) => {
      if (!live || !r.ok) return;
      setRole(r.value.role);
      if (canWrite(r.value.role))
        void draftsApi.list(workspace).then((d) => {
          if (live && d.ok) setMine(d.value.drafts.find((x) => x.case === caseId));
        });
    });
    return () => {
      live = false;
    };
  }, [workspace, caseId, session.user]);
  if (!canWrite(role)) return null;
  return (
    <div className="record-entry">
      <div className="button-row">
        {mine ? (
          <Link className="button primary" href={draftPath(workspace, mine.id)}>
            Carry on with your change
          </Link>
        ) : null}
        <button
          type="button"
          className={mine ? 'button secondary' : 'button primary'}
          disabled={busy}
          onClick={() => void start(caseId)}
        >
          {busy ? 'Starting…' : mine ? 'Start a new change' : 'Change this case'}
        </button>
        <Link href={draftsPath(workspace)}>Your drafts</Link>
      </div>
      <ProblemAlert problem={problem} />
    </div>
  );
}
