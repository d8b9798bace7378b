// Who may see and change what: every case route, for every kind of caller.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.js';
import {
  Client,
  addMember,
  caseText,
  setupOwner,
  startHarness,
  type Harness,
} from '../../test/server-harness.js';

type Caller = 'anonymous' | 'outsider' | 'viewer' | 'editor' | 'owner';
type Route = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  right: 'read' | 'write' | 'manage';
};

describe.each(DIALECTS)('access on %s', (dialect) => {
  let h: Harness;
  let ws: string;
  let outsiderWs: string;
  let invitation: string;
  const clients = {} as Record<Caller, Client>;

  beforeAll(async () => {
    h = await startHarness(dialect, { library: ['cases/sleepwell.yaml'] });
    const { owner, workspace } = await setupOwner(h.app);
    ws = workspace;
    clients.owner = owner;
    clients.editor = await addMember(h.app, owner, ws, 'editor', 'ed@example.org');
    clients.viewer = await addMember(h.app, owner, ws, 'viewer', 'vi@example.org');
    const otherSpace = (await owner.post('/api/workspaces', { name: 'Elsewhere' })).json()
      .id as string;
    clients.outsider = await addMember(h.app, owner, otherSpace, 'owner', 'out@example.org');
    outsiderWs = otherSpace;
    clients.anonymous = new Client(h.app);
    // An invitation waiting to be used, which no caller below may list or withdraw.
    invitation = (await owner.post(`/api/workspaces/${ws}/invitations`, { role: 'viewer' })).json()
      .id as string;
    expect(
      (await owner.post(`/api/workspaces/${ws}/cases`, { text: caseText('sleepwell') })).statusCode,
    ).toBe(201);
    // The owner leaves "Elsewhere" so the outsider's own workspace is theirs alone.
    const ownerId = (await owner.get('/api/session')).json().user.id;
    expect(
      (await owner.delete(`/api/workspaces/${outsiderWs}/members/${ownerId}`)).statusCode,
    ).toBe(204);
  });
  afterAll(() => h.close());

  const c = () => `/api/workspaces/${ws}/cases/sleepwell`;
  const routes = (): Route[] => [
    { method: 'GET', path: `/api/workspaces/${ws}`, right: 'read' },
    { method: 'GET', path: `/api/workspaces/${ws}/members`, right: 'read' },
    { method: 'GET', path: `/api/workspaces/${ws}/cases`, right: 'read' },
    { method: 'GET', path: `/api/workspaces/${ws}/bin`, right: 'read' },
    { method: 'GET', path: c(), right: 'read' },
    { method: 'GET', path: `${c()}/revisions`, right: 'read' },
    { method: 'GET', path: `${c()}/revisions/1`, right: 'read' },
    { method: 'GET', path: `${c()}/diff?from=1&to=1`, right: 'read' },
    { method: 'GET', path: `${c()}/analysis`, right: 'read' },
    { method: 'GET', path: `${c()}/export`, right: 'read' },
    { method: 'GET', path: `/api/workspaces/${ws}/export`, right: 'read' },
    {
      method: 'POST',
      path: `/api/workspaces/${ws}/cases`,
      body: { text: caseText('dial-house-leeds') },
      right: 'write',
    },
    {
      method: 'PUT',
      path: c(),
      body: { text: caseText('sleepwell'), revision: 1 },
      right: 'write',
    },
    { method: 'POST', path: `${c()}/revert`, body: { to: 1, revision: 1 }, right: 'write' },
    { method: 'POST', path: `${c()}/share`, body: {}, right: 'write' },
    { method: 'DELETE', path: `${c()}/share`, right: 'write' },
    {
      method: 'POST',
      path: `/api/workspaces/${ws}/import`,
      body: { files: [{ name: 'a.yaml', text: caseText('sleepwell') }] },
      right: 'write',
    },
    { method: 'DELETE', path: c(), right: 'write' },
    {
      method: 'POST',
      path: `/api/workspaces/${ws}/bin/sleepwell/restore`,
      body: {},
      right: 'write',
    },
    { method: 'PATCH', path: `/api/workspaces/${ws}`, body: { name: 'Renamed' }, right: 'manage' },
    {
      method: 'POST',
      path: `/api/workspaces/${ws}/invitations`,
      body: { role: 'viewer' },
      right: 'manage',
    },
    { method: 'GET', path: `/api/workspaces/${ws}/invitations`, right: 'manage' },
    { method: 'DELETE', path: `/api/workspaces/${ws}/invitations/${invitation}`, right: 'manage' },
  ];
  const allowed: Record<Caller, ReadonlyArray<Route['right']>> = {
    anonymous: [],
    outsider: [],
    viewer: ['read'],
    editor: ['read', 'write'],
    owner: ['read', 'write', 'manage'],
  };

  it.each(['anonymous', 'outsider', 'viewer', 'editor'] as const)(
    '%s gets exactly the rights of their role',
    async (who) => {
      for (const route of routes()) {
        const answer = await clients[who].request(route.method, route.path, route.body);
        const may = allowed[who].includes(route.right);
        const label = `${who} ${route.method} ${route.path}`;
        if (may) {
          expect(answer.statusCode, label).toBeLessThan(300);
        } else if (who === 'anonymous' || who === 'outsider') {
          // Not a 403: a workspace you cannot see does not confirm that it exists.
          expect(answer.statusCode, `${label}: ${answer.body}`).toBe(404);
          expect(answer.body, label).not.toContain('Sleep');
        } else {
          expect(answer.statusCode, `${label}: ${answer.body}`).toBe(403);
        }
        expect(String(answer.headers['content-type'] ?? ''), label).not.toContain('text/html');
      }
    },
  );

  it('answers a case in someone else’s workspace exactly as a case that does not exist', async () => {
    const hidden = await clients.outsider.get(c());
    const missing = await clients.outsider.get(`/api/workspaces/${outsiderWs}/cases/no-such-case`);
    const noWorkspace = await clients.outsider.get('/api/workspaces/nonexistent/cases/sleepwell');
    expect(hidden.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(hidden.json().detail).toBe(noWorkspace.json().detail);
  });

  it('lets anyone read the library, and nobody change it', async () => {
    const listed = await clients.anonymous.get('/api/workspaces/library/cases');
    expect(listed.json().items.map((i: { id: string }) => i.id)).toEqual(['sleepwell']);
    expect(
      (await clients.anonymous.get('/api/workspaces/library/cases/sleepwell/analysis')).statusCode,
    ).toBe(200);
    for (const who of ['anonymous', 'owner'] as const) {
      const put = await clients[who].put('/api/workspaces/library/cases/sleepwell', {
        text: caseText('sleepwell'),
        revision: 1,
      });
      expect(put.statusCode).toBe(403);
      expect(put.json().detail).toContain('read-only');
      expect(
        (await clients[who].delete('/api/workspaces/library/cases/sleepwell')).statusCode,
      ).toBe(403);
    }
    expect((await clients.owner.get('/api/workspaces/library/invitations')).statusCode).toBe(403);
    const spaces = (await clients.anonymous.get('/api/workspaces')).json().workspaces;
    expect(spaces.map((w: { id: string }) => w.id)).toEqual(['library']);
  });

  it('leaves the invitation waiting after everyone else tried to withdraw it, and lets its owner see it', async () => {
    const pending = (await clients.owner.get(`/api/workspaces/${ws}/invitations`)).json();
    expect(pending.invitations.map((i: { id: string }) => i.id)).toContain(invitation);
  });

  it('lets an owner manage members, and nobody else', async () => {
    const members = (await clients.viewer.get(`/api/workspaces/${ws}/members`)).json().members;
    const editorId = members.find((m: { email: string }) => m.email === 'ed@example.org').userId;
    expect(
      (await clients.editor.patch(`/api/workspaces/${ws}/members/${editorId}`, { role: 'owner' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await clients.viewer.delete(`/api/workspaces/${ws}/members/${editorId}`)).statusCode,
    ).toBe(403);
    expect(
      (await clients.outsider.delete(`/api/workspaces/${ws}/members/${editorId}`)).statusCode,
    ).toBe(404);
    expect(
      (await clients.owner.patch(`/api/workspaces/${ws}/members/${editorId}`, { role: 'viewer' }))
        .statusCode,
    ).toBe(200);
    expect(
      (
        await clients.editor.post(`/api/workspaces/${ws}/cases`, {
          text: caseText('ips-employment'),
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await clients.owner.patch(`/api/workspaces/${ws}/members/${editorId}`, { role: 'editor' }))
        .statusCode,
    ).toBe(200);
  });
});
