/** A term of art with its glossary meaning shown on hover and on focus, as WCAG 2.2 SC 1.4.13 asks:
 * Escape hides it without moving focus or pointer, the pointer can move onto it, and it stays until
 * the pointer or focus leaves. Screen readers hear it as the button's description. */
import { autoUpdate, flip, offset, shift, useFloating } from '@floating-ui/react-dom';
import {
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type ReactNode,
  type RefObject,
} from 'react';
import { createPortal } from 'react-dom';
import { glossaryEntry, type EntryId } from './glossary-words.js';
import './term.css';

/** How long the meaning stays after the pointer leaves the term, so the pointer can reach it. */
const LEAVE_MS = 300;

export function Term({ id, children }: { id: EntryId; children?: ReactNode }) {
  const entry = glossaryEntry(id);
  const tipId = useId();
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  const leaving = useRef<number | undefined>(undefined);
  const button = useRef<HTMLButtonElement>(null);
  const open = (hovered || focused) && !dismissed;

  // Escape anywhere hides it, whether it shows for the pointer or for the focus.
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setDismissed(true);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);
  useEffect(() => () => window.clearTimeout(leaving.current), []);

  // A new hover shows it again after Escape; the pointer crossing to the explanation keeps it.
  const enter = () => {
    window.clearTimeout(leaving.current);
    setHovered(true);
    setDismissed(false);
  };
  const leave = () => {
    window.clearTimeout(leaving.current);
    leaving.current = window.setTimeout(() => setHovered(false), LEAVE_MS);
  };

  return (
    <>
      {/* No tabIndex prop: useRovingFocus sets it on the element, and a prop would fight it. */}
      <button
        type="button"
        className="term"
        data-term={id}
        ref={button}
        aria-describedby={tipId}
        onPointerEnter={enter}
        onPointerLeave={leave}
        onFocus={() => {
          setFocused(true);
          setDismissed(false);
        }}
        onBlur={() => setFocused(false)}
        onClick={() => setDismissed(false)}
      >
        {children ?? entry.term}
      </button>
      {open ? (
        // In the body, not in the heading or table header the term sits in, so their names stay short.
        createPortal(
          <PlacedTip id={tipId} anchor={button} onEnter={enter} onLeave={leave}>
            {entry.meaning}
          </PlacedTip>,
          document.body,
        )
      ) : (
        // Closed, it stays beside its term: hidden, it adds nothing to a heading's name, and a page of
        // cards puts nothing in the body (removing 200 tips from it was the library's costliest DOM work).
        <span role="tooltip" id={tipId} className="term-tip" hidden>
          {entry.meaning}
        </span>
      )}
    </>
  );
}

/** The meaning while it shows, placed beside its term. Only an open meaning runs the placing (a
 * library page holds a hundred terms, and each placing hook costs a little at every redraw). */
function PlacedTip({
  id,
  anchor,
  onEnter,
  onLeave,
  children,
}: {
  id: string;
  anchor: RefObject<HTMLButtonElement | null>;
  onEnter: () => void;
  onLeave: () => void;
  children: ReactNode;
}) {
  const { refs, floatingStyles, isPositioned } = useFloating({
    strategy: 'fixed',
    placement: 'bottom-start',
    middleware: [offset(4), flip({ padding: 8 }), shift({ padding: 8 })],
    whileElementsMounted: autoUpdate,
  });
  useLayoutEffect(() => refs.setReference(anchor.current), [refs, anchor]);
  return (
    <span
      role="tooltip"
      id={id}
      className={isPositioned ? 'term-tip is-placed' : 'term-tip'}
      ref={refs.setFloating}
      style={floatingStyles}
      onPointerEnter={onEnter}
      onPointerLeave={onLeave}
    >
      {children}
    </span>
  );
}
