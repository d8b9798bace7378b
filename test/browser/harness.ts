// The built app on a real server (the one `coprism serve` starts: SQLite, a random port, the case
// library loaded), driven by Debian's Chromium.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import { startServer as startCoprism } from '../../src/server/index.js';
import { WEB_ROOT } from '../../src/server/web-app.js';
import { runLog } from '../log-audit.js';

export { CHROMIUM, launchBrowser } from './chromium.js';

export interface Server {
  readonly url: string;
  stop(): Promise<void>;
}

/** Waits for the built app: another `npm run build` may have emptied dist/ for a few seconds. */
async function builtApp(): Promise<void> {
  for (let waited = 0; waited < 60; waited += 1) {
    if (existsSync(join(WEB_ROOT, 'index.html'))) return;
    await sleep(1000);
  }
  throw new Error(`The web app is not built (no ${WEB_ROOT}index.html): run \`npm run build\`.`);
}

/** A temporary case folder: the bundled library plus `extra` files (name → YAML), for startServer. */
export function libraryWith(extra: Readonly<Record<string, string>>): string {
  const cases = mkdtempSync(join(tmpdir(), 'coprism-browser-cases-'));
  for (const file of readdirSync('cases')) copyFileSync(join('cases', file), join(cases, file));
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(cases, name), text);
  return cases;
}

/** Starts the server on a fresh SQLite folder; `cases` replaces the bundled library. */
export async function startServer(options: { cases: string }): Promise<Server> {
  await builtApp();
  const log = runLog('browser');
  const running = await startCoprism({
    port: 0,
    host: '127.0.0.1',
    database: { kind: 'sqlite', folder: mkdtempSync(join(tmpdir(), 'coprism-browser-')) },
    casesDir: options.cases,
    say: () => undefined,
    ...(log ? { logLevel: 'info', logStream: log } : {}),
  });
  return {
    url: running.url,
    stop: async () => {
      await running.close();
      log?.end();
    },
  };
}

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

export interface Violation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: readonly string[];
}

/** Runs axe-core in the page against WCAG 2.0, 2.1 and 2.2, levels A and AA. */
export async function axeViolations(page: Page): Promise<Violation[]> {
  // Evaluated through the debugging protocol, which the page's CSP does not govern.
  await page.evaluate(axeSource);
  return page.evaluate(`
    axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] },
    }).then((result) => result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')),
    })))
  `);
}

/** Where screenshots go: SCREENSHOTS_DIR, or test-artifacts/screenshots in the repository (git
 * ignores it), so that a CI run keeps them beside its clone. Each shot replaces the last of its name. */
export const screenshotDir = (() => {
  const dir =
    process.env['SCREENSHOTS_DIR'] ??
    fileURLToPath(new URL('../../test-artifacts/screenshots/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  return dir;
})();

/** Saves a screenshot of the whole page, or of the window only (where something floats over it). */
export async function screenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<string> {
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? true });
  return path;
}

/** Presses Tab (or Shift+Tab) until the focused element matches `selector`; fails after `limit` presses. */
export async function tabTo(
  page: Page,
  selector: string,
  options: { backwards?: boolean; limit?: number } = {},
): Promise<void> {
  const key = options.backwards ? 'Shift+Tab' : 'Tab';
  for (let i = 0; i < (options.limit ?? 80); i += 1) {
    await page.keyboard.press(key);
    if (await focusedMatches(page, selector)) return;
  }
  throw new Error(`${key} never reached ${selector}`);
}

export const focusedMatches = (page: Page, selector: string): Promise<boolean> =>
  page.evaluate(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`);

/** True when the page is no wider than the window (WCAG 1.4.10: no scrolling in two directions). */
export const fitsWidth = (page: Page): Promise<boolean> =>
  page.evaluate('document.documentElement.scrollWidth <= window.innerWidth');

/** A call to the API from inside the page, with its session cookie and CSRF token. */
export const pageApi = (
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> =>
  page.evaluate(`
    (async () => {
      const session = await (await fetch('/api/session')).json();
      const response = await fetch(${JSON.stringify(path)}, {
        method: ${JSON.stringify(method)},
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken || '' },
        ${body === undefined ? '' : `body: ${JSON.stringify(JSON.stringify(body))},`}
      });
      return { status: response.status, json: response.status === 204 ? null : await response.json() };
    })()
  `);

/** A draft of a change to a bundled case (`cases/<id>.yaml`), imported first into `workspace`;
 * its id, for `/w/<workspace>/drafts/<id>`. */
export async function draftOfCase(page: Page, workspace: string, id: string): Promise<string> {
  const text = readFileSync(join('cases', `${id}.yaml`), 'utf8');
  const imported = await pageApi(page, 'POST', `/api/workspaces/${workspace}/import`, {
    files: [{ name: `${id}.yaml`, text }],
  });
  if (imported.status !== 200) throw new Error(`Importing ${id} answered ${imported.status}`);
  const draft = await pageApi(page, 'POST', `/api/workspaces/${workspace}/drafts`, { case: id });
  if (draft.status !== 201) throw new Error(`A draft of ${id} answered ${draft.status}`);
  return (draft.json as { id: string }).id;
}
