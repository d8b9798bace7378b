/**
 * The browser benches' library (bench/web.bench.ts, bench/web-profile.ts): 44 generated cases that,
 * with the case library's 15 and the big case, make 60, and the cards the API lists for the pages
 * the benches click to, so a click is timed to exactly those cards drawn.
 */
import type { CaseFile } from '../src/core/index.js';
import { generateCase } from './corpus.js';
import { LIBRARY_PAGE_SIZE } from './page-clock.js';

const GENERATED = 44;
const CORPUS_SEED = 20_260_102;
export const LIBRARY_CASES = 60;
/** The library filter timed, as the form sends it. */
export const FILTER = { model: 'co-production', fit: 'fits' } as const;

/** The generated cases, served beside the big case and the case library. */
export function libraryCases(): CaseFile[] {
  return Array.from({ length: GENERATED }, (_, i) => generateCase(CORPUS_SEED, i));
}

/** The cards the library page shows for these filters, as the API lists them. */
async function listed(url: string, filters: Record<string, string>, offset = 0): Promise<string[]> {
  const query = new URLSearchParams({
    ...filters,
    sort: 'title',
    order: 'asc',
    limit: String(LIBRARY_PAGE_SIZE),
    offset: String(offset),
  });
  const response = await fetch(`${url}/api/workspaces/library/cases?${query.toString()}`);
  if (!response.ok)
    throw new Error(`the library's cases (${query.toString()}): ${response.status}`);
  const page = (await response.json()) as {
    total: number;
    items: { workspace: string; id: string }[];
  };
  if (offset === 0 && Object.keys(filters).length === 0 && page.total !== LIBRARY_CASES)
    throw new Error(`the library holds ${page.total} cases, not ${LIBRARY_CASES}`);
  return page.items.map(
    (item) => `/w/${encodeURIComponent(item.workspace)}/cases/${encodeURIComponent(item.id)}`,
  );
}

export interface LibraryPages {
  readonly first: readonly string[];
  readonly second: readonly string[];
  readonly filtered: readonly string[];
}

export async function libraryPages(url: string): Promise<LibraryPages> {
  const pages = {
    first: await listed(url, {}),
    second: await listed(url, {}, LIBRARY_PAGE_SIZE),
    filtered: await listed(url, FILTER),
  };
  if (pages.second.length !== LIBRARY_PAGE_SIZE || pages.filtered.length === 0)
    throw new Error(
      `the library's second page lists ${pages.second.length} cases and the filter ${pages.filtered.length}`,
    );
  // A click whose cards were shown already would be timed to the next frame, not to its answer.
  if (pages.filtered.join() === pages.second.join())
    throw new Error('the filtered cards are those of the second page');
  return pages;
}
