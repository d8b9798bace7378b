/** Who is signed in, the CSRF token for changes, and whether the installation still needs its owner. */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { api, setCsrfToken, type User } from './api.js';

export interface SessionState {
  /** False until the first answer from the server. */
  readonly loaded: boolean;
  readonly user: User | null;
  readonly setupNeeded: boolean;
  signedIn(user: User, csrfToken: string): void;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [loaded, setLoaded] = useState(false);
  const [user, setUser] = useState<User | null>(null);
  const [setupNeeded, setSetupNeeded] = useState(false);

  useEffect(() => {
    void Promise.all([api.session(), api.setupNeeded()]).then(([session, setup]) => {
      if (session.ok) {
        setUser(session.value.user);
        setCsrfToken(session.value.csrfToken);
      }
      if (setup.ok) setSetupNeeded(setup.value.needed);
      setLoaded(true);
    });
  }, []);

  const signedIn = useCallback((next: User, csrfToken: string) => {
    setCsrfToken(csrfToken);
    setUser(next);
    setSetupNeeded(false);
  }, []);

  const signOut = useCallback(async () => {
    await api.signOut();
    setCsrfToken(null);
    setUser(null);
  }, []);

  const value = useMemo(
    () => ({ loaded, user, setupNeeded, signedIn, signOut }),
    [loaded, user, setupNeeded, signedIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession is used outside SessionProvider');
  return session;
}
