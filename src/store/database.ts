/** Opens the database. The only file that knows which database it talks to. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type DatabaseConfig =
  | { readonly kind: 'sqlite'; readonly folder: string }
  | { readonly kind: 'sqlite-memory' }
  | { readonly kind: 'postgres'; readonly url: string; readonly poolSize?: number };

export interface OpenDatabase {
  readonly db: Kysely<Database>;
  readonly dialect: 'sqlite' | 'postgres';
  /** Where the data lives, in words (a file path, or the server without its password). */
  readonly location: string;
}

/** The SQLite file inside a data folder. */
export const sqliteFile = (folder: string): string => join(folder, 'coprism.sqlite');

export function openDatabase(config: DatabaseConfig): OpenDatabase {
  if (config.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: config.url,
      max: config.poolSize ?? 10,
      // A database that stops answering must not hang requests forever.
      connectionTimeoutMillis: 5_000,
    });
    // An idle connection dropped by a database restart is an event, not a crash; the pool reconnects.
    pool.on('error', () => undefined);
    return {
      db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
      dialect: 'postgres',
      location: redactUrl(config.url),
    };
  }
  let file = ':memory:';
  if (config.kind === 'sqlite') {
    mkdirSync(config.folder, { recursive: true });
    file = sqliteFile(config.folder);
  }
  const database = new SQLite(file);
  // WAL lets readers (a backup, another command) run while the server writes.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL'); // an acknowledged save survives a power cut
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  return {
    db: new Kysely<Database>({ dialect: new SqliteDialect({ database }) }),
    dialect: 'sqlite',
    location: file,
  };
}

/** A connection URL without its password, safe to print. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres (address not shown)';
  }
}

/** True when an insert broke a unique or primary key, on either database. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}
