// The SQLite data folder on a small disk that fills up under load: saves are refused with a plain
// 507 problem and are not applied, no acknowledged revision is lost, reads go on being served, and
// once space is freed saves work again. The disk is a tmpfs mounted for the test, which needs root
// (tests run as root here and in CI); without root the test fails and says so, it never skips.
import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  rmSync,
  statfsSync,
  writeSync,
  openSync,
  closeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIntegrity } from './integrity.js';
import {
  killServers,
  newToken,
  send,
  setUpInstallation,
  startServe,
  until,
} from './live-server.js';
import { Workload } from './workload.js';

const SIZE_MB = 24;

describe('disk full on the SQLite volume', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'coprism-full-'));
  const mount = join(dir, 'volume');
  const filler = join(mount, 'filler');
  let mounted = false;

  beforeAll(() => {
    if (process.getuid?.() !== 0)
      throw new Error(
        `This test mounts a ${SIZE_MB} MB tmpfs as the SQLite data folder to fill it, which needs root. ` +
          'Run the tests as root (as .ci/run does in CI), for example in a container or with sudo.',
      );
    mkdirSync(mount);
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${SIZE_MB}m`, 'tmpfs', mount]);
    mounted = true;
  });
  afterAll(async () => {
    // A server left running by a failed test would keep the disk busy.
    await killServers();
    if (mounted) {
      try {
        execFileSync('umount', [mount]);
      } catch {
        execFileSync('umount', ['-l', mount]);
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  /** Fills the disk to the last byte; returns how many bytes the filler took. */
  function fill(): number {
    const fd = openSync(filler, 'a');
    const chunk = Buffer.alloc(1024 * 1024);
    let written = 0;
    try {
      for (;;) {
        const free = statfsSync(mount).bavail * statfsSync(mount).bsize;
        const size = free >= chunk.length ? chunk.length : free > 0 ? free : 4096;
        written += writeSync(fd, chunk, 0, size);
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
    } finally {
      closeSync(fd);
    }
    return written;
  }

  it('refuses saves with 507 while full, keeps every acknowledged revision, serves reads, and saves again once space is freed', async () => {
    const data = join(mount, 'data');
    const server = await startServe({ data });
    try {
      const { token, workspace } = await setUpInstallation(server.url);
      const load = new Workload({
        bases: [server.url],
        token,
        workspace,
        clients: 8,
        mix: { save: 5, create: 1, import: 2 },
        sharedCases: 4,
        backoffMs: 20,
      });
      await load.seed();
      // A token not used yet: its first use notes the time, a write that must not fail the read.
      const fresh = await newToken(server.url, 'first used on a full disk');
      load.start();
      await until(() => load.acknowledged.length >= 60, 30_000, '60 writes before filling');

      const filledAt = performance.now();
      const filled = fill();
      // Writes go on until the database can no longer grow: then they must be refused.
      await until(
        () => load.writes.filter((w) => w.status === 507).length >= 20,
        30_000,
        '20 saves refused with 507 on the full disk',
      );
      // While the disk is full, reads are served: the cases, a list, a search, with either token.
      const readers = await Promise.all(
        [token, fresh, token, token].map((t, i) =>
          send(
            server.url,
            'GET',
            [
              `/api/workspaces/${workspace}/cases`,
              `/api/workspaces/${workspace}/cases?q=leeds`,
              `/api/workspaces/${workspace}/cases/${load.writes[0]?.items[0]?.slug ?? ''}`,
              `/api/workspaces/${workspace}/cases/${load.writes[0]?.items[0]?.slug ?? ''}/analysis`,
            ][i] ?? '/',
            { headers: { authorization: `Bearer ${t}` } },
          ),
        ),
      );
      expect(readers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
      const refused = load.writes.filter((w) => w.status === 507);
      const full = refused[0];
      expect(full).toBeDefined();

      // Space is freed: saves are acknowledged again, without restarting anything.
      rmSync(filler);
      const freedAt = performance.now();
      const ackedBefore = load.acknowledged.length;
      await until(
        () => load.acknowledged.filter((w) => w.sentAt > freedAt).length >= 30,
        30_000,
        '30 writes acknowledged after space was freed',
      );
      await load.stop();
      load.close();
      expect(load.acknowledged.length).toBeGreaterThan(ackedBefore);

      // Every answer was 2xx, 409 for a stale save, or 507 while the disk was full; nothing else.
      expect(load.unexpected.filter((u) => u.status !== 507)).toEqual([]);
      const writesDuringFull = load.writes.filter(
        (w) => w.sentAt > filledAt && w.sentAt < freedAt,
      ).length;

      // The problem says plainly what happened.
      const problem = JSON.parse(load.unexpected.find((u) => u.status === 507)?.detail ?? '{}') as {
        status?: number;
        title?: string;
        detail?: string;
      };
      expect(problem.status).toBe(507);
      expect(problem.title).toBe('The disk is full');
      expect(problem.detail).toContain('disk is full, so this change was not saved');

      // Restarted on the same data: every acknowledged revision is there exactly as sent, and
      // no save that was refused with 507 was applied.
      expect(await server.stop()).toBe(0);
      const report = await checkIntegrity(
        { kind: 'sqlite', folder: data },
        { workspace, writes: load.writes },
      );
      expect(report.problems).toEqual([]);
      expect(report.acknowledged).toBe(load.acknowledged.reduce((n, w) => n + w.items.length, 0));
      expect(refused.filter((w) => report.applied.has(w.id)).map((w) => w.id)).toEqual([]);
      console.info(
        `Disk of ${SIZE_MB} MB filled with ${(filled / 1024 / 1024).toFixed(1)} MB more: ${writesDuringFull} writes while full, ${refused.length} refused with 507 (none applied); reads answered 200; ${report.acknowledged} acknowledged revisions all present after freeing space and restarting`,
      );
    } finally {
      if (server.child.exitCode === null && server.child.signalCode === null) await server.kill();
    }
  });
});
