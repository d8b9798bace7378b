/**
 * The clock the browser benches (bench/web.bench.ts, bench/web-profile.ts) read in the page, and the
 * timed click. A script added before the app's own (through the debugging protocol, which the page's
 * CSP does not govern) watches the DOM and takes `performance.now()` at the first frame after an
 * awaited state holds: a `requestAnimationFrame`, then a task, so the frame with it has been drawn.
 * A page load is timed from navigation start, a click from its event's `timeStamp` (so the time
 * Playwright takes to send it is not counted). Every wait gives up after 20 s, saying what it awaited
 * and what the page shows instead. The script also sums the page's layout shifts.
 *
 * The in-page code is a string: the benches are compiled without the DOM's types.
 */
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { MODELS } from '../src/core/vocabulary.js';
import { BIG_CASE_ID, BIG_PARTIES } from './big-case.js';
import { descendantsCpuMs } from './process-cpu.js';

/** Stages, the grid's columns. */
export const STAGES = 9;
/** Cards on a page of the library (web/src/pages/library.page.tsx). */
export const LIBRARY_PAGE_SIZE = 20;
/** How long the page waits for a state before it gives up. */
const LIMIT_MS = 20_000;

/** The path of the big case's reading. */
export const READING_PATH = `/w/library/cases/${BIG_CASE_ID}`;

/** A state the clock waits for. */
export type State =
  /** Part `n`'s heading, its whole grid (every party's row of every stage) and the model cards. */
  | { readonly kind: 'part'; readonly n: number }
  /** What a switch to part `n` brings into view: its heading in the window, and its grid's rows
   * down to the window's bottom, each with every stage's cell (or every row, if they end above). */
  | { readonly kind: 'part-in-view'; readonly n: number }
  /** The library saying, where its count is, that it is finding the cases asked for. */
  | { readonly kind: 'finding' }
  /** A reason's cells marked "Cited", with the bar that clears them. */
  | { readonly kind: 'cells' }
  /** Exactly these case cards (by their links' paths, in order), each with its five fit badges. */
  | { readonly kind: 'cards'; readonly hrefs: readonly string[] }
  /** The first of these cards, in order, each with its badges, down to the window's bottom (or all
   * of them, if they end above it): what the window shows of the list, wherever it is scrolled. */
  | { readonly kind: 'cards-in-view'; readonly hrefs: readonly string[] };

/** Installed in every page before the app. On the reading, and on the library's first page with no
 * filter, the load is watched from the start: `loaded()` gives its time. */
const PAGE_CLOCK = `
(() => {
  const LIMIT_MS = ${LIMIT_MS};
  let shift = 0;
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) shift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  } catch {
    shift = NaN;
  }
  const text = (el) => (el?.textContent ?? '').replace(/\\s+/g, ' ').trim();
  const shows = () =>
    'the page (' + location.pathname + location.search + ') shows the heading "' +
    text(document.querySelector('h1')) + '", ' +
    document.querySelectorAll('.grid tbody tr').length + ' grid rows, ' +
    document.querySelectorAll('.case-list .case-card').length + ' case cards, and in main: "' +
    text(document.querySelector('main')).slice(0, 200) + '"';
  /** The promise, or a rejection after LIMIT_MS that says what was awaited and what is shown. */
  const within = (promise, what) => {
    const timed = new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('after ' + LIMIT_MS / 1000 + ' s, still waiting for ' + what + '; ' + shows())),
        LIMIT_MS,
      );
      promise.then(
        (value) => { clearTimeout(timer); resolve(value); },
        (error) => { clearTimeout(timer); reject(error); },
      );
    });
    // Whoever awaits it sees the rejection; nobody awaiting it is not an error in the page.
    timed.catch(() => undefined);
    return timed;
  };
  /** The time from t0 to the first frame drawn after ready() holds. */
  const frameAfter = (ready, t0) => new Promise((resolve, reject) => {
    let observer;
    const check = () => {
      let holds;
      try {
        holds = ready();
      } catch (error) {
        if (observer) observer.disconnect();
        reject(error);
        return true;
      }
      if (!holds) return false;
      if (observer) observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
      return true;
    };
    if (!check()) {
      observer = new MutationObserver(check);
      observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
    }
  });
  const gridWhole = () => {
    const rows = document.querySelectorAll('.grid tbody tr');
    if (rows.length !== ${BIG_PARTIES}) return false;
    for (const row of rows) if (row.querySelectorAll('td').length !== ${STAGES}) return false;
    return document.querySelectorAll('.model-card').length > 0;
  };
  // A card in a hidden place is the page before's, kept until its place shows this page's.
  const cards = () => [...document.querySelectorAll('.case-list > li:not([hidden]) .case-card')];
  const cardHref = (card) => card.querySelector('h3 a')?.getAttribute('href') ?? '';
  const cardsShown = (hrefs) => () => {
    const shown = cards();
    if (shown.length !== hrefs.length) return false;
    return shown.every((card, i) =>
      cardHref(card) === hrefs[i] && card.querySelectorAll('.fit-badges .fit-badge').length === ${MODELS.length});
  };
  const firstCards = () => {
    const shown = cards();
    return shown.length === ${LIBRARY_PAGE_SIZE} &&
      shown.every((card) => card.querySelectorAll('.fit-badges .fit-badge').length === ${MODELS.length});
  };
  const state = (spec) => {
    if (spec.kind === 'part')
      return {
        ready: () => (document.querySelector('#part')?.textContent ?? '').startsWith('Part ' + spec.n + ' of') && gridWhole(),
        what: 'part ' + spec.n + "'s heading, its grid of ${BIG_PARTIES} rows × ${STAGES} cells and the model cards",
      };
    if (spec.kind === 'part-in-view')
      return {
        ready: () => {
          const heading = document.querySelector('#part');
          if (!(heading?.textContent ?? '').startsWith('Part ' + spec.n + ' of')) return false;
          const top = heading.getBoundingClientRect().top;
          if (top < -1 || top >= innerHeight) return false;
          const rows = [...(heading.closest('section')?.querySelectorAll('.grid tbody tr') ?? [])];
          if (rows.some((row) => row.querySelectorAll('td').length !== ${STAGES})) return false;
          return rows.length === ${BIG_PARTIES} ||
            (rows.length > 0 && rows[rows.length - 1].getBoundingClientRect().bottom >= innerHeight);
        },
        what: 'part ' + spec.n + "'s heading in view and its grid's rows down to the window's bottom",
      };
    if (spec.kind === 'finding')
      return {
        ready: () => document.querySelector('.results[aria-busy="true"] .result-count')?.textContent === 'Finding the cases…',
        what: '"Finding the cases…" where the count is',
      };
    if (spec.kind === 'cells')
      return {
        ready: () => document.querySelector('.highlight-bar') !== null && document.querySelector('.grid .is-cited') !== null,
        what: 'cells marked "Cited" and the bar that clears them',
      };
    if (spec.kind === 'cards-in-view')
      return {
        ready: () => {
          const shown = cards();
          const last = shown[shown.length - 1];
          if (!last || shown.length > spec.hrefs.length) return false;
          if (!shown.every((card, i) => cardHref(card) === spec.hrefs[i] &&
            card.querySelectorAll('.fit-badges .fit-badge').length === ${MODELS.length})) return false;
          return shown.length === spec.hrefs.length || last.getBoundingClientRect().bottom >= innerHeight;
        },
        what: 'the first of ' + spec.hrefs.length + ' case cards, from ' + (spec.hrefs[0] ?? 'none') + ", in view down to the window's bottom",
      };
    return {
      ready: cardsShown(spec.hrefs),
      what: spec.hrefs.length + ' case cards, from ' + (spec.hrefs[0] ?? 'none') + ', each with ${MODELS.length} fit badges',
    };
  };
  const onLoad =
    location.pathname === ${JSON.stringify(READING_PATH)} ? state({ kind: 'part', n: 1 })
    : location.pathname === '/' && location.search === ''
      ? { ready: firstCards, what: '${LIBRARY_PAGE_SIZE} case cards, each with ${MODELS.length} fit badges' }
      : null;
  const load = onLoad ? frameAfter(onLoad.ready, 0) : null;
  window.__bench = {
    /** The page load's time, from navigation start to the first frame with its state drawn. */
    loaded: () => load
      ? within(load, onLoad.what + ' (a page load)')
      : Promise.reject(new Error('no page load is timed at ' + location.pathname + location.search)),
    /** The layout shifts so far, summed (those within 500 ms of an input left out). */
    shifted: () => shift,
    /** The links of the case cards shown. */
    cardHrefs: () => cards().map(cardHref),
    /** The next click anywhere, timed from its event to the first frame after the state holds
     * (and to the first frame after each of the earlier states holds). */
    armClick(spec, earlierSpecs) {
      const whole = state(spec);
      const earlier = earlierSpecs.map(state);
      window.__bench.clicked = within(
        new Promise((resolve, reject) => {
          document.addEventListener('click', (event) => {
            const timed = [whole, ...earlier].map((s) => frameAfter(s.ready, event.timeStamp));
            Promise.all(timed).then(([ms, ...also]) => resolve({ ms, also }), reject);
          }, { capture: true, once: true });
        }),
        'a click, then ' + [whole, ...earlier].map((s) => s.what).join(', and '),
      );
    },
    /** When the case and its analysis had arrived, from navigation start. */
    dataArrived() {
      const ends = performance.getEntriesByType('resource')
        .filter((e) => /\\/cases\\/${BIG_CASE_ID}(\\/analysis)?$/.test(new URL(e.name).pathname))
        .map((e) => e.responseEnd);
      return ends.length === 2 ? Math.max(...ends) : NaN;
    },
  };
})();
`;

/** Adds the clock to every page the context opens. */
export async function installPageClock(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: PAGE_CLOCK });
}

/** One timing; the script and the style-and-layout time Chromium counted in it (its clock, so a
 * busy machine lengthens them too); and the CPU time Chromium's processes used meanwhile. */
export interface Sample {
  readonly ms: number;
  /** To the first frame with each of the earlier states clickTimed was given, in order. */
  readonly also?: readonly number[];
  readonly script?: number;
  readonly layout?: number;
  readonly cpu?: number;
}

const started = Date.now();

/** A line on stderr for each phase, so that a stall shows where it is. */
export function step(what: string): void {
  process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${what}\n`);
}

/** The page load's time, from navigation start to its state drawn (after a `page.goto`). */
export async function loaded(page: Page): Promise<number> {
  return (await page.evaluate('window.__bench.loaded()')) as number;
}

/** The page's layout shifts so far, summed. */
export async function shifted(page: Page): Promise<number> {
  return (await page.evaluate('window.__bench.shifted()')) as number;
}

/** The links of the case cards the page shows, in order. */
export async function cardHrefs(page: Page): Promise<string[]> {
  return (await page.evaluate('window.__bench.cardHrefs()')) as string[];
}

/** Script, and style and layout, time Chromium's main thread has spent so far, in ms (needs
 * `Performance.enable` on the session). */
export async function busy(cdp: CDPSession): Promise<{ script: number; layout: number }> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[];
  };
  const get = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  return {
    script: get('ScriptDuration'),
    layout: get('LayoutDuration') + get('RecalcStyleDuration'),
  };
}

/**
 * Clicks the first element `target` (a plain CSS selector) matches and times the click, from its
 * event to the first frame with `state` drawn. The element is waited for, scrolled to and checked
 * to be the one under the pointer first, so that only the click and what follows are counted.
 */
export async function clickTimed(
  page: Page,
  cdp: CDPSession,
  state: State,
  target: string,
  earlier: readonly State[] = [],
): Promise<Sample> {
  const link = page.locator(target).first();
  // Waits until it is visible, stable, enabled and would receive the click, without clicking.
  await link.click({ trial: true, timeout: LIMIT_MS });
  await link.scrollIntoViewIfNeeded({ timeout: LIMIT_MS });
  const box = await link.boundingBox({ timeout: LIMIT_MS });
  if (!box) throw new Error(`${target} is not on the page`);
  const x = box.x + Math.min(box.width / 2, 20);
  const y = box.y + box.height / 2;
  const elsewhere = (await page.evaluate(`(() => {
    const target = document.querySelector(${JSON.stringify(target)});
    const at = document.elementFromPoint(${x}, ${y});
    if (target && at && (at === target || target.contains(at))) return null;
    if (!at) return 'nothing';
    const classes = typeof at.className === 'string' && at.className ? '.' + at.className.trim().split(/\\s+/).join('.') : '';
    return '<' + at.tagName.toLowerCase() + classes + '> "' + (at.textContent ?? '').replace(/\\s+/g, ' ').trim().slice(0, 80) + '"';
  })()`)) as string | null;
  if (elsewhere !== null)
    throw new Error(
      `${target} moved before it could be clicked (the page shifted): at (${x.toFixed(0)}, ` +
        `${y.toFixed(0)}), where it was, is ${elsewhere}`,
    );
  await page.evaluate(
    `window.__bench.armClick(${JSON.stringify(state)}, ${JSON.stringify(earlier)})`,
  );
  const before = await busy(cdp);
  const cpuBefore = descendantsCpuMs();
  await page.mouse.click(x, y);
  const times = (await page.evaluate('window.__bench.clicked')) as {
    ms: number;
    also: number[];
  };
  const cpu = descendantsCpuMs() - cpuBefore;
  const after = await busy(cdp);
  return {
    ...times,
    script: after.script - before.script,
    layout: after.layout - before.layout,
    cpu,
  };
}
