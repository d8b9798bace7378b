/** The store: the repositories over one database, and transactions that span them. */
import { sql, type Kysely } from 'kysely';
import { CasesRepository } from './cases.repository.js';
import { CountCache } from './count-cache.js';
import { DraftsRepository } from './drafts.repository.js';
import { openDatabase, type DatabaseConfig } from './database.js';
import { migrateToLatest } from './migrations.js';
import type { Database } from './schema.js';
import { SessionsRepository } from './sessions.repository.js';
import { TokensRepository } from './tokens.repository.js';
import { UsersRepository } from './users.repository.js';
import type { Dialect } from './word-search.js';
import { WorkspacesRepository } from './workspaces.repository.js';

/** The repositories, bound to the database or to one transaction. */
export class Repositories {
  readonly users: UsersRepository;
  readonly sessions: SessionsRepository;
  readonly tokens: TokensRepository;
  readonly workspaces: WorkspacesRepository;
  readonly cases: CasesRepository;
  readonly drafts: DraftsRepository;

  constructor(
    protected readonly db: Kysely<Database>,
    readonly dialect: Dialect,
    counts?: CountCache,
  ) {
    this.users = new UsersRepository(db);
    this.sessions = new SessionsRepository(db);
    this.tokens = new TokensRepository(db);
    this.workspaces = new WorkspacesRepository(db);
    this.cases = new CasesRepository(db, dialect, counts);
    this.drafts = new DraftsRepository(db);
  }
}

export class Store extends Repositories {
  constructor(
    db: Kysely<Database>,
    dialect: Dialect,
    readonly location: string,
    counts?: CountCache,
  ) {
    // Lists' counts are kept by the store itself, never by a transaction's repositories.
    super(db, dialect, counts);
  }

  /** Runs `work` in one transaction: all of it is saved, or none. */
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(new Repositories(trx, this.dialect)));
  }

  /**
   * Runs `work` in one transaction that sees one consistent state of the database throughout
   * (a backup taken while others write); `write` for a transaction that also writes.
   */
  snapshot<T>(work: (db: Kysely<Database>) => Promise<T>, write = false): Promise<T> {
    const begin = this.db.transaction();
    const isolated =
      this.dialect === 'postgres' && !write ? begin.setIsolationLevel('repeatable read') : begin;
    return isolated.execute((trx) => work(trx));
  }

  /** The database itself, for tests and tools that read every table. */
  get database(): Kysely<Database> {
    return this.db;
  }

  close(): Promise<void> {
    return this.db.destroy();
  }
}

export interface StoreOptions {
  /** Keep lists' counts between requests (count-cache.ts); on unless false (the bench's cold runs). */
  readonly keepCounts?: boolean;
}

/** Opens the database, brings its schema up to date, and returns the store. */
export async function openStore(
  config: DatabaseConfig,
  options: StoreOptions = {},
): Promise<Store> {
  const { db, dialect, location } = openDatabase(config);
  try {
    // A first query of its own, so that "cannot connect" is reported as that, not as a failed migration.
    await sql`select 1`.execute(db);
    await migrateToLatest(db, dialect);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return new Store(
    db,
    dialect,
    location,
    options.keepCounts === false ? undefined : new CountCache(),
  );
}
