import { load } from 'js-yaml';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseCase, validateCase, type CaseFile } from '../core/index.js';
import { caseIndex } from '../server/case-index.js';
import { CasesService } from '../server/cases.service.js';
import { DIALECTS, freshDatabase } from '../../test/databases.js';
import { openStore } from './index.js';

const sleepwell = (): CaseFile => {
  const checked = validateCase(load(readFileSync('cases/sleepwell.yaml', 'utf8')));
  if (!checked.ok) throw new Error('invalid');
  return checked.value;
};

describe.each(DIALECTS)('the store on %s', (dialect) => {
  it('migrates a fresh database, and opening it again changes nothing', async () => {
    const config = await freshDatabase(dialect);
    const first = await openStore(config);
    await first.workspaces.create({
      id: 'w1',
      name: 'One',
      kind: 'team',
      createdAt: '2026-01-01T00:00:00Z',
    });
    await first.close();
    const second = await openStore(config);
    expect((await second.workspaces.byId('w1'))?.name).toBe('One');
    const migrations = await second.database
      .selectFrom('kysely_migration' as never)
      .select('name' as never)
      .execute();
    expect(migrations).toHaveLength(9);
    await second.close();
  });

  it('rolls back a whole transaction when any part fails', async () => {
    const store = await openStore(await freshDatabase(dialect));
    await expect(
      store.transaction(async (repos) => {
        await repos.workspaces.create({
          id: 'w2',
          name: 'Two',
          kind: 'team',
          createdAt: '2026-01-01T00:00:00Z',
        });
        await repos.workspaces.create({
          id: 'w2',
          name: 'Again',
          kind: 'team',
          createdAt: '2026-01-01T00:00:00Z',
        });
      }),
    ).rejects.toThrow();
    expect(await store.workspaces.byId('w2')).toBeUndefined();
    await store.close();
  });

  it('brings list columns computed under an older rulebook up to date', async () => {
    const store = await openStore(await freshDatabase(dialect));
    await store.workspaces.create({
      id: 'w',
      name: 'W',
      kind: 'team',
      createdAt: '2026-01-01T00:00:00Z',
    });
    const service = new CasesService(store, () => new Date('2026-01-01T00:00:00Z'));
    await service.create('w', sleepwell(), { id: null, name: 'test' }, 'first');
    // Pretend the row was indexed by an old rulebook that read everything as undetermined.
    await store.database
      .updateTable('cases')
      .set({ rulebook: '0.9.0', fit_co_production: 'undetermined' })
      .execute();
    expect(await service.reindexStale(analyseCase(sleepwell()).rulebook)).toBe(1);
    const listed = await store.cases.get('w', 'sleepwell');
    expect(listed?.fits).toEqual(caseIndex(sleepwell(), analyseCase(sleepwell())).fits);
    expect(await service.reindexStale(analyseCase(sleepwell()).rulebook)).toBe(0);
    await store.close();
  });
});
