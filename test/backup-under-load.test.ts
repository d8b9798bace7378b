// `coprism backup` taken while writers are busy restores to an installation that is exactly the
// source at one moment: every case's revisions are the source's, byte for byte, none half there,
// every write acknowledged before the backup began is in it, none sent after it ended is, and the
// restored server exports each case exactly as the source's revision reads.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CaseFile } from '../src/core/index.js';
import { documentText } from '../src/server/case-documents.js';
import { openStore, type DatabaseConfig } from '../src/store/index.js';
import { DIALECTS, freshDatabase } from './databases.js';
import { checkIntegrity } from './integrity.js';
import { killServers, send, serveOn, setUpInstallation, startServe, until } from './live-server.js';
import { coprismAsync } from './run-cli.js';
import { Workload } from './workload.js';

afterAll(killServers);

const where = (config: DatabaseConfig): { args: string[]; env: Record<string, string> } =>
  config.kind === 'postgres'
    ? { args: [], env: { DATABASE_URL: config.url } }
    : {
        args: ['--data', config.kind === 'sqlite' ? config.folder : ''],
        env: { DATABASE_URL: '' },
      };

interface RevisionRow {
  readonly document: string;
  readonly author_name: string;
  readonly message: string;
  readonly created_at: string;
}

/** Every case's revisions, by case id and number, with the case row. */
async function revisionsOf(config: DatabaseConfig) {
  const store = await openStore(config);
  try {
    const db = store.database;
    const cases = await db.selectFrom('cases').selectAll().execute();
    const rows = await db
      .selectFrom('revisions')
      .select(['case_id', 'number', 'document', 'author_name', 'message', 'created_at'])
      .execute();
    const revisions = new Map<string, Map<number, RevisionRow>>();
    for (const row of rows) {
      const of = revisions.get(row.case_id) ?? new Map<number, RevisionRow>();
      of.set(row.number, row);
      revisions.set(row.case_id, of);
    }
    return { cases: new Map(cases.map((c) => [c.id, c])), revisions };
  } finally {
    await store.close();
  }
}

describe.each(DIALECTS)('a backup taken under load, on %s', (dialect) => {
  it(
    'restores to an installation identical to the source at one moment',
    { timeout: 120_000 },
    async () => {
      const config = await freshDatabase(dialect);
      const server = await startServe(serveOn(config));
      const { token, workspace } = await setUpInstallation(server.url);
      const load = new Workload({
        bases: [server.url],
        token,
        workspace,
        clients: 12,
        mix: { save: 5, create: 2, import: 2, read: 1 },
        sharedCases: 6,
        staleShare: 0.1,
      });
      await load.seed();
      load.start();
      await until(() => load.acknowledged.length >= 100, 30_000, '100 writes before the backup');

      const file = join(mkdtempSync(join(tmpdir(), 'coprism-backup-load-')), 'all.coprism.gz');
      const source = where(config);
      const backupStarted = performance.now();
      const ackedBefore = load.acknowledged.length;
      const saved = await coprismAsync(['backup', '--out', file, ...source.args], source.env);
      const backupEnded = performance.now();
      const ackedDuring = load.acknowledged.length - ackedBefore;
      // Writes go on after the backup, so the source moves past it.
      await until(
        () => load.acknowledged.length >= ackedBefore + ackedDuring + 30,
        30_000,
        '30 writes after the backup',
      );
      await load.stop();
      load.close();
      expect(await server.stop()).toBe(0);
      expect(saved.err).toBe('');
      expect(saved.code).toBe(0);
      expect(load.unexpected).toEqual([]);
      // The backup really was taken under load: writes were acknowledged while it ran.
      expect(ackedDuring).toBeGreaterThan(0);

      const restoredConfig = await freshDatabase(dialect);
      const into = where(restoredConfig);
      const restored = await coprismAsync(['restore', file, ...into.args], into.env);
      expect(restored.err).toBe('');
      expect(restored.code).toBe(0);

      // Consistent in itself, and with the writes: everything acknowledged before the backup
      // began is there, nothing sent after it ended is, and no import file is there by half.
      const report = await checkIntegrity(restoredConfig, {
        workspace,
        writes: load.writes,
        acknowledgedBy: backupStarted,
        sentAfter: backupEnded,
      });
      expect(report.problems).toEqual([]);

      // Every case's revisions are the source's own, and the source has gone on from there.
      const from = await revisionsOf(config);
      const to = await revisionsOf(restoredConfig);
      expect(to.cases.size).toBeGreaterThan(0);
      let behind = 0;
      for (const [id, row] of to.cases) {
        const original = from.cases.get(id);
        expect(original, `case ${row.slug}`).toBeDefined();
        const theirs = from.revisions.get(id) ?? new Map<number, RevisionRow>();
        const ours = to.revisions.get(id) ?? new Map<number, RevisionRow>();
        expect(ours.size).toBeLessThanOrEqual(theirs.size);
        for (const [number, revision] of ours) expect(revision).toEqual(theirs.get(number));
        if (original && original.revision === row.revision) expect(row).toEqual(original);
        else behind += 1;
      }
      // The restore is of a moment before the end: the source saved more after it.
      expect(behind + (from.cases.size - to.cases.size)).toBeGreaterThan(0);

      // The restored installation serves each case exactly as the source's revision exports it.
      const again = await startServe(serveOn(restoredConfig));
      try {
        const ours = [...to.cases.values()].filter((c) => c.workspace_id === workspace);
        for (const row of ours) {
          const exported = await send(
            again.url,
            'GET',
            `/api/workspaces/${workspace}/cases/${row.slug}/export?format=yaml`,
            { headers: { authorization: `Bearer ${token}` } },
          );
          expect(exported.status).toBe(200);
          const revision = from.revisions.get(row.id)?.get(row.revision);
          expect(exported.body).toBe(
            documentText(JSON.parse(revision?.document ?? 'null') as CaseFile, 'yaml'),
          );
        }
        console.info(
          `Backup of ${dialect} under load: ${ackedDuring} writes acknowledged while it ran; restored ${report.cases} cases, ${report.revisions} revisions, ${ours.length} exports identical to the source's revisions; ${behind} cases behind the source's end state`,
        );
      } finally {
        expect(await again.stop()).toBe(0);
      }
    },
  );
});
