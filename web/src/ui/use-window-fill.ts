/** How many of a list's items a first frame draws so that they reach the window's bottom. */
import { useLayoutEffect, useState, type RefObject } from 'react';

/**
 * While `staged`, the count of `items` to draw in `container` (whose children are the items, in
 * order) so that they reach a window's height below `origin()`: the top the view starts from (the
 * window's own top, or a heading the view is about to be scrolled to). Items differ in height, so
 * they are measured before the frame is painted, and more are added, as many as items as short as
 * the shortest drawn would need (one more pass, mostly). It starts again at `first` for new items.
 */
export function useWindowFill(
  container: RefObject<HTMLElement | null>,
  items: readonly unknown[],
  staged: boolean,
  first: number,
  origin: (container: HTMLElement) => number,
): number {
  const [counted, setCounted] = useState({ of: items, n: first });
  const n = counted.of === items ? counted.n : first;
  useLayoutEffect(() => {
    const box = container.current;
    if (!staged || n >= items.length || !box) return;
    const short = window.innerHeight - (box.getBoundingClientRect().bottom - origin(box));
    if (short <= 0) return;
    const drawn = [...box.children].slice(0, n);
    const least = Math.min(...drawn.map((item) => item.getBoundingClientRect().height));
    setCounted({ of: items, n: n + Math.ceil(short / Math.max(least, 50)) });
  });
  return n;
}
