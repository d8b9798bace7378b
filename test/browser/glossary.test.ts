// The glossary: linked from every page's footer, and from the jargon on the reading of a case (each
// model, the grid's key, the rulebook line); each link lands on its entry, which takes the focus.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CERTAINTIES,
  FITS,
  LEVELS,
  MODELS,
  STAGES,
  MODEL_NAMES,
} from '../../src/core/vocabulary.js';
import {
  axeViolations,
  fitsWidth,
  focusedMatches,
  launchBrowser,
  screenshot,
  startServer,
  tabTo,
  type Server,
} from './harness.js';

describe('the glossary', () => {
  let server: Server;
  let browser: Browser;
  let page: Page;
  const scriptErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ cases: 'cases' }), launchBrowser()]);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.on('pageerror', (error) => scriptErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('is linked from the footer, explains every model, fit, level, stage and certainty, and has no violations', async () => {
    await page.goto(server.url);
    await page.locator('.case-card').first().waitFor();
    await tabTo(page, '.site-footer a[href="/glossary"]', { limit: 200 });
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: 'Glossary' }).waitFor();
    expect(await focusedMatches(page, 'h1')).toBe(true);
    const ids = [
      ...MODELS.map((m) => `model-${m}`),
      ...FITS.map((f) => `fit-${f}`),
      ...LEVELS.map((l) => `level-${l}`),
      ...STAGES.map((s) => `stage-${s}`),
      ...CERTAINTIES.map((c) => `certainty-${c}`),
      'not-recorded',
      'disputed',
      'rulebook',
    ];
    for (const id of ids) {
      const entry = page.locator(`dt#${id} + dd`);
      expect((await entry.innerText()).length, id).toBeGreaterThan(20);
    }
    expect(await page.locator('dt#model-co-production').innerText()).toBe('Co-production');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'glossary');
  });

  it('is linked from the jargon of a reading, each link landing on its entry', async () => {
    await page.goto(`${server.url}/w/library/cases/sleepwell`);
    await page.locator('.grid').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    for (const model of MODELS)
      await page
        .locator('.model-card .glossary-link', {
          hasText: new RegExp(`“${MODEL_NAMES[model]}”`, 'i'),
        })
        .first()
        .waitFor();

    await tabTo(page, '.model-card .glossary-link[href="/glossary#model-co-production"]', {
      limit: 200,
    });
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/glossary#model-co-production$/);
    await expect.poll(() => focusedMatches(page, 'dt#model-co-production')).toBe(true);
    expect(await page.locator('dt#model-co-production + dd').innerText()).toMatch(/equals/);

    await page.goBack();
    await page.locator('.grid').first().waitFor();
    await page.locator('.legend .glossary-link').first().click();
    await page.waitForURL(/\/glossary#levels$/);
    await expect.poll(() => focusedMatches(page, 'h2#levels')).toBe(true);

    await page.goBack();
    await page.locator('.rulebook .glossary-link').click();
    await expect.poll(() => focusedMatches(page, 'dt#rulebook')).toBe(true);

    // At 320 px the glossary reflows.
    const narrow = await browser.newContext({ viewport: { width: 320, height: 700 } });
    const small = await narrow.newPage();
    await small.goto(`${server.url}/glossary#fit-undetermined`);
    await small.locator('dt#fit-undetermined').waitFor();
    expect(await fitsWidth(small)).toBe(true);
    expect(await axeViolations(small)).toEqual([]);
    await narrow.close();
    expect(scriptErrors).toEqual([]);
  });
});
