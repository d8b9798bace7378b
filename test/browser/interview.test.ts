// The interview in a real browser: recording a case by keyboard alone (saved at every step, left and
// resumed from "Your drafts"), publishing it, changing a case as a new revision, a stale change
// refused with its explanation, and the YAML view's messages; axe-core on every step.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  fitsWidth,
  focusedMatches,
  launchBrowser,
  screenshot,
  screenshotDir,
  startServer,
  tabTo,
  type Server,
  pageApi,
} from './harness.js';

const OWNER = {
  name: 'Ida Interviewer',
  email: 'ida@example.org',
  password: 'correct horse battery',
};

describe('the interview', () => {
  let server: Server;
  let browser: Browser;
  let page: Page;
  let team = '';
  const scriptErrors: string[] = [];

  const call = (
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: unknown }> => pageApi(page, method, path, body);

  /** Axe finds nothing, and a screenshot is kept. */
  const check = async (name: string) => {
    expect(await axeViolations(page), name).toEqual([]);
    await screenshot(page, `interview-${name}`);
  };

  const saved = () => page.locator('.save-status[role=status]', { hasText: 'Saved' }).waitFor();

  /** Presses "Save and continue" by keyboard and waits for the next question to take the focus. */
  const continueTo = async (question: string) => {
    await tabTo(page, '.step-nav .button.primary');
    await page.keyboard.press('Enter');
    await page.locator('#step-heading', { hasText: question }).waitFor();
    expect(await focusedMatches(page, '#step-heading')).toBe(true);
  };

  /** Opens the draft on screen, without a step in its address, in a new browser signed in afresh. */
  const resumesElsewhere = async (question: string, check: (other: Page) => Promise<void>) => {
    const address = new URL(page.url());
    const elsewhere = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const other = await elsewhere.newPage();
      other.on('pageerror', (error) => scriptErrors.push(error.message));
      await other.goto(server.url);
      expect(
        await other.evaluate(`
          fetch('/api/session', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: ${JSON.stringify(JSON.stringify({ email: OWNER.email, password: OWNER.password }))},
          }).then((r) => r.status)
        `),
      ).toBe(200);
      await other.goto(`${server.url}${address.pathname}`);
      await other.locator('#step-heading', { hasText: question }).waitFor();
      expect(new URL(other.url()).search).toBe('');
      await check(other);
      expect(await axeViolations(other)).toEqual([]);
    } finally {
      await elsewhere.close();
    }
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
    process.stdout.write(`Screenshots of the interview: ${screenshotDir}\n`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('records a case by keyboard alone, saved at every step, left and resumed, then published with its reading', async () => {
    await page.goto(`${server.url}/w/${team}`);
    await page.getByRole('button', { name: 'Record a new initiative' }).waitFor();
    await tabTo(page, '.record-entry button.primary');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/drafts\/[^/]+$/);
    await page.locator('#step-heading', { hasText: 'What is the initiative?' }).waitFor();
    expect(await focusedMatches(page, '#step-heading')).toBe(true);
    await check('1-about-empty');

    // A missing name is listed in the error summary, which links to the field.
    await tabTo(page, '.step-nav .button.primary');
    await page.keyboard.press('Enter');
    await page.locator('.error-summary').waitFor();
    expect(await focusedMatches(page, '.error-summary')).toBe(true);
    expect(await page.locator('.error-summary').innerText()).toContain(
      'Its name: Give the initiative a name.',
    );
    await check('1-about-mistake');
    await tabTo(page, '.error-summary a');
    await page.keyboard.press('Enter');
    expect(await focusedMatches(page, '#about-title')).toBe(true);

    await page.keyboard.type('Peer Garden');
    expect(await page.locator('#about-id').inputValue()).toBe('peer-garden');
    await tabTo(page, '#about-summary');
    await page.keyboard.type('A community garden run with a mental health team.');
    await tabTo(page, '#about-start');
    await page.keyboard.type('2021');
    await saved();
    await continueTo('Where does your information come from?');
    await check('2-sources');

    // A source: its kind (the first choice, by Space) and what it is.
    await tabTo(page, 'input[type=radio][value="peer-reviewed"]');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('input[value="report"]').isChecked()).toBe(true);
    await tabTo(page, 'input[id$="-citation"]');
    await page.keyboard.type('Garden annual report, 2022');
    await page.keyboard.press('Enter');
    await page.locator('.answer-list li', { hasText: 'Garden annual report, 2022' }).waitFor();
    await continueTo('Who took part?');

    // Two parties, their kinds chosen from plain descriptions.
    await tabTo(page, 'input[type=radio][value="service-users"]');
    await page.keyboard.press('Space');
    await tabTo(page, '.party-form input[id$="-label"]');
    await page.keyboard.type('Garden members');
    await page.keyboard.press('Enter');
    await page.locator('.answer-list li', { hasText: 'Garden members' }).waitFor();
    // Shift+Tab into the kinds lands on the last; the arrows go round to the third.
    await tabTo(page, '.party-form input[type=radio][value="funder-or-client"]', {
      backwards: true,
    });
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowDown');
    expect(await page.locator('input[value="mental-health-professionals"]').isChecked()).toBe(true);
    await tabTo(page, '.party-form input[id$="-label"]');
    await page.keyboard.type('Community mental health team');
    await page.keyboard.press('Enter');
    await page.locator('.answer-list li', { hasText: 'Community mental health team' }).waitFor();
    await check('3-parties');
    await continueTo('Is it one thing, or several parts?');
    await check('4-parts');

    // Whose idea: the members were in charge; the team's part stays unknown ("we don't know").
    await continueTo('Whose idea was it?');
    expect(await page.locator('#initiation-garden-members--unknown').isChecked()).toBe(true);
    await tabTo(page, '#initiation-garden-members--unknown');
    await page.keyboard.press('ArrowUp');
    expect(await page.locator('#initiation-garden-members--leads').isChecked()).toBe(true);
    // The only source is taken as where it comes from; it can be changed.
    await page.locator('#initiation-garden-members-source').waitFor();
    expect(await page.locator('#initiation-garden-members-source').inputValue()).toMatch(/^garden/);
    await saved();
    await check('5-initiation');

    await continueTo('Who found out what was needed?');
    await continueTo('Who decided what it would look like?');
    for (const party of ['garden-members', 'community-mental-health-team']) {
      await tabTo(page, `#design-${party}--unknown`);
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      expect(await page.locator(`#design-${party}--partner`).isChecked()).toBe(true);
    }
    await saved();
    await check('6-design');
    // The reading so far appears once the case is complete enough to read.
    await page.locator('.reading-so-far .fit-badges').waitFor();
    expect(await page.locator('.reading-so-far').innerText()).toContain('Co-production: fits');

    // Leave mid-way, and come back through "Your drafts": the step and every answer are there.
    await page.goto(`${server.url}/w/${team}`);
    await tabTo(page, '.record-entry a[href$="/drafts"]');
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: 'Your drafts' }).waitFor();
    await page.locator('.drafts-list li', { hasText: 'Peer Garden' }).waitFor();
    await check('7-your-drafts');
    await tabTo(page, '.drafts-list a.button');
    await page.keyboard.press('Enter');
    await page
      .locator('#step-heading', { hasText: 'Who decided what it would look like?' })
      .waitFor();
    expect(await focusedMatches(page, '#step-heading')).toBe(true);
    expect(await page.locator('#design-garden-members--partner').isChecked()).toBe(true);
    expect(await page.locator('#design-community-mental-health-team--partner').isChecked()).toBe(
      true,
    );

    // Another browser (no shared storage, a session of its own) opens the draft at the same step.
    await resumesElsewhere('Who decided what it would look like?', async (other) => {
      expect(await other.locator('#design-garden-members--partner').isChecked()).toBe(true);
    });

    // Who runs it: the members; choosing a level and then "we don't know" writes no claim.
    await continueTo('Was it tried out and changed after feedback');
    await check('8-piloting');
    await continueTo('Who runs it day to day?');
    await tabTo(page, '#delivery-garden-members--unknown');
    await page.keyboard.press('ArrowUp');
    await tabTo(page, '#delivery-community-mental-health-team--unknown');
    for (let i = 0; i < 5; i += 1) await page.keyboard.press('ArrowUp');
    expect(await page.locator('#delivery-community-mental-health-team--none').isChecked()).toBe(
      true,
    );
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#delivery-community-mental-health-team--unknown').isChecked()).toBe(
      true,
    );
    await saved();
    await check('9-delivery');
    const draftId = page.url().match(/drafts\/([^/?]+)/)?.[1] ?? '';
    const draft = (await call('GET', `/api/workspaces/${team}/drafts/${draftId}`)).json as {
      document: { components: { roles: { party: string; stage: string; level: string }[] }[] };
    };
    expect(draft.document.components[0]?.roles).toEqual([
      expect.objectContaining({ party: 'garden-members', stage: 'initiation', level: 'leads' }),
      expect.objectContaining({ party: 'garden-members', stage: 'design', level: 'partner' }),
      expect.objectContaining({
        party: 'community-mental-health-team',
        stage: 'design',
        level: 'partner',
      }),
      expect.objectContaining({ party: 'garden-members', stage: 'delivery', level: 'leads' }),
    ]);

    // The steps after the stages, by the steps list: what it produces.
    await tabTo(page, '.steps-nav a[href*="step=p1-produces"]', { backwards: true });
    await page.keyboard.press('Enter');
    await page.locator('#step-heading', { hasText: 'What does it produce' }).waitFor();
    await tabTo(page, '#produces--unknown');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#produces--service').isChecked()).toBe(true);
    await saved();
    await check('10-produces');
    for (const [, question] of [
      ['relationships', 'Which relationships does it even out?'],
      ['humane', 'What makes it humane?'],
      ['evidence', 'Was it driven by research evidence?'],
      ['design', 'How was it designed?'],
      ['label', 'What does it call itself?'],
    ] as const) {
      await continueTo(question);
      await check(`11-${question.slice(0, 20).replace(/\W+/g, '-')}`);
    }
    await continueTo('Check and publish');
    await page.locator('.full-reading').waitFor();
    await check('12-review');

    await tabTo(page, '.publish button[type=submit]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/cases\/peer-garden$/);
    await page.locator('.grid').waitFor();
    expect(await page.locator('h1').innerText()).toBe('Peer Garden');
    expect(await page.locator('.summary-sentence .sentence').innerText()).not.toBe('');
    // Unknown stays unknown: the team's part in the original idea is "Not recorded", not "No part".
    expect(await page.locator('#cell-0-1-initiation').innerText()).toContain('Not recorded');
    expect(await page.locator('#cell-0-0-initiation').innerText()).toContain('In charge');
    expect((await call('GET', `/api/workspaces/${team}/drafts`)).json).toEqual({ drafts: [] });
    expect(scriptErrors).toEqual([]);
  });

  it('changes a published case and publishes a new revision', async () => {
    await page.goto(`${server.url}/w/${team}/cases/peer-garden`);
    await page.getByRole('button', { name: 'Change this case' }).waitFor();
    await tabTo(page, '.record-entry button.primary');
    await page.keyboard.press('Enter');
    await page.locator('#step-heading', { hasText: 'What is the initiative?' }).waitFor();
    expect(await page.locator('h1').innerText()).toBe('Changing “Peer Garden”');
    expect(await page.locator('#about-id').getAttribute('readonly')).not.toBeNull();
    await page
      .locator('#about-summary')
      .fill('A community garden run by its members with a mental health team.');
    await saved();
    await page.locator('.steps-nav a', { hasText: 'Check and publish' }).click();
    await page.locator('#publish-message').fill('Clearer summary');
    await page.getByRole('button', { name: 'Publish the new revision' }).click();
    await page.waitForURL(/\/cases\/peer-garden$/);
    await page.locator('.grid').waitFor();
    expect(await page.locator('main .meta').first().innerText()).toContain('revision 2');
    expect(await page.locator('main .lede').first().innerText()).toContain('run by its members');
  });

  it('refuses a stale change with a plain explanation, and keeps the draft', async () => {
    await page.goto(`${server.url}/w/${team}/cases/peer-garden`);
    await page.getByRole('button', { name: 'Change this case' }).click();
    await page.locator('#step-heading', { hasText: 'What is the initiative?' }).waitFor();
    await page.locator('#about-setting').fill('A walled garden behind the hospital');
    await saved();
    // Meanwhile someone else saves revision 3.
    const current = (await call('GET', `/api/workspaces/${team}/cases/peer-garden`)).json as {
      document: Record<string, unknown>;
      revision: number;
    };
    const other = await call('PUT', `/api/workspaces/${team}/cases/peer-garden`, {
      document: { ...current.document, setting: 'Someone else’s words' },
      revision: current.revision,
    });
    expect(other.status).toBe(200);

    await page.locator('.steps-nav a', { hasText: 'Check and publish' }).click();
    await page.getByRole('button', { name: 'Publish the new revision' }).click();
    const alert = page.locator('.publish .problem[role=alert]');
    await alert.waitFor();
    expect(await alert.innerText()).toContain(
      'Someone else saved a change to this case after you started yours.',
    );
    expect(await alert.innerText()).toContain('Your draft is kept');
    await expect.poll(() => focusedMatches(page, '.publish .problem')).toBe(true);
    await check('13-stale');
    const drafts = (await call('GET', `/api/workspaces/${team}/drafts`)).json as {
      drafts: { case: string | null }[];
    };
    expect(drafts.drafts.map((d) => d.case)).toEqual(['peer-garden']);
  });

  it('shows the YAML with line-numbered messages, refuses to switch back from unreadable YAML, and carries a valid edit back', async () => {
    await page.goto(`${server.url}/w/${team}/drafts`);
    await page.locator('.drafts-list a.button').first().click();
    await page.locator('#step-heading').waitFor();
    await tabTo(page, '#tab-interview', { backwards: true });
    await page.keyboard.press('ArrowRight');
    await page.locator('#yaml-text').waitFor();
    expect(await focusedMatches(page, '#tab-yaml')).toBe(true);
    const text = await page.locator('#yaml-text').inputValue();
    expect(text).toContain('title: Peer Garden');
    await page.locator('.check-ok', { hasText: 'No mistakes' }).waitFor();
    await check('14-yaml');

    // A level outside the vocabulary: the CLI's message, with its line and column.
    const wrong = text.replace('level: partner', 'level: equals');
    await page.locator('#yaml-text').fill(wrong);
    const problem = page.locator('.yaml-problems li').first();
    await problem.waitFor();
    const line = wrong.split('\n').findIndex((l) => l.includes('level: equals')) + 1;
    expect(await problem.innerText()).toMatch(
      new RegExp(`^Line ${line}, column \\d+ \\(components\\[0\\]\\.roles\\[\\d\\]\\.level\\):`),
    );
    expect(await problem.innerText()).toContain("'equals'");
    await check('15-yaml-mistake');
    await problem.getByRole('button').click();
    expect(await focusedMatches(page, '#yaml-text')).toBe(true);

    // Unreadable YAML can't go back to the interview, and says why.
    await page.locator('#yaml-text').fill(`${text}\nparties: [\n`);
    await page.locator('#tab-interview').click();
    const refusal = page.locator('.problem[role=alert]', { hasText: 'can’t show this YAML yet' });
    await refusal.waitFor();
    expect(await refusal.innerText()).toMatch(/Line \d+/);
    expect(await page.locator('#yaml-text').count()).toBe(1);
    await check('16-yaml-unreadable');

    // A valid change is carried back to the interview, and saved.
    await page
      .locator('#yaml-text')
      .fill(text.replace('title: Peer Garden', 'title: Peer Garden Project'));
    await page.locator('.check-ok', { hasText: 'No mistakes' }).waitFor();
    await page.locator('#tab-interview').click();
    await page.locator('#step-heading').waitFor();
    await page.locator('.steps-nav a', { hasText: 'About the initiative' }).click();
    expect(await page.locator('#about-title').inputValue()).toBe('Peer Garden Project');
    await saved();
    const id = page.url().match(/drafts\/([^/?]+)/)?.[1] ?? '';
    const draft = (await call('GET', `/api/workspaces/${team}/drafts/${id}`)).json as {
      document: { title: string };
    };
    expect(draft.document.title).toBe('Peer Garden Project');
  });

  it('reflows on a 320 px screen and at 200% zoom, with no violations', async () => {
    const id = (
      (await call('GET', `/api/workspaces/${team}/drafts`)).json as { drafts: { id: string }[] }
    ).drafts[0]?.id;
    for (const [name, viewport, scale] of [
      ['narrow', { width: 320, height: 800 }, 1],
      ['zoom-200', { width: 640, height: 450 }, 2],
    ] as const) {
      const small = await browser.newContext({ viewport, deviceScaleFactor: scale });
      const p = await small.newPage();
      await p.goto(`${server.url}/sign-in`);
      await p.getByLabel('Email address').fill(OWNER.email);
      await p.getByLabel('Password').fill(OWNER.password);
      await p.getByRole('button', { name: 'Sign in' }).click();
      await p.locator('.signed-in-as').waitFor();
      for (const step of ['about', 'p1-design', 'p1-produces', 'review']) {
        await p.goto(`${server.url}/w/${team}/drafts/${id}?step=${step}`);
        await p.locator('#step-heading').waitFor();
        expect(await fitsWidth(p), `${name} ${step}`).toBe(true);
        expect(await axeViolations(p), `${name} ${step}`).toEqual([]);
        await screenshot(p, `interview-${name}-${step}`);
      }
      await p.goto(`${server.url}/w/${team}/drafts/${id}?step=about&view=yaml`);
      await p.locator('#yaml-text').waitFor();
      expect(await fitsWidth(p), `${name} yaml`).toBe(true);
      await screenshot(p, `interview-${name}-yaml`);
      await small.close();
    }
  });
});
