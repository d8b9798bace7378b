/** Personal API tokens for scripts and the command line. Only a hash of each token is kept. */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { ApiToken } from './types.js';

export class TokensRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(userId: string, token: ApiToken & { readonly tokenHash: string }): Promise<void> {
    await this.db
      .insertInto('api_tokens')
      .values({
        id: token.id,
        user_id: userId,
        name: token.name,
        token_hash: token.tokenHash,
        created_at: token.createdAt,
        last_used_at: null,
      })
      .execute();
  }

  /**
   * The owner of a token, noting when it was used. The note is refreshed at most once a minute,
   * so a busy script does not turn every read into a write.
   */
  async use(tokenHash: string, now: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('api_tokens')
      .select(['id', 'user_id', 'last_used_at'])
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!row) return undefined;
    const aMinuteAgo = new Date(Date.parse(now) - 60_000).toISOString();
    if (row.last_used_at === null || row.last_used_at < aMinuteAgo) {
      // Only a note: a read must not fail because it cannot be written (a full disk).
      await this.db
        .updateTable('api_tokens')
        .set({ last_used_at: now })
        .where('id', '=', row.id)
        .execute()
        .catch(() => undefined);
    }
    return row.user_id;
  }

  async list(userId: string): Promise<ApiToken[]> {
    const rows = await this.db
      .selectFrom('api_tokens')
      .select(['id', 'name', 'created_at', 'last_used_at'])
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      createdAt: r.created_at,
      lastUsedAt: r.last_used_at,
    }));
  }

  /** Revokes a token; false when the user has no such token. */
  async delete(userId: string, id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('api_tokens')
      .where('user_id', '=', userId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
