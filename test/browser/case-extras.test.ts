// The case tools in a real browser: add my account (by keyboard alone, and after someone else saved),
// share links opened without an account and withdrawn, export and report downloads, similar cases,
// and the history with its plain-words diff and revert. axe-core checks each new page and state.
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

const OWNER = {
  name: 'Sam Service-User',
  email: 'sam@example.org',
  password: 'correct horse battery',
};

/** Creates the owner and copies SleepWell into their workspace, through the API with the session. */
async function setUp(page: Page): Promise<{ team: string; userId: string }> {
  return page.evaluate(`
    (async () => {
      const setup = await (await fetch('/api/setup', {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify(${JSON.stringify(OWNER)}),
      })).json();
      const team = (await (await fetch('/api/workspaces')).json()).workspaces.find((w) => w.kind === 'team').id;
      const document = (await (await fetch('/api/workspaces/library/cases/sleepwell')).json()).document;
      const response = await fetch('/api/workspaces/' + team + '/cases', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': setup.csrfToken },
        body: JSON.stringify({ document: { ...document, id: 'our-sleepwell', title: 'Our SleepWell' } }),
      });
      if (response.status !== 201) throw new Error('not saved: ' + response.status);
      return { team, userId: setup.user.id };
    })()
  `);
}

/** Someone else's save in the meantime: another account of the initiation stage, sent with the session. */
const saveMeanwhile = (page: Page, team: string) =>
  page.evaluate(`
    (async () => {
      const session = await (await fetch('/api/session')).json();
      const current = await (await fetch('/api/workspaces/${team}/cases/our-sleepwell')).json();
      const response = await fetch('/api/workspaces/${team}/cases/our-sleepwell/my-account', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ component: 'protected-sleep', claims: [{ party: 'patients', stage: 'outreach', level: 'informed' }], revision: current.revision }),
      });
      return response.status;
    })()
  `);

describe('the case tools', () => {
  let server: Server;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let team: string;
  let userId: string;
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
    ({ team, userId } = await setUp(page));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const casePath = () => `/w/${team}/cases/our-sleepwell`;
  const open = async (path: string, ready: string) => {
    await page.goto(`${server.url}${path}`);
    await page.waitForSelector(ready);
  };

  it('adds my account by keyboard alone: the grid shows the disagreement and the reading says what turns on it', async () => {
    await open(casePath(), '.grid');
    const before = await page.locator('.uncertainties').innerText();
    expect(before).not.toContain('Disputed');
    expect(await page.locator('#cell-0-0-design').getAttribute('class')).toContain('cell-agreed');

    await tabTo(page, '#add-my-account');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.account-form');
    expect(await page.locator('h1').innerText()).toBe('Add my account');
    expect(await focusedMatches(page, 'h1')).toBe(true);
    // The in-patients are chosen first (the service users); their design is recorded as "no part".
    expect(await page.locator('#account-party').inputValue()).toBe('patients');
    expect(await page.locator('#level-design-recorded').innerText()).toBe(
      'Recorded now: no part (harcourt-crepaz-keay)',
    );
    expect(await axeViolations(page)).toEqual([]);

    // Design: "I won't say" → had no part → was told → was asked → decided together as equals.
    await tabTo(page, 'input[name="level-design"]');
    for (let i = 0; i < 4; i += 1) await page.keyboard.press('ArrowRight');
    expect(await page.locator('input[name="level-design"]:checked').inputValue()).toBe('partner');
    await tabTo(page, '#level-design-certainty');
    await tabTo(page, '#level-design-note');
    await page.keyboard.type(
      'We chose the quiet hours with the ward staff at the patients’ meeting.',
    );
    expect(await page.locator('.account-summary').innerText()).toContain(
      'In-patients on the seven pilot wards, Design: decided together as equals',
    );
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'extras-my-account');
    await tabTo(page, '.account-form button[type=submit]');
    await page.keyboard.press('Enter');

    await page.waitForURL(`${server.url}${casePath()}`);
    await page.waitForSelector('.flash');
    expect(await page.locator('.flash').innerText()).toMatch(
      /Your account is saved as revision 2[\s\S]*differs from another account in one place/,
    );
    const cell = page.locator('#cell-0-0-design');
    expect(await cell.getAttribute('class')).toContain('cell-disputed');
    // The person's own account is named by the person, linking to its source; the id is never shown.
    expect(await cell.innerText()).toMatch(
      new RegExp(
        `Disputed[\\s\\S]*No part[\\s\\S]*harcourt-crepaz-keay[\\s\\S]*An equal partner[\\s\\S]*self-report by ${OWNER.name}`,
      ),
    );
    const named = cell.getByRole('link', { name: `self-report by ${OWNER.name}` });
    expect(await named.getAttribute('href')).toBe(`#source-self-report-${userId}`);
    expect(await page.locator('main').innerText()).not.toContain(userId);
    const after = await page.locator('.uncertainties').innerText();
    expect(after).not.toBe(before);
    expect(after).toMatch(/Disputed/i);
    expect(after).toMatch(
      /says partner: if the account that says partner is right, co-production would be/,
    );
    expect(after).toContain(`self-report by ${OWNER.name} says partner`);
    // The own account is listed among the sources, in the person's name.
    expect(await page.locator('.sources').innerText()).toContain(
      `Account given in Coprism by ${OWNER.name}`,
    );
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'extras-case-disputed');
  });

  it('explains a stale save (409) and keeps the answers entered', async () => {
    await open(`${casePath()}/my-account`, '.account-form');
    await page.getByText('Was in charge').first().waitFor();
    await page
      .locator('fieldset:has(#level-evaluation-recorded) label:has-text("Was in charge")')
      .click();
    expect(await saveMeanwhile(page, team)).toBe(200);

    await page.getByRole('button', { name: 'Save my account' }).click();
    const alert = page.locator('.conflict');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(
      /Someone saved this case while you were writing[\s\S]*Someone saved revision 3 after the revision 2 you read[\s\S]*Your answers are still here/,
    );
    expect(await focusedMatches(page, '.conflict')).toBe(true);
    expect(await page.locator('input[name="level-evaluation"]:checked').inputValue()).toBe('leads');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'extras-my-account-conflict');

    await page.getByRole('button', { name: 'Load the latest version and keep my answers' }).click();
    await page.getByText('Revision 3 is loaded, with your answers kept.').waitFor();
    expect(await page.locator('input[name="level-evaluation"]:checked').inputValue()).toBe('leads');
    // The earlier answer (design) is filled in from the saved account too.
    expect(await page.locator('input[name="level-design"]:checked').inputValue()).toBe('partner');
    await page.getByRole('button', { name: 'Save my account' }).click();
    await page.waitForSelector('.flash');
    expect(await page.locator('.flash').innerText()).toContain('revision 4');
  });

  it('shares a read-only link that opens without an account, then withdraws it', async () => {
    await open(casePath(), '.grid');
    await page.getByRole('button', { name: 'Make a read-only link' }).click();
    const field = page.locator('#share-link');
    await field.waitFor();
    expect(await focusedMatches(page, '#share-link')).toBe(true);
    const link = await field.inputValue();
    expect(link).toMatch(new RegExp(`^${server.url}/shared/cpl`));
    await page.getByRole('button', { name: 'Copy the link' }).click();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(link);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'extras-share-made');

    const stranger = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const reader = await stranger.newPage();
    await reader.goto(link);
    await reader.waitForSelector('.grid');
    expect(await reader.locator('h1').innerText()).toBe('Our SleepWell');
    expect(await reader.locator('.shared-banner').innerText()).toContain(
      'Shared with you, to read.',
    );
    expect(await reader.locator('#cell-0-0-design').getAttribute('class')).toContain(
      'cell-disputed',
    );
    expect(await reader.locator('#add-my-account, .case-tools').count()).toBe(0);
    expect(await reader.getByRole('link', { name: 'Sign in' }).count()).toBe(1);
    expect(await axeViolations(reader)).toEqual([]);
    await screenshot(reader, 'extras-shared-page');

    await page.getByRole('button', { name: 'Withdraw the link' }).click();
    await page.getByRole('button', { name: 'Yes, withdraw it' }).click();
    await page.getByText('This case is not shared.').waitFor();
    await reader.reload();
    await reader.waitForSelector('h1:text("This link does not open a case")');
    expect(await reader.locator('main').innerText()).toContain('no longer shared');
    expect(await axeViolations(reader)).toEqual([]);
    await screenshot(reader, 'extras-shared-withdrawn');
    await stranger.close();
  });

  it('downloads the case file and the report, and opens the HTML report', async () => {
    await open(casePath(), '.case-tools');
    const download = async (name: string) => {
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name }).click(),
      ]);
      return { name: file.suggestedFilename(), body: readFileSync(await file.path()) };
    };
    const yaml = await download('Download as YAML');
    expect(yaml.name).toBe('our-sleepwell.yaml');
    expect(yaml.body.toString('utf8')).toMatch(/^format: coprism\/1\nid: our-sleepwell\n/);
    const json = await download('Download as JSON');
    expect(json.name).toBe('our-sleepwell.json');
    expect(JSON.parse(json.body.toString('utf8'))).toMatchObject({ id: 'our-sleepwell' });
    const pdf = await download('Download the report as PDF');
    expect(pdf.name).toBe('our-sleepwell-r4.pdf');
    expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const markdown = await download('Download the report as Markdown');
    expect(markdown.name).toBe('our-sleepwell-r4.md');
    expect(markdown.body.toString('utf8')).toMatch(/^# /);

    const [report] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('link', { name: /Open the report/ }).click(),
    ]);
    await report.waitForLoadState();
    expect(await report.evaluate('document.contentType')).toBe('text/html');
    expect(report.url()).toContain('/report?format=html');
    expect(await report.locator('h1').first().innerText()).toContain('Our SleepWell');
    await report.close();
  });

  it('lists the five most similar library cases, with what differs in plain words', async () => {
    await open(casePath(), '.similar');
    await page.waitForSelector('.similar-list');
    const items = page.locator('.similar-list > li');
    expect(await items.count()).toBe(5);
    // SleepWell itself is in the library and has the same grid, apart from the own accounts.
    expect(await items.first().innerText()).toMatch(/^SleepWell \(\d+% alike/);
    const text = await page.locator('.similar-list').innerText();
    expect(text).toMatch(/: here [^;]+; there /);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Similar cases' }).click();
    expect(page.url()).toContain('#similar-heading');
  });

  it('shows the history: a plain-words diff between two revisions, and going back with confirmation', async () => {
    await open(casePath(), '.grid');
    await page.getByRole('link', { name: 'History' }).click();
    await page.waitForSelector('table.revisions');
    expect(await page.locator('h1').innerText()).toBe('History of changes');
    expect(await page.locator('table.revisions tbody tr').count()).toBe(4);
    expect(await page.locator('table.revisions tbody tr').first().innerText()).toContain(
      `Account added by ${OWNER.name}`,
    );
    // The default comparison: the newest revision against the one before.
    await page.waitForSelector('.plain-diff');
    expect(await page.locator('#changes-heading').innerText()).toBe(
      'From revision 3 to revision 4',
    );
    await page.locator('#diff-from').selectOption('1');
    await page.locator('#diff-to').selectOption('2');
    await page.getByRole('button', { name: 'Show the changes' }).click();
    await page.waitForSelector('#changes-heading:text("From revision 1 to revision 2")');
    await page.waitForSelector('.plain-diff');
    const diff = await page.locator('.plain-diff').innerText();
    expect(diff).toContain(`Source added: Account given in Coprism by ${OWNER.name}`);
    expect(diff).not.toContain(userId);
    expect(diff).toContain(
      `In-patients on the seven pilot wards, design: decided together as equals (self-report by ${OWNER.name}) — added`,
    );
    await page.getByText('Show the changes to the case file, line by line').click();
    expect(await page.locator('.raw-diff pre').innerText()).toContain('+        level: partner');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'extras-history');

    await page.getByRole('button', { name: 'Go back to revision 1' }).click();
    expect(await page.locator('.confirm').innerText()).toContain('It is saved again as revision 5');
    expect(await focusedMatches(page, '.confirm button.primary')).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Yes, go back to revision 1' }).click();
    await page.waitForSelector('table.revisions tbody tr:nth-child(5)');
    expect(await page.locator('table.revisions tbody tr').first().innerText()).toMatch(
      /5 \(current\)[\s\S]*Reverted to revision 1/,
    );
    await open(casePath(), '.grid');
    expect(await page.locator('#cell-0-0-design').getAttribute('class')).toContain('cell-agreed');
    expect(scriptErrors).toEqual([]);
  });

  it('reflows the new pages at 320 px and at 200% zoom, with no WCAG A/AA violation', async () => {
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
        [casePath(), '.similar-list', 'case'],
        [`${casePath()}/my-account`, '.account-form', 'my-account'],
        [`${casePath()}/history`, '.changes h3', 'history'],
      ] as const) {
        await p.goto(`${server.url}${path}`);
        await p.waitForSelector(ready);
        expect(await fitsWidth(p), `${name} ${path}`).toBe(true);
        expect(await axeViolations(p), `${name} ${path}`).toEqual([]);
        await screenshot(p, `extras-${name}-${shot}`);
      }
      await small.close();
    }
  });
});
