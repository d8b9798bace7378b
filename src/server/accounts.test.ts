import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.js';
import {
  Client,
  PASSWORD,
  addMember,
  setupOwner,
  startHarness,
  type Harness,
} from '../../test/server-harness.js';

describe.each(DIALECTS)('accounts on %s', (dialect) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(dialect);
  });
  afterEach(() => h.close());

  it('lets the first person create the owner account, once', async () => {
    const anyone = new Client(h.app);
    expect((await anyone.get('/api/setup')).json()).toEqual({ needed: true });
    const { owner, workspace } = await setupOwner(h.app);
    expect((await anyone.get('/api/setup')).json()).toEqual({ needed: false });
    const again = await new Client(h.app).post('/api/setup', {
      name: 'X',
      email: 'x@example.org',
      password: PASSWORD,
    });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    const me = (await owner.get('/api/session')).json();
    expect(me.user.email).toBe('owner@example.org');
    expect(me.via).toBe('session');
    const spaces = (await owner.get('/api/workspaces')).json().workspaces;
    expect(spaces.map((w: { id: string; role: string }) => [w.id, w.role])).toContainEqual([
      workspace,
      'owner',
    ]);
  });

  it('lets exactly one of many simultaneous set-ups win', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        new Client(h.app).post('/api/setup', {
          name: `P${i}`,
          email: `p${i}@example.org`,
          password: PASSWORD,
        }),
      ),
    );
    expect(attempts.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409]);
  });

  it('signs in with an HttpOnly, SameSite cookie, and gives the same answer for a wrong email or password', async () => {
    await setupOwner(h.app);
    const person = new Client(h.app);
    const wrongPassword = await person.post('/api/session', {
      email: 'owner@example.org',
      password: 'not the password',
    });
    const wrongEmail = await person.post('/api/session', {
      email: 'nobody@example.org',
      password: PASSWORD,
    });
    expect(wrongPassword.statusCode).toBe(401);
    expect(wrongEmail.statusCode).toBe(401);
    expect(wrongPassword.json().detail).toBe(wrongEmail.json().detail);
    const ok = await person.post('/api/session', {
      email: ' Owner@Example.org ',
      password: PASSWORD,
    });
    expect(ok.statusCode).toBe(200);
    const cookie = ok.cookies.find((c) => c.name === 'coprism_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(ok.body).not.toContain(cookie?.value);
    expect((await person.delete('/api/session')).statusCode).toBe(204);
    expect((await person.get('/api/session')).json().user).toBeNull();
  });

  it('refuses a cookie-authenticated change without the CSRF token', async () => {
    const { owner } = await setupOwner(h.app);
    const csrf = owner.csrf;
    owner.csrf = undefined;
    const refused = await owner.post('/api/workspaces', { name: 'Second' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toContain('X-CSRF-Token');
    owner.csrf = 'csrf_wrong';
    expect((await owner.post('/api/workspaces', { name: 'Second' })).statusCode).toBe(403);
    owner.csrf = csrf;
    expect((await owner.post('/api/workspaces', { name: 'Second' })).statusCode).toBe(201);
  });

  it('ends other sessions when the password changes', async () => {
    const { owner } = await setupOwner(h.app);
    const laptop = new Client(h.app);
    await laptop.post('/api/session', { email: 'owner@example.org', password: PASSWORD });
    expect((await laptop.get('/api/session')).json().user).not.toBeNull();
    const wrong = await owner.put('/api/account/password', {
      current: 'wrong password',
      password: 'a new long password',
    });
    expect(wrong.statusCode).toBe(403);
    const changed = await owner.put('/api/account/password', {
      current: PASSWORD,
      password: 'a new long password',
    });
    expect(changed.statusCode).toBe(204);
    expect((await laptop.get('/api/session')).json().user).toBeNull();
    expect((await owner.get('/api/session')).json().user).not.toBeNull();
    const old = await new Client(h.app).post('/api/session', {
      email: 'owner@example.org',
      password: PASSWORD,
    });
    expect(old.statusCode).toBe(401);
  });

  it('expires sessions', async () => {
    const { owner } = await setupOwner(h.app);
    h.clock.now = new Date(h.clock.now.getTime() + 15 * 24 * 3600 * 1000);
    expect((await owner.get('/api/session')).json().user).toBeNull();
    expect((await owner.post('/api/workspaces', { name: 'Late' })).statusCode).toBe(401);
  });

  it('issues API tokens shown once, kept hashed, usable without CSRF, and revocable', async () => {
    const { owner, workspace } = await setupOwner(h.app);
    const created = await owner.post('/api/tokens', { name: 'laptop script' });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^cpt_/);
    const listed = await owner.get('/api/tokens');
    expect(listed.body).not.toContain(token);
    expect(listed.json().tokens).toHaveLength(1);
    const rows = await h.store.database.selectFrom('api_tokens').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(token);
    const script = new Client(h.app);
    script.token = token;
    expect((await script.get(`/api/workspaces/${workspace}`)).statusCode).toBe(200);
    expect((await script.post('/api/workspaces', { name: 'By script' })).statusCode).toBe(201);
    expect((await owner.delete(`/api/tokens/${id}`)).statusCode).toBe(204);
    const revoked = await script.get(`/api/workspaces/${workspace}`);
    expect(revoked.statusCode).toBe(401);
    script.token = 'cpt_made_up';
    expect((await script.get('/api/workspaces')).statusCode).toBe(401);
  });

  it('keeps passwords only as scrypt hashes', async () => {
    await setupOwner(h.app);
    const rows = await h.store.database.selectFrom('users').selectAll().execute();
    expect(rows[0]?.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(JSON.stringify(rows)).not.toContain(PASSWORD);
  });

  it('lets people join by invitation link, once, before it expires', async () => {
    const { owner, workspace } = await setupOwner(h.app);
    const invite = (
      await owner.post(`/api/workspaces/${workspace}/invitations`, { role: 'viewer' })
    ).json();
    const visitor = new Client(h.app);
    const about = await visitor.get(`/api/invitations/${invite.token}`);
    expect(about.json()).toMatchObject({ workspaceName: 'Recovery team', role: 'viewer' });
    const joined = await visitor.post(`/api/invitations/${invite.token}/join`, {
      name: 'Vic',
      email: 'vic@example.org',
      password: PASSWORD,
    });
    expect(joined.statusCode).toBe(201);
    expect((await visitor.get(`/api/workspaces/${workspace}`)).json().role).toBe('viewer');
    const reuse = await new Client(h.app).post(`/api/invitations/${invite.token}/join`, {
      name: 'Eve',
      email: 'eve@example.org',
      password: PASSWORD,
    });
    expect(reuse.statusCode).toBe(410);
    expect((await new Client(h.app).get('/api/invitations/cpi_nonsense')).statusCode).toBe(404);

    const later = (
      await owner.post(`/api/workspaces/${workspace}/invitations`, { role: 'editor' })
    ).json();
    h.clock.now = new Date(h.clock.now.getTime() + 15 * 24 * 3600 * 1000);
    const expired = await new Client(h.app).get(`/api/invitations/${later.token}`);
    expect(expired.statusCode).toBe(410);
    expect(expired.json().detail).toContain('expired');
  });

  it('lets a signed-in person accept an invitation, and refuses an email already taken', async () => {
    const { owner, workspace } = await setupOwner(h.app);
    const second = (await owner.post('/api/workspaces', { name: 'Second' })).json().id;
    const member = await addMember(h.app, owner, workspace, 'editor', 'ed@example.org');
    const invite = (
      await owner.post(`/api/workspaces/${second}/invitations`, { role: 'viewer' })
    ).json();
    const accepted = await member.post(`/api/invitations/${invite.token}/accept`);
    expect(accepted.json()).toEqual({ workspaceId: second, role: 'viewer' });
    const another = (await owner.post(`/api/workspaces/${second}/invitations`, {})).json();
    const taken = await new Client(h.app).post(`/api/invitations/${another.token}/join`, {
      name: 'Ed again',
      email: 'ED@example.org',
      password: PASSWORD,
    });
    expect(taken.statusCode).toBe(409);
    // The failed join did not use up the invitation.
    expect((await new Client(h.app).get(`/api/invitations/${another.token}`)).statusCode).toBe(200);
  });

  it('lists pending invitations to owners without their links, and withdraws one so its link answers 410', async () => {
    const { owner, workspace } = await setupOwner(h.app);
    const made = (
      await owner.post(`/api/workspaces/${workspace}/invitations`, { role: 'viewer' })
    ).json();
    expect(made.id).toEqual(expect.any(String));
    h.clock.now = new Date(h.clock.now.getTime() + 60_000);
    const second = (await owner.post(`/api/workspaces/${workspace}/invitations`, {})).json();
    const listed = await owner.get(`/api/workspaces/${workspace}/invitations`);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().invitations).toEqual([
      {
        id: second.id,
        role: 'editor',
        createdBy: { id: expect.any(String), name: 'Olu Owner' },
        createdAt: '2026-01-05T10:01:00.000Z',
        expiresAt: second.expiresAt,
      },
      expect.objectContaining({ id: made.id, role: 'viewer', expiresAt: made.expiresAt }),
    ]);
    // The link is shown once, at creation: never again, nor anything it could be made from.
    const hashes = await h.store.database.selectFrom('invitations').select('token_hash').execute();
    for (const secret of [made.token, second.token, ...hashes.map((r) => r.token_hash)])
      expect(listed.body).not.toContain(secret);

    expect(
      (await owner.delete(`/api/workspaces/${workspace}/invitations/${made.id}`)).statusCode,
    ).toBe(204);
    const ids = (await owner.get(`/api/workspaces/${workspace}/invitations`)).json().invitations;
    expect(ids.map((i: { id: string }) => i.id)).toEqual([second.id]);
    const withdrawn = await new Client(h.app).get(`/api/invitations/${made.token}`);
    expect(withdrawn.statusCode).toBe(410);
    expect(withdrawn.headers['content-type']).toContain('application/problem+json');
    expect(withdrawn.json().detail).toContain('withdrawn');
    const join = await new Client(h.app).post(`/api/invitations/${made.token}/join`, {
      name: 'Vic',
      email: 'vic@example.org',
      password: PASSWORD,
    });
    expect(join.statusCode).toBe(410);
    expect(await h.store.users.byEmail('vic@example.org')).toBeUndefined();
    const member = await addMember(h.app, owner, workspace, 'editor', 'ed@example.org');
    expect((await member.post(`/api/invitations/${made.token}/accept`)).statusCode).toBe(410);

    // Withdrawing again, an id that does not exist, or one that is used: each says why not.
    const again = await owner.delete(`/api/workspaces/${workspace}/invitations/${made.id}`);
    expect(again.statusCode).toBe(404);
    expect(again.json().detail).toContain('withdrawn already');
    expect(
      (await owner.delete(`/api/workspaces/${workspace}/invitations/no-such-id`)).statusCode,
    ).toBe(404);
    await new Client(h.app).post(`/api/invitations/${second.token}/join`, {
      name: 'Sam',
      email: 'sam@example.org',
      password: PASSWORD,
    });
    const used = await owner.delete(`/api/workspaces/${workspace}/invitations/${second.id}`);
    expect(used.statusCode).toBe(409);
    expect(used.json().detail).toContain('remove the person');
    expect(
      (await owner.get(`/api/workspaces/${workspace}/invitations`)).json().invitations,
    ).toEqual([]);
  });

  it('keeps invitations to their workspace and their owners: no listing or withdrawing from elsewhere', async () => {
    const { owner, workspace } = await setupOwner(h.app);
    const other = (await owner.post('/api/workspaces', { name: 'Other' })).json().id;
    const made = (await owner.post(`/api/workspaces/${workspace}/invitations`, {})).json();
    // An invitation of one workspace cannot be withdrawn through another the owner also owns.
    expect((await owner.delete(`/api/workspaces/${other}/invitations/${made.id}`)).statusCode).toBe(
      404,
    );
    expect((await owner.get(`/api/workspaces/${other}/invitations`)).json().invitations).toEqual(
      [],
    );
    const editor = await addMember(h.app, owner, workspace, 'editor', 'ed@example.org');
    const refused = await editor.get(`/api/workspaces/${workspace}/invitations`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toContain('only owners can manage members and invitations');
    expect(
      (await editor.delete(`/api/workspaces/${workspace}/invitations/${made.id}`)).statusCode,
    ).toBe(403);
    const stranger = await addMember(h.app, owner, other, 'owner', 'out@example.org');
    expect((await stranger.get(`/api/workspaces/${workspace}/invitations`)).statusCode).toBe(404);
    expect(
      (await stranger.delete(`/api/workspaces/${workspace}/invitations/${made.id}`)).statusCode,
    ).toBe(404);
    expect(
      (await new Client(h.app).get(`/api/workspaces/${workspace}/invitations`)).statusCode,
    ).toBe(404);
    // Nothing of that withdrew it.
    expect((await new Client(h.app).get(`/api/invitations/${made.token}`)).statusCode).toBe(200);
  });

  it('no longer lists an invitation once it has expired', async () => {
    const { owner, workspace } = await setupOwner(h.app);
    await owner.post(`/api/workspaces/${workspace}/invitations`, {});
    expect(
      (await owner.get(`/api/workspaces/${workspace}/invitations`)).json().invitations,
    ).toHaveLength(1);
    h.clock.now = new Date(h.clock.now.getTime() + 15 * 24 * 3600 * 1000);
    await owner.post('/api/session', { email: 'owner@example.org', password: PASSWORD });
    expect(
      (await owner.get(`/api/workspaces/${workspace}/invitations`)).json().invitations,
    ).toEqual([]);
  });

  it('keeps at least one owner in a workspace', async () => {
    const { owner, workspace } = await setupOwner(h.app);
    const me = (await owner.get('/api/session')).json().user.id;
    const demote = await owner.patch(`/api/workspaces/${workspace}/members/${me}`, {
      role: 'editor',
    });
    expect(demote.statusCode).toBe(409);
    expect((await owner.delete(`/api/workspaces/${workspace}/members/${me}`)).statusCode).toBe(409);
    const other = await addMember(h.app, owner, workspace, 'editor', 'ed@example.org');
    const otherId = (await other.get('/api/session')).json().user.id;
    expect(
      (await owner.patch(`/api/workspaces/${workspace}/members/${otherId}`, { role: 'owner' }))
        .statusCode,
    ).toBe(200);
    expect(
      (await owner.patch(`/api/workspaces/${workspace}/members/${me}`, { role: 'viewer' }))
        .statusCode,
    ).toBe(200);
    expect((await other.get(`/api/workspaces/${workspace}/members`)).json().members).toHaveLength(
      2,
    );
  });
});

describe('rate limits', () => {
  it('stop a program guessing passwords, without locking out other accounts', async () => {
    const h = await startHarness('sqlite');
    try {
      await setupOwner(h.app);
      const guesser = new Client(h.app);
      const answers = [];
      for (let i = 0; i < 11; i++) {
        answers.push(
          (
            await guesser.post('/api/session', {
              email: 'owner@example.org',
              password: `guess ${i}`,
            })
          ).statusCode,
        );
      }
      expect(answers.slice(0, 10).every((s) => s === 401)).toBe(true);
      const limited = await guesser.post('/api/session', {
        email: 'owner@example.org',
        password: PASSWORD,
      });
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['content-type']).toContain('application/problem+json');
      expect(limited.json().detail).toMatch(/^Too many attempts\. Wait .+ before trying again\.$/);
      expect(limited.headers['retry-after']).toBeDefined();
      // Another account from the same address is not locked out.
      const other = await guesser.post('/api/session', {
        email: 'someone@example.org',
        password: PASSWORD,
      });
      expect(other.statusCode).toBe(401);
    } finally {
      await h.close();
    }
  });
});
