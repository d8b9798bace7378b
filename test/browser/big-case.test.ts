// The reading of a big case (bench/big-case.ts: 30 parties, 8 parts, claims, disputes and unknowns)
// renders completely: every party's row, every stage's column, every part selectable, each cell in
// the state its claims give it, with no WCAG A/AA violation. How fast is `npm run bench:web`'s job.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAGES } from '../../src/core/vocabulary.js';
import { BIG_CASE_ID, BIG_COMPONENTS, BIG_PARTIES, bigCase } from '../../bench/big-case.js';
import { caseYaml } from '../../bench/corpus.js';
import { buildGrid } from '../../web/src/reading/grid.js';
import { stageHeading } from '../../web/src/words.js';
import {
  axeViolations,
  launchBrowser,
  screenshot,
  startServer,
  type Server,
  libraryWith,
} from './harness.js';

const big = bigCase();

/** How many cells of a part are unknown, agreed and disputed, from its claims. */
function expectedStates(part: number): Record<'unknown' | 'agreed' | 'disputed', number> {
  const component = big.components[part];
  if (!component) throw new Error(`no part ${part}`);
  const counts = { unknown: 0, agreed: 0, disputed: 0 };
  for (const row of buildGrid(big, component, part))
    for (const cell of row.cells) counts[cell.state.kind] += 1;
  return counts;
}

const countOf = (page: Page, selector: string): Promise<number> => page.locator(selector).count();

/** Waits until the part shown is drawn whole: its grid no longer busy, its model cards there. */
const wholeGrid = async (page: Page): Promise<void> => {
  await page.locator('section.part table.grid:not([aria-busy])').waitFor();
  await page.locator('section.part .model-card').first().waitFor();
};

describe('the reading of a case with 30 parties and 8 parts', () => {
  let server: Server;
  let browser: Browser;
  let page: Page;

  // Loading the big case into the library takes a while on a busy machine.
  beforeAll(async () => {
    const cases = libraryWith({ [`${BIG_CASE_ID}.yaml`]: caseYaml(big) });
    [server, browser] = await Promise.all([startServer({ cases }), launchBrowser()]);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows every party, every stage and every part, each cell as its claims say, with no violation', async () => {
    expect(big.parties).toHaveLength(BIG_PARTIES);
    expect(big.components).toHaveLength(BIG_COMPONENTS);
    await page.goto(`${server.url}/w/library/cases/${BIG_CASE_ID}`);
    await wholeGrid(page);

    expect(await page.locator('.grid thead th').allInnerTexts()).toEqual([
      'Party',
      ...STAGES.map((s) => stageHeading(s)),
    ]);
    const parts = page.locator('.parts-nav li a');
    expect(await parts.count()).toBe(BIG_COMPONENTS);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'big-case');

    for (let part = 0; part < BIG_COMPONENTS; part++) {
      await parts.nth(part).click();
      await page.locator('#part', { hasText: `Part ${part + 1} of ${BIG_COMPONENTS}:` }).waitFor();
      // The rows out of view come a frame after the rest (the next test); then it is all there.
      await wholeGrid(page);
      expect(await countOf(page, '.grid tbody tr')).toBe(BIG_PARTIES);
      expect(await page.locator('.grid tbody th .party-name').allInnerTexts()).toEqual(
        big.parties.map((p) => p.label),
      );
      // Every cell of every row is there, in the state its claims give it.
      expect(await countOf(page, '.grid tbody td')).toBe(BIG_PARTIES * STAGES.length);
      const states = expectedStates(part);
      expect(
        states.unknown * states.agreed * states.disputed,
        'the case has all three',
      ).toBeGreaterThan(0);
      expect(await countOf(page, '.grid td.cell-unknown')).toBe(states.unknown);
      expect(await countOf(page, '.grid td.cell-agreed')).toBe(states.agreed);
      expect(await countOf(page, '.grid td.cell-disputed')).toBe(states.disputed);
      expect(await countOf(page, '.grid td.cell-disputed .disputed-tag')).toBe(states.disputed);
      expect(await countOf(page, 'section.part .model-card')).toBe(5);
    }
    expect(await axeViolations(page)).toEqual([]);
  });

  it('draws a switched part at once as far as the window shows, and the rest a frame later', async () => {
    await page.goto(`${server.url}/w/library/cases/${BIG_CASE_ID}`);
    await wholeGrid(page);
    // Each change to the page, as it is made: the part's heading, its rows, whether its grid says
    // it is busy, and how far its rows reach below the part's heading.
    await page.evaluate(`(() => {
      window.seen = [];
      new MutationObserver(() => {
        const heading = document.querySelector('#part');
        const section = heading?.closest('section');
        const rows = [...(section?.querySelectorAll('.grid tbody tr') ?? [])];
        const last = rows[rows.length - 1];
        window.seen.push({
          heading: (heading?.textContent ?? '').slice(0, 12),
          rows: rows.length,
          busy: section?.querySelector('table.grid')?.getAttribute('aria-busy') ?? null,
          reach: last ? last.getBoundingClientRect().bottom - heading.getBoundingClientRect().top : 0,
          cards: section?.querySelectorAll('.model-card').length ?? 0,
        });
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    })()`);
    await page.locator('.parts-nav li:nth-child(2) a').click();
    await page.locator('#part', { hasText: `Part 2 of ${BIG_COMPONENTS}:` }).waitFor();
    await wholeGrid(page);
    type Seen = {
      heading: string;
      rows: number;
      busy: string | null;
      reach: number;
      cards: number;
    };
    const seen = ((await page.evaluate('window.seen')) as Seen[]).filter(
      (s) => s.heading === 'Part 2 of 8:',
    );
    const [first] = seen;
    const height = (await page.evaluate('innerHeight')) as number;
    // First: some rows, enough to fill the window below the heading, marked busy, no cards yet.
    expect(first?.rows).toBeGreaterThan(0);
    expect(first?.rows).toBeLessThan(BIG_PARTIES);
    expect(first?.reach).toBeGreaterThanOrEqual(height);
    expect(first?.busy).toBe('true');
    expect(first?.cards).toBe(0);
    // Then: every row, no longer busy, and the part's model cards.
    expect(seen.at(-1)).toMatchObject({ rows: BIG_PARTIES, busy: null, cards: 5 });
    // The part starts at the window's top, its heading focused for keyboard users.
    const top = (await page.evaluate(
      `document.querySelector('#part').getBoundingClientRect().top`,
    )) as number;
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(20);
    expect(await page.evaluate(`document.activeElement?.id`)).toBe('part');
  });

  it("marks a reason's cells without moving anything in the page, its bar at the window's foot", async () => {
    await page.goto(`${server.url}/w/library/cases/${BIG_CASE_ID}`);
    await wholeGrid(page);
    // Where the part's rows, model cards and headings are in the page, and the room at its foot.
    const layout = `(() => ({
      places: [...document.querySelectorAll('section.part tbody tr, section.part .model-card, section.part h3')]
        .map((el) => Math.round((el.getBoundingClientRect().top + scrollY) * 10) / 10),
      room: document.body.style.paddingBottom,
      scrollRoom: document.documentElement.style.scrollPaddingBottom,
    }))()`;
    type Layout = { places: number[]; room: string; scrollRoom: string };
    const before = (await page.evaluate(layout)) as Layout;
    expect(before.places.length).toBeGreaterThan(BIG_PARTIES);
    expect(before).toMatchObject({ room: '', scrollRoom: '' });

    await page.locator('section.part .model-card .reason-actions button').first().click();
    await page.locator('section.part td.is-cited').first().waitFor();
    const marked = (await page.evaluate(layout)) as Layout;
    expect(marked.places).toEqual(before.places);

    // The bar is fixed to the window's foot; the page keeps that much room below its end and in
    // its scroll padding, and the cell focused is above the bar, not under it.
    const bar = (await page.evaluate(`(() => {
      const bar = document.querySelector('.highlight-bar');
      const focused = document.activeElement.getBoundingClientRect();
      return {
        position: getComputedStyle(bar).position,
        top: bar.getBoundingClientRect().top,
        bottom: bar.getBoundingClientRect().bottom,
        focusedCited: document.activeElement.matches('td.is-cited'),
        focusedBottom: focused.bottom,
      };
    })()`)) as Record<string, number | string | boolean>;
    const height = (await page.evaluate('innerHeight')) as number;
    expect(bar).toMatchObject({ position: 'fixed', focusedCited: true });
    expect(bar['bottom']).toBeLessThanOrEqual(height);
    expect(bar['focusedBottom']).toBeLessThanOrEqual(Number(bar['top']));
    const room = Math.ceil(height - Number(bar['top']));
    expect(marked).toMatchObject({ room: `${room}px`, scrollRoom: `${room}px` });
    // At the page's end, its footer is clear of the bar.
    await page.evaluate('scrollTo(0, document.documentElement.scrollHeight)');
    const footerBottom = (await page.evaluate(
      `document.querySelector('.site-footer').getBoundingClientRect().bottom`,
    )) as number;
    expect(footerBottom).toBeLessThanOrEqual(Number(bar['top']) + 1);

    // Each "Cited" tag is laid over its cell's top, within the cell, above the cell's words.
    const tags =
      (await page.evaluate(`[...document.querySelectorAll('section.part td.is-cited')].map((cell) => {
      const tag = cell.querySelector('.cited-tag');
      const at = tag.getBoundingClientRect();
      const box = cell.getBoundingClientRect();
      // The words' line box begins with half its leading, above their letters.
      const words = tag.nextElementSibling;
      const style = getComputedStyle(words);
      const lead = (parseFloat(style.lineHeight) - parseFloat(style.fontSize)) / 2;
      return at.top >= box.top && at.left >= box.left && at.right <= box.right &&
        at.bottom <= words.getBoundingClientRect().top + lead;
    })`)) as boolean[];
    expect(tags.length).toBeGreaterThan(0);
    expect(tags.every(Boolean)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    // Back to the reason: nothing moved, and the room is given back.
    await page.locator('.highlight-bar button').click();
    expect(await page.locator('section.part .is-cited').count()).toBe(0);
    expect(await page.evaluate(layout)).toEqual(before);

    // On a narrow window the bar stays in the page's flow, above the grid, and needs no room.
    await page.setViewportSize({ width: 320, height: 800 });
    try {
      await page.locator('section.part .model-card .reason-actions button').first().click();
      await page.locator('section.part td.is-cited').first().waitFor();
      expect(
        await page.evaluate(
          `[getComputedStyle(document.querySelector('.highlight-bar')).position, document.body.style.paddingBottom]`,
        ),
      ).toEqual(['static', '']);
      // The focused cell is clear of the sticky party column, not under it.
      const clear = await page.evaluate(`(() => {
        const cell = document.activeElement;
        const party = cell.parentElement.querySelector('th').getBoundingClientRect();
        return cell.matches('td.is-cited') && cell.getBoundingClientRect().left >= party.right - 1;
      })()`);
      expect(clear).toBe(true);
      await screenshot(page, 'big-case-highlighted-320');
    } finally {
      // The tests after this one read the page at its usual size, whatever this one found.
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('puts every part whole on paper at once, whatever the screen had drawn', async () => {
    await page.goto(`${server.url}/w/library/cases/${BIG_CASE_ID}`);
    await page.locator('.grid tbody tr').first().waitFor();
    // The browser's "about to print" event: the page must be whole for paper when it returns.
    const printed = await page.evaluate(`(() => {
      window.dispatchEvent(new Event('beforeprint'));
      const counts = {
        parts: document.querySelectorAll('section.part').length,
        rows: document.querySelectorAll('.grid tbody tr').length,
        busy: document.querySelectorAll('.grid[aria-busy]').length,
      };
      window.dispatchEvent(new Event('afterprint'));
      return counts;
    })()`);
    expect(printed).toEqual({ parts: BIG_COMPONENTS, rows: BIG_COMPONENTS * BIG_PARTIES, busy: 0 });
  });

  it('keeps the grid a table to assistive technology, with its columns lined up', async () => {
    await page.goto(`${server.url}/w/library/cases/${BIG_CASE_ID}`);
    await wholeGrid(page);

    // The rows are laid out as CSS grids on screen; the accessibility tree still has a table.
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: { role?: { value: string }; name?: { value: string }; ignored?: boolean }[];
    };
    await cdp.detach();
    const roles = (role: string) => nodes.filter((n) => !n.ignored && n.role?.value === role);
    expect(roles('table').map((n) => n.name?.value)).toEqual([
      `Who did what in “${big.components[0]?.title ?? ''}”: a row for each party, a column for each stage.`,
    ]);
    expect(roles('row')).toHaveLength(BIG_PARTIES + 1);
    expect(roles('columnheader')).toHaveLength(STAGES.length + 1);
    expect(roles('rowheader')).toHaveLength(BIG_PARTIES);
    expect(roles('cell')).toHaveLength(BIG_PARTIES * STAGES.length);

    // Each row's cells sit under their column's heading, and the grid fits the window's width.
    const columns = await page.evaluate(`(() => {
      const left = (el) => Math.round(el.getBoundingClientRect().left);
      const heads = [...document.querySelectorAll('.grid thead th')].map(left);
      const rows = [...document.querySelectorAll('.grid tbody tr')];
      return {
        sideBySide: heads.every((x, i) => i === 0 || x > heads[i - 1]),
        misaligned: rows.filter((row) => [...row.children].map(left).join() !== heads.join()).length,
      };
    })()`);
    expect(columns).toEqual({ sideBySide: true, misaligned: 0 });
    const overflow = `(() => { const el = document.querySelector('.grid-scroll'); return el.scrollWidth - el.clientWidth; })()`;
    expect(await page.evaluate(overflow)).toBe(0);
  });
});
