/** Room at the window's foot for a bar fixed there while it is shown: scroll padding, so that
 * focus and scrolling never leave a thing under the bar, and padding at the page's end, so that
 * the end can scroll clear of it. None when the stylesheet leaves the bar in the page's flow. */
import { useLayoutEffect, type RefObject } from 'react';

export function useRoomAtFoot(bar: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const element = bar.current;
    if (!element) return;
    const root = document.documentElement;
    const fit = () => {
      const fixed = getComputedStyle(element).position === 'fixed';
      const room = fixed
        ? `${Math.ceil(window.innerHeight - element.getBoundingClientRect().top)}px`
        : '';
      // Properties that are not inherited, so that only these two elements are styled again.
      root.style.scrollPaddingBottom = room;
      document.body.style.paddingBottom = room;
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(element);
    window.addEventListener('resize', fit);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', fit);
      root.style.scrollPaddingBottom = '';
      document.body.style.paddingBottom = '';
    };
  }, [bar]);
}
