// Compare: from a case page, "Compare with…" opens the comparison with that case; cases are added
// from the library and from one's workspace, then shown side by side (fits per model, and who did
// what by kind of party × stage), by keyboard, with axe-core on every state and at 320 px.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  fitsWidth,
  focusedMatches,
  launchBrowser,
  screenshot,
  startServer,
  tabTo,
  type Server,
  pageApi,
} from './harness.js';

const OWNER = {
  name: 'Cora Compare',
  email: 'cora@example.org',
  password: 'correct horse battery',
};

describe('comparing cases', () => {
  let server: Server;
  let browser: Browser;
  let page: Page;
  let team = '';
  const scriptErrors: string[] = [];

  const call = (method: string, path: string, body?: unknown): Promise<{ status: number }> =>
    pageApi(page, method, path, body);

  const check = async (name: string) => {
    expect(await axeViolations(page), name).toEqual([]);
    await screenshot(page, `compare-${name}`);
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ cases: 'cases' }), launchBrowser()]);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (error) => scriptErrors.push(error.message));
    await page.goto(server.url);
    const setup = (await page.evaluate(`
      fetch('/api/setup', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: ${JSON.stringify(JSON.stringify(OWNER))},
      }).then((r) => r.json())
    `)) as { workspace: { id: string } };
    team = setup.workspace.id;
    // A case of the team's own: SleepWell, with its patients said to have been asked at design.
    const text = readFileSync('cases/sleepwell.yaml', 'utf8')
      .replace('id: sleepwell', 'id: sleepwell-asked')
      .replace('title: SleepWell', 'title: SleepWell asked');
    const imported = await call('POST', `/api/workspaces/${team}/import`, {
      files: [{ name: 'sleepwell-asked.yaml', text }],
    });
    expect(imported.status).toBe(200);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens from a case page, adds cases from the library and the workspace, and shows them side by side', async () => {
    await page.goto(`${server.url}/w/library/cases/sleepwell`);
    await page.locator('.grid').first().waitFor();
    await tabTo(page, '.compare-entry a', { limit: 120 });
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/compare\?case=library%2Fsleepwell/);
    await page.locator('h1', { hasText: 'Compare cases' }).waitFor();
    await page.locator('.compare-list li', { hasText: 'SleepWell' }).waitFor();
    expect(await page.locator('.notice').innerText()).toContain('at least two cases');
    await check('1-one-case');

    // From the library, by keyboard: search, then add.
    await tabTo(page, '#compare-q');
    await page.keyboard.type('self-management');
    await page.keyboard.press('Enter');
    const add = page
      .locator('.compare-found button', { hasText: 'Mental Health Foundation' })
      .first();
    await add.waitFor();
    await tabTo(page, '.compare-found button');
    await page.keyboard.press('Enter');
    await page.locator('.compare-table').first().waitFor();
    expect(page.url()).toContain('case=library%2Fmhf-self-management-wales');
    await check('2-two-cases');

    const fitRow = (model: string) =>
      page.locator('#compare-fits ~ .compare-scroll tbody tr', { hasText: model });
    expect(await fitRow('Co-production').innerText()).not.toContain('differs');
    expect(await fitRow('Co-production').locator('td').allInnerTexts()).toEqual([
      'does not fit',
      'does not fit',
    ]);
    expect(await fitRow('Service user-led').innerText()).toContain('differs');
    expect(await fitRow('Service user-led').locator('td').allInnerTexts()).toEqual([
      'does not fit',
      'fits',
    ]);

    // The grid by kind of party: service users at design, in charge in Wales, no part in SleepWell.
    const users = page.locator('.compare-kind', {
      has: page.getByRole('heading', { level: 3, name: 'Service users', exact: true }),
    });
    const design = users.locator('tbody tr', {
      has: page.getByRole('rowheader', { name: /^Design/ }),
    });
    expect(await design.locator('td').allInnerTexts()).toEqual([
      'No part',
      expect.stringContaining('In charge'),
    ]);
    // A kind absent from one case says so rather than "no part" or "not recorded".
    const estates = page.locator('.compare-kind', {
      has: page.getByRole('heading', { level: 3, name: 'Other professionals', exact: true }),
    });
    expect(
      await estates
        .locator('tbody tr', { has: page.getByRole('rowheader', { name: /^Design/ }) })
        .locator('td')
        .allInnerTexts(),
    ).toEqual(['An equal partner', 'Not among its parties']);

    // From the workspace: choose where to look, find, add.
    await page.locator('#compare-where').selectOption(team);
    await page.locator('#compare-q').fill('');
    await page.getByRole('button', { name: 'Find cases' }).click();
    await page.locator('.compare-found button', { hasText: 'SleepWell asked' }).click();
    await page.locator('.compare-table thead th', { hasText: 'SleepWell asked' }).first().waitFor();
    expect(await page.locator('#compare-fits ~ .compare-scroll thead th').allInnerTexts()).toEqual([
      'Model',
      'SleepWell',
      'Mental Health Foundation self-management intervention, Wales',
      'SleepWell asked',
    ]);
    await check('3-three-cases');

    // Removing one keeps the others, and the focus goes to the list of cases.
    await page.getByRole('button', { name: 'Remove “Mental Health Foundation' }).click();
    await expect.poll(() => page.locator('.compare-list li').count()).toBe(2);
    expect(await focusedMatches(page, '#compare-chosen')).toBe(true);
    expect(page.url()).not.toContain('mhf');

    // Reload keeps the comparison (the address is the state); 320 px has no sideways page scroll.
    await page.reload();
    await page.locator('.compare-table').first().waitFor();
    const narrow = await browser.newContext({ viewport: { width: 320, height: 700 } });
    const small = await narrow.newPage();
    await small.goto(page.url().replace(/^https?:\/\/[^/]+/, server.url));
    await small.locator('.compare-list li').first().waitFor();
    // Signed out, the team's case is not shown, but the library case is, and the page says why.
    await small.locator('.compare-list .problem, .compare-list [role=alert]').first().waitFor();
    expect(await fitsWidth(small)).toBe(true);
    expect(await axeViolations(small)).toEqual([]);
    await screenshot(small, 'compare-320');
    await narrow.close();
    expect(scriptErrors).toEqual([]);
  });
});
