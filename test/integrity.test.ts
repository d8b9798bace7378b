// The checker the fault tests and the soak rely on finds what it is meant to find: a lost
// acknowledged write, a half-applied import, a revision nobody sent, a missing current revision and
// list columns that disagree with the document. (A checker that cannot fail proves nothing.)
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openStore } from '../src/store/index.js';
import { checkIntegrity } from './integrity.js';
import { setUpInstallation, until } from './live-server.js';
import { startHarness } from './server-harness.js';
import { Workload } from './workload.js';

describe('the integrity checker', () => {
  it('passes an untouched installation and names every kind of damage done to it', async () => {
    const h = await startHarness('sqlite');
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    const address = h.app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const { token, workspace } = await setUpInstallation(base);
    const load = new Workload({
      bases: [base],
      token,
      workspace,
      clients: 4,
      mix: { save: 3, create: 1, import: 2 },
      sharedCases: 2,
    });
    await load.seed();
    load.start();
    await until(
      () => load.acknowledged.filter((w) => w.kind === 'import').length >= 2,
      20_000,
      'two imports',
    );
    await load.stop();
    load.close();
    await h.close();
    const ledger = { workspace, writes: load.writes };
    expect((await checkIntegrity(h.config, ledger)).problems).toEqual([]);

    const store = await openStore(h.config);
    const db = store.database;
    const save = load.acknowledged.find((w) => w.kind === 'save');
    const imported = load.acknowledged.find((w) => w.kind === 'import');
    const shared = await db
      .selectFrom('cases')
      .selectAll()
      .where('slug', '=', save?.items[0]?.slug ?? '')
      .executeTakeFirstOrThrow();
    const other = await db
      .selectFrom('cases')
      .selectAll()
      .where('slug', '=', imported?.items[1]?.slug ?? '')
      .executeTakeFirstOrThrow();
    // A save's revision lost; a list column changed; one case of an import file removed; a
    // revision no client sent.
    await db
      .deleteFrom('revisions')
      .where('case_id', '=', shared.id)
      .where('number', '=', save?.items[0]?.revision ?? 0)
      .execute();
    await db
      .updateTable('cases')
      .set({ title: 'Changed behind its back' })
      .where('id', '=', other.id)
      .execute();
    const firstOfImport = imported?.items[0]?.slug ?? '';
    await sql`delete from case_tags where case_id in (select id from cases where slug = ${firstOfImport})`.execute(
      db,
    );
    await sql`delete from analyses where case_id in (select id from cases where slug = ${firstOfImport})`.execute(
      db,
    );
    await sql`delete from revisions where case_id in (select id from cases where slug = ${firstOfImport})`.execute(
      db,
    );
    await db.deleteFrom('cases').where('slug', '=', firstOfImport).execute();
    const revision = await db
      .selectFrom('revisions')
      .selectAll()
      .where('case_id', '=', other.id)
      .where('number', '=', 1)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('revisions')
      .values({
        ...revision,
        number: 99,
        document: revision.document.replace(/ w\d+"/, ' w999999"'),
      })
      .execute();
    await store.close();

    const problems = (await checkIntegrity(h.config, ledger)).problems.join('\n');
    expect(problems).toContain(
      `was acknowledged as revision ${save?.items[0]?.revision ?? 0} but is not there`,
    );
    expect(problems).toMatch(/is at revision \d+ but has revisions/);
    expect(problems).toContain('column title is "Changed behind its back"');
    expect(problems).toMatch(
      new RegExp(`write ${imported?.id ?? 0} \\(import, acked\\) is half there`),
    );
    expect(problems).toContain('revision 99 is not a write any client sent');
  });
});
