// WCAG 1.4.10 at the narrowest width the issue names: every main page at 320 px wide — library,
// case, every interview step, compare, history, glossary, account — scrolls only up and down (wide
// grids scroll inside their own labelled, focusable box), signed out and signed in.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  draftOfCase,
  fitsWidth,
  launchBrowser,
  pageApi,
  screenshot,
  startServer,
  type Server,
} from './harness.js';

/** The case whose every interview step is checked. */
const RECORDED = 'friendship-bench-zimbabwe';

const OWNER = { name: 'Nell Narrow', email: 'nell@example.org', password: 'correct horse battery' };

/** The page fits the width, axe finds nothing, and a screenshot is kept; a box that scrolls
 * sideways is a labelled region, or a labelled text field, that the keyboard can reach. */
async function fits(page: Page, name: string): Promise<void> {
  expect(await fitsWidth(page), name).toBe(true);
  expect(await axeViolations(page), name).toEqual([]);
  const unreachable = await page.evaluate(`
    [...document.querySelectorAll('main *')]
      .filter((e) => e.scrollWidth > e.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX))
      .filter((e) => !(e.tabIndex >= 0 && e.getAttribute('role') === 'region' && e.hasAttribute('aria-labelledby')))
      // A code editor keeps its lines (1.4.10 excepts code); as a labelled field it takes the focus.
      .filter((e) => !(e.tagName === 'TEXTAREA' && e.labels.length > 0))
      .map((e) => e.className || e.tagName)
  `);
  expect(unreachable, `${name}: boxes that scroll sideways`).toEqual([]);
  await screenshot(page, `320-${name}`);
}

describe('at 320 px wide', () => {
  let server: Server;
  let browser: Browser;
  let narrow: BrowserContext;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ cases: 'cases' }), launchBrowser()]);
    narrow = await browser.newContext({ viewport: { width: 320, height: 720 } });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the library, with and without filters, fits the width', async () => {
    const page = await narrow.newPage();
    for (const [name, address] of [
      ['library', '/'],
      ['library-filtered', '/?model=co-production&fit=does-not-fit'],
      ['library-search', '/?q=sleep'],
    ] as const) {
      await page.goto(`${server.url}${address}`);
      await page.locator('.case-card').first().waitFor();
      expect(await fitsWidth(page), name).toBe(true);
      expect(await axeViolations(page), name).toEqual([]);
      await screenshot(page, `320-${name}`);
    }
    await page.close();
  });

  it('case pages — one part, several parts, a part opened — fit the width', async () => {
    const page = await narrow.newPage();
    for (const [name, address] of [
      ['sleepwell', '/w/library/cases/sleepwell'],
      ['east-lille', '/w/library/cases/east-lille'],
      ['east-lille-part', '/w/library/cases/east-lille?part=asylum-closure-housing'],
      ['mhf-wales', '/w/library/cases/mhf-self-management-wales'],
    ] as const) {
      await page.goto(`${server.url}${address}`);
      await page.locator('.model-card').first().waitFor();
      if (name === 'east-lille-part') await page.locator('.grid').first().waitFor();
      expect(await fitsWidth(page), name).toBe(true);
      expect(await axeViolations(page), name).toEqual([]);
      await screenshot(page, `320-case-${name}`);
    }
    await page.close();
  });

  it('the signed-in workspace and a case with its editing tools fit the width', async () => {
    const page = await narrow.newPage();
    await page.goto(server.url);
    const setup = (await page.evaluate(`
      fetch('/api/setup', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: ${JSON.stringify(JSON.stringify(OWNER))},
      }).then((r) => r.json())
    `)) as { workspace: { id: string } };
    const team = setup.workspace.id;
    await page.goto(`${server.url}/w/${team}`);
    await page.locator('h1').waitFor();
    await page.getByRole('button', { name: 'Record a new initiative' }).waitFor();
    expect(await fitsWidth(page), 'workspace').toBe(true);
    expect(await axeViolations(page), 'workspace').toEqual([]);
    await page.goto(`${server.url}/w/library/cases/sleepwell`);
    await page.locator('.model-card').first().waitFor();
    expect(await fitsWidth(page), 'case signed in').toBe(true);
    await screenshot(page, '320-case-signed-in');
    await page.close();
  });

  it('every step of the interview, compare, history, glossary and account pages fit the width', async () => {
    const page = await narrow.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);
    // Signed in as the owner, whether or not the test before set the server up.
    const setup = await pageApi(page, 'POST', '/api/setup', OWNER);
    if (setup.status !== 201 && setup.status !== 200) {
      const signedIn = await pageApi(page, 'POST', '/api/session', {
        email: OWNER.email,
        password: OWNER.password,
      });
      expect(signedIn.status).toBe(200);
    }
    const workspaces = (await pageApi(page, 'GET', '/api/workspaces')).json as {
      workspaces: { id: string }[];
    };
    const team = workspaces.workspaces.find((w) => w.id !== 'library')?.id ?? '';
    // Two parts: every kind of step, the second part's too, in a third of East Lille's time.
    const id = await draftOfCase(page, team, RECORDED);

    // Every step the interview lists, from its own step list.
    await page.goto(`${server.url}/w/${team}/drafts/${id}`);
    await page.locator('#step-heading').waitFor();
    const steps = (
      await page
        .locator('.steps-nav a')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href')))
    ).map((href) => new URL(href ?? '', server.url).searchParams.get('step') ?? '');
    expect(steps.length).toBeGreaterThan(10);
    for (const step of steps) {
      await page.goto(`${server.url}/w/${team}/drafts/${id}?step=${step}`);
      await page.locator('#step-heading').waitFor();
      await fits(page, `interview-${step}`);
    }
    await page.goto(`${server.url}/w/${team}/drafts/${id}?step=about&view=yaml`);
    await page.locator('#yaml-text').waitFor();
    await fits(page, 'interview-yaml');

    for (const [name, address, ready] of [
      ['drafts', `/w/${team}/drafts`, 'h1'],
      [
        'compare',
        `/compare?case=library/sleepwell&case=library/east-lille&case=${team}/${RECORDED}`,
        '.compare-kind',
      ],
      ['history', `/w/${team}/cases/${RECORDED}/history`, 'table'],
      ['glossary', '/glossary', '.glossary-entry'],
      ['account', '/account', '#workspaces-heading'],
      ['members', `/w/${team}/members`, 'h1'],
      ['summary', `/w/library/summary`, '.counts'],
      ['my-account', `/w/${team}/cases/${RECORDED}/my-account`, '.account-stage'],
    ] as const) {
      await page.goto(`${server.url}${address}`);
      await page.locator(ready).first().waitFor();
      await fits(page, name);
    }
    expect(errors).toEqual([]);
    await page.close();
    // Every step and page, each checked by axe: longer than one page's test.
  }, 300_000);
});
