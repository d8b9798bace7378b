import { load } from 'js-yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analyseCase, validateCase, type CaseFile } from '../core/index.js';
import { DIALECTS } from '../../test/databases.js';
import {
  caseText,
  setupOwner,
  startHarness,
  type Client,
  type Harness,
} from '../../test/server-harness.js';

const doc = (name: string): CaseFile => {
  const checked = validateCase(load(caseText(name)));
  if (!checked.ok) throw new Error(`${name} is not valid`);
  return checked.value;
};

describe.each(DIALECTS)('cases on %s', (dialect) => {
  let h: Harness;
  let owner: Client;
  let ws: string;
  beforeEach(async () => {
    h = await startHarness(dialect);
    ({ owner, workspace: ws } = await setupOwner(h.app));
  });
  afterEach(() => h.close());

  const casesUrl = () => `/api/workspaces/${ws}/cases`;

  it('creates a case from a document or from case-file text, and reads it back with its ETag', async () => {
    const created = await owner.post(casesUrl(), {
      document: doc('sleepwell'),
      message: 'First draft',
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers.etag).toBe('"r1"');
    expect(created.json()).toMatchObject({
      id: 'sleepwell',
      revision: 1,
      title: doc('sleepwell').title,
    });
    const fromText = await owner.post(casesUrl(), { text: caseText('dial-house-leeds') });
    expect(fromText.statusCode).toBe(201);
    const read = await owner.get(`${casesUrl()}/sleepwell`);
    expect(read.headers.etag).toBe('"r1"');
    expect(read.json().document).toEqual(doc('sleepwell'));
    expect(read.json().fits['co-production']).toBe(
      analyseCase(doc('sleepwell')).overall.models['co-production'].fit,
    );
    const duplicate = await owner.post(casesUrl(), { document: doc('sleepwell') });
    expect(duplicate.statusCode).toBe(409);
  });

  it('answers a case with mistakes with 422 and every problem, by field (and line, for text)', async () => {
    const bad = { ...doc('sleepwell'), parties: [{ id: 'x', kind: 'wizard' }] };
    const answer = await owner.post(casesUrl(), { document: bad });
    expect(answer.statusCode).toBe(422);
    const problems = answer.json().problems as Array<{ field: string; message: string }>;
    expect(
      problems.some((p) => p.field === 'parties[0].kind' && p.message.includes("'wizard' is not")),
    ).toBe(true);
    expect(problems.some((p) => p.field.startsWith('components[0].roles'))).toBe(true);
    const text = caseText('sleepwell').replace('level: leads', 'level: lead');
    const fromText = await owner.post(casesUrl(), { text });
    expect(fromText.statusCode).toBe(422);
    const first = fromText.json().problems[0];
    expect(first.line).toBe(text.split('\n').findIndex((l) => l.includes('level: lead')) + 1);
    expect(first.message).toContain("did you mean 'leads'");
    expect((await owner.post(casesUrl(), { message: 'nothing else' })).statusCode).toBe(400);
    expect((await owner.get(`${casesUrl()}/sleepwell`)).statusCode).toBe(404);
  });

  it('saves every change as a new revision, and refuses a stale write with 409 and the current revision', async () => {
    await owner.post(casesUrl(), { document: doc('sleepwell') });
    const changed = { ...doc('sleepwell'), summary: 'A changed summary.' };
    expect((await owner.put(`${casesUrl()}/sleepwell`, { document: changed })).statusCode).toBe(
      428,
    );
    const saved = await owner.put(
      `${casesUrl()}/sleepwell`,
      { document: changed, message: 'Summary' },
      { 'if-match': '"r1"' },
    );
    expect(saved.statusCode).toBe(200);
    expect(saved.headers.etag).toBe('"r2"');
    const stale = await owner.put(`${casesUrl()}/sleepwell`, {
      document: { ...changed, summary: 'Mine' },
      revision: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().currentRevision).toBe(2);
    expect((await owner.get(`${casesUrl()}/sleepwell`)).json().summary).toBe('A changed summary.');
    const renamed = await owner.put(`${casesUrl()}/sleepwell`, {
      document: { ...changed, id: 'other' },
      revision: 2,
    });
    expect(renamed.statusCode).toBe(422);
    const history = (await owner.get(`${casesUrl()}/sleepwell/revisions`)).json().revisions;
    expect(history.map((r: { number: number; message: string }) => [r.number, r.message])).toEqual([
      [2, 'Summary'],
      [1, 'Created'],
    ]);
    expect(history[0].authorName).toBe('Olu Owner');
    expect((await owner.get(`${casesUrl()}/sleepwell/revisions/1`)).json().document).toEqual(
      doc('sleepwell'),
    );
  });

  it('lets only one of two simultaneous saves of the same revision win', async () => {
    await owner.post(casesUrl(), { document: doc('sleepwell') });
    const answers = await Promise.all(
      ['One', 'Two', 'Three'].map((s) =>
        owner.put(`${casesUrl()}/sleepwell`, {
          document: { ...doc('sleepwell'), summary: s },
          revision: 1,
        }),
      ),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409, 409]);
    expect((await owner.get(`${casesUrl()}/sleepwell/revisions`)).json().revisions).toHaveLength(2);
  });

  it('shows the difference between revisions and reverts by saving the old one again', async () => {
    await owner.post(casesUrl(), { document: doc('sleepwell') });
    await owner.put(`${casesUrl()}/sleepwell`, {
      document: { ...doc('sleepwell'), title: 'SleepWell (renamed)' },
      revision: 1,
    });
    const diff = (await owner.get(`${casesUrl()}/sleepwell/diff?from=1&to=2`)).json();
    expect(diff.patch).toContain('-title: SleepWell');
    expect(diff.patch).toContain('+title: SleepWell (renamed)');
    expect((await owner.get(`${casesUrl()}/sleepwell/diff?from=1&to=9`)).statusCode).toBe(404);
    const reverted = await owner.post(`${casesUrl()}/sleepwell/revert`, { to: 1, revision: 2 });
    expect(reverted.statusCode).toBe(200);
    expect(reverted.json().revision).toBe(3);
    expect(reverted.json().document).toEqual(doc('sleepwell'));
    expect(
      (await owner.post(`${casesUrl()}/sleepwell/revert`, { to: 1, revision: 2 })).statusCode,
    ).toBe(409);
  });

  it('moves a case to a bin it can be restored from', async () => {
    await owner.post(casesUrl(), { document: doc('sleepwell') });
    expect((await owner.delete(`${casesUrl()}/sleepwell`)).statusCode).toBe(204);
    expect((await owner.get(`${casesUrl()}/sleepwell`)).statusCode).toBe(404);
    expect((await owner.get(casesUrl())).json().total).toBe(0);
    const bin = (await owner.get(`/api/workspaces/${ws}/bin`)).json();
    expect(bin.items.map((i: { id: string }) => i.id)).toEqual(['sleepwell']);
    expect((await owner.post(casesUrl(), { document: doc('sleepwell') })).statusCode).toBe(409);
    const restored = await owner.post(`/api/workspaces/${ws}/bin/sleepwell/restore`);
    expect(restored.statusCode).toBe(200);
    expect((await owner.get(`${casesUrl()}/sleepwell`)).json().revision).toBe(1);
    expect((await owner.post(`/api/workspaces/${ws}/bin/sleepwell/restore`)).statusCode).toBe(404);
  });

  it('gives the analysis of a revision, kept per revision and rulebook', async () => {
    await owner.post(casesUrl(), { document: doc('east-lille') });
    const analysis = await owner.get(`${casesUrl()}/east-lille/analysis`);
    expect(analysis.json()).toEqual(JSON.parse(JSON.stringify(analyseCase(doc('east-lille')))));
    const kept = await h.store.database
      .selectFrom('analyses')
      .select(['revision', 'rulebook'])
      .execute();
    expect(kept).toEqual([{ revision: 1, rulebook: analysis.json().rulebook }]);
    // The kept analysis is what is served: it is not computed again.
    const marked = { ...analysis.json(), title: 'served from the cache' };
    await h.store.database
      .updateTable('analyses')
      .set({ analysis: JSON.stringify(marked) })
      .execute();
    expect((await owner.get(`${casesUrl()}/east-lille/analysis`)).json().title).toBe(
      'served from the cache',
    );
    expect((await owner.get(`${casesUrl()}/east-lille/analysis?revision=4`)).statusCode).toBe(404);
    const posted = await owner.post('/api/analyse', caseText('sleepwell'));
    expect(posted.json().case).toBe('sleepwell');
    const postedBad = await owner.post('/api/analyse', 'format: coprism/1\nid: x\n');
    expect(postedBad.statusCode).toBe(422);
  });

  it('publishes a read-only link that anyone can open, until it is withdrawn', async () => {
    await owner.post(casesUrl(), { document: doc('sleepwell') });
    const { token, path } = (await owner.post(`${casesUrl()}/sleepwell/share`)).json();
    expect(path).toBe(`/shared/${token}`);
    const { Client } = await import('../../test/server-harness.js');
    const stranger = new Client(h.app);
    const seen = await stranger.get(`/api/shared/${token}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().analysis.case).toBe('sleepwell');
    expect(seen.json().workspace).toBeUndefined();
    expect((await stranger.get(`${casesUrl()}/sleepwell`)).statusCode).toBe(404);
    expect((await owner.delete(`${casesUrl()}/sleepwell/share`)).statusCode).toBe(204);
    expect((await stranger.get(`/api/shared/${token}`)).statusCode).toBe(404);
  });

  it('lists, searches, filters, sorts and pages', async () => {
    for (const name of [
      'sleepwell',
      'dial-house-leeds',
      'hearing-voices-network',
      'east-lille',
      'ips-employment',
    ]) {
      h.clock.now = new Date(h.clock.now.getTime() + 60_000);
      expect((await owner.post(casesUrl(), { text: caseText(name) })).statusCode).toBe(201);
    }
    const ids = async (query: string) =>
      (await owner.get(`${casesUrl()}?${query}`)).json().items.map((i: { id: string }) => i.id);
    const all = (await owner.get(casesUrl())).json();
    expect(all.total).toBe(5);
    expect(all.totalCapped).toBe(false);
    const titles = all.items.map((i: { title: string }) => i.title.toLowerCase());
    expect(titles).toEqual([...titles].sort());
    expect(await ids('q=sleepwell')).toEqual(['sleepwell']);
    expect(await ids('q=SLEEPWELL%20sleep')).toEqual(['sleepwell']);
    expect(await ids('q=100%25')).toEqual([]);
    const expectFit = (model: string, fit: string) =>
      ['sleepwell', 'dial-house-leeds', 'hearing-voices-network', 'east-lille', 'ips-employment']
        .filter((n) => analyseCase(doc(n)).overall.models[model as 'co-production'].fit === fit)
        .sort();
    expect((await ids('model=service-user-led&fit=fits')).sort()).toEqual(
      expectFit('service-user-led', 'fits'),
    );
    expect((await ids('model=co-production&fit=does-not-fit')).sort()).toEqual(
      expectFit('co-production', 'does-not-fit'),
    );
    expect((await owner.get(`${casesUrl()}?fit=fits`)).statusCode).toBe(400);
    expect((await owner.get(`${casesUrl()}?model=magic`)).statusCode).toBe(400);
    const claimed = [
      'sleepwell',
      'dial-house-leeds',
      'hearing-voices-network',
      'east-lille',
      'ips-employment',
    ]
      .filter((n) => doc(n).describedAs?.includes('co-production'))
      .sort();
    expect((await ids('label=co-production')).sort()).toEqual(claimed);
    const page = (await owner.get(`${casesUrl()}?limit=2&offset=2`)).json();
    expect(page.items.map((i: { title: string }) => i.title.toLowerCase())).toEqual(
      titles.slice(2, 4),
    );
    const newest = await ids('sort=updated&order=desc');
    expect(newest[0]).toBe('ips-employment');
    const inYear = await ids(`year=${doc('sleepwell').period?.start ?? 2000}`);
    expect(inYear).toContain('sleepwell');
    const kinds = doc('dial-house-leeds').sources?.map((s) => s.kind) ?? [];
    expect(await ids(`sourceKind=${kinds[0]}`)).toContain('dial-house-leeds');
  });
});
