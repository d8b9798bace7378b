/** The frame every page shares (skip link, header, main, footer) and the routes. */
import { ComparePage } from './compare/compare.page.js';
import { COMPARE_PATH } from './compare/compare-grid.js';
import { extraPaths } from './extra-paths.js';
import { GlossaryPage } from './glossary/glossary.page.js';
import { GLOSSARY_PATH } from './glossary/glossary-words.js';
import { extraRoute } from './extra-routes.js';
import { interviewRoute } from './interview/routes.js';
import { CasePage } from './pages/case.page.js';
import { LibraryPage } from './pages/library.page.js';
import { NotFoundPage } from './pages/not-found.page.js';
import { SignInPage } from './pages/sign-in.page.js';
import { LIBRARY, paths } from './paths.js';
import { Link, navigate, useLocation } from './router.js';
import { useSession } from './session.js';
import { Announcer, announce } from './ui/announcer.js';
import { PrintAddress } from './ui/print-address.js';

function Route() {
  const { path } = useLocation();
  if (path === '/') return <LibraryPage workspace={LIBRARY} />;
  if (path === paths.signIn) return <SignInPage />;
  if (path === COMPARE_PATH) return <ComparePage />;
  if (path === GLOSSARY_PATH) return <GlossaryPage />;
  const parts = path.split('/').filter(Boolean).map(safeDecode);
  const extra = extraRoute(parts);
  if (extra) return extra;
  const interview = interviewRoute(parts);
  if (interview) return interview;
  if (parts[0] === 'w' && parts[1] !== undefined) {
    if (parts.length === 2) return <LibraryPage key={parts[1]} workspace={parts[1]} />;
    if (parts.length === 4 && parts[2] === 'cases' && parts[3] !== undefined)
      return <CasePage key={`${parts[1]}/${parts[3]}`} workspace={parts[1]} caseId={parts[3]} />;
  }
  return <NotFoundPage />;
}

const safeDecode = (part: string): string => {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
};

function Header() {
  const session = useSession();
  const { path } = useLocation();
  const signOut = async () => {
    await session.signOut();
    announce('You are signed out.');
    navigate('/');
  };
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <Link href="/" className="brand">
          <img src="/favicon.svg" alt="" width="28" height="28" />
          <span>Coprism</span>
        </Link>
        <nav aria-label="Main">
          <ul>
            <li>
              <Link href="/" aria-current={path === '/' ? 'page' : undefined}>
                Case library
              </Link>
            </li>
            {session.user ? (
              <>
                <li className="signed-in-as">
                  Signed in as <strong>{session.user.name}</strong>
                </li>
                <li>
                  <Link
                    href={extraPaths.account}
                    aria-current={path === extraPaths.account ? 'page' : undefined}
                  >
                    Your account
                  </Link>
                </li>
                <li>
                  <button type="button" className="link-button" onClick={() => void signOut()}>
                    Sign out
                  </button>
                </li>
              </>
            ) : session.loaded ? (
              <li>
                <Link href={paths.signIn} aria-current={path === paths.signIn ? 'page' : undefined}>
                  {session.setupNeeded ? 'Set up' : 'Sign in'}
                </Link>
              </li>
            ) : null}
          </ul>
        </nav>
      </div>
    </header>
  );
}

export function App() {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <Header />
      <main id="main" tabIndex={-1}>
        <PrintAddress />
        <Route />
      </main>
      <footer className="site-footer">
        <p>
          Coprism reads who did what in a mental health service initiative, and which models of good
          practice fit it. Every reading gives its reasons; what is not recorded stays unknown.
        </p>
        <p>
          <Link href={GLOSSARY_PATH}>Glossary: the words used here, in plain English</Link>
        </p>
      </footer>
      <Announcer />
    </>
  );
}
