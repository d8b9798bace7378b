// Who may see and change what: every workspace route, for every kind of caller. A test checks that
// no route of the OpenAPI document under a workspace is left out of the matrix.
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
  /** The body, or a function that makes it when the request is sent (to name the current revision). */
  body?: unknown;
  right: 'read' | 'write' | 'manage';
};

/** A body whose `revision` is a function gets the value it gives when the request is sent. */
async function withRevision(body: unknown): Promise<unknown> {
  if (typeof body !== 'object' || body === null || !('revision' in body)) return body;
  const { revision } = body as { revision: unknown };
  return typeof revision === 'function'
    ? { ...body, revision: await (revision as () => Promise<number>)() }
    : body;
}

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
    { method: 'GET', path: `${c()}/report?format=markdown`, right: 'read' },
    { method: 'GET', path: `${c()}/similar`, right: 'read' },
    { method: 'GET', path: `/api/workspaces/${ws}/table?format=json`, right: 'read' },
    { method: 'GET', path: `/api/workspaces/${ws}/summary`, right: 'read' },
    {
      method: 'POST',
      path: `${c()}/my-account`,
      body: {
        component: 'protected-sleep',
        claims: [{ party: 'patients', stage: 'evaluation', level: 'consulted' }],
        revision: async () => (await clients.owner.get(c())).json().revision as number,
      },
      right: 'write',
    },
    { method: 'POST', path: `/api/workspaces/${ws}/drafts`, body: {}, right: 'write' },
    { method: 'GET', path: `/api/workspaces/${ws}/drafts`, right: 'write' },
    { method: 'GET', path: `/api/workspaces/${ws}/invitations`, right: 'manage' },
    { method: 'DELETE', path: `/api/workspaces/${ws}/invitations/${invitation}`, right: 'manage' },
  ];
  // Routes whose rule is not a workspace role, each proved by its own test below or elsewhere.
  const elsewhere = [
    'DELETE /api/workspaces/{workspace}/members/{user}', // lets an owner manage members
    'PATCH /api/workspaces/{workspace}/members/{user}', // lets an owner manage members
    'GET /api/workspaces/{workspace}/drafts/{draft}', // keeps a draft private to its author
    'PUT /api/workspaces/{workspace}/drafts/{draft}', // keeps a draft private to its author
    'DELETE /api/workspaces/{workspace}/drafts/{draft}', // keeps a draft private to its author
    'PATCH /api/workspaces/{workspace}/drafts/{draft}', // keeps a draft private to its author
    'POST /api/workspaces/{workspace}/drafts/{draft}/publish', // keeps a draft private to its author
  ];
  const template = (route: Route): string =>
    `${route.method} ${route.path
      .replace(/\?.*$/, '')
      .replace(ws, '{workspace}')
      .replace(/\/(cases|bin)\/sleepwell/, '/$1/{case}')
      .replace(/\/revisions\/\d+/, '/revisions/{revision}')
      .replace(/\/invitations\/[^/]+$/, '/invitations/{invitation}')}`;

  it('leaves no workspace route of the API out of the matrix', async () => {
    const spec = (await clients.anonymous.get('/api/openapi.json')).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const inApi = Object.entries(spec.paths)
      .filter(([path]) => path.startsWith('/api/workspaces/{workspace}'))
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    const covered = new Set([...routes().map(template), ...elsewhere]);
    expect(inApi.filter((r) => !covered.has(r))).toEqual([]);
    expect(inApi.length).toBeGreaterThan(25);
  });
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
        const body = await withRevision(route.body);
        const answer = await clients[who].request(route.method, route.path, body);
        const may = allowed[who].includes(route.right);
        const label = `${who} ${route.method} ${route.path}`;
        if (may) {
          expect(answer.statusCode, label).toBeLessThan(300);
        } else if (who === 'anonymous' || who === 'outsider') {
          // Not a 403: a workspace you cannot see does not confirm that it exists. Signed out, a
          // route for signed-in people may say "sign in first", but then for any workspace alike.
          const nowhere = await clients[who].request(
            route.method,
            route.path.replace(ws, 'no-such-workspace'),
            body,
          );
          expect(
            [404, ...(who === 'anonymous' ? [401] : [])],
            `${label}: ${answer.body}`,
          ).toContain(answer.statusCode);
          expect(answer.statusCode, label).toBe(nowhere.statusCode);
          expect(answer.json().detail, label).toBe(nowhere.json().detail);
          expect(answer.body, label).not.toContain('Sleep');
        } else {
          expect(answer.statusCode, `${label}: ${answer.body}`).toBe(403);
        }
        expect(String(answer.headers['content-type'] ?? ''), label).not.toContain('text/html');
      }
    },
  );

  it('keeps a draft private to its author, even from the workspace’s owner', async () => {
    const made = await clients.editor.post(`/api/workspaces/${ws}/drafts`, {});
    expect(made.statusCode).toBe(201);
    const draft = `/api/workspaces/${ws}/drafts/${made.json().id as string}`;
    const document = { format: 'coprism/1', id: 'private-draft', title: 'Not yet shared' };
    for (const who of ['anonymous', 'outsider', 'viewer', 'owner'] as const) {
      for (const [method, path, body] of [
        ['GET', draft, undefined],
        ['PUT', draft, { document }],
        ['PATCH', draft, { step: 'p1-design' }],
        ['POST', `${draft}/publish`, {}],
        ['DELETE', draft, undefined],
      ] as const) {
        const answer = await clients[who].request(method, path, body);
        // A viewer may not write drafts at all (403); everyone else is told there is no such draft.
        const expected = { anonymous: [401, 404], outsider: [404], viewer: [403], owner: [404] }[
          who
        ];
        expect(expected, `${who} ${method} ${path}`).toContain(answer.statusCode);
        expect(answer.body).not.toContain('Not yet shared');
      }
      const listed = await clients[who].get(`/api/workspaces/${ws}/drafts`);
      expect(listed.body).not.toContain(made.json().id as string);
    }
    expect((await clients.editor.put(draft, { document })).statusCode).toBe(200);
    expect((await clients.editor.delete(draft)).statusCode).toBeLessThan(300);
  });

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
