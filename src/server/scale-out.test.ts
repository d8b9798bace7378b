// Several server processes sharing one PostgreSQL database, as behind a load balancer.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/index.js';
import { freshDatabase } from '../../test/databases.js';
import { caseText, setupOwner } from '../../test/server-harness.js';
import { buildApp } from './app.js';
import { CasesService } from './cases.service.js';
import { loadLibrary } from './library.js';

describe('two servers on one PostgreSQL database', () => {
  const stores: Store[] = [];
  const apps: FastifyInstance[] = [];
  beforeAll(async () => {
    const config = await freshDatabase('postgres');
    for (let i = 0; i < 2; i++) {
      const store = await openStore(config);
      stores.push(store);
      apps.push(await buildApp({ store }));
    }
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const store of stores) await store.close();
  });

  it('load the library at the same time without doubling or losing a case', async () => {
    const files = ['sleepwell', 'east-lille', 'dial-house-leeds'].map((n) => ({
      name: `${n}.yaml`,
      text: readFileSync(`cases/${n}.yaml`, 'utf8'),
    }));
    const loads = await Promise.all(
      stores.map((s) => loadLibrary(s, new CasesService(s, () => new Date()), files, new Date())),
    );
    expect(loads.map((l) => l.problems)).toEqual([[], []]);
    expect(loads.reduce((n, l) => n + l.created, 0)).toBe(3);
    const [, second] = apps as [FastifyInstance, FastifyInstance];
    const listed = await second.inject({ url: '/api/workspaces/library/cases' });
    expect(listed.json().total).toBe(3);
  });

  it('share sessions, see each other’s saves, and never let two writers both win', async () => {
    const [a, b] = apps as [FastifyInstance, FastifyInstance];
    const { owner, workspace } = await setupOwner(a);
    // The same person, with the same cookie, talking to the other server.
    const viaB = owner.on(b);
    expect((await viaB.get('/api/session')).json().user.email).toBe('owner@example.org');
    const url = `/api/workspaces/${workspace}/cases`;
    expect((await owner.post(url, { text: caseText('sleepwell') })).statusCode).toBe(201);
    expect((await viaB.get(`${url}/sleepwell`)).json().revision).toBe(1);
    const edits = await Promise.all(
      [owner, viaB, owner, viaB].map((client, i) =>
        client.put(`${url}/sleepwell`, {
          text: caseText('sleepwell').replace(/^title: .*$/m, `title: Edit ${i}`),
          revision: 1,
        }),
      ),
    );
    expect(edits.map((e) => e.statusCode).sort()).toEqual([200, 409, 409, 409]);
    const history = (await viaB.get(`${url}/sleepwell/revisions`)).json().revisions;
    expect(history).toHaveLength(2);
    const winner = edits.find((e) => e.statusCode === 200)?.json().title;
    expect((await owner.get(`${url}/sleepwell`)).json().title).toBe(winner);
  });
});
