/** The invitations of a workspace still waiting to be used (owners only), each of which can be withdrawn. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { extras, type PendingInvitation } from '../api-extras.js';
import type { Problem } from '../api.js';
import { announce } from '../ui/announcer.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { ROLE_WORDS, when } from './extras-words.js';

const maker = (i: PendingInvitation): string => i.createdBy.name ?? 'someone no longer here';

/** "the editor invitation Olu Owner made on 5 January 2026, 10:00", to say which one is meant. */
export const invitationWords = (i: PendingInvitation): string =>
  `the ${ROLE_WORDS[i.role].name.toLowerCase()} invitation ${maker(i)} made on ${when(i.createdAt)}`;

export function PendingInvitations({
  workspace,
  refresh,
  onWithdrawn,
}: {
  workspace: string;
  /** The invitation made last, so the list is read again when one is made. */
  refresh: string;
  onWithdrawn: (id: string) => void;
}) {
  const [list, setList] = useState<readonly PendingInvitation[] | Problem>();
  const [problem, setProblem] = useState<Problem>();
  const [confirm, setConfirm] = useState<string>();
  const [busy, setBusy] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const load = useCallback(async () => {
    const r = await extras.pendingInvitations(workspace);
    setList(r.ok ? r.value.invitations : r.problem);
  }, [workspace]);
  useEffect(() => {
    void load();
  }, [load, refresh]);
  useEffect(() => {
    if (confirm) confirmButton.current?.focus();
  }, [confirm]);

  const keep = (id: string) => {
    setConfirm(undefined);
    // Back to the button that asked, so a keyboard user is where they were.
    window.setTimeout(() => document.getElementById(`withdraw-${id}`)?.focus(), 0);
  };
  const withdraw = async (invitation: PendingInvitation) => {
    setBusy(true);
    const r = await extras.withdrawInvitation(workspace, invitation.id);
    setBusy(false);
    setConfirm(undefined);
    await load();
    heading.current?.focus();
    if (!r.ok) return setProblem(r.problem);
    setProblem(undefined);
    onWithdrawn(invitation.id);
    announce(`Withdrawn: ${invitationWords(invitation)}. Its link no longer works.`);
  };

  return (
    <section aria-labelledby="pending-heading">
      <h2 id="pending-heading" ref={heading} tabIndex={-1}>
        Invitations waiting to be used
      </h2>
      <p>
        Links are shown only once, when they are made, so they are not listed here. If a link went
        to the wrong person or is no longer needed, withdraw it: it stops working at once, and
        whoever opens it is told so.
      </p>
      <ProblemAlert problem={problem} />
      {list === undefined ? (
        <p aria-busy="true">Loading the invitations…</p>
      ) : 'status' in list ? (
        <ProblemAlert problem={list} />
      ) : list.length === 0 ? (
        <p>No invitations are waiting to be used.</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="pending-heading" tabIndex={0}>
          <table className="data-table invitations">
            <thead>
              <tr>
                <th scope="col">Role</th>
                <th scope="col">Made by</th>
                <th scope="col">Made on</th>
                <th scope="col">Works until</th>
                <th scope="col">Withdraw</th>
              </tr>
            </thead>
            <tbody>
              {list.map((i) => (
                <tr key={i.id}>
                  <th scope="row">{ROLE_WORDS[i.role].name}</th>
                  <td>{maker(i)}</td>
                  <td>{when(i.createdAt)}</td>
                  <td>{when(i.expiresAt)}</td>
                  <td>
                    {confirm === i.id ? (
                      <div className="confirm" role="group" aria-labelledby={`withdraw-q-${i.id}`}>
                        <p id={`withdraw-q-${i.id}`}>
                          Withdraw {invitationWords(i)}? Its link stops working at once; nobody can
                          join with it.
                        </p>
                        <div className="button-row">
                          <button
                            type="button"
                            ref={confirmButton}
                            className="button primary small"
                            disabled={busy}
                            onClick={() => void withdraw(i)}
                          >
                            Yes, withdraw it
                          </button>
                          <button
                            type="button"
                            className="button secondary small"
                            onClick={() => keep(i.id)}
                          >
                            No, keep it
                          </button>
                        </div>
                      </div>
                    ) : (
                      <button
                        type="button"
                        id={`withdraw-${i.id}`}
                        className="button secondary small"
                        onClick={() => setConfirm(i.id)}
                      >
                        Withdraw<span className="visually-hidden"> {invitationWords(i)}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
