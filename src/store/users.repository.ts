/** People with accounts, and the one-time claim that makes the first of them the owner. */
import type { Kysely } from 'kysely';
import type { Database, UsersTable } from './schema.js';
import type { User, UserWithSecret } from './types.js';

const toUser = (row: UsersTable): UserWithSecret => ({
  id: row.id,
  email: row.email,
  name: row.name,
  createdAt: row.created_at,
  passwordHash: row.password_hash,
  passwordChangedAt: row.password_changed_at,
});

/** Drops the secret before a user leaves the store's callers' hands. */
export const publicUser = ({ id, email, name, createdAt }: User): User => ({
  id,
  email,
  name,
  createdAt,
});

export class UsersRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Claims the installation for its first owner; false when someone already did. */
  async claimInstallation(now: string): Promise<boolean> {
    const result = await this.db
      .insertInto('installation')
      .values({ id: 1, created_at: now })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async isInstalled(): Promise<boolean> {
    const row = await this.db.selectFrom('installation').select('id').executeTakeFirst();
    return row !== undefined;
  }

  async create(user: UserWithSecret): Promise<User> {
    await this.db
      .insertInto('users')
      .values({
        id: user.id,
        email: user.email,
        name: user.name,
        password_hash: user.passwordHash,
        created_at: user.createdAt,
        password_changed_at: user.passwordChangedAt,
      })
      .execute();
    return publicUser(user);
  }

  async byEmail(email: string): Promise<UserWithSecret | undefined> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email)
      .executeTakeFirst();
    return row && toUser(row);
  }

  async byId(id: string): Promise<UserWithSecret | undefined> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toUser(row);
  }

  async setPassword(id: string, passwordHash: string, now: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ password_hash: passwordHash, password_changed_at: now })
      .where('id', '=', id)
      .execute();
  }
}
