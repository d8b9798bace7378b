/** Workspaces, their members and the invitations to join them. */
import type { Kysely, Selectable } from 'kysely';
import type { Database, Role, WorkspacesTable } from './schema.js';
import type { Invitation, Member, PendingInvitation, Workspace } from './types.js';

const toWorkspace = (row: Selectable<WorkspacesTable>): Workspace => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  createdAt: row.created_at,
});

export class WorkspacesRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(workspace: Workspace): Promise<void> {
    await this.db
      .insertInto('workspaces')
      .values({
        id: workspace.id,
        name: workspace.name,
        kind: workspace.kind,
        created_at: workspace.createdAt,
      })
      .execute();
  }

  async byId(id: string): Promise<Workspace | undefined> {
    const row = await this.db
      .selectFrom('workspaces')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toWorkspace(row);
  }

  async rename(id: string, name: string): Promise<void> {
    await this.db.updateTable('workspaces').set({ name }).where('id', '=', id).execute();
  }

  /** The library and every workspace the user belongs to, with the user's role in each. */
  async listFor(userId: string | undefined): Promise<Array<Workspace & { role: Role | null }>> {
    const rows = await this.db
      .selectFrom('workspaces')
      .leftJoin('members', (join) =>
        join
          .onRef('members.workspace_id', '=', 'workspaces.id')
          .on('members.user_id', '=', userId ?? ''),
      )
      .selectAll('workspaces')
      .select('members.role')
      .where((eb) =>
        eb.or([eb('workspaces.kind', '=', 'library'), eb('members.user_id', 'is not', null)]),
      )
      .orderBy('workspaces.kind')
      .orderBy('workspaces.name')
      .execute();
    return rows.map((row) => ({ ...toWorkspace(row), role: row.role ?? null }));
  }

  async roleOf(workspaceId: string, userId: string): Promise<Role | undefined> {
    const row = await this.db
      .selectFrom('members')
      .select('role')
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row?.role;
  }

  async addMember(workspaceId: string, userId: string, role: Role, now: string): Promise<void> {
    await this.db
      .insertInto('members')
      .values({ workspace_id: workspaceId, user_id: userId, role, created_at: now })
      .onConflict((oc) => oc.columns(['workspace_id', 'user_id']).doNothing())
      .execute();
  }

  async members(workspaceId: string): Promise<Member[]> {
    const rows = await this.db
      .selectFrom('members')
      .innerJoin('users', 'users.id', 'members.user_id')
      .select(['users.id', 'users.name', 'users.email', 'members.role', 'members.created_at'])
      .where('members.workspace_id', '=', workspaceId)
      .orderBy('users.name')
      .execute();
    return rows.map((r) => ({
      userId: r.id,
      name: r.name,
      email: r.email,
      role: r.role,
      since: r.created_at,
    }));
  }

  async setRole(workspaceId: string, userId: string, role: Role): Promise<boolean> {
    const result = await this.db
      .updateTable('members')
      .set({ role })
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async removeMember(workspaceId: string, userId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('members')
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async countOwners(workspaceId: string): Promise<number> {
    const row = await this.db
      .selectFrom('members')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('workspace_id', '=', workspaceId)
      .where('role', '=', 'owner')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async createInvitation(
    tokenHash: string,
    invitation: {
      id: string;
      workspaceId: string;
      role: Role;
      createdBy: string;
      now: string;
      expiresAt: string;
    },
  ): Promise<void> {
    await this.db
      .insertInto('invitations')
      .values({
        token_hash: tokenHash,
        id: invitation.id,
        workspace_id: invitation.workspaceId,
        role: invitation.role,
        created_by: invitation.createdBy,
        created_at: invitation.now,
        expires_at: invitation.expiresAt,
        accepted_by: null,
        accepted_at: null,
        withdrawn_at: null,
      })
      .execute();
  }

  /** The workspace's invitations still waiting to be used at `now`, newest first. */
  async pendingInvitations(workspaceId: string, now: string): Promise<PendingInvitation[]> {
    const rows = await this.db
      .selectFrom('invitations')
      .leftJoin('users', 'users.id', 'invitations.created_by')
      .select([
        'invitations.id',
        'invitations.role',
        'invitations.created_by',
        'users.name',
        'invitations.created_at',
        'invitations.expires_at',
      ])
      .where('invitations.workspace_id', '=', workspaceId)
      .where('invitations.accepted_at', 'is', null)
      .where('invitations.withdrawn_at', 'is', null)
      .where('invitations.expires_at', '>', now)
      .orderBy('invitations.created_at', 'desc')
      .orderBy('invitations.id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      role: r.role,
      createdBy: { id: r.created_by, name: r.name ?? null },
      createdAt: r.created_at,
      expiresAt: r.expires_at,
    }));
  }

  /**
   * Withdraws a workspace's invitation that has not been used: 'withdrawn', or why not. The
   * conditional update is what makes withdrawing and accepting at the same moment race-free.
   */
  async withdrawInvitation(
    workspaceId: string,
    id: string,
    now: string,
  ): Promise<'withdrawn' | 'used' | 'missing'> {
    const result = await this.db
      .updateTable('invitations')
      .set({ withdrawn_at: now })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .where('accepted_at', 'is', null)
      .where('withdrawn_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) return 'withdrawn';
    const row = await this.db
      .selectFrom('invitations')
      .select('accepted_at')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.accepted_at ? 'used' : 'missing';
  }

  async invitation(tokenHash: string): Promise<Invitation | undefined> {
    const row = await this.db
      .selectFrom('invitations')
      .innerJoin('workspaces', 'workspaces.id', 'invitations.workspace_id')
      .select([
        'invitations.workspace_id',
        'workspaces.name',
        'invitations.role',
        'invitations.expires_at',
        'invitations.accepted_at',
        'invitations.withdrawn_at',
      ])
      .where('invitations.token_hash', '=', tokenHash)
      .executeTakeFirst();
    return (
      row && {
        workspaceId: row.workspace_id,
        workspaceName: row.name,
        role: row.role,
        expiresAt: row.expires_at,
        acceptedAt: row.accepted_at,
        withdrawnAt: row.withdrawn_at,
      }
    );
  }

  /** Marks an invitation used; false when it was already used, withdrawn or expired (single use, race-free). */
  async acceptInvitation(tokenHash: string, userId: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('invitations')
      .set({ accepted_by: userId, accepted_at: now })
      .where('token_hash', '=', tokenHash)
      .where('accepted_at', 'is', null)
      .where('withdrawn_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
