/** A page: sets the document title and, after moving within the app, puts focus on its heading. */
import { useEffect, useRef, type ReactNode } from 'react';
import { takeMoved } from '../router.js';

export function Page({
  title,
  heading,
  before,
  busy = false,
  children,
}: {
  title: string;
  heading?: ReactNode;
  /** What comes before the heading, such as a breadcrumb. */
  before?: ReactNode;
  /** A page still loading leaves the focus move to the page that replaces it. */
  busy?: boolean;
  children: ReactNode;
}) {
  const h1 = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} — Coprism`;
  }, [title]);
  useEffect(() => {
    // On the first load the browser starts at the top; after a move within the app, focus goes
    // to the new page's heading so keyboard and screen reader users start there too.
    if (busy) return;
    const move = takeMoved();
    if (!move) return;
    // A new page starts at its top, as a page loaded afresh does (the site header in view); Back
    // and Forward leave the scroll where the browser put it.
    if (move === 'forward') window.scrollTo(0, 0);
    h1.current?.focus({ preventScroll: move === 'forward' });
  }, [busy]);
  return (
    <>
      {before}
      <h1 ref={h1} tabIndex={-1}>
        {heading ?? title}
      </h1>
      {/* While loading, the page keeps a window's height, so the footer does not show and then
          get pushed away when the content arrives (a layout shift). */}
      {busy ? <div className="page-busy">{children}</div> : children}
    </>
  );
}
