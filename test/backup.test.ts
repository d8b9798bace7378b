// `coprism backup` and `coprism restore`: a whole installation, across SQLite and PostgreSQL.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openStore, type DatabaseConfig } from '../src/store/index.js';
import { freshDatabase } from './databases.js';
import { coprismAsync } from './run-cli.js';
import {
  PASSWORD,
  addMember,
  caseText,
  setupOwner,
  startHarness,
  Client,
} from './server-harness.js';

const target = (config: DatabaseConfig): { args: string[]; env: Record<string, string> } =>
  config.kind === 'postgres'
    ? { args: [], env: { DATABASE_URL: config.url } }
    : {
        args: ['--data', config.kind === 'sqlite' ? config.folder : ''],
        env: { DATABASE_URL: '' },
      };

/** Every table that a backup keeps, row by row, in a fixed order. */
async function everything(config: DatabaseConfig): Promise<unknown> {
  const store = await openStore(config);
  try {
    const db = store.database;
    return {
      users: await db.selectFrom('users').selectAll().orderBy('id').execute(),
      tokens: await db.selectFrom('api_tokens').selectAll().orderBy('id').execute(),
      workspaces: await db.selectFrom('workspaces').selectAll().orderBy('id').execute(),
      members: await db
        .selectFrom('members')
        .selectAll()
        .orderBy('workspace_id')
        .orderBy('user_id')
        .execute(),
      invitations: await db.selectFrom('invitations').selectAll().orderBy('token_hash').execute(),
      cases: await db.selectFrom('cases').selectAll().orderBy('id').execute(),
      tags: await db
        .selectFrom('case_tags')
        .selectAll()
        .orderBy('case_id')
        .orderBy('tag')
        .orderBy('value')
        .execute(),
      revisions: await db
        .selectFrom('revisions')
        .selectAll()
        .orderBy('case_id')
        .orderBy('number')
        .execute(),
      analyses: await db
        .selectFrom('analyses')
        .selectAll()
        .orderBy('case_id')
        .orderBy('revision')
        .execute(),
    };
  } finally {
    await store.close();
  }
}

const tmp = () => mkdtempSync(join(tmpdir(), 'coprism-backup-'));

describe('backup and restore', () => {
  it.each([
    ['sqlite', 'postgres'],
    ['postgres', 'sqlite'],
  ] as const)(
    'backs up a %s installation and restores it, identical, into %s',
    async (from, to) => {
      const h = await startHarness(from, { library: ['cases/sleepwell.yaml'] });
      const { owner, workspace } = await setupOwner(h.app);
      await addMember(h.app, owner, workspace, 'editor', 'ed@example.org');
      await owner.post('/api/tokens', { name: 'script' });
      await owner.post(`/api/workspaces/${workspace}/import`, {
        files: ['east-lille', 'dial-house-leeds'].map((n) => ({
          name: `${n}.yaml`,
          text: caseText(n),
        })),
      });
      await owner.put(`/api/workspaces/${workspace}/cases/dial-house-leeds`, {
        text: caseText('dial-house-leeds').replace(
          /^title: .*$/m,
          'title: Dial House, Leeds (changed)',
        ),
        revision: 1,
      });
      await h.close();

      const file = join(tmp(), 'all.coprism.gz');
      const source = target(h.config);
      const saved = await coprismAsync(['backup', '--out', file, ...source.args], source.env);
      expect(saved.err).toBe('');
      expect(saved.code).toBe(0);
      expect(saved.out).toContain('3 cases (4 revisions), 2 accounts and 2 workspaces');
      expect(gunzipSync(readFileSync(file)).toString()).not.toContain(PASSWORD);

      const restoredConfig = await freshDatabase(to);
      const into = target(restoredConfig);
      const restored = await coprismAsync(['restore', file, ...into.args], into.env);
      expect(restored.err).toBe('');
      expect(restored.code).toBe(0);
      expect(await everything(restoredConfig)).toEqual(await everything(h.config));

      // The restored installation works: the owner signs in and sees their cases.
      const again = await startHarnessOn(restoredConfig);
      const person = new Client(again.app);
      expect(
        (await person.post('/api/session', { email: 'owner@example.org', password: PASSWORD }))
          .statusCode,
      ).toBe(200);
      expect((await person.get(`/api/workspaces/${workspace}/cases`)).json().total).toBe(2);
      // Search words are found in the restored cases (the search index is rebuilt as they are).
      const found = (await person.get(`/api/workspaces/${workspace}/cases?q=lille`)).json();
      expect(found.items.map((c: { id: string }) => c.id)).toEqual(['east-lille']);
      await again.close();

      const twice = await coprismAsync(['restore', file, ...into.args], into.env);
      expect(twice.code).toBe(1);
      expect(twice.err).toContain('not empty');
    },
  );

  it('refuses a damaged or foreign file and restores nothing from it', async () => {
    const h = await startHarness('sqlite');
    await setupOwner(h.app);
    await h.close();
    const dir = tmp();
    const file = join(dir, 'good.gz');
    const source = target(h.config);
    expect((await coprismAsync(['backup', '-o', file, ...source.args], source.env)).code).toBe(0);
    const lines = gunzipSync(readFileSync(file)).toString().trimEnd().split('\n');
    const cases: Array<[string, Buffer, string]> = [
      ['truncated.gz', gzipSync(lines.slice(0, -1).join('\n')), 'incomplete'],
      [
        'garbled.gz',
        gzipSync(
          [...lines.slice(0, 2), '{"table": "users", "rows": [', ...lines.slice(2)].join('\n'),
        ),
        'damaged',
      ],
      ['plain.txt', Buffer.from('hello'), 'not a Coprism backup'],
      ['other.gz', gzipSync('{"format":"something-else"}\n'), 'not a Coprism backup'],
    ];
    for (const [name, bytes, message] of cases) {
      writeFileSync(join(dir, name), bytes);
      const empty = await freshDatabase('sqlite');
      const into = target(empty);
      const answer = await coprismAsync(['restore', join(dir, name), ...into.args], into.env);
      expect(answer.code, name).toBe(1);
      expect(answer.err, name).toContain(message);
      const store = await openStore(empty);
      expect(await store.users.isInstalled(), name).toBe(false);
      await store.close();
    }
    const missing = await coprismAsync(['restore', join(dir, 'nope.gz'), '--data', tmp()], {
      DATABASE_URL: '',
    });
    expect(missing.err).toContain('does not exist');
    expect((await coprismAsync(['backup'], { DATABASE_URL: '' })).code).toBe(2);
  });
});

async function startHarnessOn(config: DatabaseConfig) {
  const { buildApp } = await import('../src/server/index.js');
  const store = await openStore(config);
  const app = await buildApp({ store });
  return { app, close: async () => (await app.close(), await store.close()) };
}
