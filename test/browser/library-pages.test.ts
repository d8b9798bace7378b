// The library's pages of cards in a real browser: what a new page draws first, where "Next page"
// leaves the reader, the page fetched ahead, and what the page says while an answer is on its way.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseYaml } from '../../bench/corpus.js';
import { libraryCases } from '../../bench/library-pages.js';
import {
  axeViolations,
  launchBrowser,
  libraryWith,
  screenshot,
  startServer,
  type Server,
} from './harness.js';

// The case library's 15 and 44 generated cases: three pages of 20.
const extra = Object.fromEntries(libraryCases().map((c) => [`${c.id}.yaml`, caseYaml(c)]));
const TOTAL = 15 + libraryCases().length;

/** The links of the cards the API lists from `offset`, in the library's order (by title). */
async function listed(url: string, query: string): Promise<string[]> {
  const response = await fetch(`${url}/api/workspaces/library/cases?${query}`);
  const page = (await response.json()) as { items: { workspace: string; id: string }[] };
  return page.items.map((item) => `/w/${item.workspace}/cases/${item.id}`);
}

/** The cards shown (not those in a hidden place), by their links. */
const shownCards = (page: Page): Promise<string[]> =>
  page.evaluate(
    `[...document.querySelectorAll('.case-list > li:not([hidden]) .case-card h3 a')].map((a) => a.getAttribute('href'))`,
  ) as Promise<string[]>;

const settled = (page: Page) =>
  page.locator('.case-list:not([aria-busy])').waitFor({ timeout: 10_000 });

describe("the library's pages", () => {
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startServer({ cases: libraryWith(extra) }),
      launchBrowser(),
    ]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const open = async (): Promise<{ page: Page; asked: string[] }> => {
    const page = await (
      await browser.newContext({ viewport: { width: 1280, height: 900 } })
    ).newPage();
    const asked: string[] = [];
    // Requests answered (so a page fetched ahead is known to be there once it is listed).
    page.on('requestfinished', (r) => {
      if (r.url().includes('/api/workspaces/library/cases?')) asked.push(r.url());
    });
    await page.goto(`${server.url}/`);
    await page.locator('.case-card').first().waitFor();
    await settled(page);
    return { page, asked };
  };

  it('draws a new page as far as the window shows at once, the rest a frame later, and starts it at its top', async () => {
    const { page, asked } = await open();
    const second = await listed(server.url, 'sort=title&order=asc&limit=20&offset=20');
    expect(second).toHaveLength(20);
    // Once the first page is shown, the second is fetched ahead, before anyone asks for it (when
    // the browser is idle, or after 2 s at the latest).
    await expect
      .poll(() => asked.filter((u) => u.includes('offset=20')).length, { timeout: 10_000 })
      .toBe(1);

    // Each change to the list as it is made: the cards shown, those kept hidden, whether it says
    // it is busy, and how tall the cards shown are.
    await page.evaluate(`(() => {
      window.seen = [];
      const list = document.querySelector('.case-list');
      new MutationObserver(() => {
        const shown = [...list.querySelectorAll(':scope > li:not([hidden])')];
        window.seen.push({
          first: shown[0]?.querySelector('h3 a')?.getAttribute('href') ?? '',
          shown: shown.length,
          hidden: list.querySelectorAll(':scope > li[hidden]').length,
          busy: list.getAttribute('aria-busy'),
          height: list.getBoundingClientRect().height,
        });
      }).observe(list, { subtree: true, childList: true, attributes: true, characterData: true });
    })()`);
    await page.locator('.pager a[rel=next]').click();
    await page.waitForURL(/page=2/);
    await settled(page);
    expect(await page.locator('.result-count').innerText()).toBe(
      `Showing 21 to 40 of ${TOTAL} cases.`,
    );
    expect(await shownCards(page)).toEqual(second);
    // The page fetched ahead answered the click: the server was not asked again.
    expect(asked.filter((u) => u.includes('offset=20'))).toHaveLength(1);

    type Seen = {
      first: string;
      shown: number;
      hidden: number;
      busy: string | null;
      height: number;
    };
    const seen = ((await page.evaluate('window.seen')) as Seen[]).filter(
      (s) => s.first === second[0],
    );
    const height = (await page.evaluate('innerHeight')) as number;
    // First: some of the new cards, enough to fill a window, the rest of the places hidden, busy.
    expect(seen[0]?.shown).toBeGreaterThan(0);
    expect(seen[0]?.shown).toBeLessThan(20);
    expect(seen[0]?.height).toBeGreaterThanOrEqual(height);
    expect((seen[0]?.shown ?? 0) + (seen[0]?.hidden ?? 0)).toBe(20);
    expect(seen[0]?.busy).toBe('true');
    // Then every card, none hidden, no longer busy.
    expect(seen.at(-1)).toMatchObject({ shown: 20, hidden: 0, busy: null });

    // The new page starts at its top, its heading focused, as a page loaded afresh would.
    expect(await page.evaluate('document.activeElement?.id')).toBe('results-heading');
    const top = (await page.evaluate(
      `document.querySelector('#results-heading').getBoundingClientRect().top`,
    )) as number;
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(20);
    expect(await axeViolations(page)).toEqual([]);

    // Back by "Previous page": the first page again, from the page fetched ahead too.
    const first = await listed(server.url, 'sort=title&order=asc&limit=20&offset=0');
    await page.locator('.pager a[rel=prev]').click();
    await page.waitForURL((url) => !url.search.includes('page='));
    await settled(page);
    await expect.poll(() => shownCards(page)).toEqual(first);
    await page.close();
  });

  it('says at once that it is finding the cases while a filter’s answer is on its way', async () => {
    const { page } = await open();
    const before = await shownCards(page);
    // The real server's answer, held back until the page has been looked at.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let requests = 0;
    await page.route('**/api/workspaces/library/cases?*model=co-production*', async (route) => {
      // The first page's; the next, fetched ahead once the answer is shown, is not counted.
      if (route.request().url().includes('offset=0')) requests += 1;
      await held;
      await route.continue();
    });
    await page.selectOption('#model', 'co-production');
    await page.selectOption('#fit', 'fits');
    await page.locator('.filters button[type="submit"]').click();
    await page.waitForURL(/model=co-production/);

    await expect.poll(() => page.locator('.result-count').innerText()).toBe('Finding the cases…');
    expect(await page.locator('section.results').getAttribute('aria-busy')).toBe('true');
    // The last cards stay until the answer comes.
    expect(await shownCards(page)).toEqual(before);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'library-finding');

    release();
    const matching = await listed(
      server.url,
      'model=co-production&fit=fits&sort=title&order=asc&limit=20&offset=0',
    );
    await expect
      .poll(() => page.locator('.result-count').innerText())
      .toBe(`${matching.length} cases found.`);
    await settled(page);
    expect(await page.locator('section.results').getAttribute('aria-busy')).toBeNull();
    expect(await shownCards(page)).toEqual(matching);
    // The server was asked for it once.
    expect(requests).toBe(1);
    await page.close();
  });

  it('opens "Next page" in a new tab when asked, leaving this page as it is', async () => {
    const { page, asked } = await open();
    const before = await shownCards(page);
    // With the second page fetched ahead, which this tab must not take up.
    await expect
      .poll(() => asked.filter((u) => u.includes('offset=20')).length, { timeout: 10_000 })
      .toBe(1);
    const opened = page.context().waitForEvent('page');
    await page.locator('.pager a[rel=next]').click({ modifiers: ['Control'] });
    const tab = await opened;
    await tab.waitForLoadState();
    expect(tab.url()).toContain('page=2');
    expect(page.url()).not.toContain('page=2');
    expect(await page.locator('.result-count').innerText()).toBe(
      `Showing 1 to 20 of ${TOTAL} cases.`,
    );
    expect(await shownCards(page)).toEqual(before);
    await page.close();
  });
});
