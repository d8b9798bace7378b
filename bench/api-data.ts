/**
 * The data and the routes of `npm run bench:api`. Each database gets the case library (cases/*.yaml,
 * through `loadLibrary`), an owner with an API token, and a team workspace holding the library's
 * cases (imported as a person would, so that rare words have a few hits) and the generated cases
 * (bench/seed-cases.ts). The list routes ask what the web app's library page asks: 20 a page,
 * the first page and a deep one, each kind of filter, another order, a common word and rare ones,
 * each rotating through several values and pages.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseQuery, Store } from '../src/store/index.js';
import type * as AccountsModule from '../src/server/accounts.service.js';
import type * as CasesModule from '../src/server/cases.service.js';
import type * as LibraryModule from '../src/server/library.js';

/** The app's modules as built in dist/. */
export interface AppModules {
  readonly library: typeof LibraryModule;
  readonly cases: typeof CasesModule;
  readonly accounts: typeof AccountsModule;
}

export interface Filled {
  readonly team: string;
  readonly authorization: string;
  readonly owner: { readonly id: string; readonly name: string };
  /** The first few of the library's case ids, in list order. */
  readonly libraryIds: readonly string[];
  readonly libraryCases: number;
}

/** Cases a page, as the web app's library page asks. */
export const PAGE = 20;
/** Library cases each case route rotates through. */
const ROTATE = 8;
const COMMON = ['peer', 'crisis', 'housing', 'recovery'];
const RARE = ['sleepwell', 'clubhouse', 'zimbabwe', 'lapland'];

/** Everything but the generated cases: the library, the owner and their token, the team workspace. */
export async function fillBasics(store: Store, root: string, app: AppModules): Promise<Filled> {
  const now = (): Date => new Date();
  const cases = new app.cases.CasesService(store, now);
  const casesDir = join(root, 'cases');
  const files = readdirSync(casesDir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => ({ name: `cases/${name}`, text: readFileSync(join(casesDir, name), 'utf8') }));
  const library = await app.library.loadLibrary(store, cases, files, now());
  if (library.problems.length > 0)
    throw new Error(`the case library did not load:\n${library.problems.join('\n')}`);
  const accounts = new app.accounts.AccountsService(store, now);
  const owner = await accounts.setup(
    { name: 'Bench Owner', email: 'bench@example.org', password: 'a long bench password' },
    'Bench team',
  );
  const { token } = await accounts.createToken(owner.user, 'bench');
  const team = owner.workspace.id;
  const author = { id: owner.user.id, name: owner.user.name };
  for (const outcome of await cases.importFiles(team, files, author))
    if (!outcome.ok)
      throw new Error(`importing ${outcome.file} failed: ${JSON.stringify(outcome.problems[0])}`);
  const listed = await store.cases.list(app.library.LIBRARY_ID, { limit: ROTATE, offset: 0 });
  return {
    team,
    authorization: `Bearer ${token}`,
    owner: author,
    libraryIds: listed.items.map((item) => item.id),
    libraryCases: listed.total,
  };
}

export interface Route {
  readonly name: string;
  readonly paths: readonly string[];
  readonly authorization?: string;
  /** For list routes: the store's queries behind the paths, in the same order. */
  readonly queries?: readonly CaseQuery[];
}

/** The routes measured, for a team workspace of `total` cases. */
export function benchRoutes(filled: Filled, libraryId: string, total: number): Route[] {
  const pages = Math.ceil(total / PAGE);
  // Page 2,000 of 100,000 cases; half-way down a smaller workspace.
  const deep = Math.max(2, Math.min(2_000, Math.floor(pages / 2)));
  const first: CaseQuery = { limit: PAGE, offset: 0 };
  const list = (name: string, queries: readonly CaseQuery[]): Route => ({
    name,
    queries,
    authorization: filled.authorization,
    paths: queries.map((q) => `/api/workspaces/${filled.team}/cases?${listParams(q)}`),
  });
  return [
    {
      name: 'library case',
      paths: filled.libraryIds.map((id) => `/api/workspaces/${libraryId}/cases/${id}`),
    },
    {
      name: 'its analysis',
      paths: filled.libraryIds.map((id) => `/api/workspaces/${libraryId}/cases/${id}/analysis`),
    },
    list('list, page 1', [first]),
    list(
      `list, page ${deep.toLocaleString('en-GB')}`,
      [0, 1, 2, 3].map((i) => ({ ...first, offset: (deep - 1 + i) * PAGE })),
    ),
    // Each filter rotates through four values and four pages, so that a kept count is not all
    // that is measured: the app counting every time is measured too (bench/api.bench.ts).
    list(
      'model fits',
      (
        [
          ['co-production', ['fits']],
          ['service-user-led', ['fits', 'partly-fits']],
          ['evidence-based-practice', ['partly-fits']],
          ['user-centred-design', ['does-not-fit']],
        ] as const
      ).map(([model, fits], i) => ({ ...first, offset: i * PAGE, fit: { model, fits } })),
    ),
    list(
      'field it serves',
      ['housing', 'employment', 'education', 'mental-health'].map((domain, i) => ({
        ...first,
        offset: i * PAGE,
        domain,
      })),
    ),
    list(
      'calls itself',
      ['service-user-led', 'co-production', 'community-involvement', 'user-centred-design'].map(
        (label, i) => ({ ...first, offset: i * PAGE, label }),
      ),
    ),
    list(
      'kind of source',
      ['self-report', 'peer-reviewed', 'observation', 'grey-literature'].map((sourceKind, i) => ({
        ...first,
        offset: i * PAGE,
        sourceKind,
      })),
    ),
    list(
      'running in a year',
      [2010, 1998, 2015, 2004].map((year, i) => ({ ...first, offset: i * PAGE, year })),
    ),
    list('newest first', [{ ...first, sort: 'updated', descending: true }]),
    list(
      'common word',
      COMMON.map((q, i) => ({ ...first, offset: (i % 2) * PAGE, q })),
    ),
    list(
      'rare word',
      RARE.map((q) => ({ ...first, q })),
    ),
  ];
}

/** The API's query string for a store query (the reverse of the list route's parsing). */
export function listParams(query: CaseQuery): string {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.fit) {
    params.set('model', query.fit.model);
    params.set('fit', query.fit.fits.join(','));
  }
  if (query.domain) params.set('domain', query.domain);
  if (query.label) params.set('label', query.label);
  if (query.sourceKind) params.set('sourceKind', query.sourceKind);
  if (query.year !== undefined) params.set('year', String(query.year));
  if (query.sort) params.set('sort', query.sort);
  if (query.descending) params.set('order', 'desc');
  params.set('limit', String(query.limit));
  params.set('offset', String(query.offset));
  return params.toString();
}
