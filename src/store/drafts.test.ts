// The interview's resume point, kept with the draft in the store, on both databases.
import { describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase } from '../../test/databases.js';
import { openStore } from './index.js';

const T0 = '2026-01-01T00:00:00.000Z';

describe.each(DIALECTS)('drafts in the store on %s', (dialect) => {
  it('keeps the step to resume at for the author alone, without counting a move as a change', async () => {
    const config = await freshDatabase(dialect);
    const store = await openStore(config);
    await store.workspaces.create({ id: 'w', name: 'W', kind: 'team', createdAt: T0 });
    for (const id of ['u1', 'u2'])
      await store.users.create({
        id,
        email: `${id}@example.org`,
        name: id,
        passwordHash: 'x',
        createdAt: T0,
        passwordChangedAt: T0,
      });
    await store.drafts.create({
      id: 'd1',
      workspaceId: 'w',
      authorId: 'u1',
      caseId: null,
      baseRevision: null,
      document: { format: 'coprism/1' },
      step: null,
      createdAt: T0,
      updatedAt: T0,
    });
    expect((await store.drafts.get('w', 'u1', 'd1'))?.step).toBeNull();
    expect(await store.drafts.setStep('d1', 'u2', 'p1-design')).toBe(false);
    expect(await store.drafts.setStep('d1', 'u1', 'p1-design')).toBe(true);
    expect(await store.drafts.setStep('nothing', 'u1', 'p1-design')).toBe(false);
    // Saving the document keeps the step; a reopened store (another server) still has it.
    await store.drafts.update('d1', 'u1', { format: 'coprism/1', title: 'T' }, T0);
    await store.close();
    const again = await openStore(config);
    const draft = await again.drafts.get('w', 'u1', 'd1');
    expect(draft?.step).toBe('p1-design');
    expect(draft?.updatedAt).toBe(T0);
    expect((await again.drafts.list('w', 'u1'))[0]?.step).toBe('p1-design');
    await again.close();
  });
});
