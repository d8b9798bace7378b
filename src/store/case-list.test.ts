// The list's indexes, search index, deferred page and capped count (migration 0005) must answer
// what the plain queries before them answered: the same cases, in the same order, on both
// databases, also in a database upgraded from the schema before them.
import { fc } from '@fast-check/vitest';
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { sql, type Insertable, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { analyseCase, validateCase, type CaseFile } from '../core/index.js';
import { caseIndex } from '../server/case-index.js';
import { DIALECTS, freshDatabase, type Dialect } from '../../test/databases.js';
import type { CasesRepository } from './cases.repository.js';
import { type NewRevision } from './cases.repository.js';
import { openDatabase } from './database.js';
import { COUNT_CAP, openStore, type CaseQuery, type Repositories, type Store } from './index.js';
import { migrateTo } from './migrations.js';
import type { Database } from './schema.js';

const base = ((): CaseFile => {
  const checked = validateCase(load(readFileSync('cases/sleepwell.yaml', 'utf8')));
  if (!checked.ok) throw new Error('invalid');
  return checked.value;
})();
const baseIndex = caseIndex(base, analyseCase(base));

type CaseRow = Insertable<Database['cases']>;

/** Case `i` of a bulk-made workspace, as a row: every model fits, no period, no words. */
const bulkRow = (workspace: string, i: number): CaseRow => ({
  id: `${workspace}-${i}`,
  workspace_id: workspace,
  slug: `c${i}`,
  revision: 1,
  title: `Case ${i}`,
  summary: null,
  period_start: null,
  period_end: null,
  rulebook: baseIndex.rulebook,
  fit_co_production: 'fits',
  fit_evidence_based_practice: 'fits',
  fit_service_user_led: 'fits',
  fit_community_involvement: 'fits',
  fit_user_centred_design: 'fits',
  search_text: '',
  reading: '',
  shape: '',
  share_token_hash: null,
  deleted_at: null,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
});

/** Stores `count` rows straight into the table, 500 a statement: faster than saving each. */
async function insertRows(store: Store, count: number, row: (i: number) => CaseRow) {
  for (let first = 0; first < count; first += 500)
    await store.database
      .insertInto('cases')
      .values(Array.from({ length: Math.min(500, count - first) }, (_, i) => row(first + i)))
      .execute();
}

interface Made {
  readonly slug: string;
  readonly title?: string;
  readonly text?: string;
  readonly start?: number | null;
  readonly end?: number | null;
  readonly updated?: string;
  readonly fit?: 'fits' | 'partly-fits' | 'does-not-fit';
  readonly domains?: readonly string[];
}

/** A stored case whose list columns are the ones given (the rest is SleepWell's). */
function revision(made: Made): NewRevision {
  const title = made.title ?? made.slug;
  return {
    document: { ...base, id: made.slug, title },
    index: {
      ...baseIndex,
      title,
      searchText: made.text ?? title.toLowerCase(),
      periodStart: made.start === undefined ? 2001 : made.start,
      periodEnd: made.end === undefined ? null : made.end,
      fits: { ...baseIndex.fits, 'co-production': made.fit ?? 'partly-fits' },
      domains: made.domains ?? ['mental-health'],
    },
    analysis: '{}',
    author: { id: null, name: 'test' },
    message: 'test',
    now: made.updated ?? '2026-01-01T00:00:00.000Z',
  };
}

let counter = 0;
async function workspace(store: Store | Repositories): Promise<string> {
  const id = `w${counter++}`;
  await store.workspaces.create({ id, name: id, kind: 'team', createdAt: '2026-01-01T00:00:00Z' });
  return id;
}

async function add(cases: CasesRepository, ws: string, made: readonly Made[]): Promise<void> {
  for (const m of made) expect(await cases.create(ws, `${ws}-${m.slug}`, revision(m))).toBe(true);
}

/** What the list answered before migration 0005: LIKE for each word, ORDER BY … LIMIT … OFFSET. */
async function before(db: Kysely<Database>, ws: string, query: CaseQuery): Promise<string[]> {
  const escape = (w: string) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  let q = db
    .selectFrom('cases')
    .select('slug')
    .where('workspace_id', '=', ws)
    .where('deleted_at', query.deleted ? 'is not' : 'is', null);
  for (const word of (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean))
    q = q.where(sql<boolean>`search_text like ${escape(word)} escape '\\'`);
  if (query.fit) q = q.where('fit_co_production', 'in', [...query.fit.fits]);
  if (query.domain) {
    const domain = query.domain;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('case_tags')
          .select('case_id')
          .whereRef('case_tags.case_id', '=', 'cases.id')
          .where('tag', '=', 'domain')
          .where('value', '=', domain),
      ),
    );
  }
  const direction = query.descending ? 'desc' : 'asc';
  if (query.sort === 'updated') q = q.orderBy('updated_at', direction);
  if (query.sort === 'period') q = q.orderBy('period_start', direction);
  const rows = await q
    .orderBy(sql`lower(title)`, direction)
    .orderBy('slug', direction)
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  return rows.map((r) => r.slug);
}

const slugs = async (store: Store, ws: string, query: CaseQuery) =>
  (await store.cases.page(ws, query)).map((c) => c.id);

/** Letters that a search must treat as themselves: wildcards, quotes, an escape, non-ASCII. */
const LETTERS = ['a', 'b', 'c', 'é', 'ß', 'i̇', '%', '_', '"', '\\', "'", '*', ' ', '\n', '-'];
const text = fc.array(fc.constantFrom(...LETTERS), { maxLength: 14 }).map((l) => l.join(''));

describe.each(DIALECTS)('the case list on %s', (dialect: Dialect) => {
  it('finds by search words exactly what LIKE found, whatever the letters', async () => {
    const store = await openStore(await freshDatabase(dialect));
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 6 }), text, async (texts, q) => {
        const ws = await workspace(store);
        await add(
          store.cases,
          ws,
          texts.map((t, i) => ({ slug: `c${i}`, text: t.toLowerCase() })),
        );
        const query: CaseQuery = { q, limit: 50, offset: 0 };
        const found = await slugs(store, ws, query);
        expect(found).toEqual(await before(store.database, ws, query));
        // And in plain terms: every word, lower-cased, is somewhere in the text.
        const words = q.toLowerCase().split(/\s+/).filter(Boolean);
        const expected = texts.flatMap((t, i) =>
          words.every((w) => t.toLowerCase().includes(w)) ? [`c${i}`] : [],
        );
        expect([...found].sort()).toEqual(expected.sort());
      }),
      { numRuns: 40 },
    );
    await store.close();
  });

  it('keeps the search index in step with saves, the bin, removals and restores', async () => {
    const store = await openStore(await freshDatabase(dialect));
    const ws = await workspace(store);
    await add(store.cases, ws, [
      { slug: 'kept', text: 'a crisis café in leeds' },
      { slug: 'changed', text: 'peer support in bristol' },
    ]);
    const found = (q: string, deleted = false) =>
      slugs(store, ws, { q, limit: 10, offset: 0, deleted });
    expect(await found('bristol')).toEqual(['changed']);
    expect(
      await store.cases.save(
        `${ws}-changed`,
        1,
        revision({ slug: 'changed', text: 'peer support in cardiff' }),
      ),
    ).toEqual({ ok: true, revision: 2 });
    expect(await found('bristol')).toEqual([]);
    expect(await found('cardiff')).toEqual(['changed']);
    expect(await store.cases.moveToBin(`${ws}-changed`, '2026-02-01T00:00:00Z')).toBe(true);
    expect(await found('cardiff')).toEqual([]);
    expect(await found('cardiff', true)).toEqual(['changed']);
    // Cases are never deleted by the app, but a workspace's removal or a repair may delete rows.
    await store.database.deleteFrom('cases').where('slug', '=', 'kept').execute();
    expect(await found('leeds')).toEqual([]);
    const gone = await workspace(store);
    await add(store.cases, gone, [{ slug: 'elsewhere', text: 'leeds elsewhere' }]);
    await store.database.deleteFrom('workspaces').where('id', '=', gone).execute();
    if (dialect === 'sqlite') {
      const count = (table: string) =>
        sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`
          .execute(store.database)
          .then((r) => r.rows[0]?.n);
      expect(await count('case_search_keys')).toBe(await count('cases'));
      expect(await count('case_search')).toBe(await count('cases'));
    }
    // A new case after a removal gets its own entry, not the removed one's.
    await add(store.cases, ws, [{ slug: 'new', text: 'leeds again' }]);
    expect(await found('leeds')).toEqual(['new']);
    expect(await found('crisis')).toEqual([]);
    await store.close();
  });

  it('pages through every order as OFFSET did, ties and empty periods included, filters too', async () => {
    const store = await openStore(await freshDatabase(dialect));
    const ws = await workspace(store);
    const made: Made[] = Array.from({ length: 45 }, (_, i) => ({
      slug: `case-${String(i).padStart(2, '0')}`,
      // Few titles, in mixed case: most of the order is decided by the slug.
      title: ['Open Door', 'open door', 'Bridge', 'Äpfel', 'zebra'][i % 5] ?? 'x',
      start: i % 7 === 0 ? null : 1990 + (i % 4),
      end: i % 3 === 0 ? 2000 + (i % 5) : null,
      updated: `2025-0${1 + (i % 9)}-01T00:00:00.000Z`,
      fit: (['fits', 'partly-fits', 'does-not-fit'] as const)[i % 3] ?? 'fits',
      domains: i % 4 === 0 ? ['housing', 'mental-health'] : ['mental-health'],
    }));
    await add(store.cases, ws, made);
    await store.cases.moveToBin(`${ws}-case-03`, '2026-02-01T00:00:00Z');
    for (const sort of ['title', 'updated', 'period'] as const)
      for (const descending of [false, true])
        for (const filter of [
          {},
          { fit: { model: 'co-production', fits: ['fits'] } },
          { domain: 'housing' },
        ] as const)
          for (const offset of [0, 7, 40]) {
            const query: CaseQuery = { sort, descending, ...filter, limit: 7, offset };
            expect(await slugs(store, ws, query), JSON.stringify(query)).toEqual(
              await before(store.database, ws, query),
            );
          }
    const bin: CaseQuery = { limit: 10, offset: 0, deleted: true };
    expect(await slugs(store, ws, bin)).toEqual(['case-03']);
    await store.close();
  });

  it(`counts up to ${COUNT_CAP.toLocaleString('en-GB')} and says when there are more`, async () => {
    const store = await openStore(await freshDatabase(dialect));
    const ws = await workspace(store);
    const all = COUNT_CAP + 5;
    await insertRows(store, all, (i) => ({
      ...bulkRow(ws, i),
      fit_co_production: i % 1000 === 0 ? 'fits' : 'partly-fits',
      search_text: i % 1000 === 0 ? `rare ${i}` : `common ${i}`,
    }));
    const page = { limit: 20, offset: 0 };
    expect(await store.cases.count(ws, page)).toEqual({ total: COUNT_CAP, capped: true });
    const listed = await store.cases.list(ws, page);
    expect([listed.total, listed.capped, listed.items.length]).toEqual([COUNT_CAP, true, 20]);
    expect(await store.cases.count(ws, { ...page, q: 'rare' })).toEqual({
      total: 11,
      capped: false,
    });
    expect(
      await store.cases.count(ws, { ...page, fit: { model: 'co-production', fits: ['fits'] } }),
    ).toEqual({ total: 11, capped: false });
    await store.database
      .deleteFrom('cases')
      .where('slug', 'in', ['c0', 'c1', 'c2', 'c3', 'c4'])
      .execute();
    expect(await store.cases.count(ws, page)).toEqual({ total: COUNT_CAP, capped: false });
    expect((await store.cases.list(ws, { ...page, offset: COUNT_CAP - 5 })).items).toHaveLength(5);
    await store.close();
  });

  it('finds common, middling and rare words on every page as the plain query does', async () => {
    // SQLite looks a word in fewer than 1,000 cases up in its index first, and a page of a more
    // common one among the first rows of the list first: 1,500 cases cover both, and a word that
    // is common but not among the first 250 rows, whose first page the first rows leave short.
    const store = await openStore(await freshDatabase(dialect));
    const ws = await workspace(store);
    await insertRows(store, 1500, (i) => ({
      ...bulkRow(ws, i),
      title: `Case ${String(i).padStart(5, '0')}`,
      period_start: i % 5 === 0 ? null : 1990 + (i % 7),
      fit_co_production: i % 2 === 0 ? 'fits' : 'partly-fits',
      search_text: [
        i % 10 === 0 ? '' : 'common',
        i >= 240 ? 'tail' : '',
        i % 100 === 0 ? 'rare' : '',
        i % 3 === 0 ? 'zz' : '',
      ].join(' '),
      deleted_at: i % 7 === 0 ? '2026-02-01T00:00:00Z' : null,
      updated_at: `2026-01-${String((i % 28) + 1).padStart(2, '0')}T00:00:00Z`,
    }));
    for (const q of ['common', 'tail', 'rare', 'zz', 'common tail', 'tail zz', 'absent'])
      for (const sort of ['title', 'updated', 'period'] as const)
        for (const extra of [
          {},
          { descending: true },
          { fit: { model: 'co-production', fits: ['fits'] } },
          { deleted: true },
        ] as const)
          for (const offset of [0, 20, 80, 300]) {
            const query: CaseQuery = { q, sort, ...extra, limit: 20, offset };
            expect(await slugs(store, ws, query), JSON.stringify(query)).toEqual(
              await before(store.database, ws, query),
            );
            if (offset === 0)
              expect((await store.cases.count(ws, query)).total, JSON.stringify(query)).toBe(
                (await before(store.database, ws, { ...query, limit: 5000 })).length,
              );
          }
    await store.close();
  });

  it('upgrades a database of the schema before: cases already there are listed, found and counted', async () => {
    const config = await freshDatabase(dialect);
    const { db } = openDatabase(config);
    await migrateTo(db, dialect, '0004-drafts');
    await db
      .insertInto('workspaces')
      .values({ id: 'old', name: 'old', kind: 'team', created_at: '2026-01-01T00:00:00Z' })
      .execute();
    const made: Made[] = [
      { slug: 'leeds', title: 'Dial House Leeds', text: 'dial house leeds crisis', fit: 'fits' },
      { slug: 'lille', title: 'East Lille', text: 'east lille psychiatric sector' },
      {
        slug: 'sleep',
        title: 'SleepWell',
        text: 'sleepwell protected sleep',
        domains: ['housing'],
      },
    ];
    // Written as the release before wrote them: the case rows and their tags (it had no cases_version).
    for (const m of made) {
      const { index, now } = revision(m);
      await db
        .insertInto('cases')
        .values({
          id: `old-${m.slug}`,
          workspace_id: 'old',
          slug: m.slug,
          revision: 1,
          title: index.title,
          summary: index.summary,
          period_start: index.periodStart,
          period_end: index.periodEnd,
          rulebook: index.rulebook,
          fit_co_production: index.fits['co-production'],
          fit_evidence_based_practice: index.fits['evidence-based-practice'],
          fit_service_user_led: index.fits['service-user-led'],
          fit_community_involvement: index.fits['community-involvement'],
          fit_user_centred_design: index.fits['user-centred-design'],
          search_text: index.searchText,
          reading: index.reading,
          shape: index.shape,
          share_token_hash: null,
          deleted_at: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await db
        .insertInto('case_tags')
        .values(index.domains.map((value) => ({ case_id: `old-${m.slug}`, tag: 'domain', value })))
        .execute();
    }
    await db.destroy();

    const store = await openStore(config);
    const query: CaseQuery = { limit: 20, offset: 0 };
    expect(await slugs(store, 'old', query)).toEqual(['leeds', 'lille', 'sleep']);
    expect(await slugs(store, 'old', { ...query, q: 'sleep' })).toEqual(['sleep']);
    expect(await slugs(store, 'old', { ...query, q: 'ille psy' })).toEqual(['lille']);
    expect(await slugs(store, 'old', { ...query, domain: 'housing' })).toEqual(['sleep']);
    expect(await store.cases.count('old', { ...query, q: 'e' })).toEqual({
      total: 3,
      capped: false,
    });
    // Cases saved after the upgrade are found as well as those from before it.
    await add(store.cases, 'old', [{ slug: 'new', text: 'a new crisis line' }]);
    expect(await slugs(store, 'old', { ...query, q: 'crisis' })).toEqual(['leeds', 'new']);
    await store.close();
  });
});
