/** The store: SQLite or PostgreSQL behind one set of repositories that speak domain types. */
export { openStore, Store, Repositories, type StoreOptions } from './store.js';
export {
  databaseTrouble,
  isUniqueViolation,
  redactUrl,
  sqliteFile,
  type DatabaseConfig,
} from './database.js';
export { publicUser } from './users.repository.js';
export { COUNT_CAP, type NewRevision } from './cases.repository.js';
export type * from './types.js';
export { backup, restore, RestoreError, BACKUP_FORMAT, type BackupLine } from './backup.js';
