/** Schema migrations, run on every start; each is written once and never edited after release. */
import { randomUUID } from 'node:crypto';
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

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

const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-list-order-index': listOrderIndex,
  '0003-reading-and-shape': readingAndShape,
  '0004-drafts': drafts,
  '0005-invitation-withdrawal': invitationWithdrawal,
  '0006-draft-step': draftStep,
  '0007-readings-name-sources': readingsNameSources,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(MIGRATIONS) };

/** Brings the database up to one named migration only, to test what a later one does to old rows. */
export async function migrateUpTo(db: AnyDb, name: keyof typeof MIGRATIONS): Promise<void> {
  const { error } = await new Migrator({ db, provider }).migrateTo(name);
  if (error) throw new Error(`Database migration to ${name} failed: ${String(error)}`);
}

/** Brings the database up to the latest schema; throws with the failing migration's name. */
export async function migrateToLatest(db: AnyDb): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed: ${String(error)}`);
  }
}
