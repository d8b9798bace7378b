// Poppler's command-line tools, to read back the PDFs the project makes: the text (pdftotext) and
// the pages as images (pdftoppm). A missing tool fails the test, never skips it.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { expect } from 'vitest';

/** Runs a poppler tool (pdftotext, pdfinfo, pdffonts, pdftoppm…) and gives what it printed. */
export function poppler(tool: string, args: readonly string[]): string {
  const result = spawnSync(tool, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (result.error !== undefined)
    throw new Error(
      `${tool} is needed to check the PDF (install poppler-utils): ${result.error.message}`,
    );
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

/** Text from a PDF, or from one of its pages: laid out as on the page, or in reading order (a table
 * cell by cell, so words that wrap within a cell stay together). */
export const pdftotext = (
  path: string,
  order: 'layout' | 'reading' = 'layout',
  page?: number,
): string =>
  poppler('pdftotext', [
    ...(order === 'layout' ? ['-layout'] : []),
    ...(page === undefined ? [] : ['-f', String(page), '-l', String(page)]),
    path,
    '-',
  ]);

/** Each page of a PDF as a PNG beside it (`prefix-1.png`, …), at `dpi`; returns their paths in page order. */
export function pdftoppm(path: string, prefix: string, dpi = 70): string[] {
  poppler('pdftoppm', ['-png', '-r', String(dpi), path, prefix]);
  const name = basename(prefix);
  return readdirSync(dirname(prefix))
    .filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))
    .sort((a, b) => pageOf(a) - pageOf(b))
    .map((f) => join(dirname(prefix), f));
}

const pageOf = (file: string): number => Number(/-(\d+)\.png$/.exec(file)?.[1] ?? 0);
