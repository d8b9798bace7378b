// WCAG 1.4.10 at the narrowest width the issue names: the library and case pages at 320 px wide
// scroll only up and down (wide grids scroll inside their own box), signed out and signed in.
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  fitsWidth,
  launchBrowser,
  screenshot,
  startServer,
  type Server,
} from './harness.js';

const OWNER = { name: 'Nell Narrow', email: 'nell@example.org', password: 'correct horse battery' };

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
});
