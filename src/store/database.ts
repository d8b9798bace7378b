/** Opens the database. The only file that knows which database it talks to. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
} from 'kysely';
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
    // So is a connection dropped while a request holds it between two queries (pg-pool listens
    // only to idle ones): the next query on it fails, and the pool discards it when it is released.
    pool.on('connect', (client) => client.on('error', () => undefined));
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
    db: new Kysely<Database>({ dialect: new RollbackSafeSqliteDialect({ database }) }),
    dialect: 'sqlite',
    location: file,
  };
}

/**
 * When a write fails because the disk is full (or on an I/O error), SQLite rolls the transaction
 * back itself; Kysely's own ROLLBACK then fails with "no transaction is active", and that error
 * would hide the real one. This driver rolls back only a transaction that is still open.
 */
class RollbackSafeSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: { readonly database: SQLite.Database }) {
    super(settings);
  }

  override createDriver(): Driver {
    const database = this.settings.database;
    return new (class extends SqliteDriver {
      override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
        if (database.inTransaction) await super.rollbackTransaction(connection);
      }
    })(this.settings);
  }
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

/**
 * Why a query failed, when the fault is the database's rather than the request's: `unavailable`
 * (the server is unreachable, shutting down, starting up or dropped the connection; SQLite is
 * busy or cannot read its file) or `full` (no space left for the write). Otherwise undefined.
 */
export function databaseTrouble(error: unknown): 'unavailable' | 'full' | undefined {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  const message = error instanceof Error ? error.message : '';
  // PostgreSQL: 53100 disk full; SQLite: SQLITE_FULL; either, from the OS: ENOSPC.
  if (code === '53100' || code === 'SQLITE_FULL' || code === 'ENOSPC') return 'full';
  if (
    // PostgreSQL: 08… connection exceptions, 57P01-57P03 shutting down, crashed, starting up;
    // 53300 too many connections.
    /^08...$/.test(code) ||
    /^57P0[1-3]$/.test(code) ||
    code === '53300' ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN'].includes(code) ||
    code === 'SQLITE_BUSY' ||
    code.startsWith('SQLITE_BUSY_') ||
    code === 'SQLITE_IOERR' ||
    code.startsWith('SQLITE_IOERR_') ||
    code === 'SQLITE_CANTOPEN'
  )
    return 'unavailable';
  // node-postgres reports a dropped connection and a pool that cannot connect in time without a code.
  if (
    code === '' &&
    /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Client was closed and is not queryable)/.test(
      message,
    )
  )
    return 'unavailable';
  return undefined;
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
