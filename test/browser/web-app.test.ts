// The web app in a real browser: accessibility (axe-core, WCAG 2.0–2.2 A and AA), keyboard-only use,
// first run and signing in, markup in a case shown as text, and the failure paths.
import type { Browser, BrowserContext, Page } from 'playwright-core';
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
  libraryWith,
} from './harness.js';

const MARKUP_TITLE =
  '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2"> Markup test';
// Its service users' part in design is disputed: the report says consulted, their own account says partner.
const MARKUP_CASE = `format: coprism/1
id: markup-test
title: ${JSON.stringify(MARKUP_TITLE)}
summary: "<img src=x onerror=\\"window.__xss = 3\\">"
sources:
  - { id: trust-report, kind: report, citation: "Annual report <i>2021</i>" }
  - { id: users-account, kind: self-report, citation: "What the group said" }
parties:
  - { id: users, kind: service-users, label: "<b onmouseover=\\"window.__xss = 4\\">Users</b>" }
  - { id: staff, kind: mental-health-professionals, label: Ward staff }
components:
  - id: part
    title: "<svg onload=\\"window.__xss = 5\\"></svg>"
    serviceDomain: mental-health
    produces: service
    roles:
      - { party: users, stage: design, level: consulted, source: trust-report }
      - { party: users, stage: design, level: partner, source: users-account }
      - { party: staff, stage: design, level: leads, source: trust-report }
      - { party: users, stage: delivery, level: none, source: trust-report }
`;

const OWNER = { name: 'Olu Owner', email: 'olu@example.org', password: 'correct horse battery' };

describe('the web app', () => {
  let server: Server;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const scriptErrors: string[] = [];

  beforeAll(async () => {
    // The bundled library, plus one case whose words are markup.
    const cases = libraryWith({ 'markup-test.yaml': MARKUP_CASE });
    [server, browser] = await Promise.all([startServer({ cases }), launchBrowser()]);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    page = await context.newPage();
    page.on('pageerror', (error) => scriptErrors.push(error.message));
    page.on('dialog', (dialog) => {
      scriptErrors.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    process.stdout.write(`Screenshots of the web app: ${screenshotDir}\n`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const open = async (path: string, ready: string) => {
    await page.goto(`${server.url}${path}`);
    await page.waitForSelector(ready);
  };

  it('shows the library as cards: the reading in a sentence and five fit badges in words, with no WCAG A/AA violation', async () => {
    const analysisRequests: string[] = [];
    const onRequest = (request: { url(): string }) => {
      if (new URL(request.url()).pathname.endsWith('/analysis'))
        analysisRequests.push(request.url());
    };
    page.on('request', onRequest);
    const listed = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/cases'));
    await open('/', '.case-card');
    const listing = (await (await listed).json()) as {
      items: { title: string; reading: string }[];
    };
    expect(await page.title()).toBe('Case library — Coprism');
    expect(await page.locator('h1').count()).toBe(1);
    const first = page.locator('.case-card').first();
    expect(await first.locator('.fit-badges li').count()).toBe(5);
    expect(await first.locator('.fit-badges li').first().innerText()).toMatch(
      /^Co-production: (fits|partly fits|does not fit|not settled)$/,
    );
    // Each badge has a shape as well as words, the shape of its own fit and drawn (not empty):
    // colour is never the only signal.
    const shapes =
      await page.evaluate(`[...document.querySelectorAll('.case-list > li:first-child .fit-badge')].map((badge) => {
      const fit = [...badge.classList].find((c) => c.startsWith('fit-') && c !== 'fit-badge');
      const shape = badge.querySelector('.fit-shape');
      const box = shape && shape.getBoundingClientRect();
      return Boolean(shape) && box.width > 8 && box.height > 8 && shape.classList.contains('fit-shape-' + fit.slice(4));
    })`);
    expect(shapes).toEqual([true, true, true, true, true]);
    expect(await page.locator('.result-count').innerText()).toBe('16 cases found.');
    // Each card's sentence is the kept reading the listing carries: one request for the page,
    // none per card.
    const cards = page.locator('.case-card');
    expect(await cards.count()).toBe(listing.items.length);
    for (const [i, item] of listing.items.entries()) {
      expect(await cards.nth(i).locator('h3').innerText()).toBe(item.title);
      expect(item.reading).toMatch(/\w/);
      expect(await cards.nth(i).locator('.reading-summary').innerText()).toBe(
        `The reading: ${item.reading}`,
      );
    }
    for (const card of await cards.all()) await card.scrollIntoViewIfNeeded();
    page.off('request', onRequest);
    expect(analysisRequests).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'library');
  });

  it('says plainly when counting stopped at 10,000, and pages on by Next', async () => {
    // A library of more than 10,000 cases, as the API answers for one (the cap itself is tested
    // in the store, src/store/case-list.test.ts): the real cards, repeated, and a capped total.
    const big = context.newPage();
    const p = await big;
    await p.route('**/api/workspaces/library/cases?**', async (route) => {
      const real = await route.fetch({
        url: route
          .request()
          .url()
          .replace(/offset=\d+/, 'offset=0'),
      });
      const answer = (await real.json()) as { items: Array<{ id: string }>; offset: number };
      const offset = Number(new URL(route.request().url()).searchParams.get('offset'));
      const items = Array.from({ length: 20 }, (_, i) => {
        const item = answer.items[i % answer.items.length];
        return { ...item, id: `${item?.id ?? ''}-${offset + i}` };
      });
      await route.fulfill({
        response: real,
        json: { ...answer, total: 10_000, totalCapped: true, offset, items },
      });
    });
    await p.goto(`${server.url}/`);
    await p.waitForSelector('.case-card');
    expect(await p.locator('.result-count').innerText()).toBe(
      'Showing 1 to 20 of more than 10,000 cases.',
    );
    expect(await p.locator('.results .hint').innerText()).toBe(
      'Counting stops at 10,000. Add words or filters to see fewer cases.',
    );
    expect(await p.locator('.pager').innerText()).toMatch(/Page 1 of more than 500\s+Next page →/);
    expect(await axeViolations(p)).toEqual([]);
    await screenshot(p, 'library-more-than-10000');
    await p.locator('.pager a[rel=next]').click();
    await p.waitForURL(/page=2/);
    await expect
      .poll(() => p.locator('.result-count').innerText())
      .toBe('Showing 21 to 40 of more than 10,000 cases.');
    expect(await p.locator('.pager a[rel=prev]').count()).toBe(1);
    expect(await p.locator('.pager a[rel=next]').count()).toBe(1);
    await p.close();
  });

  it('reflows without sideways scrolling on a 320 px screen and at 200% zoom, and stays accessible', async () => {
    for (const [name, viewport, scale] of [
      ['narrow', { width: 320, height: 800 }, 1],
      ['zoom-200', { width: 640, height: 450 }, 2],
    ] as const) {
      const small = await browser.newContext({ viewport, deviceScaleFactor: scale });
      const p = await small.newPage();
      for (const [path, ready] of [
        ['/', '.case-card'],
        ['/w/library/cases/east-lille', '.grid'],
      ] as const) {
        await p.goto(`${server.url}${path}`);
        await p.waitForSelector(ready);
        expect(await fitsWidth(p), `${name} ${path}`).toBe(true);
        expect(await axeViolations(p), `${name} ${path}`).toEqual([]);
        await screenshot(p, `${name}${path.replaceAll('/', '-')}`);
      }
      await small.close();
    }
  });

  it('can be used by keyboard alone: search, filter, open a case, and follow a reason to its cells', async () => {
    await open('/', '.case-card');
    await tabTo(page, '#q');
    await page.keyboard.type('sleep');
    await page.keyboard.press('Enter');
    // (Waits poll from here: the page's Content-Security-Policy forbids evaluating strings in it.)
    await expect.poll(() => page.locator('.result-count').innerText()).toBe('1 case found.');
    expect(page.url()).toContain('q=sleep');
    expect(await focusedMatches(page, '#q')).toBe(true);

    // Filter by a model's fit with the keyboard: clear the words, choose a model, submit.
    await tabTo(page, '#q', { backwards: true });
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await tabTo(page, '#model');
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowDown');
    expect(await page.locator('#model').inputValue()).toBe('service-user-led');
    await tabTo(page, 'button[type=submit]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/model=service-user-led/);
    await expect.poll(() => page.locator('.result-count').innerText()).not.toBe('1 case found.');
    const badges = await page.locator('.case-card .fit-badges li:nth-child(3)').allInnerTexts();
    expect(badges.length).toBeGreaterThan(0);
    for (const badge of badges) expect(badge).toBe('Service user-led: fits');

    // Back to the search, then into SleepWell.
    await open('/?q=sleep', '.case-card');
    await tabTo(page, 'a[href="/w/library/cases/sleepwell"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.grid');
    expect(await page.locator('h1').innerText()).toBe('SleepWell');
    expect(await focusedMatches(page, 'h1')).toBe(true);

    // The first reason (co-production) rests on two cells: design and delivery for the in-patients.
    await tabTo(page, '.model-card .reason-actions button');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.grid td.is-cited');
    const cited = page.locator('.grid td.is-cited');
    expect(await cited.count()).toBe(2);
    expect(await cited.allInnerTexts()).toEqual([
      expect.stringMatching(/Cited[\s\S]*No part/i),
      expect.stringMatching(/Cited[\s\S]*No part/i),
    ]);
    expect(await focusedMatches(page, 'td.is-cited')).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'case-highlighted');

    // And back to the reason.
    await tabTo(page, '.highlight-bar button', { backwards: true });
    await page.keyboard.press('Enter');
    expect(await focusedMatches(page, '.model-card .reason-actions button')).toBe(true);
    expect(await page.locator('.grid .is-cited').count()).toBe(0);
  });

  it('shows a case with several parts, unknown unlike "no part", and opens its parts by keyboard', async () => {
    await open('/w/library/cases/east-lille', '.grid');
    expect(await page.locator('.grid td.cell-unknown').first().innerText()).toContain(
      'Not recorded',
    );
    expect(await page.locator('.parts-nav li').count()).toBeGreaterThan(1);
    await tabTo(page, '.parts-nav li:nth-child(2) a');
    await page.keyboard.press('Enter');
    await page.waitForURL(/part=/);
    expect(await focusedMatches(page, '#part')).toBe(true);
    expect(await page.locator('#part').innerText()).toMatch(/^Part 2 of \d+:/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'case-east-lille');
  });

  it('draws a case page without moving what is already on the screen (layout shift under 0.1)', async () => {
    // A full page load of a case not opened before: "Loading…" is drawn first, then the reading.
    await open('/w/library/cases/dial-house-leeds', '.grid');
    await expect.poll(() => page.locator('[aria-busy="true"]').count()).toBe(0);
    // Chromium's own measure (the Layout Instability API): movements not caused by input, summed.
    const shifted = (await page.evaluate(`new Promise((resolve) => {
      new PerformanceObserver((list) => {
        resolve(list.getEntries().filter((e) => !e.hadRecentInput).reduce((n, e) => n + e.value, 0));
      }).observe({ type: 'layout-shift', buffered: true });
      setTimeout(() => resolve(0), 1000);
    })`)) as number;
    // 0.1 is the line between "good" and "needs improvement" in Web Vitals' cumulative layout shift.
    expect(shifted).toBeLessThan(0.1);
  });

  it('copies the summary sentence', async () => {
    await open('/w/library/cases/sleepwell', '.summary-sentence');
    const sentence = await page.locator('.summary-sentence .sentence').innerText();
    await page.getByRole('button', { name: 'Copy the sentence' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(sentence);
  });

  it('shows a case title written as markup as text, and runs none of it', async () => {
    await open('/?q=markup', '.case-card');
    await open('/w/library/cases/markup-test', '.grid');
    expect(await page.locator('h1').innerText()).toBe(MARKUP_TITLE);
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    expect(await page.locator('img[src="x"], svg[onload], b[onmouseover]').count()).toBe(0);
    expect(await page.locator('main script').count()).toBe(0);
    expect(scriptErrors).toEqual([]);

    // The disputed cell shows both accounts with their sources; "no part" is not "not recorded".
    const disputed = page.locator('.grid td.cell-disputed');
    expect(await disputed.count()).toBe(1);
    expect(await disputed.innerText()).toMatch(
      /Disputed[\s\S]*Asked for views[\s\S]*trust-report[\s\S]*An equal partner[\s\S]*users-account/,
    );
    expect(await page.locator('#cell-0-0-delivery').innerText()).toContain('No part');
    expect(await page.locator('#cell-0-0-evaluation').innerText()).toContain('Not recorded');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'case-markup-disputed');
  });

  it('says plainly when a case or a page does not exist', async () => {
    await open('/w/library/cases/no-such-case', 'h1');
    await page.waitForSelector('h1:text("Case not found")');
    expect(await page.locator('main').innerText()).toContain(
      'There is no case “no-such-case” here',
    );
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'case-not-found');
    await open('/nowhere/at/all', 'h1');
    expect(await page.locator('h1').innerText()).toBe('Page not found');
  });

  it('first run: creates the owner account, showing a mistake beside its field', async () => {
    await open('/sign-in', 'h1:text("Set up Coprism")');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Your name').fill(OWNER.name);
    await page.getByLabel('Email address').fill(OWNER.email);
    await page.getByLabel('Password').fill('too short');
    await page.getByRole('button', { name: 'Create the owner account' }).click();
    const error = page.locator('#password-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('at least 10 characters');
    expect(await page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('alert').innerText()).toContain(
      'Password: a password needs at least 10 characters',
    );
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'setup-mistake');

    // The workspace's name comes late, so a stand-in heading drawn before it would show.
    const late = /\/api\/workspaces\/[^/?]+$/;
    await page.route(late, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 600));
      await route.continue();
    });
    await page.getByLabel('Password').fill(OWNER.password);
    // Scrolled a little, as a click far down the form would leave it: the next page starts at its top.
    await page.evaluate('window.scrollTo(0, 60)');
    expect(await page.evaluate('scrollY')).toBe(60);
    await page.getByRole('button', { name: 'Create the owner account' }).click();
    await page.waitForURL(/\/w\/[^/]+$/);
    await page.locator('.signed-in-as').waitFor();
    expect(await page.locator('.signed-in-as').innerText()).toBe(`Signed in as ${OWNER.name}`);
    expect(await page.locator('h1').innerText()).not.toBe('Workspace');
    await page.locator('p.lede').waitFor();
    expect(await page.locator('h1').innerText()).toBe('Olu Owner’s workspace');
    expect(await page.evaluate('scrollY')).toBe(0);
    await page.unroute(late);
  });

  it('signs out; a wrong password says so; the right one signs in and shows the workspaces', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('Email address').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in');
    await page.getByLabel('Email address').fill(OWNER.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('The email address or the password is not right.').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain(
      'The email address or the password is not right.',
    );
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in-wrong-password');

    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.signed-in-as').waitFor();
    await page.waitForURL(`${server.url}/`);

    // A case in the owner's workspace, saved through the API with the session and its CSRF token.
    const saved = await page.evaluate(`
      (async () => {
        const session = await (await fetch('/api/session')).json();
        const spaces = (await (await fetch('/api/workspaces')).json()).workspaces;
        const team = spaces.find((w) => w.kind === 'team');
        const document = (await (await fetch('/api/workspaces/library/cases/sleepwell')).json()).document;
        const response = await fetch('/api/workspaces/' + team.id + '/cases', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
          body: JSON.stringify({ document: { ...document, id: 'our-sleepwell', title: 'Our SleepWell' } }),
        });
        return { status: response.status, team: team.id };
      })()
    `);
    expect(saved).toMatchObject({ status: 201 });
    await open('/', '.workspace-nav');
    await page.getByRole('link', { name: 'Olu Owner’s workspace' }).click();
    await page.getByRole('link', { name: 'Our SleepWell' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Our SleepWell' }).click();
    await page.waitForSelector('.grid');
    expect(await page.locator('.breadcrumb').innerText()).toContain('Workspace');
    expect(scriptErrors).toEqual([]);
  });
});
