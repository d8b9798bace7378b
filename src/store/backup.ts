/**
 * Backup and restore of a whole installation, table by table, as lines of JSON. The format is
 * the same from SQLite and PostgreSQL, so a backup of one restores into the other.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from './schema.js';
import type { Store } from './store.js';

export const BACKUP_FORMAT = 'coprism-backup/1';

// In the order a restore must insert them (references first). Sessions are left out: a
// restored installation asks everyone to sign in again.
const TABLES = [
  ['installation', ['id']],
  ['users', ['id']],
  ['api_tokens', ['id']],
  ['workspaces', ['id']],
  ['members', ['workspace_id', 'user_id']],
  ['invitations', ['token_hash']],
  ['drafts', ['id']],
  ['cases', ['id']],
  ['case_tags', ['case_id', 'tag', 'value']],
  ['revisions', ['case_id', 'number']],
  ['analyses', ['case_id', 'revision', 'rulebook']],
] as const satisfies ReadonlyArray<readonly [keyof Database, readonly string[]]>;

type TableName = (typeof TABLES)[number][0];
const PAGE = 500;

export interface BackupHeader {
  readonly format: typeof BACKUP_FORMAT;
  readonly createdAt: string;
  readonly from: 'sqlite' | 'postgres';
}

export type BackupLine =
  | BackupHeader
  | { readonly table: TableName; readonly rows: ReadonlyArray<Record<string, unknown>> }
  | { readonly end: true; readonly counts: Readonly<Record<string, number>> };

/** Writes every table from one consistent snapshot, page by page; returns the row counts. */
export async function backup(
  store: Store,
  createdAt: string,
  write: (line: BackupLine) => Promise<void>,
): Promise<Record<string, number>> {
  return store.snapshot(async (db) => {
    await write({ format: BACKUP_FORMAT, createdAt, from: store.dialect });
    const counts: Record<string, number> = {};
    for (const [table, key] of TABLES) {
      counts[table] = 0;
      for (let offset = 0; ; offset += PAGE) {
        let query = db.selectFrom(table).selectAll();
        for (const column of key) query = query.orderBy(column as never);
        const rows = (await query.limit(PAGE).offset(offset).execute()) as Array<
          Record<string, unknown>
        >;
        if (rows.length > 0) await write({ table, rows });
        counts[table] += rows.length;
        if (rows.length < PAGE) break;
      }
    }
    await write({ end: true, counts });
    return counts;
  });
}

export class RestoreError extends Error {}

// A backup made before invitations had ids (migration 0005) gives each invitation one, as that migration did.
function upToDate(
  table: TableName,
  rows: ReadonlyArray<Record<string, unknown>>,
): ReadonlyArray<Record<string, unknown>> {
  if (table !== 'invitations') return rows;
  return rows.map((row) => (typeof row['id'] === 'string' ? row : { ...row, id: randomUUID() }));
}

/**
 * Restores a backup into an empty installation, in one transaction: all of it or nothing.
 * Lines come from an async source so a large backup is never held in memory whole.
 */
export async function restore(
  store: Store,
  lines: AsyncIterable<BackupLine>,
): Promise<Record<string, number>> {
  if (await store.users.isInstalled()) {
    throw new RestoreError(
      'This installation is not empty. Restore into a new data folder or an empty database.',
    );
  }
  return store.snapshot(async (db) => {
    const counts: Record<string, number> = {};
    let header = false;
    let ended: Readonly<Record<string, number>> | undefined;
    const known = new Map<string, true>(TABLES.map(([t]) => [t, true]));
    for await (const line of lines) {
      if ('format' in line) {
        if (line.format !== BACKUP_FORMAT)
          throw new RestoreError(`This is not a Coprism backup (format ${String(line.format)}).`);
        header = true;
      } else if (!header) {
        throw new RestoreError(
          'This is not a Coprism backup: its first line is not the backup header.',
        );
      } else if ('end' in line) {
        ended = line.counts;
      } else {
        if (!known.has(line.table))
          throw new RestoreError(`The backup has an unknown table '${String(line.table)}'.`);
        if (line.rows.length > 0)
          await db
            .insertInto(line.table)
            .values(upToDate(line.table, line.rows) as never)
            .execute();
        counts[line.table] = (counts[line.table] ?? 0) + line.rows.length;
      }
    }
    if (!ended)
      throw new RestoreError(
        'The backup is incomplete (it has no end line); nothing was restored.',
      );
    for (const [table] of TABLES) {
      if ((ended[table] ?? 0) !== (counts[table] ?? 0)) {
        throw new RestoreError(
          `The backup is damaged: it says ${ended[table] ?? 0} rows of ${table} but holds ${counts[table] ?? 0}; nothing was restored.`,
        );
      }
    }
    return counts;
  }, true);
}
