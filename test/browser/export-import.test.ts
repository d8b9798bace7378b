// Export then import round-trips in the browser: a case's YAML downloaded from its page, imported
// into another workspace from that workspace's page, reads the same: the same document, the same
// fits, and the same YAML when exported again. A broken file is refused with its line and field.
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/core/analysis.types.js';
import {
  axeViolations,
  fitsWidth,
  focusedMatches,
  launchBrowser,
  screenshot,
  startServer,
  type Server,
  pageApi,
} from './harness.js';

const OWNER = {
  name: 'Effie Export',
  email: 'effie@example.org',
  password: 'correct horse battery',
};

describe('export then import', () => {
  let server: Server;
  let browser: Browser;
  let page: Page;
  let other = '';
  const scriptErrors: string[] = [];

  const json = async (method: string, path: string, body?: unknown): Promise<unknown> =>
    (await pageApi(page, method, path, body)).json;
  const text = (path: string): Promise<string> =>
    page.evaluate(`fetch(${JSON.stringify(path)}).then((r) => r.text())`);

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ cases: 'cases' }), launchBrowser()]);
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    page = await context.newPage();
    page.on('pageerror', (error) => scriptErrors.push(error.message));
    await page.goto(server.url);
    await json('POST', '/api/setup', OWNER);
    other = ((await json('POST', '/api/workspaces', { name: 'Second team' })) as { id: string }).id;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('downloads a case as YAML from its page and imports it into another workspace, unchanged', async () => {
    // East Lille: eight parts, three sources, disagreements — the richest case in the library.
    await page.goto(`${server.url}/w/library/cases/east-lille`);
    await page.locator('.model-card').first().waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download as YAML' }).click(),
    ]);
    const file = join(mkdtempSync(join(tmpdir(), 'coprism-export-')), download.suggestedFilename());
    await download.saveAs(file);
    expect(file).toMatch(/\.ya?ml$/);
    const exported = readFileSync(file, 'utf8');
    expect(exported).toContain('id: east-lille');

    // The other workspace's page: "Import case files".
    await page.goto(`${server.url}/w/${other}`);
    await page.locator('.import-cases summary').click();
    expect(await axeViolations(page), 'import form').toEqual([]);
    // Nothing chosen: said, and the focus goes to the file field.
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.locator('#import-files-error').waitFor();
    expect(await focusedMatches(page, '#import-files')).toBe(true);
    await page.locator('#import-files').setInputFiles(file);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const outcome = page.locator('.import-outcome');
    await outcome.waitFor();
    await expect.poll(() => focusedMatches(page, '.import-outcome')).toBe(true);
    expect(await outcome.innerText()).toContain('Imported the file.');
    expect(await outcome.innerText()).toContain('east-lille added (revision 1)');
    expect(await axeViolations(page), 'imported').toEqual([]);
    await screenshot(page, 'import-done');

    // The imported case opens from the outcome, and reads as the original does.
    await outcome.getByRole('link', { name: 'east-lille' }).click();
    await page.waitForURL(new RegExp(`/w/${other}/cases/east-lille$`));
    await page.locator('.model-card').first().waitFor();
    expect(await page.locator('h1').innerText()).toContain('Lille');

    const original = (await json('GET', '/api/workspaces/library/cases/east-lille')) as {
      document: unknown;
    };
    const copy = (await json('GET', `/api/workspaces/${other}/cases/east-lille`)) as {
      document: unknown;
    };
    expect(copy.document).toEqual(original.document);
    const fits = (a: Analysis) => [
      a.overall.models,
      a.components.map((c) => Object.values(c.models).map((m) => m.fit)),
    ];
    const [a, b] = (await Promise.all([
      json('GET', '/api/workspaces/library/cases/east-lille/analysis'),
      json('GET', `/api/workspaces/${other}/cases/east-lille/analysis`),
    ])) as [Analysis, Analysis];
    expect(fits(b)).toEqual(fits(a));
    expect(b.overall.summary).toBe(a.overall.summary);
    // Exported again, the YAML is the same text.
    expect(await text(`/api/workspaces/${other}/cases/east-lille/export?format=yaml`)).toBe(
      exported,
    );

    // Imported again: nothing changes.
    await page.goto(`${server.url}/w/${other}`);
    await page.locator('.import-cases summary').click();
    await page.locator('#import-files').setInputFiles(file);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.locator('.import-outcome', { hasText: 'already here, unchanged' }).waitFor();
  });

  it('refuses a broken file with its line and field, and saves nothing from it', async () => {
    const broken = join(mkdtempSync(join(tmpdir(), 'coprism-broken-')), 'broken.yaml');
    writeFileSync(
      broken,
      readFileSync('cases/sleepwell.yaml', 'utf8').replace('level: leads', 'level: boss'),
    );
    const narrow = await browser.newContext({ viewport: { width: 320, height: 720 } });
    const small = await narrow.newPage();
    await small.goto(`${server.url}/sign-in`);
    await small.getByLabel('Email address').fill(OWNER.email);
    await small.getByLabel('Password').fill(OWNER.password);
    await small.getByRole('button', { name: 'Sign in' }).click();
    await small.locator('.signed-in-as').waitFor();
    await small.goto(`${server.url}/w/${other}`);
    await small.locator('.import-cases summary').click();
    await small.locator('#import-files').setInputFiles(broken);
    await small.getByRole('button', { name: 'Import', exact: true }).click();
    const outcome = small.locator('.import-outcome');
    await outcome.waitFor();
    expect(await outcome.innerText()).toContain('Nothing was imported.');
    expect(await outcome.innerText()).toMatch(/broken\.yaml: not imported, because:/);
    expect(await outcome.innerText()).toMatch(
      /Line \d+, column \d+ \(components\[0\]\.roles\[0\]\.level\)/,
    );
    expect(await fitsWidth(small)).toBe(true);
    expect(await axeViolations(small)).toEqual([]);
    await screenshot(small, 'import-refused-320');
    await narrow.close();
    const list = (await json('GET', `/api/workspaces/${other}/cases`)) as { total: number };
    expect(list.total).toBe(1);
    expect(scriptErrors).toEqual([]);
  });
});
