// Lists keep their counts while a workspace's cases stay as they were (count-cache.ts): every
// kind of write, by this store or by another process on the same database, must be counted anew.
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { analyseCase, validateCase, type CaseFile, type Fit } from '../core/index.js';
import { caseIndex } from '../server/case-index.js';
import { DIALECTS, freshDatabase, type Dialect } from '../../test/databases.js';
import type { NewRevision } from './cases.repository.js';
import { CountCache, countKey } from './count-cache.js';
import { openDatabase } from './database.js';
import { openStore, Store, type CaseQuery } from './index.js';

const base = ((): CaseFile => {
  const checked = validateCase(load(readFileSync('cases/sleepwell.yaml', 'utf8')));
  if (!checked.ok) throw new Error('invalid');
  return checked.value;
})();
const baseIndex = caseIndex(base, analyseCase(base));

function revision(slug: string, fit: Fit = 'partly-fits', text = slug): NewRevision {
  return {
    document: { ...base, id: slug, title: slug },
    index: {
      ...baseIndex,
      title: slug,
      searchText: text,
      fits: { ...baseIndex.fits, 'co-production': fit },
    },
    analysis: '{}',
    author: { id: null, name: 'test' },
    message: 'test',
    now: '2026-01-01T00:00:00.000Z',
  };
}

// One a page, so that every list with more than one match counts.
const all: CaseQuery = { limit: 1, offset: 0 };
const fitting: CaseQuery = { ...all, fit: { model: 'co-production', fits: ['fits'] } };
const binned: CaseQuery = { ...all, deleted: true };
const worded: CaseQuery = { ...all, q: 'peer' };

describe('the count key', () => {
  it('depends on the filters and words, not on the order or the page', () => {
    const key = countKey('w', { ...fitting, q: 'Peer  Support' });
    expect(countKey('w', { ...fitting, q: 'peer support', sort: 'updated', offset: 40 })).toBe(key);
    expect(countKey('w', { ...fitting, q: 'peer' })).not.toBe(key);
    expect(countKey('v', { ...fitting, q: 'peer support' })).not.toBe(key);
    expect(countKey('w', { ...all, q: 'peer support' })).not.toBe(key);
    expect(countKey('w', { ...binned })).not.toBe(countKey('w', all));
  });

  it('holds every filter, each apart from the others, whatever order its fields come in', () => {
    const filters: CaseQuery[] = [
      { ...all, domain: 'inpatient' },
      { ...all, label: 'inpatient' },
      { ...all, sourceKind: 'inpatient' },
      { ...all, year: 2010 },
      { ...all, fit: { model: 'co-production', fits: ['fits', 'partly-fits'] } },
    ];
    expect(new Set(filters.map((f) => countKey('w', f))).size).toBe(filters.length);
    expect(countKey('w', { year: 2010, domain: 'x', limit: 1, offset: 0 })).toBe(
      countKey('w', { domain: 'x', offset: 3, limit: 9, year: 2010 }),
    );
    expect(
      countKey('w', { ...all, fit: { model: 'co-production', fits: ['partly-fits', 'fits'] } }),
    ).toBe(countKey('w', filters[4] as CaseQuery));
  });
});

describe('the count cache', () => {
  it('answers only for the version a count was taken at, and keeps no more than its size', () => {
    const cache = new CountCache(3);
    cache.set('w', all, 4, { total: 7, capped: false });
    expect(cache.get('w', all, 4)).toEqual({ total: 7, capped: false });
    expect(cache.get('w', all, 5)).toBeUndefined();
    expect(cache.get('w', fitting, 4)).toBeUndefined();
    // A slow count taken at an older version does not replace a newer one.
    cache.set('w', all, 3, { total: 6, capped: false });
    expect(cache.get('w', all, 4)).toEqual({ total: 7, capped: false });
    for (let year = 2000; year < 2010; year++)
      cache.set('w', { ...all, year }, 1, { total: year, capped: false });
    expect(cache.size).toBe(3);
    expect(cache.get('w', { ...all, year: 2009 }, 1)).toEqual({ total: 2009, capped: false });
    expect(cache.get('w', all, 4)).toBeUndefined();
  });
});

describe('counts taken together', () => {
  /** A count that finishes when told to, and says how often it was started. */
  function slowCount(version: number, total: number) {
    const waiting: (() => void)[] = [];
    const started = { times: 0 };
    const take = () => {
      started.times += 1;
      return new Promise<{ total: number; capped: boolean; version: number }>((done) => {
        waiting.push(() => done({ total, capped: false, version }));
      });
    };
    return { take, started, finish: () => waiting.forEach((done) => done()) };
  }

  it('shares one count between requests that find the same version, and keeps it', async () => {
    const cache = new CountCache();
    const slow = slowCount(4, 12);
    const answers = Promise.all([1, 2, 3].map(() => cache.count('w', all, 4, slow.take)));
    slow.finish();
    expect(await answers).toEqual([1, 2, 3].map(() => ({ total: 12, capped: false })));
    expect(slow.started.times).toBe(1);
    expect(cache.get('w', all, 4)).toEqual({ total: 12, capped: false });
  });

  it('counts again for a newer version, and after a count that failed', async () => {
    const cache = new CountCache();
    const older = slowCount(4, 12);
    const newer = slowCount(5, 13);
    const first = cache.count('w', all, 4, older.take);
    // A write committed: a request reading version 5 must not wait for the count of version 4.
    const second = cache.count('w', all, 5, newer.take);
    newer.finish();
    older.finish();
    expect(await Promise.all([first, second])).toEqual([
      { total: 12, capped: false },
      { total: 13, capped: false },
    ]);
    expect([older.started.times, newer.started.times]).toEqual([1, 1]);
    expect(cache.get('w', all, 5)).toEqual({ total: 13, capped: false });

    const failing = () => Promise.reject(new Error('database unavailable'));
    await expect(cache.count('w', fitting, 5, failing)).rejects.toThrow('database unavailable');
    const retry = slowCount(5, 2);
    const again = cache.count('w', fitting, 5, retry.take);
    retry.finish();
    expect(await again).toEqual({ total: 2, capped: false });
    expect(retry.started.times).toBe(1);
  });
});

describe.each(DIALECTS)('kept counts on %s', (dialect: Dialect) => {
  async function twoStores() {
    const config = await freshDatabase(dialect);
    const one = await openStore(config);
    const other = await openStore(config);
    await one.workspaces.create({ id: 'w', name: 'w', kind: 'team', createdAt: '2026-01-01Z' });
    await one.workspaces.create({ id: 'v', name: 'v', kind: 'team', createdAt: '2026-01-01Z' });
    return { one, other };
  }
  const totals = async (store: Store) =>
    Promise.all(
      [all, fitting, binned, worded].map(
        async (query) => (await store.cases.list('w', query)).total,
      ),
    );

  it("counts anew after each kind of write, this store's or another's", async () => {
    const { one, other } = await twoStores();
    for (const slug of ['a', 'b', 'c']) await one.cases.create('w', `w-${slug}`, revision(slug));
    await one.cases.create('v', 'v-a', revision('a', 'fits', 'peer'));
    expect(await totals(one)).toEqual([3, 0, 0, 0]);

    // Created by the other store, as another server process would.
    await other.cases.create('w', 'w-d', revision('d', 'fits', 'peer support'));
    expect(await totals(one)).toEqual([4, 1, 0, 1]);
    // Saved by the other store: now fits, and has the word.
    expect(await other.cases.save('w-a', 1, revision('a', 'fits', 'peer'))).toEqual({
      ok: true,
      revision: 2,
    });
    expect(await totals(one)).toEqual([4, 2, 0, 2]);
    // Into the bin and out again, by either store.
    expect(await other.cases.moveToBin('w-a', '2026-02-01T00:00:00.000Z')).toBe(true);
    expect(await totals(one)).toEqual([3, 1, 1, 1]);
    expect(await one.cases.moveToBin('w-b', '2026-02-01T00:00:00.000Z')).toBe(true);
    expect(await totals(one)).toEqual([2, 1, 2, 1]);
    expect(await other.cases.restoreFromBin('w-a')).toBe(true);
    expect(await totals(one)).toEqual([3, 2, 1, 2]);
    // An import: several cases in one transaction.
    await other.transaction(async (repos) => {
      for (const slug of ['e', 'f'])
        await repos.cases.create('w', `w-${slug}`, revision(slug, 'fits'));
    });
    expect(await totals(one)).toEqual([5, 4, 1, 2]);
    // Brought up to date under a new rulebook, which changes what fits.
    await other.cases.reindex('w-e', 1, revision('e', 'does-not-fit').index, '{}');
    expect(await totals(one)).toEqual([5, 3, 1, 2]);
    // A write that fails changes nothing, and nothing is counted wrong after it.
    await expect(
      other.transaction(async (repos) => {
        await repos.cases.create('w', 'w-g', revision('g', 'fits'));
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');
    expect(await totals(one)).toEqual([5, 3, 1, 2]);
    // The other workspace's count was never touched by all this.
    expect((await one.cases.list('v', worded)).total).toBe(1);
    // And the other store, which counted nothing yet, agrees.
    expect(await totals(other)).toEqual(await totals(one));
    await one.close();
    await other.close();
  });

  it('keeps a count while the version stands, and only then', async () => {
    const { one, other } = await twoStores();
    for (const slug of ['a', 'b']) await one.cases.create('w', `w-${slug}`, revision(slug));
    expect((await one.cases.list('w', all)).total).toBe(2);
    // A row written behind the store's back, without bumping the version: the kept count stands,
    // which shows that it is kept ...
    await one.database
      .insertInto('cases')
      .values({
        ...(await one.database
          .selectFrom('cases')
          .selectAll()
          .where('id', '=', 'w-a')
          .executeTakeFirstOrThrow()),
        id: 'w-raw',
        slug: 'raw',
      })
      .execute();
    expect((await one.cases.list('w', all)).total).toBe(2);
    expect(await one.cases.count('w', all)).toEqual({ total: 3, capped: false });
    // ... and bumping the version, as every write through the store does, retires it.
    await other.database
      .updateTable('workspaces')
      .set((eb) => ({ cases_version: eb('cases_version', '+', 1) }))
      .where('id', '=', 'w')
      .execute();
    expect((await one.cases.list('w', all)).total).toBe(3);
    await one.close();
    await other.close();
  });

  it('keeps no more counts than its size, and counts right after dropping one', async () => {
    const config = await freshDatabase(dialect);
    await (await openStore(config)).close();
    const { db, location } = openDatabase(config);
    const cache = new CountCache(4);
    const store = new Store(db, dialect, location, cache);
    await store.workspaces.create({ id: 'w', name: 'w', kind: 'team', createdAt: '2026-01-01Z' });
    for (const slug of ['a', 'b', 'c'])
      await store.cases.create('w', `w-${slug}`, revision(slug, 'fits', `case ${slug}`));
    // Ten searches that each find all three, short words (LIKE) and long (the word index).
    const words = ['c', 'ca', 'cas', 'case', 'a', 'as', 'ase', 's', 'se', 'e'];
    const searches = words.map((q) => ({ ...all, q }));
    for (const query of searches) expect((await store.cases.list('w', query)).total).toBe(3);
    expect(cache.size).toBe(4);
    expect((await store.cases.list('w', all)).total).toBe(3);
    expect(cache.size).toBe(4);
    await store.cases.create('w', 'w-d', revision('d', 'fits', 'case d'));
    expect((await store.cases.list('w', searches[0] ?? all)).total).toBe(4);
    await store.close();
  });
});
