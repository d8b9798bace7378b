/** A page of case cards, drawn in two frames: first the cards that fill the window, then the rest. */
import { useLayoutEffect, useRef, useState } from 'react';
import type { CaseListing } from '../api.js';
import { CaseCard } from './case-card.js';
import { usePainted } from './use-painted.js';

/** The cards a first frame starts with (a card is 250 to 500 px tall at 1280 px wide). */
const FIRST = 2;

export function CaseList({
  items,
  fromTop,
}: {
  items: readonly CaseListing[];
  /** The list is about to be scrolled to its top (another page of it): fill a window from there. */
  fromTop: boolean;
}) {
  // The page last drawn whole: the one before this, while this one's first frame is drawn.
  const painted = usePainted(items);
  const staged = painted !== items;
  // How many cards this page's first frame draws, measured for this page.
  const [first, setFirst] = useState({ of: items, n: FIRST });
  const n = first.of === items ? first.n : FIRST;
  const list = useRef<HTMLUListElement>(null);

  useLayoutEffect(() => {
    // Cards differ in height: measured before the frame is painted, and more added until it is
    // full: as many cards as short as the shortest drawn would take (so one more pass, mostly).
    if (!staged || n >= items.length || !list.current) return;
    const box = list.current.getBoundingClientRect();
    const short = window.innerHeight - (fromTop ? box.height : box.bottom);
    if (short <= 0) return;
    const drawn = [...list.current.children].slice(0, n);
    const least = Math.min(...drawn.map((card) => card.getBoundingClientRect().height));
    setFirst({ of: items, n: n + Math.ceil(short / Math.max(least, 100)) });
  }, [staged, n, items, fromTop]);

  // Keyed by place: another page's cards change what they say in place, cheaper than drawing
  // each card anew (no card keeps anything of its case). In the first frame, the cards past the
  // first keep the page before's case, unchanged and hidden (so not redrawn, nor read out), until
  // they change in place in the next.
  const before = staged ? (painted ?? []) : [];
  const places = staged ? Math.max(Math.min(n, items.length), before.length) : items.length;
  const cards = [];
  for (let i = 0; i < places; i++) {
    const now = !staged || i < n ? items[i] : undefined;
    const item = now ?? before[i];
    if (item)
      cards.push(
        <li key={i} hidden={!now}>
          <CaseCard item={item} />
        </li>,
      );
  }
  return (
    <ul className="case-list" ref={list} aria-busy={staged || undefined}>
      {cards}
    </ul>
  );
}
