/** Drafts: a case being recorded or changed, kept at every step; private to their author. */
import type { Kysely, Selectable } from 'kysely';
import type { Database, DraftsTable } from './schema.js';
import type { Draft } from './types.js';

const toDraft = (row: Selectable<DraftsTable>): Draft => ({
  id: row.id,
  workspaceId: row.workspace_id,
  authorId: row.author_id,
  caseId: row.case_slug,
  baseRevision: row.base_revision,
  document: JSON.parse(row.document) as unknown,
  step: row.step,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export class DraftsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(draft: Draft): Promise<void> {
    await this.db
      .insertInto('drafts')
      .values({
        id: draft.id,
        workspace_id: draft.workspaceId,
        author_id: draft.authorId,
        case_slug: draft.caseId,
        base_revision: draft.baseRevision,
        document: JSON.stringify(draft.document),
        step: draft.step,
        created_at: draft.createdAt,
        updated_at: draft.updatedAt,
      })
      .execute();
  }

  /** The author's draft, or undefined: someone else's draft is as good as missing. */
  async get(workspaceId: string, authorId: string, id: string): Promise<Draft | undefined> {
    const row = await this.db
      .selectFrom('drafts')
      .selectAll()
      .where('id', '=', id)
      .where('workspace_id', '=', workspaceId)
      .where('author_id', '=', authorId)
      .executeTakeFirst();
    return row && toDraft(row);
  }

  async list(workspaceId: string, authorId: string): Promise<Draft[]> {
    const rows = await this.db
      .selectFrom('drafts')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('author_id', '=', authorId)
      .orderBy('updated_at', 'desc')
      .execute();
    return rows.map(toDraft);
  }

  async update(id: string, authorId: string, document: unknown, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('drafts')
      .set({ document: JSON.stringify(document), updated_at: now })
      .where('id', '=', id)
      .where('author_id', '=', authorId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Keeps the step to resume at; a move is not a change, so the draft's time stays. */
  async setStep(id: string, authorId: string, step: string): Promise<boolean> {
    const result = await this.db
      .updateTable('drafts')
      .set({ step })
      .where('id', '=', id)
      .where('author_id', '=', authorId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async delete(id: string, authorId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('drafts')
      .where('id', '=', id)
      .where('author_id', '=', authorId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }
}
