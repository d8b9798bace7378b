// Pending invitations and withdrawing them, in the repository, on both databases.
import { describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase } from '../../test/databases.js';
import { openDatabase } from './database.js';
import { migrateTo } from './migrations.js';
import { BACKUP_FORMAT, openStore, restore, type BackupLine, type Store } from './index.js';

const T0 = '2026-01-01T00:00:00.000Z';
const LATER = '2026-01-20T00:00:00.000Z';

async function workspaceWithOwner(store: Store): Promise<void> {
  await store.workspaces.create({ id: 'w', name: 'W', kind: 'team', createdAt: T0 });
  await store.workspaces.create({ id: 'v', name: 'V', kind: 'team', createdAt: T0 });
  await store.users.create({
    id: 'u1',
    email: 'olu@example.org',
    name: 'Olu Owner',
    passwordHash: 'x',
    createdAt: T0,
    passwordChangedAt: T0,
  });
}

const invite = (
  store: Store,
  id: string,
  options: { workspaceId?: string; by?: string; at?: string; expiresAt?: string } = {},
) =>
  store.workspaces.createInvitation(`hash-${id}`, {
    id,
    workspaceId: options.workspaceId ?? 'w',
    role: 'editor',
    createdBy: options.by ?? 'u1',
    now: options.at ?? T0,
    expiresAt: options.expiresAt ?? '2026-01-15T00:00:00.000Z',
  });

describe.each(DIALECTS)('invitations in the store on %s', (dialect) => {
  it('lists only the workspace’s unused, unwithdrawn, unexpired invitations, newest first, with who made them', async () => {
    const store = await openStore(await freshDatabase(dialect));
    await workspaceWithOwner(store);
    await invite(store, 'old', { at: '2026-01-01T00:00:00.000Z' });
    await invite(store, 'new', { at: '2026-01-02T00:00:00.000Z' });
    await invite(store, 'used');
    await invite(store, 'gone', { by: 'deleted-user' });
    await invite(store, 'expired', { expiresAt: '2026-01-03T00:00:00.000Z' });
    await invite(store, 'elsewhere', { workspaceId: 'v' });
    expect(await store.workspaces.acceptInvitation('hash-used', 'u1', T0)).toBe(true);
    const now = '2026-01-05T00:00:00.000Z';
    const pending = await store.workspaces.pendingInvitations('w', now);
    expect(pending.map((p) => p.id)).toEqual(['new', 'gone', 'old']);
    expect(pending[0]).toEqual({
      id: 'new',
      role: 'editor',
      createdBy: { id: 'u1', name: 'Olu Owner' },
      createdAt: '2026-01-02T00:00:00.000Z',
      expiresAt: '2026-01-15T00:00:00.000Z',
    });
    expect(pending[1]?.createdBy).toEqual({ id: 'deleted-user', name: null });
    expect(JSON.stringify(pending)).not.toContain('hash-');
    await store.close();
  });

  it('withdraws an invitation once, never one that is used or in another workspace, and a withdrawn one cannot be accepted', async () => {
    const store = await openStore(await freshDatabase(dialect));
    await workspaceWithOwner(store);
    await invite(store, 'a');
    await invite(store, 'used');
    await store.workspaces.acceptInvitation('hash-used', 'u1', T0);
    expect(await store.workspaces.withdrawInvitation('v', 'a', T0)).toBe('missing');
    expect(await store.workspaces.withdrawInvitation('w', 'a', T0)).toBe('withdrawn');
    expect(await store.workspaces.withdrawInvitation('w', 'a', T0)).toBe('missing');
    expect(await store.workspaces.withdrawInvitation('w', 'used', T0)).toBe('used');
    expect(await store.workspaces.withdrawInvitation('w', 'nothing', T0)).toBe('missing');
    expect((await store.workspaces.invitation('hash-a'))?.withdrawnAt).toBe(T0);
    expect(await store.workspaces.acceptInvitation('hash-a', 'u1', T0)).toBe(false);
    expect(await store.workspaces.pendingInvitations('w', T0)).toEqual([]);
    await store.close();
  });

  it('lets exactly one of withdrawing and accepting at the same moment win', async () => {
    const store = await openStore(await freshDatabase(dialect));
    await workspaceWithOwner(store);
    for (let i = 0; i < 5; i++) {
      await invite(store, `r${i}`);
      const [withdrawn, accepted] = await Promise.all([
        store.workspaces.withdrawInvitation('w', `r${i}`, T0),
        store.workspaces.acceptInvitation(`hash-r${i}`, 'u1', T0),
      ]);
      expect([withdrawn === 'withdrawn', accepted].filter(Boolean)).toHaveLength(1);
      expect(withdrawn === 'used').toBe(accepted);
    }
    await store.close();
  });

  it('gives invitations made before invitations had ids an id each, when the database is brought up to date', async () => {
    const config = await freshDatabase(dialect);
    const { db } = openDatabase(config);
    await migrateTo(db, dialect, '0004-drafts');
    await db
      .insertInto('workspaces')
      .values({ id: 'w', name: 'W', kind: 'team', created_at: T0 })
      .execute();
    for (const hash of ['h1', 'h2'])
      await db
        .insertInto('invitations' as never)
        .values({
          token_hash: hash,
          workspace_id: 'w',
          role: 'viewer',
          created_by: 'u1',
          created_at: T0,
          expires_at: LATER,
          accepted_by: null,
          accepted_at: null,
        } as never)
        .execute();
    await db.destroy();
    const store = await openStore(config);
    const pending = await store.workspaces.pendingInvitations('w', T0);
    expect(pending).toHaveLength(2);
    expect(new Set(pending.map((p) => p.id)).size).toBe(2);
    expect(pending.every((p) => typeof p.id === 'string' && p.id.length > 10)).toBe(true);
    expect(await store.workspaces.withdrawInvitation('w', pending[0]?.id ?? '', T0)).toBe(
      'withdrawn',
    );
    await store.close();
  });

  it('gives each invitation of a backup made before invitations had ids an id when it is restored', async () => {
    const store = await openStore(await freshDatabase(dialect));
    const old = { token_hash: 'h', workspace_id: 'w', role: 'viewer', created_by: 'u1' };
    async function* lines(): AsyncGenerator<BackupLine> {
      yield { format: BACKUP_FORMAT, createdAt: T0, from: 'sqlite' };
      yield { table: 'workspaces', rows: [{ id: 'w', name: 'W', kind: 'team', created_at: T0 }] };
      yield {
        table: 'invitations',
        rows: [
          { ...old, created_at: T0, expires_at: LATER, accepted_by: null, accepted_at: null },
          {
            ...old,
            token_hash: 'h2',
            created_at: T0,
            expires_at: LATER,
            accepted_by: null,
            accepted_at: null,
          },
        ],
      };
      yield { end: true, counts: { workspaces: 1, invitations: 2 } };
    }
    await restore(store, lines());
    const pending = await store.workspaces.pendingInvitations('w', T0);
    expect(pending).toHaveLength(2);
    expect(new Set(pending.map((p) => p.id)).size).toBe(2);
    await store.close();
  });
});
