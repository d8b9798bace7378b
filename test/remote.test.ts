// `coprism push` and `coprism pull` against a real server on a real port.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coprismAsync } from './run-cli.js';
import { caseText, setupOwner, startHarness, type Client, type Harness } from './server-harness.js';

describe('push and pull', () => {
  let h: Harness;
  let owner: Client;
  let ws: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    h = await startHarness('sqlite');
    ({ owner, workspace: ws } = await setupOwner(h.app));
    const token = (await owner.post('/api/tokens', { name: 'cli' })).json().token as string;
    const address = await h.app.listen({ port: 0, host: '127.0.0.1' });
    env = { COPRISM_SERVER: address, COPRISM_TOKEN: token, COPRISM_WORKSPACE: '' };
  });
  afterAll(() => h.close());

  it('pushes case files and pulls one back, byte for byte as the server exports it', async () => {
    const pushed = await coprismAsync(
      ['push', 'cases/sleepwell.yaml', 'cases/east-lille.yaml', '--workspace', ws],
      env,
    );
    expect(pushed.err).toBe('');
    expect(pushed.code).toBe(0);
    expect(pushed.out).toContain('sleepwell created (revision 1)');
    const again = await coprismAsync(['push', 'cases/sleepwell.yaml', '-w', ws], env);
    expect(again.out).toContain('sleepwell unchanged (revision 1)');
    const pulled = await coprismAsync(['pull', `${ws}/east-lille`], env);
    expect(pulled.code).toBe(0);
    const exported = await owner.get(`/api/workspaces/${ws}/cases/east-lille/export?format=yaml`);
    expect(pulled.out).toBe(exported.body);
    const out = join(mkdtempSync(join(tmpdir(), 'coprism-pull-')), 'sleepwell.json');
    expect(
      (await coprismAsync(['pull', 'sleepwell', '-w', ws, '--format', 'json', '--out', out], env))
        .code,
    ).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).id).toBe('sleepwell');
  });

  it('makes a report of a case on the server', async () => {
    await coprismAsync(['push', 'cases/sleepwell.yaml', '-w', ws], env);
    const markdown = await coprismAsync(['report', `${ws}/sleepwell`, '--format', 'markdown'], env);
    expect(markdown.err).toBe('');
    expect(markdown.out).toContain('revision 1');
    const pdf = join(mkdtempSync(join(tmpdir(), 'coprism-report-')), 'sleepwell.pdf');
    const written = await coprismAsync(
      ['report', `${ws}/sleepwell`, '--format', 'pdf', '--out', pdf],
      env,
    );
    expect(written.code).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const missing = await coprismAsync(['report', `${ws}/no-such-case`], env);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('no case here');
  });

  it('reports a file with mistakes by file, line and field, and saves nothing from it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coprism-push-'));
    const bad = join(dir, 'dial-house.yaml');
    writeFileSync(bad, caseText('dial-house-leeds').replace('level: leads', 'level: lead'));
    const answer = await coprismAsync(['push', bad, '-w', ws], env);
    expect(answer.code).toBe(1);
    expect(answer.err).toMatch(
      new RegExp(
        `${bad}:\\d+:\\d+: components\\[\\d+\\]\\.roles\\[\\d+\\]\\.level: 'lead' is not a level`,
      ),
    );
    expect((await owner.get(`/api/workspaces/${ws}/cases/dial-house-leeds`)).statusCode).toBe(404);
  });

  it('says plainly what is wrong with the token, the server or the command', async () => {
    const noToken = await coprismAsync(['push', 'cases/sleepwell.yaml', '-w', ws], {
      ...env,
      COPRISM_TOKEN: '',
    });
    expect(noToken.code).toBe(2);
    expect(noToken.err).toContain('COPRISM_TOKEN');
    const wrongToken = await coprismAsync(['pull', `${ws}/sleepwell`], {
      ...env,
      COPRISM_TOKEN: 'cpt_wrong',
    });
    expect(wrongToken.code).toBe(1);
    expect(wrongToken.err).toContain('API token is not valid');
    const nowhere = await coprismAsync(['pull', `${ws}/sleepwell`], {
      ...env,
      COPRISM_SERVER: 'http://127.0.0.1:1',
    });
    expect(nowhere.code).toBe(1);
    expect(nowhere.err).toContain('cannot reach the server');
    const missing = await coprismAsync(['pull', `${ws}/no-such-case`], env);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('no case here');
    expect((await coprismAsync(['pull'], env)).code).toBe(2);
    expect((await coprismAsync(['push', 'cases/sleepwell.yaml'], env)).code).toBe(2);
  });
});
