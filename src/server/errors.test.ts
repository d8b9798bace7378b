// Bad requests get a plain-English problem document, never a stack trace; secrets stay out of logs.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  Client,
  PASSWORD,
  caseText,
  setupOwner,
  startHarness,
  type Harness,
} from '../../test/server-harness.js';
import { redactPath } from './app.js';

describe('problems and documentation', () => {
  let h: Harness;
  const logs: string[] = [];
  beforeEach(async () => {
    logs.length = 0;
    h = await startHarness('sqlite', { logs });
  });
  afterEach(() => h.close());

  it('answers malformed, unknown and oversized requests with problem JSON', async () => {
    const { owner, workspace } = await setupOwner(h.app);
    const answers = [
      await owner.request('POST', `/api/workspaces/${workspace}/cases`, '{"document": ', {
        'content-type': 'application/json',
      }),
      await owner.get('/api/no/such/route'),
      await owner.request('POST', '/api/session', '<xml/>', { 'content-type': 'application/xml' }),
      await owner.request('POST', '/api/analyse', 'x'.repeat(6 * 1024 * 1024), {
        'content-type': 'text/plain',
      }),
      await owner.get(`/api/workspaces/${workspace}/cases?limit=100000`),
      await owner.get(`/api/workspaces/${workspace}/cases/NOT_AN_ID`),
    ];
    expect(answers.map((a) => a.statusCode)).toEqual([400, 404, 415, 413, 400, 400]);
    for (const answer of answers) {
      expect(answer.headers['content-type']).toContain('application/problem+json');
      const body = answer.json();
      expect(body).toMatchObject({ type: 'about:blank', status: answer.statusCode });
      expect(typeof body.title).toBe('string');
      expect(body.detail.length).toBeGreaterThan(10);
      expect(answer.body).not.toMatch(/at .*\.(js|ts):\d+/);
    }
    expect(answers[4]?.json().detail).toContain('limit');
  });

  it('publishes an OpenAPI 3.1 document and browsable docs', async () => {
    const spec = (await new Client(h.app).get('/api/openapi.json')).json();
    expect(spec.openapi).toBe('3.1.0');
    for (const path of [
      '/api/workspaces/{workspace}/cases',
      '/api/workspaces/{workspace}/import',
      '/api/analyse',
      '/api/setup',
    ]) {
      expect(Object.keys(spec.paths)).toContain(path);
    }
    const docs = await new Client(h.app).get('/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('<html');
  });

  it('never writes passwords, session secrets, API tokens or invitation links to the log', async () => {
    const { owner, workspace } = await setupOwner(h.app);
    const token = (await owner.post('/api/tokens', { name: 'script' })).json().token as string;
    const invite = (
      await owner.post(`/api/workspaces/${workspace}/invitations`, { role: 'viewer' })
    ).json().token as string;
    const guest = new Client(h.app);
    await guest.get(`/api/invitations/${invite}`);
    await guest.post(`/api/invitations/${invite}/join`, {
      name: 'G',
      email: 'g@example.org',
      password: PASSWORD,
    });
    const share = (
      await owner.post(`/api/workspaces/${workspace}/cases`, { text: caseText('sleepwell') })
    ).statusCode;
    expect(share).toBe(201);
    const link = (await owner.post(`/api/workspaces/${workspace}/cases/sleepwell/share`)).json()
      .token as string;
    await guest.get(`/api/shared/${link}`);
    const script = new Client(h.app);
    script.token = token;
    await script.get('/api/workspaces');
    const session = (
      await h.store.database.selectFrom('sessions').select('csrf_token').execute()
    ).map((s) => s.csrf_token);
    const all = logs.join('\n');
    expect(logs.length).toBeGreaterThan(10);
    for (const secret of [PASSWORD, token, invite, link, ...session])
      expect(all).not.toContain(secret);
    expect(all).not.toMatch(/coprism_session=|authorization/i);
  });
});

describe('the paths written to the log', () => {
  it('hide the secret in invitation and share links, of the API and of the web app alike', () => {
    const secret = 'cpi_UbOJsa2ovEi2tXT8ul1REva8YMoChNRp';
    for (const [path, shown] of [
      [`/join/${secret}`, '/join/…'],
      [`/shared/${secret}?x=1`, '/shared/…?x=1'],
      [`/api/invitations/${secret}/join`, '/api/invitations/…/join'],
      [`/api/shared/${secret}`, '/api/shared/…'],
    ] as const)
      expect(redactPath(path)).toBe(shown);
    expect(redactPath('/api/workspaces/w1/cases/sleepwell')).toBe(
      '/api/workspaces/w1/cases/sleepwell',
    );
  });
});

describe('security headers', () => {
  it('are on every answer, with a policy that allows no inline script and no framing', async () => {
    const h = await startHarness('sqlite');
    try {
      for (const url of ['/api/health', '/api/no/such/route', '/api/workspaces']) {
        const answer = await new Client(h.app).get(url);
        const csp = String(answer.headers['content-security-policy']);
        expect(csp).toContain("script-src 'self'");
        expect(csp).not.toContain('unsafe-inline');
        expect(csp).toContain("frame-ancestors 'none'");
        expect(answer.headers['x-content-type-options']).toBe('nosniff');
        expect(answer.headers['referrer-policy']).toBe('no-referrer');
        expect(answer.headers['cache-control']).toBe('no-store');
      }
      const docs = await new Client(h.app).get('/api/docs/');
      expect(String(docs.headers['content-security-policy'])).toContain('script-src');
    } finally {
      await h.close();
    }
  });
});
