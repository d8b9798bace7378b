// A server killed (SIGKILL) in the middle of many concurrent writes loses no acknowledged write,
// leaves nothing half-applied, and serves normally when started again on the same data.
import { afterAll, describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase } from './databases.js';
import { checkIntegrity } from './integrity.js';
import { killServers, serveOn, setUpInstallation, startServe, until } from './live-server.js';
import { Workload } from './workload.js';

afterAll(killServers);

describe.each(DIALECTS)('SIGKILL during writes, on %s', (dialect) => {
  it(
    'keeps every acknowledged write exactly as sent, applies none by half, and serves again after a restart',
    { timeout: 120_000 },
    async () => {
      const config = await freshDatabase(dialect);
      const first = await startServe(serveOn(config));
      const killed = { at: Number.POSITIVE_INFINITY };
      try {
        const { token, workspace } = await setUpInstallation(first.url);
        const load = new Workload({
          bases: [first.url],
          token,
          workspace,
          clients: 24,
          mix: { save: 6, create: 1, import: 2, read: 1 },
          sharedCases: 6,
          staleShare: 0.1,
        });
        await load.seed();
        load.start();
        // Let a good number of writes through, then kill the server while others are in flight.
        await until(() => load.acknowledged.length >= 200, 30_000, '200 acknowledged writes');
        killed.at = performance.now();
        expect(await first.kill()).toBe('SIGKILL');
        await load.stop();
        load.close();

        // Before the kill, every request was answered as the design says (2xx, or 409 for a stale save).
        expect(load.unexpected.filter((u) => u.at < killed.at)).toEqual([]);
        const unanswered = load.writes.filter((w) => w.outcome === 'no-answer');
        // The kill landed in the middle of writes: some were sent before it and never answered.
        const inFlight = unanswered.filter((w) => w.sentAt < killed.at);
        expect(inFlight.length).toBeGreaterThan(0);

        const second = await startServe(serveOn(config));
        try {
          const report = await checkIntegrity(config, { workspace, writes: load.writes });
          expect(report.problems).toEqual([]);
          const acked = load.acknowledged.reduce((n, w) => n + w.items.length, 0);
          expect(report.acknowledged).toBe(acked);
          expect(report.unansweredApplied + report.unansweredNotApplied).toBeGreaterThanOrEqual(
            unanswered.length,
          );
          console.info(
            `SIGKILL on ${dialect} after ${acked} acknowledged revisions, with ${inFlight.length} writes in flight: all acknowledged revisions present as sent; of the ${unanswered.length} writes without an answer (in flight, or sent to the dead server), ${report.unansweredApplied} were applied whole and ${report.unansweredNotApplied} not at all; ${report.cases} cases, ${report.revisions} revisions consistent`,
          );

          // The restarted server serves normally: reads, searches, saves, imports, analyses.
          const after = new Workload({
            bases: [second.url],
            token,
            workspace,
            clients: 8,
            mix: { read: 2, list: 1, search: 1, analysis: 1, save: 3, create: 1, import: 1 },
            sharedCases: 3,
          });
          await after.seed();
          after.start();
          await until(() => after.acknowledged.length >= 40, 30_000, '40 writes after the restart');
          await after.stop();
          after.close();
          expect(after.unexpected).toEqual([]);
          const again = await checkIntegrity(config, {
            workspace,
            writes: [...load.writes, ...after.writes],
          });
          expect(again.problems).toEqual([]);
        } finally {
          expect(await second.stop()).toBe(0);
        }
      } finally {
        if (first.child.exitCode === null && first.child.signalCode === null) await first.kill();
      }
    },
  );
});
