// Terms of art explained on hover and on focus (WCAG 2.2 SC 1.4.13): the glossary's own words, shown
// on hover and on focus, hidden by Escape without moving focus or pointer, reachable by the pointer,
// persistent, given to screen readers as the term's description, and axe-clean while shown.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { glossaryEntry, type EntryId } from '../../web/src/glossary/glossary-words.js';
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
import { focusedDescription, tipOf } from './term-probe.js';

const termIn = (page: Page, scope: string, id: EntryId): Locator =>
  page.locator(`${scope} button.term[data-term="${id}"]`).first();

describe('terms explained on hover and focus', () => {
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

  it('shows a stage’s meaning on hover, keeps it while the pointer moves onto it, and hides it on Escape', async () => {
    await page.goto(`${server.url}/w/library/cases/sleepwell`);
    await page.locator('.grid').first().waitFor();
    const design = termIn(page, '.grid thead', 'stage-design');
    const tip = await tipOf(design);
    expect(await tip.isVisible()).toBe(false);

    await design.hover();
    await tip.waitFor({ state: 'visible' });
    expect(await tip.innerText()).toBe(glossaryEntry('stage-design').meaning);
    expect(await tip.getAttribute('role')).toBe('tooltip');
    // Persistent: it stays while the pointer stays.
    await page.waitForTimeout(1200);
    expect(await tip.isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'term-hover-stage', { fullPage: false });

    // Hoverable: the pointer can move onto the explanation, across the gap, without losing it.
    const box = await tip.boundingBox();
    if (!box) throw new Error('the explanation has no box');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
    await page.waitForTimeout(600);
    expect(await tip.isVisible()).toBe(true);

    // Dismissible: Escape hides it with the pointer still over it, and the focus where it was.
    const focusBefore = await page.evaluate('document.activeElement && document.activeElement.id');
    await page.keyboard.press('Escape');
    await tip.waitFor({ state: 'hidden' });
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe(
      focusBefore,
    );
    await page.waitForTimeout(500);
    expect(await tip.isVisible()).toBe(false);

    // Leaving and coming back shows it again; leaving for good hides it.
    await page.mouse.move(5, 5);
    await design.hover();
    await tip.waitFor({ state: 'visible' });
    await page.mouse.move(5, 5);
    await tip.waitFor({ state: 'hidden' });
    expect(scriptErrors).toEqual([]);
  });

  it('shows a model’s meaning on keyboard focus, gives it to screen readers, and Escape hides it without moving focus', async () => {
    await page.goto(`${server.url}/w/library/cases/sleepwell`);
    await page.locator('.model-card').first().waitFor();
    const model = termIn(page, '.model-card', 'model-co-production');
    const tip = await tipOf(model);
    await tabTo(page, '.model-card h3 button.term', { limit: 120 });
    expect(await focusedMatches(page, '[data-term="model-co-production"]')).toBe(true);
    await tip.waitFor({ state: 'visible' });
    expect(await tip.innerText()).toBe(glossaryEntry('model-co-production').meaning);
    expect(await focusedDescription(page)).toBe(glossaryEntry('model-co-production').meaning);
    // The heading and the card keep their short names.
    expect(await page.getByRole('heading', { name: 'Co-production', exact: true }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'term-focus-model', { fullPage: false });

    await page.keyboard.press('Escape');
    await tip.waitFor({ state: 'hidden' });
    expect(await focusedMatches(page, '.model-card h3 button.term')).toBe(true);
    // A click (or tap) on the term shows it again.
    await model.click();
    await tip.waitFor({ state: 'visible' });

    // The next term takes over: the fit words on the same card.
    await page.keyboard.press('Tab');
    await tip.waitFor({ state: 'hidden' });
    const fit = page.locator('.model-card').first().locator('.fit-line button.term');
    expect(await focusedMatches(page, '.model-card .fit-line button.term')).toBe(true);
    const fitTip = await tipOf(fit);
    await fitTip.waitFor({ state: 'visible' });
    expect(await fitTip.innerText()).toMatch(/^(What is known|Some of|Too little)/);
  });

  it('explains the key’s levels and certainty words, the rulebook and the headings of the reading', async () => {
    await page.goto(`${server.url}/w/library/cases/east-lille`);
    await page.locator('.grid').first().waitFor();
    const ids: readonly [string, EntryId][] = [
      ['.legend', 'level-consulted'],
      ['.legend', 'not-recorded'],
      ['.legend', 'disputed'],
      ['.legend', 'certainty-suggested'],
      ['.grid thead', 'party'],
      ['.rulebook', 'rulebook'],
      ['main', 'what-would-change'],
      ['main', 'evens-out'],
      ['main', 'humane'],
    ];
    for (const [scope, id] of ids) {
      const term = termIn(page, scope, id);
      await term.focus();
      const tip = await tipOf(term);
      await tip.waitFor({ state: 'visible' });
      expect(await tip.innerText(), id).toBe(glossaryEntry(id).meaning);
      await term.blur();
      await tip.waitFor({ state: 'hidden' });
    }
    // The cells themselves are not tab stops: the key and headers explain their words.
    expect(await page.locator('.grid td button, .grid td[tabindex="0"]').count()).toBe(0);
  });

  it('explains the fit words above the library’s cards, and stays within a 320 px screen', async () => {
    const small = await browser.newContext({ viewport: { width: 320, height: 700 } });
    const p = await small.newPage();
    await p.goto(server.url);
    await p.locator('.case-card').first().waitFor();
    const notSettled = termIn(p, '.fit-words-key', 'fit-undetermined');
    await notSettled.focus();
    const tip = await tipOf(notSettled);
    await tip.waitFor({ state: 'visible' });
    expect(await tip.innerText()).toBe(glossaryEntry('fit-undetermined').meaning);
    const box = await tip.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 320).toBe(true);
    expect(await fitsWidth(p)).toBe(true);
    expect(await axeViolations(p)).toEqual([]);
    await screenshot(p, 'term-focus-library-320', { fullPage: false });
    await small.close();
  });
});
