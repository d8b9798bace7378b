// The soak in its short form (the long one is `npm run bench:soak`): a mixed workload of reads,
// searches, analyses, saves (with intended 409s), creates and imports from many clients at once,
// on SQLite with one server and on PostgreSQL with two servers sharing the database. It fails on
// any answer outside the design and on any acknowledged save that is not in the database exactly
// as sent. Figures are printed, not asserted: the machine is shared.
import { describe, expect, it } from 'vitest';
import { describeSoak, runSoak } from '../bench/soak.js';
import { freshDatabase } from './databases.js';

const SECONDS = 12;
const CLIENTS = 48;

describe('soak, short form', () => {
  it.each([
    ['sqlite', 1],
    ['postgres', 2],
  ] as const)(
    'on %s with %i server(s): no error, every acknowledged save kept',
    { timeout: 120_000 },
    async (dialect, servers) => {
      const result = await runSoak({
        database: await freshDatabase(dialect),
        servers,
        clients: CLIENTS,
        seconds: SECONDS,
        sharedCases: 12,
      });
      console.info(describeSoak(result).join('\n'));
      expect(result.errors).toEqual([]);
      expect(result.integrity.problems).toEqual([]);
      expect(result.acknowledgedRevisions).toBeGreaterThan(0);
      expect(result.integrity.acknowledged).toBe(result.acknowledgedRevisions);
      // Every kind of request was made, and conflicts were met and refused.
      expect(result.kinds.map((k) => k.kind).sort()).toEqual(
        ['analyse', 'analysis', 'create', 'import', 'list', 'read', 'save', 'search'].sort(),
      );
      expect(result.conflicts.deliberate).toBeGreaterThan(0);
      expect(result.exitCodes.every((code) => code === 0)).toBe(true);
    },
  );
});
