/** One polite live region for the whole app: results counts, "copied", highlights. */
import { useEffect, useState } from 'react';

let setMessage: ((text: string) => void) | undefined;

/** Says something to screen reader users without moving their focus. */
export function announce(text: string): void {
  // Clear first, so the same words said twice are read twice.
  setMessage?.('');
  window.setTimeout(() => setMessage?.(text), 50);
}

export function Announcer() {
  const [message, set] = useState('');
  useEffect(() => {
    setMessage = set;
    return () => {
      setMessage = undefined;
    };
  }, []);
  return (
    <div className="visually-hidden" role="status" aria-live="polite">
      {message}
    </div>
  );
}
