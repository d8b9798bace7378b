/** One tab stop for a run of explained terms (a card's badges, a table's stages): Tab reaches the
 * last one used, the arrow keys, Home and End move between them. Without it, a library page of 20
 * cards would add 200 tab stops; screen readers still reach each term in reading order. */
import { useCallback, useLayoutEffect, useRef, type FocusEvent, type KeyboardEvent } from 'react';

const NEXT = new Set(['ArrowRight', 'ArrowDown']);
const PREVIOUS = new Set(['ArrowLeft', 'ArrowUp']);

/** Handlers for the element holding the terms; `selector` picks the terms inside it. */
export function useRovingFocus<E extends HTMLElement>(selector = 'button.term') {
  const ref = useRef<E>(null);
  const current = useRef(0);
  const items = useCallback(
    () => Array.from(ref.current?.querySelectorAll<HTMLElement>(selector) ?? []),
    [selector],
  );
  const settle = useCallback(() => {
    const all = items();
    if (current.current >= all.length) current.current = 0;
    // Set on the element, not through the term's props: the term's own focus handling stays as it is.
    all.forEach((item, i) => {
      item.tabIndex = i === current.current ? 0 : -1;
    });
  }, [items]);

  // After every render of the holder, since its terms may have changed.
  useLayoutEffect(settle);

  const onFocus = (event: FocusEvent<E>) => {
    const at = items().indexOf(event.target as HTMLElement);
    if (at < 0 || at === current.current) return;
    current.current = at;
    settle();
  };

  const onKeyDown = (event: KeyboardEvent<E>) => {
    const all = items();
    const at = all.indexOf(event.target as HTMLElement);
    if (at < 0) return;
    let to: number | undefined;
    if (NEXT.has(event.key)) to = (at + 1) % all.length;
    else if (PREVIOUS.has(event.key)) to = (at - 1 + all.length) % all.length;
    else if (event.key === 'Home') to = 0;
    else if (event.key === 'End') to = all.length - 1;
    if (to === undefined) return;
    event.preventDefault();
    all[to]?.focus();
  };

  return { ref, onFocus, onKeyDown };
}
