/** Joining a workspace by an invitation link: create an account, or accept while signed in. */
import { useEffect, useState, type FormEvent } from 'react';
import { extras, type Role } from '../api-extras.js';
import { fieldMessage, type Problem } from '../api.js';
import { ROLE_WORDS, when } from '../case-extras/extras-words.js';
import '../case-extras/extras.css';
import { extraPaths } from '../extra-paths.js';
import { paths } from '../paths.js';
import { Link, navigate } from '../router.js';
import { useSession } from '../session.js';
import { announce } from '../ui/announcer.js';
import { Page } from '../ui/page.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { TextField } from '../ui/text-field.js';

type Invitation = {
  readonly workspaceName: string;
  readonly role: Role;
  readonly expiresAt: string;
};

export function JoinPage({ token }: { token: string }) {
  const session = useSession();
  const [invitation, setInvitation] = useState<Invitation | Problem>();
  useEffect(() => {
    let live = true;
    void extras.invitation(token).then((r) => live && setInvitation(r.ok ? r.value : r.problem));
    return () => {
      live = false;
    };
  }, [token]);

  if (invitation === undefined || !session.loaded)
    return (
      <Page title="Invitation" busy>
        <p aria-busy="true">Checking the invitation…</p>
      </Page>
    );
  if ('status' in invitation)
    return (
      <Page title="This invitation cannot be used">
        <p>{invitation.detail}</p>
        <p>
          Invitation links work once, for a limited time. Ask the person who invited you for a new
          one.
        </p>
        <p>
          <Link href="/">Go to the case library</Link>
        </p>
      </Page>
    );
  return (
    <Page title={`Join ${invitation.workspaceName}`}>
      <p className="lede">
        You are invited to join the workspace <strong>{invitation.workspaceName}</strong> as{' '}
        {ROLE_WORDS[invitation.role].name.toLowerCase()}: you {ROLE_WORDS[invitation.role].can}.
      </p>
      <p className="meta">The invitation works once, until {when(invitation.expiresAt)}.</p>
      {session.user ? <Accept token={token} name={session.user.name} /> : <SignUp token={token} />}
    </Page>
  );
}

function Accept({ token, name }: { token: string; name: string }) {
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const accept = async () => {
    setBusy(true);
    const r = await extras.accept(token);
    setBusy(false);
    if (!r.ok) return setProblem(r.problem);
    announce('You have joined the workspace.');
    navigate(paths.workspace(r.value.workspaceId));
  };
  return (
    <div className="narrow stack">
      <ProblemAlert problem={problem} />
      <p>
        You are signed in as <strong>{name}</strong>. Join with this account?
      </p>
      <div>
        <button
          type="button"
          className="button primary"
          disabled={busy}
          onClick={() => void accept()}
        >
          Join the workspace
        </button>
      </div>
    </div>
  );
}

function SignUp({ token }: { token: string }) {
  const session = useSession();
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    const r = await extras.join(token, {
      name: String(form.get('name') ?? ''),
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
    });
    setBusy(false);
    if (!r.ok) return setProblem(r.problem);
    session.signedIn(r.value.user, r.value.csrfToken);
    announce(`Welcome, ${r.value.user.name}. You have joined the workspace.`);
    navigate(paths.workspace(r.value.workspaceId));
  };
  return (
    <div className="narrow">
      <h2>Create your account</h2>
      <p>
        Already have an account here?{' '}
        <Link href={`${paths.signIn}?next=${encodeURIComponent(extraPaths.join(token))}`}>
          Sign in first
        </Link>
        , then come back to this link.
      </p>
      <ProblemAlert
        problem={problem}
        fields={{ name: 'Your name', email: 'Email address', password: 'Password' }}
      />
      <form onSubmit={(e) => void submit(e)} noValidate className="stack">
        <TextField
          id="name"
          name="name"
          label="Your name"
          hint="As the others in the workspace will see it, beside what you record."
          autoComplete="name"
          required
          error={fieldMessage(problem, 'name')}
        />
        <TextField
          id="email"
          name="email"
          type="email"
          label="Email address"
          autoComplete="email"
          required
          error={fieldMessage(problem, 'email')}
        />
        <TextField
          id="password"
          name="password"
          type="password"
          label="Password"
          hint="At least 10 characters. A few words you will remember work well."
          autoComplete="new-password"
          required
          error={fieldMessage(problem, 'password')}
        />
        <div>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Creating your account…' : 'Create my account and join'}
          </button>
        </div>
      </form>
    </div>
  );
}
