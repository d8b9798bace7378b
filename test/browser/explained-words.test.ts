// Words explained beyond the reading, on a 320 px screen: a compare table's stage, a library
// card's badge (one tab stop a card, arrow keys between its words), a case's source kinds and an
// interview level choice (a visible description that is the radio's aria-describedby). Each shows
// on hover and on keyboard focus, Escape hides a pop-up without moving focus, and axe finds nothing
// in either state.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { glossaryEntry, type EntryId } from '../../web/src/glossary/glossary-words.js';
import {
  axeViolations,
  draftOfCase,
  fitsWidth,
  focusedMatches,
  launchBrowser,
  screenshot,
  startServer,
  type Server,
} from './harness.js';
import { focusedAx, focusedDescription, tipOf } from './term-probe.js';

const OWNER = {
  name: 'Esme Explained',
  email: 'esme@example.org',
  password: 'correct horse battery',
};

/** Hover shows the meaning, it stays within the 320 px window, and Escape hides it; axe while shown. */
async function hoverShowsThenEscapeHides(page: Page, term: Locator, id: EntryId, shot: string) {
  const tip = await tipOf(term);
  expect(await tip.isVisible(), `${id} hidden at first`).toBe(false);
  await term.hover();
  await tip.waitFor({ state: 'visible' });
  expect(await tip.innerText()).toBe(glossaryEntry(id).meaning);
  const box = await tip.boundingBox();
  expect(box && box.x >= 0 && box.x + box.width <= 320, `${id} within the window`).toBe(true);
  expect(await fitsWidth(page)).toBe(true);
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, shot, { fullPage: false });
  await page.keyboard.press('Escape');
  await tip.waitFor({ state: 'hidden' });
  await page.mouse.move(0, 0);
}

/** The focused term shows its meaning, screen readers get it as its description, Escape hides it
 * and leaves the focus where it was. */
async function focusShowsThenEscapeHides(page: Page, id: EntryId, shot: string) {
  const term = page.locator(`button.term[data-term="${id}"]:focus`);
  expect(await term.count(), `${id} has the focus`).toBe(1);
  const tip = await tipOf(term);
  await tip.waitFor({ state: 'visible' });
  expect(await tip.innerText()).toBe(glossaryEntry(id).meaning);
  expect(await focusedDescription(page)).toBe(glossaryEntry(id).meaning);
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, shot, { fullPage: false });
  await page.keyboard.press('Escape');
  await tip.waitFor({ state: 'hidden' });
  expect(await focusedMatches(page, `button.term[data-term="${id}"]`)).toBe(true);
}

describe('words explained on a 320 px screen', () => {
  let server: Server;
  let browser: Browser;
  let narrow: BrowserContext;
  let page: Page;
  let team = '';
  const scriptErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ cases: 'cases' }), launchBrowser()]);
    narrow = await browser.newContext({ viewport: { width: 320, height: 720 } });
    page = await narrow.newPage();
    page.on('pageerror', (error) => scriptErrors.push(error.message));
  });

  afterAll(async () => {
    expect(scriptErrors).toEqual([]);
    await browser?.close();
    await server?.stop();
  });

  it('explains a compare table’s stage on hover and on focus; the table is one tab stop for its words', async () => {
    await page.goto(`${server.url}/compare?case=library/sleepwell&case=library/east-lille`);
    const grid = page.locator('.compare-kind').first();
    await grid.locator('tbody th').first().waitFor();
    const design = grid.locator('tbody th button.term[data-term="stage-design"]');
    await design.scrollIntoViewIfNeeded();
    await hoverShowsThenEscapeHides(page, design, 'stage-design', '320-compare-stage-hover');

    // By keyboard: Tab reaches the table's box, then its first stage; the arrow keys the others.
    await page.locator('#compare-grids').scrollIntoViewIfNeeded();
    await page.locator('.compare-kind').first().locator('h3 button.term').focus();
    await page.keyboard.press('Tab');
    expect(await focusedMatches(page, '.compare-kind .compare-scroll')).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focusedMatches(page, 'button.term[data-term="stage-initiation"]')).toBe(true);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await focusShowsThenEscapeHides(page, 'stage-design', '320-compare-stage-focus');
    // The stage's row header keeps its short name; the meaning is not read as part of it.
    expect(await grid.getByRole('rowheader', { name: /^Design/ }).innerText()).not.toContain(
      glossaryEntry('stage-design').meaning,
    );
    // One tab stop a table: the next Tab leaves this table for the next kind's heading.
    expect(await grid.locator('.compare-scroll button.term[tabindex="0"]').count()).toBe(1);
    await page.keyboard.press('Tab');
    expect(await focusedMatches(page, '.compare-kind:nth-of-type(2) h3 button.term')).toBe(true);
    // Shift+Tab comes back to the stage last used, not the first.
    await page.keyboard.press('Shift+Tab');
    expect(await focusedMatches(page, 'button.term[data-term="stage-design"]')).toBe(true);
  });

  it('explains a library card’s model and fit on hover and on focus, with one tab stop a card', async () => {
    await page.goto(server.url);
    const first = page.locator('.case-card').first();
    await first.locator('.fit-badges button.term').first().waitFor();
    const fit = first.locator('.fit-badges li').first().locator('strong button.term');
    const fitId = (await fit.getAttribute('data-term')) as EntryId;
    expect(fitId).toMatch(/^fit-/);
    await fit.scrollIntoViewIfNeeded();
    await hoverShowsThenEscapeHides(page, fit, fitId, '320-library-badge-hover');

    // Tab from the card's title reaches its first badge word, the model's name.
    await first.locator('h3 a').focus();
    await page.keyboard.press('Tab');
    await focusShowsThenEscapeHides(page, 'model-co-production', '320-library-badge-focus');
    await page.keyboard.press('ArrowRight');
    expect(await focusedMatches(page, `.case-card .fit-badges strong button.term`)).toBe(true);
    expect((await focusedAx(page)).description).toBe(glossaryEntry(fitId).meaning);
    await page.keyboard.press('End');
    expect(await focusedMatches(page, 'button.term[data-term^="fit-"]')).toBe(true);
    await page.keyboard.press('Home');
    expect(await focusedMatches(page, 'button.term[data-term="model-co-production"]')).toBe(true);
    // Ten words on a card, one tab stop: the next Tab goes to the next card's title.
    expect(await first.locator('.fit-badges button.term').count()).toBe(10);
    expect(await first.locator('.fit-badges button.term[tabindex="0"]').count()).toBe(1);
    await page.keyboard.press('Tab');
    expect(await focusedMatches(page, '.case-list > li:nth-child(2) .case-card h3 a')).toBe(true);
  });

  it('explains where each of a case’s sources comes from, on hover and on focus', async () => {
    await page.goto(`${server.url}/w/library/cases/sleepwell`);
    const kind = page.locator('.sources .source-kind button.term').first();
    await kind.waitFor();
    const id = (await kind.getAttribute('data-term')) as EntryId;
    expect(id).toMatch(/^source-/);
    await kind.scrollIntoViewIfNeeded();
    await hoverShowsThenEscapeHides(page, kind, id, '320-case-source-kind-hover');
    await kind.focus();
    await focusShowsThenEscapeHides(page, id, '320-case-source-kind-focus');
  });

  it('describes each interview level choice beside it, as the radio’s description, without a pop-up in the way', async () => {
    await page.goto(server.url);
    team = (
      (await page.evaluate(`
        fetch('/api/setup', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: ${JSON.stringify(JSON.stringify(OWNER))},
        }).then((r) => r.json())
      `)) as { workspace: { id: string } }
    ).workspace.id;
    const id = await draftOfCase(page, team, 'sleepwell');
    await page.goto(`${server.url}/w/${team}/drafts/${id}?step=p1-design`);
    await page.locator('#step-heading').waitFor();

    const consulted = page.locator('.levels input[type=radio][value="consulted"]').first();
    const hintId = await consulted.getAttribute('aria-describedby');
    expect(hintId).toBeTruthy();
    const hint = page.locator(`[id="${hintId}"]`);
    // On hover, the meaning is there beside the choice (it always is), not over anything.
    await page.locator(`label[for="${await consulted.getAttribute('id')}"]`).hover();
    expect(await hint.isVisible()).toBe(true);
    expect(await hint.innerText()).toBe(glossaryEntry('level-consulted').meaning);
    expect(await fitsWidth(page)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    // By keyboard: the radio group is reached by Tab and operated by the arrow keys as ever; the
    // focused choice's name is its label only, and its description is the meaning.
    await page.mouse.move(0, 0);
    const group = page.locator('.levels').first();
    const checked = group.locator('input[type=radio]:checked');
    await checked.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    expect(await focusedMatches(page, '.levels input[type=radio]:checked')).toBe(true);
    const start = await checked.getAttribute('value');
    // Move onto "was asked for their views" with the arrow keys, from wherever the answer was.
    const order = ['none', 'informed', 'consulted', 'partner', 'leads', 'unknown'];
    const steps = order.indexOf('consulted') - order.indexOf(start ?? 'unknown');
    for (let i = 0; i < Math.abs(steps); i += 1)
      await page.keyboard.press(steps > 0 ? 'ArrowDown' : 'ArrowUp');
    expect(await consulted.isChecked()).toBe(true);
    expect(await focusedMatches(page, '.levels input[value="consulted"]')).toBe(true);
    const ax = await focusedAx(page);
    expect(ax.name).toBe('Was asked for their views');
    expect(ax.description).toBe(glossaryEntry('level-consulted').meaning);
    await page.locator('.save-status[role=status]', { hasText: 'Saved' }).waitFor();
    await consulted.scrollIntoViewIfNeeded();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, '320-interview-level-focus', { fullPage: false });

    // Nothing pops up, so Escape has nothing to hide: the meaning stays, the focus and answer too.
    await page.keyboard.press('Escape');
    expect(await hint.isVisible()).toBe(true);
    expect(await focusedMatches(page, '.levels input[value="consulted"]')).toBe(true);
    expect(await consulted.isChecked()).toBe(true);

    // The certainty choices say which word the reading will use, the same way.
    const suggested = group
      .locator('xpath=..')
      .locator('input[type=radio][value="suggested"]')
      .first();
    const certaintyHint = page.locator(
      `[id="${await suggested.getAttribute('aria-describedby')}"]`,
    );
    expect(await certaintyHint.innerText()).toContain('only suggested');
    expect(await page.getByRole('radio', { name: 'It is only suggested, or likely' }).count()).toBe(
      await page.locator('input[type=radio][value="suggested"]').count(),
    );
    await screenshot(page, '320-interview-design');
  });
});
