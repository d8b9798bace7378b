// Workspaces in a real browser: making one, members and roles (with the last-owner rule), invitation
// links joined from another browser, what a viewer cannot do, API tokens, the password, and the
// summary of a workspace or the library. axe-core checks each new page and state.
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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
} from './harness.js';

const OWNER = { name: 'Olu Owner', email: 'olu@example.org', password: 'correct horse battery' };
const NEWCOMER = {
  name: 'Vic Viewer',
  email: 'vic@example.org',
  password: 'another long password',
};

describe('workspace administration', () => {
  let server: Server;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let other: BrowserContext;
  let guest: Page;
  let workspace: string;
  let invitation: string;
  const scriptErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ cases: 'cases' }), launchBrowser()]);
    context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    page = await context.newPage();
    page.on('pageerror', (error) => scriptErrors.push(error.message));
    await page.goto(server.url);
    await page.evaluate(`
      fetch('/api/setup', {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify(${JSON.stringify(OWNER)}),
      }).then((r) => r.status)
    `);
    other = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    guest = await other.newPage();
    guest.on('pageerror', (error) => scriptErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const open = async (p: Page, path: string, ready: string) => {
    await p.goto(`${server.url}${path}`);
    await p.waitForSelector(ready);
  };

  it('makes a workspace from "Your account", with a case in it', async () => {
    await open(page, '/', '.site-header');
    await page.getByRole('link', { name: 'Your account' }).click();
    await page.waitForSelector('h1:text("Your account")');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Name of the workspace').fill('Peer Research Group');
    await page.getByRole('button', { name: 'Make the workspace' }).click();
    await page.waitForSelector('h1:text("Peer Research Group")');
    workspace = decodeURIComponent(new URL(page.url()).pathname.split('/')[2] ?? '');
    expect(workspace).not.toBe('');
    // A case to look at, saved through the API with the session.
    const status = await page.evaluate(`
      (async () => {
        const session = await (await fetch('/api/session')).json();
        const document = (await (await fetch('/api/workspaces/library/cases/sleepwell')).json()).document;
        const response = await fetch('/api/workspaces/${workspace}/cases', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
          body: JSON.stringify({ document }),
        });
        return response.status;
      })()
    `);
    expect(status).toBe(201);
    expect(await page.getByRole('link', { name: 'Members, roles and invitations' }).count()).toBe(
      1,
    );
  });

  it('shows members to the owner, with the last-owner rule explained, and makes an invitation link', async () => {
    await page.getByRole('link', { name: 'Members, roles and invitations' }).click();
    await page.waitForSelector('table.members');
    expect(await page.locator('h1').innerText()).toBe('Members of Peer Research Group');
    expect(await page.locator('table.members tbody tr').innerText()).toMatch(
      /Olu Owner \(you\)[\s\S]*olu@example.org/,
    );
    expect(await page.locator('#last-owner-rule').innerText()).toContain(
      'A workspace always needs at least one owner',
    );
    // The last owner cannot step down: the refusal says why.
    await page.getByLabel('Role of Olu Owner').selectOption('editor');
    await page.getByRole('button', { name: 'Change the role of Olu Owner' }).click();
    await page.getByRole('alert').getByText('A workspace needs at least one owner').waitFor();
    expect(await page.getByLabel('Role of Olu Owner').inputValue()).toBe('owner');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admin-last-owner');

    await page.getByLabel(/^Viewer:/).check();
    await page.getByRole('button', { name: 'Make an invitation link' }).click();
    const field = page.locator('#invitation-link');
    await field.waitFor();
    invitation = await field.inputValue();
    expect(invitation).toMatch(new RegExp(`^${server.url}/join/`));
    expect(await page.getByLabel('Invitation link (viewer)').count()).toBe(1);
    await page.getByRole('button', { name: 'Copy the link' }).click();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(invitation);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admin-members');
  });

  it('lets a new person join by the link in another browser, as a viewer who cannot edit', async () => {
    await guest.goto(invitation);
    await guest.waitForSelector('h1:text("Join Peer Research Group")');
    expect(await guest.locator('main').innerText()).toContain('as viewer');
    expect(await axeViolations(guest)).toEqual([]);
    await screenshot(guest, 'admin-join');
    await guest.getByLabel('Your name').fill(NEWCOMER.name);
    await guest.getByLabel('Email address').fill(NEWCOMER.email);
    await guest.getByLabel('Password').fill(NEWCOMER.password);
    await guest.getByRole('button', { name: 'Create my account and join' }).click();
    await guest.waitForSelector('h1:text("Peer Research Group")');
    expect(await guest.locator('.signed-in-as').innerText()).toBe(`Signed in as ${NEWCOMER.name}`);

    // A viewer reads the case, but sees no edit controls, and the add-my-account page says why.
    await open(guest, `/w/${workspace}/cases/sleepwell`, '.case-tools');
    expect(await guest.locator('#take-it-with-you').innerText()).toBe('Export and report');
    expect(await guest.locator('#add-my-account').count()).toBe(0);
    expect(await guest.getByRole('heading', { name: 'Share a read-only link' }).count()).toBe(0);
    await open(guest, `/w/${workspace}/cases/sleepwell/history`, 'table.revisions');
    expect(await guest.getByRole('button', { name: /Go back to revision/ }).count()).toBe(0);
    await open(guest, `/w/${workspace}/cases/sleepwell/my-account`, 'h1');
    expect(await guest.locator('main').innerText()).toContain(
      'Only people who may edit the cases of this workspace can add their own account',
    );
    expect(await guest.locator('.account-form').count()).toBe(0);
    expect(await axeViolations(guest)).toEqual([]);

    // The link works once.
    const used = await browser.newContext();
    const third = await used.newPage();
    await third.goto(invitation);
    await third.waitForSelector('h1:text("This invitation cannot be used")');
    expect(await third.locator('main').innerText()).toContain('already been used');
    await used.close();
  });

  it('lists the invitations waiting, without their links, and withdraws one by keyboard after a confirmation', async () => {
    await open(page, `/w/${workspace}/members`, '#pending-heading');
    await page.getByText('No invitations are waiting to be used.').waitFor();
    const link = page.locator('#invitation-link');
    const make = async (role: RegExp) => {
      // The link shown before, if any: the new one replaces it once the server has made it (read
      // too soon, the second link was the first, and the withdrawn "viewer" link still worked).
      const before = (await link.count()) > 0 ? await link.inputValue() : '';
      await page.getByLabel(role).check();
      await page.getByRole('button', { name: 'Make an invitation link' }).click();
      await expect
        .poll(async () => ((await link.count()) > 0 ? link.inputValue() : ''))
        .not.toBe(before);
      return link.inputValue();
    };
    const editorLink = await make(/^Editor:/);
    await expect.poll(() => page.locator('table.invitations tbody tr').count()).toBe(1);
    const viewerLink = await make(/^Viewer:/);
    expect(viewerLink).not.toBe(editorLink);
    await expect.poll(() => page.locator('table.invitations tbody tr').count()).toBe(2);
    const rows = page.locator('table.invitations tbody tr');
    expect(await rows.nth(0).innerText()).toMatch(/^Viewer\s+Olu Owner\s+\d+ \w+ 20\d\d/);
    expect(await rows.nth(1).innerText()).toMatch(/^Editor\s+Olu Owner/);
    // The links were shown once, when made; the list never shows them again.
    const table = await page.locator('table.invitations').innerText();
    for (const link of [editorLink, viewerLink])
      expect(table).not.toContain(new URL(link).pathname.split('/').pop());
    expect(await axeViolations(page)).toEqual([]);

    // Withdraw the viewer one (its link is on screen): asked first; "No, keep it" goes back.
    await tabTo(page, 'table.invitations button[id^="withdraw-"]');
    const asked = await page.evaluate('document.activeElement.id');
    await page.keyboard.press('Enter');
    const confirm = page.locator('table.invitations .confirm');
    await confirm.waitFor();
    expect(await confirm.innerText()).toMatch(
      /^Withdraw the viewer invitation Olu Owner made on .+\? Its link stops working at once/,
    );
    expect(await focusedMatches(page, '.confirm button.primary')).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admin-invitation-withdraw-confirm');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => confirm.count()).toBe(0);
    await expect.poll(() => page.evaluate('document.activeElement.id')).toBe(asked);
    expect(await rows.count()).toBe(2);
    await page.keyboard.press('Enter');
    await confirm.waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().innerText()).toMatch(/^Editor/);
    expect(await focusedMatches(page, '#pending-heading')).toBe(true);
    await expect
      .poll(() => page.locator('[aria-live=polite]').first().innerText())
      .toMatch(
        /^Withdrawn: the viewer invitation Olu Owner made on .+\. Its link no longer works\.$/,
      );
    // The withdrawn link is not left on the screen to be sent.
    expect(await page.locator('#invitation-link').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admin-invitations-pending');

    // Whoever opens the withdrawn link is told so, plainly; the other link still works.
    const stranger = await browser.newContext();
    const visitor = await stranger.newPage();
    await visitor.goto(viewerLink);
    await visitor.waitForSelector('h1:text("This invitation cannot be used")');
    expect(await visitor.locator('main').innerText()).toContain(
      'This invitation was withdrawn by an owner of the workspace',
    );
    expect(await axeViolations(visitor)).toEqual([]);
    await screenshot(visitor, 'admin-join-withdrawn');
    await visitor.goto(editorLink);
    await visitor.waitForSelector('h1:text("Join Peer Research Group")');
    await stranger.close();
  });

  it('changes the newcomer’s role: as an editor they may add their account', async () => {
    await open(page, `/w/${workspace}/members`, 'table.members');
    expect(await page.locator('table.members tbody tr').count()).toBe(2);
    await page.getByLabel(`Role of ${NEWCOMER.name}`).selectOption('editor');
    await page.getByRole('button', { name: `Change the role of ${NEWCOMER.name}` }).click();
    await expect
      .poll(() => page.getByLabel(`Role of ${NEWCOMER.name}`).inputValue())
      .toBe('editor');
    await open(guest, `/w/${workspace}/cases/sleepwell`, '#add-my-account');
    expect(await guest.getByRole('heading', { name: 'Share a read-only link' }).count()).toBe(1);

    // And removed, with a confirmation first: they lose access.
    await page.getByRole('button', { name: `Remove ${NEWCOMER.name}` }).click();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Yes, remove' }).click();
    await expect.poll(() => page.locator('table.members tbody tr').count()).toBe(1);
    await open(guest, `/w/${workspace}/cases/sleepwell`, 'h1');
    await guest.waitForSelector('h1:text("Case not found")');
  });

  it('says plainly when an invitation link is not valid', async () => {
    await open(guest, '/join/not-a-real-invitation', 'h1:text("This invitation cannot be used")');
    expect(await guest.locator('main').innerText()).toContain('This invitation link is not valid');
    expect(await axeViolations(guest)).toEqual([]);
    await screenshot(guest, 'admin-join-invalid');
  });

  it('makes an API token shown once, which works until it is revoked', async () => {
    await open(page, '/account', '#token-name');
    await page.getByLabel('Name of the token').fill('Review scripts');
    await page.getByRole('button', { name: 'Make a token' }).click();
    const secret = page.locator('#new-token');
    await secret.waitFor();
    const token = await secret.inputValue();
    expect(token.length).toBeGreaterThan(20);
    await page.getByRole('button', { name: 'Copy the token' }).click();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(token);
    expect(await page.locator('table.tokens tbody tr').innerText()).toMatch(
      /Review scripts[\s\S]*Never/,
    );
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admin-token-made');

    const asToken = (p: Page) =>
      p.request.get(`${server.url}/api/tokens`, { headers: { authorization: `Bearer ${token}` } });
    const stranger = await browser.newContext();
    const api = await stranger.newPage();
    expect((await asToken(api)).status()).toBe(200);

    await page.getByRole('button', { name: 'I have copied it: hide the token' }).click();
    expect(await page.locator('#new-token').count()).toBe(0);
    await page.getByRole('button', { name: 'Revoke “Review scripts”' }).click();
    await page.getByRole('button', { name: 'Yes, revoke it' }).click();
    await page.getByText('You have no API tokens.').waitFor();
    expect((await asToken(api)).status()).toBe(401);
    await stranger.close();
  });

  it('changes the password, refusing a wrong current one', async () => {
    await open(page, '/account', '#current');
    await page.getByLabel('Your current password').fill('not my password');
    await page.getByLabel('New password').fill('a brand new passphrase');
    await page.getByRole('button', { name: 'Change the password' }).click();
    await page.locator('.problem').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Your current password').fill(OWNER.password);
    await page.getByLabel('New password').fill('a brand new passphrase');
    await page.getByRole('button', { name: 'Change the password' }).click();
    await page.getByText('Your password is changed.').waitFor();
  });

  it('summarises the library: how often each model fits, the co-production claims, the figure and the table', async () => {
    await open(page, '/', '.workspace-links');
    await page.getByRole('link', { name: 'How the five models fit across the library' }).click();
    await page.waitForSelector('table.counts');
    expect(await page.locator('h1').innerText()).toMatch(
      /^The case library: the five models across \d+ cases$/,
    );
    expect(await page.locator('.big-number').innerText()).toMatch(
      /^Of the \d+ cases? that call themselves co-produced, the record supports \d+\.$/,
    );
    expect(await page.locator('.claims-list li').count()).toBeGreaterThan(0);
    const figure = page.locator('.profile-figure img');
    await expect
      .poll(() => page.evaluate(`document.querySelector('.profile-figure img').naturalWidth`))
      .toBeGreaterThan(0);
    expect(await figure.getAttribute('alt')).toMatch(
      /^A bar for each model[\s\S]*Co-production: fits \d+\./,
    );
    expect(await page.locator('table.counts').first().locator('tbody tr').count()).toBe(5);
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the table (CSV)' }).click(),
    ]);
    expect(csv.suggestedFilename()).toBe('library-table.csv');
    const text = readFileSync(await csv.path(), 'utf8');
    expect(text.split('\n').length).toBeGreaterThan(10);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admin-summary-library');

    await open(page, `/w/${workspace}/summary`, 'table.counts');
    expect(await page.locator('h1').innerText()).toBe(
      'Peer Research Group: the five models across 1 case',
    );
    expect(await axeViolations(page)).toEqual([]);
    expect(scriptErrors).toEqual([]);
  });

  it('reflows the workspace pages at 320 px and at 200% zoom, with no WCAG A/AA violation', async () => {
    const state = await context.storageState();
    for (const [name, viewport, scale] of [
      ['narrow', { width: 320, height: 800 }, 1],
      ['zoom-200', { width: 640, height: 450 }, 2],
    ] as const) {
      const small = await browser.newContext({
        viewport,
        deviceScaleFactor: scale,
        storageState: state,
      });
      const p = await small.newPage();
      for (const [path, ready, shot] of [
        [`/w/${workspace}/members`, 'table.members', 'members'],
        ['/account', '#token-name', 'account'],
        ['/w/library/summary', 'table.counts', 'summary'],
        [
          '/join/not-a-real-invitation',
          'h1:text("This invitation cannot be used")',
          'join-invalid',
        ],
      ] as const) {
        await p.goto(`${server.url}${path}`);
        await p.waitForSelector(ready);
        expect(await fitsWidth(p), `${name} ${path}`).toBe(true);
        expect(await axeViolations(p), `${name} ${path}`).toEqual([]);
        await screenshot(p, `admin-${name}-${shot}`);
      }
      await small.close();
    }
  });
});
