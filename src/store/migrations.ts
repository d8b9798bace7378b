/** Schema migrations, run on every start; each is written once and never edited after release. */
import { randomUUID } from 'node:crypto';
import {
  Migrator,
  sql,
  type Kysely,
  type Migration,
  type MigrationProvider,
  type MigrationResultSet,
} from 'kysely';
import type { Dialect } from './word-search.js';

// Kysely's migrations take an untyped database: a migration describes the schema, not the other way round.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const initial: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('installation')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('password_changed_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('sessions')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
    await db.schema
      .createTable('api_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_used_at', 'text')
      .execute();
    await db.schema
      .createTable('workspaces')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('members')
      .addColumn('workspace_id', 'text', (c) =>
        c.notNull().references('workspaces.id').onDelete('cascade'),
      )
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('members_pk', ['workspace_id', 'user_id'])
      .execute();
    await db.schema.createIndex('members_user').on('members').column('user_id').execute();
    await db.schema
      .createTable('invitations')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) =>
        c.notNull().references('workspaces.id').onDelete('cascade'),
      )
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('accepted_by', 'text')
      .addColumn('accepted_at', 'text')
      .execute();
    await db.schema
      .createTable('cases')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) =>
        c.notNull().references('workspaces.id').onDelete('cascade'),
      )
      .addColumn('slug', 'text', (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('summary', 'text')
      .addColumn('period_start', 'integer')
      .addColumn('period_end', 'integer')
      .addColumn('rulebook', 'text', (c) => c.notNull())
      .addColumn('fit_co_production', 'text', (c) => c.notNull())
      .addColumn('fit_evidence_based_practice', 'text', (c) => c.notNull())
      .addColumn('fit_service_user_led', 'text', (c) => c.notNull())
      .addColumn('fit_community_involvement', 'text', (c) => c.notNull())
      .addColumn('fit_user_centred_design', 'text', (c) => c.notNull())
      .addColumn('search_text', 'text', (c) => c.notNull())
      .addColumn('share_token_hash', 'text', (c) => c.unique())
      .addColumn('deleted_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('cases_workspace_slug', ['workspace_id', 'slug'])
      .execute();
    await db.schema
      .createIndex('cases_workspace_title')
      .on('cases')
      .columns(['workspace_id', 'title'])
      .execute();
    await db.schema
      .createTable('case_tags')
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
      .addColumn('tag', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('case_tags_pk', ['case_id', 'tag', 'value'])
      .execute();
    await db.schema
      .createIndex('case_tags_value')
      .on('case_tags')
      .columns(['tag', 'value', 'case_id'])
      .execute();
    await db.schema
      .createTable('revisions')
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('document', 'text', (c) => c.notNull())
      .addColumn('author_id', 'text')
      .addColumn('author_name', 'text', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('revisions_pk', ['case_id', 'number'])
      .execute();
    await db.schema
      .createTable('analyses')
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('rulebook', 'text', (c) => c.notNull())
      .addColumn('analysis', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('analyses_pk', ['case_id', 'revision', 'rulebook'])
      .execute();
  },
};

// Lists are sorted by lower(title): an index in that order spares sorting the whole workspace per page.
const listOrderIndex: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createIndex('cases_list_order')
      .on('cases')
      .expression(sql`workspace_id, lower(title), slug`)
      .execute();
  },
};

// The reading's summary sentence and the grid's shape, for library cards and similar cases;
// existing rows are marked for re-indexing, which fills them at the next start.
const readingAndShape: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .alterTable('cases')
      .addColumn('reading', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema
      .alterTable('cases')
      .addColumn('shape', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.updateTable('cases').set({ rulebook: '' }).execute();
  },
};

// Work in progress: a case being recorded or changed, saved at every step, possibly incomplete.
const drafts: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('drafts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) =>
        c.notNull().references('workspaces.id').onDelete('cascade'),
      )
      .addColumn('author_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('case_slug', 'text')
      .addColumn('base_revision', 'integer')
      .addColumn('document', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('drafts_author')
      .on('drafts')
      .columns(['workspace_id', 'author_id'])
      .execute();
  },
};

// Owners list pending invitations and withdraw one by a public id (never the secret's hash);
// existing invitations get an id each.
const invitationWithdrawal: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('invitations').addColumn('id', 'text').execute();
    await db.schema.alterTable('invitations').addColumn('withdrawn_at', 'text').execute();
    const rows = (await db.selectFrom('invitations').select('token_hash').execute()) as Array<{
      token_hash: string;
    }>;
    for (const row of rows)
      await db
        .updateTable('invitations')
        .set({ id: randomUUID() })
        .where('token_hash', '=', row.token_hash)
        .execute();
    await db.schema.createIndex('invitations_id').on('invitations').column('id').unique().execute();
    await db.schema
      .createIndex('invitations_workspace')
      .on('invitations')
      .column('workspace_id')
      .execute();
  },
};

// The interview's resume point is kept with the draft, so another browser resumes there too.
const draftStep: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('drafts').addColumn('step', 'text').execute();
  },
};

// Readings now name a source by its person ("self-report by …") rather than its id; readings
// kept from before are dropped, and each is worked out again when it is next read.
const readingsNameSources: Migration = {
  async up(db: AnyDb) {
    await db.deleteFrom('analyses').execute();
  },
};

// Lists of 100,000 cases: an index per order, carrying the columns the filters test (fits,
// period; id, for tags, search words and fetching a page's rows after finding its ids), so that a
// page, a filter and a count read the index and then only the page's rows; an index for search
// words; and, on PostgreSQL, one for the bin. Only cases not in the bin are listed by order:
// SQLite sees this best with deleted_at as the index's second column (its planner does not see
// that a partial index covers a query), PostgreSQL with partial indexes (it does not take
// `deleted_at is null` as fixing the column, so the order after it would not count).
const FILTERED = sql`period_start, period_end, fit_co_production, fit_evidence_based_practice, fit_service_user_led, fit_community_involvement, fit_user_centred_design`;
const ORDERS = {
  cases_list_title: sql`lower(title), slug, id, title, ${FILTERED}`,
  cases_list_updated: sql`updated_at, lower(title), slug, id`,
  cases_list_period: sql`period_start, lower(title), slug, id`,
};

const listIndexes = (dialect: Dialect): Migration => ({
  async up(db: AnyDb) {
    await db.schema.dropIndex('cases_list_order').execute();
    await db.schema.dropIndex('cases_workspace_title').execute();
    for (const [name, columns] of Object.entries(ORDERS)) {
      const index = db.schema.createIndex(name).on('cases');
      await (
        dialect === 'sqlite'
          ? index.expression(sql`workspace_id, deleted_at, ${columns}`)
          : index.expression(sql`workspace_id, ${columns}`).where(sql.ref('deleted_at'), 'is', null)
      ).execute();
    }
    if (dialect === 'postgres')
      await db.schema
        .createIndex('cases_bin')
        .on('cases')
        .columns(['workspace_id', 'deleted_at'])
        .where(sql.ref('deleted_at'), 'is not', null)
        .execute();
    await (dialect === 'sqlite' ? sqliteWordIndex(db) : postgresWordIndex(db));
  },
});

/**
 * SQLite: an FTS5 trigram index of search_text (word-search.ts). It is keyed by its own integer
 * (case_search_keys), not by the cases' rowid, which VACUUM may renumber; triggers keep it in step
 * with every insert (a save, an import, a restore), change and removal of a case.
 */
async function sqliteWordIndex(db: AnyDb): Promise<void> {
  await sql`create table case_search_keys (n integer primary key, case_id text not null unique)`.execute(
    db,
  );
  await sql`create virtual table case_search using fts5(search_text, content='', contentless_delete=1, tokenize='trigram case_sensitive 1')`.execute(
    db,
  );
  await sql`create trigger cases_search_insert after insert on cases begin
    insert into case_search_keys (case_id) values (new.id);
    insert into case_search (rowid, search_text)
      select n, new.search_text from case_search_keys where case_id = new.id;
  end`.execute(db);
  await sql`create trigger cases_search_update after update of search_text on cases
    when old.search_text is not new.search_text begin
    delete from case_search where rowid = (select n from case_search_keys where case_id = old.id);
    insert into case_search (rowid, search_text)
      select n, new.search_text from case_search_keys where case_id = new.id;
  end`.execute(db);
  await sql`create trigger cases_search_delete after delete on cases begin
    delete from case_search where rowid = (select n from case_search_keys where case_id = old.id);
    delete from case_search_keys where case_id = old.id;
  end`.execute(db);
  await sql`insert into case_search_keys (case_id) select id from cases`.execute(db);
  await sql`insert into case_search (rowid, search_text)
    select k.n, c.search_text from case_search_keys k join cases c on c.id = k.case_id`.execute(db);
}

/**
 * PostgreSQL: a pg_trgm GIN index on search_text, which LIKE '%word%' uses as it is. pg_trgm
 * ships with PostgreSQL and is a trusted extension (a database owner may create it); where it
 * is missing or may not be created, search still works, by reading every row, as before.
 */
async function postgresWordIndex(db: AnyDb): Promise<void> {
  const { rows } = await sql<{ installed: boolean; creatable: boolean }>`
    select exists (select 1 from pg_extension where extname = 'pg_trgm') as installed,
      exists (select 1 from pg_available_extensions where name = 'pg_trgm')
        and has_database_privilege(current_database(), 'CREATE') as creatable`.execute(db);
  const pgTrgm = rows[0];
  if (!pgTrgm?.installed && !pgTrgm?.creatable) return;
  if (!pgTrgm.installed) await sql`create extension if not exists pg_trgm`.execute(db);
  // The default 64 MB of sorting memory makes building this index on many cases slow.
  await sql`set local maintenance_work_mem = '256MB'`.execute(db);
  await sql`create index cases_search_trigrams on cases using gin (search_text gin_trgm_ops)`.execute(
    db,
  );
}

// Lists cache their counts (count-cache.ts) while a workspace's cases stay as they were: every write
// to them bumps this number first, in its own transaction, so every process sees when to count again.
const casesVersion: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .alterTable('workspaces')
      .addColumn('cases_version', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};

const migrations = (dialect: Dialect): Record<string, Migration> => ({
  '0001-initial': initial,
  '0002-list-order-index': listOrderIndex,
  '0003-reading-and-shape': readingAndShape,
  '0004-drafts': drafts,
  '0005-invitation-withdrawal': invitationWithdrawal,
  '0006-draft-step': draftStep,
  '0007-readings-name-sources': readingsNameSources,
  '0008-list-indexes-and-word-search': listIndexes(dialect),
  '0009-cases-version': casesVersion,
});

/** Brings the database up to the latest schema; throws with the failing migration's name. */
export function migrateToLatest(db: AnyDb, dialect: Dialect): Promise<void> {
  return migrate(db, dialect, (migrator) => migrator.migrateToLatest());
}

/** Brings the database up to the migration named and no further, as an older release left it. */
export function migrateTo(db: AnyDb, dialect: Dialect, name: string): Promise<void> {
  return migrate(db, dialect, (migrator) => migrator.migrateTo(name));
}

async function migrate(
  db: AnyDb,
  dialect: Dialect,
  run: (migrator: Migrator) => Promise<MigrationResultSet>,
): Promise<void> {
  const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations(dialect)) };
  const { error, results } = await run(new Migrator({ db, provider }));
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed: ${String(error)}`);
  }
}
