// Printing a reading to PDF from the browser (the print stylesheet): the reading's words are on
// paper, the navigation, buttons and forms are not, the whole grid fits the page, and the address
// and rulebook version are printed. Each PDF and its pages as PNGs are kept with the screenshots.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIG_CASE_ID, bigCase } from '../../bench/big-case.js';
import { caseYaml } from '../../bench/corpus.js';
import { STAGES } from '../../src/core/vocabulary.js';
import { stageHeading } from '../../web/src/words.js';
import { pdftoppm, pdftotext } from '../poppler.js';
import {
  launchBrowser,
  pageApi,
  screenshotDir,
  startServer,
  type Server,
  libraryWith,
} from './harness.js';

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Words of the screen that must never reach paper: navigation, buttons, forms, skip link. */
const SCREEN_ONLY = [
  'Skip to main content',
  'Case library ›',
  'Set up',
  'Copy the sentence',
  'Export and report',
  'Compare with',
  'Similar cases',
  'it rests on in the grid',
  'What the levels, stages and certainty mean',
  'Glossary: the words used here',
];

async function printToPdf(page: Page, name: string): Promise<{ text: string; pages: string[] }> {
  const path = join(screenshotDir, `print-${name}.pdf`);
  await page.pdf({ path, format: 'A4' });
  return {
    text: squash(pdftotext(path, 'reading')),
    pages: pdftoppm(path, join(screenshotDir, `print-${name}`)),
  };
}

describe('printing a reading', () => {
  let server: Server;
  let browser: Browser;
  let page: Page;

  // Loading the big case into the library takes a while on a busy machine.
  beforeAll(async () => {
    // The library, and a case whose grid runs over several pages.
    const cases = libraryWith({ [`${BIG_CASE_ID}.yaml`]: caseYaml(bigCase()) });
    [server, browser] = await Promise.all([startServer({ cases }), launchBrowser()]);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('prints the reading of a library case without navigation or buttons, the grid whole, with its address and rulebook', async () => {
    const path = '/w/library/cases/sleepwell';
    await page.goto(`${server.url}${path}`);
    await page.locator('.grid').first().waitFor();
    const sentence = await page.locator('.summary-sentence .sentence').innerText();
    const analysis = (
      await pageApi(page, 'GET', `/api/workspaces/library/cases/sleepwell/analysis`)
    ).json as { rulebook: string };

    // In print, the grid is as wide as the page, so nothing of it is scrolled out of sight.
    await page.emulateMedia({ media: 'print' });
    const fits = (await page.evaluate(`(() => {
      const box = document.querySelector('.grid-scroll');
      const grid = document.querySelector('.grid');
      const main = document.querySelector('main').getBoundingClientRect();
      return box.scrollWidth <= box.clientWidth && grid.getBoundingClientRect().right <= main.right + 1;
    })()`)) as boolean;
    expect(fits).toBe(true);
    // (Back to no emulation: page.pdf() prints with the screen's styles if screen is emulated.)
    await page.emulateMedia({ media: null });

    const { text, pages } = await printToPdf(page, 'sleepwell');
    expect(text).toContain('SleepWell');
    expect(text).toContain(squash(sentence));
    expect(text).toContain('How the five models fit');
    expect(text).toContain('Co-production');
    expect(text).toContain('Who did what');
    // A table's words come out of the PDF interleaved across cells that wrap (and pdftotext joins
    // a word broken at its hyphen), so word by word, hyphens aside.
    const bare = (word: string) => word.replaceAll('-', '');
    const words = new Set(text.split(' ').map(bare));
    const labels = [
      ...STAGES.map((stage) => stageHeading(stage)),
      ...(await page.locator('.grid tbody th .party-name').allInnerTexts()),
    ];
    for (const label of labels)
      for (const word of label.split(/\s+/)) expect(words, label).toContain(bare(word));
    expect(text).toContain('Not recorded');
    expect(text).toContain('What would change this reading');
    expect(text).toContain(`Printed from ${server.url}${path}`);
    expect(text).toContain(`Read with rulebook ${analysis.rulebook}`);
    for (const words of SCREEN_ONLY) expect(text, words).not.toContain(words);
    expect(pages.length).toBeGreaterThan(0);
  });

  it('prints every part of a case with several parts, then shows only the chosen one again', async () => {
    await page.goto(`${server.url}/w/library/cases/east-lille`);
    await page.locator('.grid').first().waitFor();
    const document = (await pageApi(page, 'GET', '/api/workspaces/library/cases/east-lille'))
      .json as { document: { components: Array<{ title: string }> } };
    const titles = document.document.components.map((c) => c.title);
    expect(titles.length).toBeGreaterThan(2);
    // On screen: one part's grid.
    expect(await page.locator('section.part').count()).toBe(1);

    const { text } = await printToPdf(page, 'east-lille');
    titles.forEach((title, i) => {
      expect(text, title).toContain(squash(`Part ${i + 1} of ${titles.length}: ${title}`));
      expect(text, title).toContain(squash(`Who did what in “${title}”`));
    });
    // Every part is on paper, so none is "shown below".
    expect(text).not.toContain('(shown below)');

    // Back on screen after printing: the chosen part alone, its grid's cells unique.
    expect(await page.locator('section.part').count()).toBe(1);
    expect(await page.locator('#part').innerText()).toContain(`Part 1 of ${titles.length}`);
    expect(await page.locator('#grid-caption-1').count()).toBe(0);
  });

  it('repeats the grid’s header on every page a long grid runs over', async () => {
    await page.goto(`${server.url}/w/library/cases/${BIG_CASE_ID}`);
    await page.locator('.grid tbody tr').first().waitFor();
    const path = join(screenshotDir, 'print-big-case.pdf');
    await page.pdf({ path, format: 'A4' });
    const pages = pdftoppm(path, join(screenshotDir, 'print-big-case'), 40);
    // Every page from the grid's caption to the one before its key holds rows of the grid, and
    // each has the stages over them.
    const texts = pages.map((_, i) => pdftotext(path, 'reading', i + 1));
    const first = texts.findIndex((t) => t.includes('Who did what in “'));
    const key = texts.findIndex((t, i) => i >= first && /^Key$/m.test(t));
    expect(first).toBeGreaterThanOrEqual(0);
    const gridPages = texts.slice(first, key);
    expect(gridPages.length).toBeGreaterThan(1);
    for (const text of gridPages) {
      expect(text).toContain('Party');
      expect(text).toContain('Outreach');
    }
  });

  it('prints a comparison without its search form', async () => {
    await page.goto(`${server.url}/compare?case=library/sleepwell&case=library/east-lille`);
    await page.locator('.compare-table').first().waitFor();
    const { text } = await printToPdf(page, 'compare');
    expect(text).toContain('How each model fits');
    expect(text).toContain('Who did what, by kind of party');
    expect(text).toContain('Printed from');
    expect(text).not.toContain('Add a case to compare');
    expect(text).not.toContain('Find cases');
    expect(text).not.toContain('Skip to main content');
  });
});
