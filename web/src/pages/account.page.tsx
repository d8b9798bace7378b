/** "Your account": workspaces (and making a new one), API tokens, and changing the password. */
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { extras, type ApiToken } from '../api-extras.js';
import { api, fieldMessage, type Problem, type Workspace } from '../api.js';
import { CopyField } from '../case-extras/copy-field.js';
import { ROLE_WORDS, day, when } from '../case-extras/extras-words.js';
import '../case-extras/extras.css';
import { extraPaths } from '../extra-paths.js';
import { paths } from '../paths.js';
import { Link, navigate } from '../router.js';
import { useSession } from '../session.js';
import { announce } from '../ui/announcer.js';
import { Page } from '../ui/page.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { TextField } from '../ui/text-field.js';

export function AccountPage() {
  const session = useSession();
  if (!session.loaded)
    return (
      <Page title="Your account" busy>
        <p aria-busy="true">Loading…</p>
      </Page>
    );
  if (!session.user)
    return (
      <Page title="Your account">
        <p>
          <Link href={`${paths.signIn}?next=${encodeURIComponent(extraPaths.account)}`}>
            Sign in
          </Link>{' '}
          to see your account.
        </p>
      </Page>
    );
  return (
    <Page title="Your account">
      <p className="lede">
        Signed in as <strong>{session.user.name}</strong> ({session.user.email}).
      </p>
      <Workspaces />
      <Tokens />
      <Password />
    </Page>
  );
}

function Workspaces() {
  const [workspaces, setWorkspaces] = useState<readonly Workspace[]>();
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void api.workspaces().then((r) => r.ok && setWorkspaces(r.value.workspaces));
  }, []);
  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get('workspace-name') ?? '').trim();
    setBusy(true);
    const r = await extras.createWorkspace(name);
    setBusy(false);
    if (!r.ok) return setProblem(r.problem);
    announce(`The workspace ${r.value.name} is made; you are its owner.`);
    navigate(paths.workspace(r.value.id));
  };
  const teams = (workspaces ?? []).filter((w) => w.kind === 'team');
  return (
    <section aria-labelledby="workspaces-heading">
      <h2 id="workspaces-heading">Your workspaces</h2>
      {workspaces === undefined ? (
        <p aria-busy="true">Loading…</p>
      ) : teams.length === 0 ? (
        <p>You are not a member of any workspace yet.</p>
      ) : (
        <ul className="workspace-list">
          {teams.map((w) => (
            <li key={w.id}>
              <Link href={paths.workspace(w.id)}>{w.name}</Link>{' '}
              <span className="meta">
                (you are {w.role ? ROLE_WORDS[w.role].name.toLowerCase() : 'a reader'})
              </span>{' '}
              · <Link href={extraPaths.members(w.id)}>Members</Link> ·{' '}
              <Link href={extraPaths.summary(w.id)}>Summary</Link>
            </li>
          ))}
        </ul>
      )}
      <h3>Make a new workspace</h3>
      <p>A workspace keeps a team’s cases together. You become its owner and can invite others.</p>
      <ProblemAlert problem={problem} />
      <form onSubmit={(e) => void create(e)} noValidate className="stack narrow">
        <TextField
          id="workspace-name"
          name="workspace-name"
          label="Name of the workspace"
          required
          error={fieldMessage(problem, 'name')}
        />
        <div>
          <button type="submit" className="button secondary" disabled={busy}>
            Make the workspace
          </button>
        </div>
      </form>
    </section>
  );
}

function Tokens() {
  const [tokens, setTokens] = useState<readonly ApiToken[] | Problem>();
  const [made, setMade] = useState<{ name: string; token: string }>();
  const [problem, setProblem] = useState<Problem>();
  const [confirm, setConfirm] = useState<string>();
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const load = useCallback(async () => {
    const r = await extras.tokens();
    setTokens(r.ok ? r.value.tokens : r.problem);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (made) document.getElementById('new-token')?.focus();
  }, [made]);
  useEffect(() => {
    if (confirm) document.getElementById(`revoke-yes-${confirm}`)?.focus();
  }, [confirm]);

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get('token-name') ?? '').trim();
    setBusy(true);
    const r = await extras.createToken(name);
    setBusy(false);
    if (!r.ok) return setProblem(r.problem);
    setProblem(undefined);
    setMade({ name: r.value.name, token: r.value.token });
    form.current?.reset();
    announce('The token is made. Copy it now: it is shown only once.');
    await load();
  };
  const revoke = async (token: ApiToken) => {
    const r = await extras.revokeToken(token.id);
    setConfirm(undefined);
    if (!r.ok) return setProblem(r.problem);
    setProblem(undefined);
    announce(`The token “${token.name}” is revoked. Nothing can use it any more.`);
    await load();
    heading.current?.focus();
  };

  return (
    <section aria-labelledby="tokens-heading">
      <h2 id="tokens-heading" ref={heading} tabIndex={-1}>
        API tokens
      </h2>
      <p>
        A token lets a program (a script, the command line) use Coprism as you, through the API.
        Treat it like a password. Revoke a token you no longer use.
      </p>
      <ProblemAlert problem={problem} />
      {made ? (
        <div className="notice token-made">
          <CopyField
            id="new-token"
            label={`Your new token “${made.name}”`}
            value={made.token}
            what="token"
            hint="Coprism shows it only now and cannot show it again. Copy it and keep it somewhere safe."
          />
          <button type="button" className="link-button" onClick={() => setMade(undefined)}>
            I have copied it: hide the token
          </button>
        </div>
      ) : null}
      <form ref={form} onSubmit={(e) => void create(e)} noValidate className="stack narrow">
        <TextField
          id="token-name"
          name="token-name"
          label="Name of the token"
          hint="What it is for, so you know which to revoke: “Review scripts”, say."
          required
          error={fieldMessage(problem, 'name')}
        />
        <div>
          <button type="submit" className="button secondary" disabled={busy}>
            Make a token
          </button>
        </div>
      </form>
      <h3 id="token-list-heading">Your tokens</h3>
      {tokens === undefined ? (
        <p aria-busy="true">Loading…</p>
      ) : 'status' in tokens ? (
        <ProblemAlert problem={tokens} />
      ) : tokens.length === 0 ? (
        <p>You have no API tokens.</p>
      ) : (
        <div
          className="table-scroll"
          role="region"
          aria-labelledby="token-list-heading"
          tabIndex={0}
        >
          <table className="data-table tokens">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Made</th>
                <th scope="col">Last used</th>
                <th scope="col">Revoke</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id}>
                  <th scope="row">{t.name}</th>
                  <td>{day(t.createdAt)}</td>
                  <td>{t.lastUsedAt ? when(t.lastUsedAt) : 'Never'}</td>
                  <td>
                    {confirm === t.id ? (
                      <div className="confirm" role="group" aria-labelledby={`revoke-q-${t.id}`}>
                        <p id={`revoke-q-${t.id}`}>
                          Revoke “{t.name}”? Programs using it stop working at once.
                        </p>
                        <div className="button-row">
                          <button
                            type="button"
                            id={`revoke-yes-${t.id}`}
                            className="button primary small"
                            onClick={() => void revoke(t)}
                          >
                            Yes, revoke it
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
                        onClick={() => setConfirm(t.id)}
                      >
                        Revoke<span className="visually-hidden"> “{t.name}”</span>
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

function Password() {
  const [problem, setProblem] = useState<Problem>();
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const target = event.currentTarget;
    const form = new FormData(target);
    setBusy(true);
    const r = await extras.changePassword(
      String(form.get('current') ?? ''),
      String(form.get('new-password') ?? ''),
    );
    setBusy(false);
    if (!r.ok) {
      setDone(false);
      return setProblem(r.problem);
    }
    setProblem(undefined);
    setDone(true);
    target.reset();
  };
  return (
    <section aria-labelledby="password-heading">
      <h2 id="password-heading">Change your password</h2>
      <ProblemAlert
        problem={problem}
        fields={{ current: 'Your current password', password: 'New password' }}
      />
      {done ? (
        <p className="notice" role="status">
          Your password is changed. Everywhere else you were signed in, you are now signed out.
        </p>
      ) : null}
      <form onSubmit={(e) => void submit(e)} noValidate className="stack narrow">
        <TextField
          id="current"
          name="current"
          type="password"
          label="Your current password"
          autoComplete="current-password"
          required
          error={fieldMessage(problem, 'current')}
        />
        <TextField
          id="password"
          name="new-password"
          type="password"
          label="New password"
          hint="At least 10 characters."
          autoComplete="new-password"
          required
          error={fieldMessage(problem, 'password')}
        />
        <div>
          <button type="submit" className="button secondary" disabled={busy}>
            Change the password
          </button>
        </div>
      </form>
    </section>
  );
}
