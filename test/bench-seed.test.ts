// The bench's fast seeding (bench/seed-cases.ts) must store exactly what an import of the same
// cases stores, or the bench would measure another database than the app's.
import { describe, expect, it } from 'vitest';
import { caseYaml, generateCase } from '../bench/corpus.js';
import { seedCases } from '../bench/seed-cases.js';
import { seededCase } from '../bench/seeded-case.js';
import { CasesService } from '../src/server/cases.service.js';
import { newId } from '../src/server/secrets.js';
import { openStore, type Store } from '../src/store/index.js';
import { DIALECTS, freshDatabase } from './databases.js';

const SEED = 7;
const COUNT = 7;
const AUTHOR = { id: null, name: 'Bench' };

/** Every row a workspace's cases have, in every table, without the internal ids. */
async function rowsOf(store: Store, workspace: string) {
  const db = store.database;
  const cases = await db
    .selectFrom('cases')
    .selectAll()
    .where('workspace_id', '=', workspace)
    .orderBy('slug')
    .execute();
  const slugOf = new Map(cases.map((c) => [c.id, c.slug]));
  const owned = async <T extends { case_id: string }>(rows: Promise<T[]>) =>
    (await rows)
      .filter((r) => slugOf.has(r.case_id))
      .map(({ case_id, ...rest }) => ({ case: slugOf.get(case_id), ...rest }))
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return {
    // The internal id and the workspace are what differ; every other column must not.
    cases: cases.map((c) => ({ ...c, id: undefined, workspace_id: undefined })),
    tags: await owned(db.selectFrom('case_tags').selectAll().execute()),
    revisions: await owned(db.selectFrom('revisions').selectAll().execute()),
    analyses: await owned(db.selectFrom('analyses').selectAll().execute()),
  };
}

describe.each(DIALECTS)('the bench seeding on %s', (dialect) => {
  it('stores the rows an import of the same cases stores, and refuses an id already taken', async () => {
    const store = await openStore(await freshDatabase(dialect));
    for (const id of ['imported', 'seeded'])
      await store.workspaces.create({
        id,
        name: id,
        kind: 'team',
        createdAt: '2026-01-01T00:00:00Z',
      });
    // The import's clock gives each case the time the seeder gives it.
    const times = Array.from({ length: COUNT }, (_, i) => new Date(seededCase(SEED, i).now));
    let tick = 0;
    const service = new CasesService(store, () => times[tick++] ?? new Date());
    const text = times.map((_, i) => `---\n${caseYaml(generateCase(SEED, i))}`).join('');
    const [outcome] = await service.importFiles(
      'imported',
      [{ name: 'generated.yaml', text }],
      AUTHOR,
    );
    expect(outcome?.ok).toBe(true);

    const seeding = {
      seed: SEED,
      count: COUNT,
      message: 'Imported from generated.yaml',
      newId,
      workers: 0,
      batch: 3,
    };
    const done: number[] = [];
    await seedCases([{ store, workspace: 'seeded', author: AUTHOR }], {
      ...seeding,
      progress: (n) => done.push(n),
    });
    expect(done).toEqual([3, 6, 7]);
    const imported = await rowsOf(store, 'imported');
    expect(imported.cases).toHaveLength(COUNT);
    expect(imported.tags.length).toBeGreaterThan(COUNT);
    expect(await rowsOf(store, 'seeded')).toEqual(imported);

    // A second seeding meets the same ids: it fails, and its transaction leaves nothing behind.
    await expect(
      seedCases([{ store, workspace: 'seeded', author: AUTHOR }], seeding),
    ).rejects.toThrow(/already has a case with id/);
    expect(await store.cases.count('seeded', { limit: 1, offset: 0 })).toEqual({
      total: COUNT,
      capped: false,
    });
    await store.close();
  });
});
