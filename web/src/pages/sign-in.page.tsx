/** Signing in; on a fresh installation, creating the owner account instead. */
import { useState, type FormEvent } from 'react';
import { api, fieldMessage, type Problem } from '../api.js';
import { paths } from '../paths.js';
import { Link, navigate, useLocation } from '../router.js';
import { useSession } from '../session.js';
import { announce } from '../ui/announcer.js';
import { Page } from '../ui/page.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { TextField } from '../ui/text-field.js';

export function SignInPage() {
  const session = useSession();
  if (!session.loaded)
    return (
      <Page title="Sign in" busy>
        <p>Loading…</p>
      </Page>
    );
  if (session.user)
    return (
      <Page title="You are signed in">
        <p>
          You are signed in as <strong>{session.user.name}</strong> ({session.user.email}).
        </p>
        <p>
          <Link href="/">Go to the case library</Link>
        </p>
      </Page>
    );
  return session.setupNeeded ? <SetupForm /> : <SignInForm />;
}

/** Where to go after signing in: the `next` address if it is a path in this app, else the library. */
function nextPath(query: URLSearchParams): string {
  const next = query.get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

function SignInForm() {
  const session = useSession();
  const { query } = useLocation();
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    const result = await api.signIn(
      String(form.get('email') ?? ''),
      String(form.get('password') ?? ''),
    );
    setBusy(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    session.signedIn(result.value.user, result.value.csrfToken);
    announce(`Signed in as ${result.value.user.name}.`);
    navigate(nextPath(query));
  };

  return (
    <Page title="Sign in">
      <div className="narrow">
        <p>
          Sign in to see and record the cases of your workspaces. The case library is open to
          everyone, without an account.
        </p>
        <ProblemAlert problem={problem} fields={{ email: 'Email address', password: 'Password' }} />
        <form onSubmit={(e) => void submit(e)} noValidate className="stack">
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
            autoComplete="current-password"
            required
            error={fieldMessage(problem, 'password')}
          />
          <div>
            <button type="submit" className="button primary" disabled={busy}>
              {busy ? 'Signing in…' : 'Sign in'}
            </button>
          </div>
        </form>
      </div>
    </Page>
  );
}

function SetupForm() {
  const session = useSession();
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const workspaceName = String(form.get('workspaceName') ?? '').trim();
    setBusy(true);
    const result = await api.setup({
      name: String(form.get('name') ?? ''),
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      ...(workspaceName ? { workspaceName } : {}),
    });
    setBusy(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    session.signedIn(result.value.user, result.value.csrfToken);
    announce(`The owner account is ready. You are signed in as ${result.value.user.name}.`);
    navigate(paths.workspace(result.value.workspace.id));
  };

  return (
    <Page title="Set up Coprism">
      <div className="narrow">
        <p>
          Nobody has set up this Coprism yet. Create the owner account: you will be able to invite
          others and give them a role. The case library stays open to everyone.
        </p>
        <ProblemAlert
          problem={problem}
          fields={{
            name: 'Your name',
            email: 'Email address',
            password: 'Password',
            workspaceName: 'Name of your first workspace',
          }}
        />
        <form onSubmit={(e) => void submit(e)} noValidate className="stack">
          <TextField
            id="name"
            name="name"
            label="Your name"
            hint="As others in your workspace will see it."
            autoComplete="name"
            required
            error={fieldMessage(problem, 'name')}
          />
          <TextField
            id="email"
            name="email"
            type="email"
            label="Email address"
            hint="You sign in with it."
            autoComplete="email"
            required
            error={fieldMessage(problem, 'email')}
          />
          <TextField
            id="password"
            name="password"
            type="password"
            label="Password"
            hint="At least 10 characters. A few unrelated words are easy to remember and hard to guess."
            autoComplete="new-password"
            required
            error={fieldMessage(problem, 'password')}
          />
          <TextField
            id="workspaceName"
            name="workspaceName"
            label="Name of your first workspace (optional)"
            hint="Where your team's cases are kept, for example “Recovery team”."
            error={fieldMessage(problem, 'workspaceName')}
          />
          <div>
            <button type="submit" className="button primary" disabled={busy}>
              {busy ? 'Creating the account…' : 'Create the owner account'}
            </button>
          </div>
        </form>
      </div>
    </Page>
  );
}
