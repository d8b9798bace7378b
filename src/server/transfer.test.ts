import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.js';
import {
  caseText,
  setupOwner,
  startHarness,
  type Client,
  type Harness,
} from '../../test/server-harness.js';

const LIBRARY = ['sleepwell', 'east-lille', 'dial-house-leeds', 'friendship-bench-zimbabwe'];

describe.each(DIALECTS)('import and export on %s', (dialect) => {
  let h: Harness;
  let owner: Client;
  let ws: string;
  beforeEach(async () => {
    h = await startHarness(dialect);
    ({ owner, workspace: ws } = await setupOwner(h.app));
  });
  afterEach(() => h.close());

  const importFiles = (workspace: string, files: Array<{ name: string; text: string }>) =>
    owner.post(`/api/workspaces/${workspace}/import`, { files });

  it('imports many files, and a workspace export round-trips byte for byte, in YAML and JSON', async () => {
    const first = await importFiles(
      ws,
      LIBRARY.map((n) => ({ name: `${n}.yaml`, text: caseText(n) })),
    );
    expect(first.statusCode).toBe(200);
    expect(first.json().saved).toBe(LIBRARY.length);
    for (const format of ['yaml', 'json'] as const) {
      const exported = await owner.get(`/api/workspaces/${ws}/export?format=${format}`);
      expect(exported.headers['content-disposition']).toContain(`.${format}`);
      const copy = (await owner.post('/api/workspaces', { name: `Copy ${format}` })).json().id;
      const imported = await importFiles(copy, [{ name: `all.${format}`, text: exported.body }]);
      expect(imported.statusCode).toBe(200);
      expect(imported.json().files[0].cases).toHaveLength(LIBRARY.length);
      const again = await owner.get(`/api/workspaces/${copy}/export?format=${format}`);
      expect(again.body).toBe(exported.body);
      const one = await owner.get(`/api/workspaces/${ws}/cases/east-lille/export?format=${format}`);
      const oneCopy = await owner.get(
        `/api/workspaces/${copy}/cases/east-lille/export?format=${format}`,
      );
      expect(oneCopy.body).toBe(one.body);
    }
  });

  it('keeps a file whole or not at all, and names the file, line and field of each mistake', async () => {
    const broken = caseText('dial-house-leeds').replace('level: leads', 'level: lead');
    const line = broken.split('\n').findIndex((l) => l.includes('level: lead')) + 1;
    const stream = `---\n${caseText('ips-employment')}---\n${broken}`;
    const answer = await importFiles(ws, [
      { name: 'good.yaml', text: caseText('sleepwell') },
      { name: 'stream.yaml', text: stream },
      { name: 'nonsense.json', text: '{"format": ' },
    ]);
    expect(answer.statusCode).toBe(207);
    const [good, streamed, nonsense] = answer.json().files;
    expect(good).toMatchObject({ ok: true, cases: [{ id: 'sleepwell', status: 'created' }] });
    expect(streamed.ok).toBe(false);
    const streamLine = caseText('ips-employment').split('\n').length + 1 + line;
    expect(streamed.problems[0]).toMatchObject({
      file: 'stream.yaml',
      line: streamLine,
      field: expect.stringMatching(/roles\[\d+\]\.level$/),
    });
    expect(nonsense.ok).toBe(false);
    expect(nonsense.problems[0].message).toContain('not valid JSON');
    const listed = (await owner.get(`/api/workspaces/${ws}/cases`))
      .json()
      .items.map((i: { id: string }) => i.id);
    // Nothing from the stream was kept, not even its valid first case.
    expect(listed).toEqual(['sleepwell']);
    const none = await importFiles(ws, [{ name: 'empty.yaml', text: '# nothing here\n' }]);
    expect(none.statusCode).toBe(422);
  });

  it('gives an existing case a new revision on import, and leaves an unchanged one alone', async () => {
    await importFiles(ws, [{ name: 'sleepwell.yaml', text: caseText('sleepwell') }]);
    const same = await importFiles(ws, [{ name: 'sleepwell.yaml', text: caseText('sleepwell') }]);
    expect(same.json().files[0].cases[0]).toMatchObject({ status: 'unchanged', revision: 1 });
    const changed = caseText('sleepwell').replace(/^title: .*$/m, 'title: SleepWell, changed');
    const updated = await importFiles(ws, [{ name: 'sleepwell.yaml', text: changed }]);
    expect(updated.json().files[0].cases[0]).toMatchObject({ status: 'updated', revision: 2 });
    const twice = await importFiles(ws, [
      { name: 'twice.yaml', text: `---\n${caseText('sleepwell')}---\n${caseText('sleepwell')}` },
    ]);
    expect(twice.json().files[0].problems[0].message).toContain('appears twice');
  });

  it('imports one file sent as YAML', async () => {
    const answer = await owner.post(
      `/api/workspaces/${ws}/import?name=sleepwell.yaml`,
      caseText('sleepwell'),
    );
    expect(answer.statusCode).toBe(200);
    expect(answer.json().files[0].file).toBe('sleepwell.yaml');
  });
});
