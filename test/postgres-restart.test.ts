// PostgreSQL stopped and started again under load, on a cluster of its own (the shared one from
// postgres.setup.ts serves other test files at the same time): requests during the outage fail
// cleanly and quickly (503 problem JSON), none is half-applied, and the server reconnects by itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIntegrity } from './integrity.js';
import {
  killServers,
  setUpInstallation,
  startServe,
  until,
  type Answer,
  type LiveServer,
} from './live-server.js';
import { createDatabase, startCluster, type PostgresCluster } from './pg-cluster.js';
import { Workload, type Kind } from './workload.js';

/** Longest a request may take while the database is down: the pool's connection timeout is 5 s. */
const BOUND_MS = 15_000;

describe('PostgreSQL restarted under load', { timeout: 120_000 }, () => {
  let cluster: PostgresCluster;
  beforeAll(async () => {
    cluster = await startCluster({ maxConnections: 100 });
  });
  afterAll(async () => {
    await killServers();
    cluster.destroy();
  });

  it.each(['fast', 'immediate'] as const)(
    'stopped (%s) and started again: clean 503s meanwhile, nothing half-applied, reconnects by itself',
    async (mode) => {
      const config = await createDatabase(cluster.url, `restart_${mode}`);

      const server: LiveServer = await startServe({ databaseUrl: config.url });
      const results: Array<{ kind: Kind; status: number | string; at: number; answer?: Answer }> =
        [];
      try {
        const { token, workspace } = await setUpInstallation(server.url);
        const load = new Workload({
          bases: [server.url],
          token,
          workspace,
          clients: 16,
          mix: { read: 3, list: 1, search: 1, analysis: 1, save: 4, create: 1, import: 1 },
          sharedCases: 6,
          timeoutMs: BOUND_MS,
          backoffMs: 50,
          onResult: (kind, result, at) =>
            results.push(
              result instanceof Error
                ? { kind, status: (result as NodeJS.ErrnoException).code ?? 'error', at }
                : { kind, status: result.status, at, answer: result },
            ),
        });
        await load.seed();
        load.start();
        await until(() => load.acknowledged.length >= 100, 30_000, '100 writes before the stop');

        const stoppedAt = performance.now();
        cluster.stop(mode);
        // Requests keep coming while the database is down (for 3 s at least).
        await until(
          () =>
            performance.now() - stoppedAt > 3_000 &&
            results.filter((r) => r.at > stoppedAt && r.status === 503).length >= 30,
          30_000,
          '30 answers while the database is down',
        );
        const startedAt = performance.now();
        cluster.start();
        // The server reconnects by itself: writes are acknowledged again.
        const ackedBefore = load.acknowledged.length;
        await until(
          () => load.acknowledged.length >= ackedBefore + 50,
          30_000,
          '50 writes acknowledged after the database came back',
        );
        await load.stop();
        load.close();

        const during = results.filter((r) => r.at > stoppedAt && r.at < startedAt);
        // Every request during the outage was answered: 503 with a plain problem, or a success
        // that finished before the database went; never a 500, never a broken connection.
        const statuses = [...new Set(during.map((r) => r.status))].sort();
        expect(
          statuses.every((s) => s === 503 || s === 409 || (typeof s === 'number' && s < 300)),
          String(statuses),
        ).toBe(true);
        const unavailable = during.filter((r) => r.status === 503);
        expect(unavailable.length).toBeGreaterThanOrEqual(30);
        for (const r of unavailable) {
          expect(r.answer?.headers['content-type']).toContain('application/problem+json');
          const problem = JSON.parse(r.answer?.body ?? '{}') as {
            status?: number;
            detail?: string;
          };
          expect(problem.status).toBe(503);
          expect(problem.detail).toContain('database is not answering');
          expect(r.answer?.headers['retry-after']).toBe('5');
        }
        // No hang: every request ended within the bound (a timeout would show as TIMEOUT above).
        expect(Math.max(...results.map((r) => r.answer?.ms ?? 0))).toBeLessThan(BOUND_MS);
        expect(results.some((r) => r.status === 500)).toBe(false);
        // Over the whole run, the only answers outside the design (2xx, 409 for a stale save)
        // were 503s: no 500, no broken connection, no timeout.
        expect(load.unexpected.filter((u) => u.status !== 503)).toEqual([]);
        // After the restart, everything is answered as the design says again.
        const lastStart = results.filter((r) => r.at > startedAt && r.status === 503).at(-1)?.at;
        const settled = results.filter((r) => r.at > (lastStart ?? startedAt));
        expect(settled.length).toBeGreaterThan(50);
        expect(
          settled.filter(
            (r) => !(r.status === 409 || (typeof r.status === 'number' && r.status < 300)),
          ),
        ).toEqual([]);

        const report = await checkIntegrity(config, { workspace, writes: load.writes });
        const firstAck = load.acknowledged.find((w) => w.sentAt > startedAt)?.doneAt ?? Number.NaN;
        console.info(
          `PostgreSQL stopped (${mode}) for ${Math.round(startedAt - stoppedAt)} ms: ${during.length} requests meanwhile (${unavailable.length} answered 503), slowest ${Math.round(Math.max(...during.map((r) => r.answer?.ms ?? 0)))} ms; first write acknowledged ${Math.round(firstAck - startedAt)} ms after the start; ${report.acknowledged} acknowledged writes all present; of the writes without a clear answer, ${report.unansweredApplied} were applied whole and ${report.unansweredNotApplied} not at all`,
        );
        expect(report.problems).toEqual([]);
        expect(report.acknowledged).toBe(load.acknowledged.reduce((n, w) => n + w.items.length, 0));
        const health = await fetch(`${server.url}/api/health`);
        expect(health.status).toBe(200);
      } finally {
        await server.stop();
      }
    },
  );
});
