/** `coprism backup` and `coprism restore`: a whole installation to one file and back. */
import { createReadStream, createWriteStream, existsSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createGunzip, createGzip } from 'node:zlib';
import {
  backup,
  openStore,
  restore,
  RestoreError,
  type BackupLine,
  type DatabaseConfig,
} from '../store/index.js';
import type { Io } from './main.js';
import { CommandUsageError } from './usage-error.js';

const OPTIONS = { data: { type: 'string' }, out: { type: 'string', short: 'o' } } as const;

/** The database a command works on: DATABASE_URL if set, else the SQLite data folder. */
export function databaseFrom(data: string | undefined, env: NodeJS.ProcessEnv): DatabaseConfig {
  const url = env['DATABASE_URL'];
  if (url) return { kind: 'postgres', url };
  return { kind: 'sqlite', folder: resolve(data ?? env['COPRISM_DATA'] ?? 'coprism-data') };
}

export async function backupCommand(
  args: readonly string[],
  io: Io,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: OPTIONS,
    allowPositionals: true,
  });
  if (positionals.length > 0) throw new CommandUsageError(`unexpected '${positionals[0] ?? ''}'`);
  if (!values.out)
    throw new CommandUsageError(
      'say where to write the backup: --out FILE (for example backup.coprism.gz)',
    );
  const target = resolve(values.out);
  const partial = `${target}.partial`;
  const store = await openStore(databaseFrom(values.data, env));
  try {
    const gzip = createGzip();
    const file = createWriteStream(partial);
    const finished = new Promise<void>((done, fail) => {
      file.on('finish', done);
      file.on('error', fail);
      gzip.on('error', fail);
    });
    gzip.pipe(file);
    const write = (line: BackupLine) =>
      new Promise<void>((done) => {
        if (gzip.write(`${JSON.stringify(line)}\n`)) done();
        else gzip.once('drain', done);
      });
    const counts = await backup(store, new Date().toISOString(), write);
    gzip.end();
    await finished;
    // Written under another name and renamed at the end, so a backup file is never half a backup.
    renameSync(partial, target);
    io.out(`Backed up ${describe(counts)} to ${target}.\n`);
    return 0;
  } catch (error) {
    rmSync(partial, { force: true });
    io.err(`coprism: the backup failed: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await store.close();
  }
}

export async function restoreCommand(
  args: readonly string[],
  io: Io,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { data: OPTIONS.data },
    allowPositionals: true,
  });
  const [file, extra] = positionals;
  if (!file || extra !== undefined)
    throw new CommandUsageError('name one backup file: coprism restore FILE');
  const name = file;
  const source = resolve(file);
  if (!existsSync(source)) {
    io.err(`coprism: the restore failed: ${file} does not exist\n`);
    return 1;
  }
  const store = await openStore(databaseFrom(values.data, env));
  try {
    // The file is opened only when the restore starts reading: a readline interface made earlier
    // would start emitting lines while the restore is still checking the database, and lose them.
    async function* parsed(): AsyncIterable<BackupLine> {
      const gunzip = createGunzip();
      const input = createReadStream(source)
        .on('error', (error) => gunzip.destroy(error))
        .pipe(gunzip);
      let n = 0;
      for await (const text of createInterface({ input, crlfDelay: Infinity })) {
        n += 1;
        if (text.trim() === '') continue;
        try {
          yield JSON.parse(text) as BackupLine;
        } catch {
          throw new RestoreError(`${name}: line ${n} is damaged; nothing was restored.`);
        }
      }
    }
    const counts = await restore(store, parsed());
    io.out(`Restored ${describe(counts)} into ${store.location}.\n`);
    return 0;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      error instanceof RestoreError
        ? error.message
        : code === 'ENOENT'
          ? `${file} does not exist`
          : code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR'
            ? `${file} is not a Coprism backup (it is not gzip data); nothing was restored`
            : (error as Error).message;
    io.err(`coprism: the restore failed: ${why}\n`);
    return 1;
  } finally {
    await store.close();
  }
}

function describe(counts: Readonly<Record<string, number>>): string {
  const n = (t: string) => counts[t] ?? 0;
  return `${n('cases')} cases (${n('revisions')} revisions), ${n('users')} accounts and ${n('workspaces')} workspaces`;
}
