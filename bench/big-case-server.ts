/**
 * The server the browser benches measure: `startServer` from dist/ (as `coprism serve` runs it) on
 * a temporary SQLite folder, with the case library, the big case (bench/big-case.ts) and any
 * `others` as its library. `close` stops it and removes the folder.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as ServerModule from '../src/server/index.js';
import type { CaseFile } from '../src/core/index.js';
import { BIG_CASE_ID } from './big-case.js';
import { caseYaml } from './corpus.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Serves the library, `big` and `others`; the big case's reading is at
 * `${url}/w/library/cases/${BIG_CASE_ID}`. */
export async function startBigCaseServer(
  big: CaseFile,
  prefix: string,
  others: readonly CaseFile[] = [],
): Promise<{ url: string; close: () => Promise<void> }> {
  const { startServer } = (await import(
    pathToFileURL(join(ROOT, 'dist', 'server', 'index.js')).href
  )) as typeof ServerModule;
  const data = mkdtempSync(join(tmpdir(), prefix));
  const cases = join(data, 'cases');
  mkdirSync(cases);
  for (const file of readdirSync(join(ROOT, 'cases')))
    copyFileSync(join(ROOT, 'cases', file), join(cases, file));
  writeFileSync(join(cases, `${BIG_CASE_ID}.yaml`), caseYaml(big));
  for (const other of others) {
    const file = join(cases, `${other.id}.yaml`);
    if (existsSync(file)) throw new Error(`two cases of the bench's library are ${other.id}`);
    writeFileSync(file, caseYaml(other));
  }
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    database: { kind: 'sqlite', folder: join(data, 'store') },
    casesDir: cases,
    say: () => undefined,
  });
  return {
    url: server.url,
    close: async () => {
      await server.close();
      rmSync(data, { recursive: true, force: true });
    },
  };
}
