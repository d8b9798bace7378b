/** A workspace's members and their roles, and invitation links (owners change and invite). */
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { extras, type Member, type Role } from '../api-extras.js';
import type { Problem, Workspace } from '../api.js';
import { CopyField } from '../case-extras/copy-field.js';
import { ROLE_WORDS, day, when } from '../case-extras/extras-words.js';
import { PendingInvitations } from '../case-extras/pending-invitations.js';
import { isOwner, useWorkspace } from '../case-extras/use-workspace.js';
import '../case-extras/extras.css';
import { extraPaths } from '../extra-paths.js';
import { paths } from '../paths.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';
import { announce } from '../ui/announcer.js';
import { Page } from '../ui/page.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { NotFoundPage } from './not-found.page.js';

const ROLES: readonly Role[] = ['viewer', 'editor', 'owner'];

export function WorkspaceMembersPage({ workspace }: { workspace: string }) {
  const info = useWorkspace(workspace);
  if (info === undefined)
    return (
      <Page title="Members" busy>
        <p aria-busy="true">Loading…</p>
      </Page>
    );
  if ('status' in info || info.kind === 'library' || info.role === null)
    return (
      <NotFoundPage
        title="Workspace not found"
        detail="There is no workspace here, or you are not one of its members."
      />
    );
  return <Members info={info} />;
}

function Members({ info }: { info: Workspace }) {
  const session = useSession();
  const owner = isOwner(info);
  const [members, setMembers] = useState<readonly Member[] | Problem>();
  const [problem, setProblem] = useState<Problem>();
  const [confirm, setConfirm] = useState<string>();
  const confirmButton = useRef<HTMLButtonElement>(null);

  const load = useCallback(async () => {
    const r = await extras.members(info.id);
    setMembers(r.ok ? r.value.members : r.problem);
  }, [info.id]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (confirm) confirmButton.current?.focus();
  }, [confirm]);

  const changeRole = async (event: FormEvent<HTMLFormElement>, member: Member) => {
    event.preventDefault();
    const form = event.currentTarget;
    const role = String(new FormData(form).get('role') ?? '') as Role;
    if (role === member.role) return;
    const r = await extras.setRole(info.id, member.userId, role);
    if (!r.ok) {
      // The role did not change: the choice goes back to what it is.
      form.reset();
      return setProblem(r.problem);
    }
    setProblem(undefined);
    announce(`${member.name} is now ${ROLE_WORDS[role].name.toLowerCase()}.`);
    await load();
  };
  const remove = async (member: Member) => {
    const r = await extras.removeMember(info.id, member.userId);
    setConfirm(undefined);
    if (!r.ok) return setProblem(r.problem);
    setProblem(undefined);
    announce(`${member.name} is removed from the workspace.`);
    await load();
  };

  return (
    <Page
      title={`Members: ${info.name}`}
      heading={`Members of ${info.name}`}
      before={
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <ol>
            <li>
              <Link href={paths.workspace(info.id)}>{info.name}</Link>
            </li>
            <li aria-current="page">Members</li>
          </ol>
        </nav>
      }
    >
      <p className="lede">
        {owner
          ? 'Who can see and change this workspace’s cases. As an owner, you can change roles, remove people and invite new ones.'
          : 'Who can see and change this workspace’s cases. Only owners can change roles or invite people.'}
      </p>
      <dl className="roles-explained">
        {ROLES.map((role) => (
          <div key={role}>
            <dt>{ROLE_WORDS[role].name}</dt>
            <dd>{ROLE_WORDS[role].can}.</dd>
          </div>
        ))}
      </dl>
      {owner ? (
        <p className="notice" id="last-owner-rule">
          A workspace always needs at least one owner. To step down as the last owner, or to remove
          them, first make someone else an owner.
        </p>
      ) : null}
      <ProblemAlert problem={problem} />
      <h2 id="members-heading">Members</h2>
      {members === undefined ? (
        <p aria-busy="true">Loading the members…</p>
      ) : 'status' in members ? (
        <ProblemAlert problem={members} />
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="members-heading" tabIndex={0}>
          <table className="data-table members">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email address</th>
                <th scope="col">Role</th>
                <th scope="col">Member since</th>
                {owner ? <th scope="col">Remove</th> : null}
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.userId}>
                  <th scope="row">
                    {m.name}
                    {m.userId === session.user?.id ? <span className="meta"> (you)</span> : null}
                  </th>
                  <td>{m.email}</td>
                  <td>
                    {owner ? (
                      <form className="role-form" onSubmit={(e) => void changeRole(e, m)}>
                        <label className="visually-hidden" htmlFor={`role-${m.userId}`}>
                          Role of {m.name}
                        </label>
                        <select
                          id={`role-${m.userId}`}
                          name="role"
                          defaultValue={m.role}
                          key={`${m.userId}-${m.role}`}
                        >
                          {ROLES.map((role) => (
                            <option key={role} value={role}>
                              {ROLE_WORDS[role].name}
                            </option>
                          ))}
                        </select>
                        <button type="submit" className="button secondary small">
                          Change<span className="visually-hidden"> the role of {m.name}</span>
                        </button>
                      </form>
                    ) : (
                      ROLE_WORDS[m.role].name
                    )}
                  </td>
                  <td>{day(m.since)}</td>
                  {owner ? (
                    <td>
                      {confirm === m.userId ? (
                        <div
                          className="confirm"
                          role="group"
                          aria-labelledby={`remove-q-${m.userId}`}
                        >
                          <p id={`remove-q-${m.userId}`}>
                            Remove {m.name}? They lose access at once; the cases they recorded stay.
                          </p>
                          <div className="button-row">
                            <button
                              type="button"
                              ref={confirmButton}
                              className="button primary small"
                              onClick={() => void remove(m)}
                            >
                              Yes, remove
                            </button>
                            <button
                              type="button"
                              className="button secondary small"
                              onClick={() => setConfirm(undefined)}
                            >
                              Cancel
                            </button>
                          </div>
                        </div>
                      ) : (
                        <button
                          type="button"
                          className="button secondary small"
                          onClick={() => setConfirm(m.userId)}
                        >
                          Remove<span className="visually-hidden"> {m.name}</span>
                        </button>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {owner ? <Invite workspace={info.id} /> : null}
    </Page>
  );
}

function Invite({ workspace }: { workspace: string }) {
  const [made, setMade] = useState<{ id: string; url: string; role: Role; expiresAt: string }>();
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (made) document.getElementById('invitation-link')?.focus();
  }, [made]);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const role = String(new FormData(event.currentTarget).get('invite-role') ?? 'editor') as Role;
    setBusy(true);
    const r = await extras.invite(workspace, role);
    setBusy(false);
    if (!r.ok) return setProblem(r.problem);
    setProblem(undefined);
    setMade({
      id: r.value.id,
      url: `${window.location.origin}${extraPaths.join(r.value.token)}`,
      role: r.value.role,
      expiresAt: r.value.expiresAt,
    });
    announce('An invitation link is made.');
  };
  return (
    <section aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite someone</h2>
      <p>
        Make a link and send it to the person you want to invite. Whoever opens it can join once,
        with the role you choose, by creating an account or signing in.
      </p>
      <ProblemAlert problem={problem} />
      <form onSubmit={(e) => void submit(e)} className="stack narrow">
        <fieldset>
          <legend>What may they do?</legend>
          {ROLES.map((role) => (
            <label key={role} className="choice">
              <input
                type="radio"
                name="invite-role"
                value={role}
                defaultChecked={role === 'editor'}
              />
              <span>
                <strong>{ROLE_WORDS[role].name}</strong>: {ROLE_WORDS[role].can}
              </span>
            </label>
          ))}
        </fieldset>
        <div>
          <button type="submit" className="button primary" disabled={busy}>
            Make an invitation link
          </button>
        </div>
      </form>
      {made ? (
        <CopyField
          id="invitation-link"
          label={`Invitation link (${ROLE_WORDS[made.role].name.toLowerCase()})`}
          value={made.url}
          hint={`It works once, until ${when(made.expiresAt)}. Coprism shows it only now: send it only to the person you mean.`}
        />
      ) : null}
      <PendingInvitations
        workspace={workspace}
        refresh={made?.id ?? ''}
        onWithdrawn={(id) => {
          // The link just shown no longer works: it is not left on the screen to be sent.
          if (made?.id === id) setMade(undefined);
        }}
      />
    </section>
  );
}
