// The databases every store and server test runs against: a real SQLite file and a real PostgreSQL database.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { DatabaseConfig } from '../src/store/index.js';
import { createDatabase } from './pg-cluster.js';

export const DIALECTS = ['sqlite', 'postgres'] as const;
export type Dialect = (typeof DIALECTS)[number];

let counter = 0;

/** A fresh, empty database of the given kind. */
export async function freshDatabase(dialect: Dialect): Promise<DatabaseConfig> {
  if (dialect === 'sqlite') {
    return { kind: 'sqlite', folder: mkdtempSync(join(tmpdir(), 'coprism-sqlite-')) };
  }
  return createDatabase(
    inject('postgresUrl'),
    `coprism_test_${process.pid}_${Date.now()}_${counter++}`,
  );
}
