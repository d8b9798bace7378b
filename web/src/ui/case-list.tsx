/** A page of case cards, drawn in two frames: first the cards that fill the window, then the rest. */
import { useRef } from 'react';
import type { CaseListing } from '../api.js';
import { CaseCard } from './case-card.js';
import { usePainted } from './use-painted.js';
import { useWindowFill } from './use-window-fill.js';

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
  const list = useRef<HTMLUListElement>(null);
  // The cards that fill the window: from its top, or from the list's, where the pager takes it.
  const n = useWindowFill(list, items, staged, FIRST, (box) =>
    fromTop ? box.getBoundingClientRect().top : 0,
  );

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
