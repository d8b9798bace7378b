// The databases every store and server test runs against: a real SQLite file and a real PostgreSQL database.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { DatabaseConfig } from '../src/store/index.js';

export const DIALECTS = ['sqlite', 'postgres'] as const;
export type Dialect = (typeof DIALECTS)[number];

let counter = 0;

/** A fresh, empty database of the given kind. */
export async function freshDatabase(dialect: Dialect): Promise<DatabaseConfig> {
  if (dialect === 'sqlite') {
    return { kind: 'sqlite', folder: mkdtempSync(join(tmpdir(), 'coprism-sqlite-')) };
  }
  const admin = inject('postgresUrl');
  const name = `coprism_test_${process.pid}_${Date.now()}_${counter++}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { kind: 'postgres', url: url.toString() };
}
