// Whatever arrives, every route answers with success or a 4xx problem: never a 500, never a crash.
import { fc } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../test/server-harness.js';
import { caseText, setupOwner, startHarness, type Harness } from '../../test/server-harness.js';

const NASTY_STRINGS = [
  "'; DROP TABLE cases; --",
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  '\u0000\u0001\u001f',
  '\ud800',
  '%00',
  '../../etc/passwd',
  'x'.repeat(100_000),
  '{"a":',
];

// A lone surrogate cannot be put in a URL at all; the rest can.
const safeEncode = (s: string): string => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '?'));
const URL_SAFE = NASTY_STRINGS.filter((s) => !/[\ud800-\udfff]/.test(s));

const nastyValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(...NASTY_STRINGS),
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(
        fc.constantFrom(
          '__proto__',
          'constructor',
          'prototype',
          'document',
          'text',
          'files',
          'email',
          'password',
          'revision',
        ),
        fc.string(),
      ),
      tie('value'),
      { maxKeys: 5 },
    ),
  ),
})).value;

describe('hostile input', () => {
  let h: Harness;
  let owner: Client;
  let routes: Array<{ method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; url: string }>;
  beforeAll(async () => {
    h = await startHarness('sqlite', { library: ['cases/sleepwell.yaml'] });
    const setup = await setupOwner(h.app);
    owner = setup.owner;
    await owner.post(`/api/workspaces/${setup.workspace}/cases`, { text: caseText('sleepwell') });
    const spec = (await owner.get('/api/openapi.json')).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    routes = Object.entries(spec.paths).flatMap(([path, methods]) =>
      Object.keys(methods)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => ({
          method: m.toUpperCase() as 'GET',
          url: path
            .replace('{workspace}', setup.workspace)
            .replace('{case}', 'sleepwell')
            .replace(/\{[^}]+\}/g, 'x1'),
        })),
    );
    expect(routes.length).toBeGreaterThan(30);
  });
  afterAll(() => h.close());

  it('answers any JSON body on any route with a 2xx or a 4xx problem', async () => {
    const fuzzer = owner.fuzzing();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 1000 }), nastyValue, async (pick, body) => {
        const route = routes[pick % routes.length];
        if (!route) return;
        // Sign-out would end the session the rest of the run uses.
        if (route.url === '/api/session' && route.method === 'DELETE') return;
        const answer = await fuzzer.request(
          route.method,
          route.url,
          route.method === 'GET'
            ? undefined
            : {
                value: body,
                ...(typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}),
              },
        );
        expect(
          answer.statusCode,
          `${route.method} ${route.url}: ${answer.body.slice(0, 300)}`,
        ).toBeLessThan(500);
        if (answer.statusCode >= 400) {
          expect(answer.headers['content-type']).toContain('application/problem+json');
          expect(answer.json().detail).toEqual(expect.any(String));
        }
      }),
      { numRuns: 300 },
    );
    // Nothing hostile changed the prototype of plain objects.
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('answers nasty paths and query strings with a 4xx, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.oneof(fc.constantFrom(...URL_SAFE.map(encodeURIComponent)), fc.webSegment()),
        fc.dictionary(
          fc.constantFrom(
            'q',
            'limit',
            'offset',
            'model',
            'fit',
            'format',
            'revision',
            'from',
            'to',
            'year',
            'sort',
          ),
          fc.oneof(fc.string(), fc.constantFrom(...URL_SAFE)).map(safeEncode),
        ),
        async (route, segment, query) => {
          const url = `${route.url.replace('sleepwell', segment || 'x')}?${Object.entries(query)
            .map(([k, v]) => `${k}=${v}`)
            .join('&')}`;
          const answer = await owner.request(
            route.method === 'DELETE' && route.url === '/api/session' ? 'GET' : route.method,
            url,
            route.method === 'GET' ? undefined : {},
          );
          expect(
            answer.statusCode,
            `${route.method} ${url}: ${answer.body.slice(0, 300)}`,
          ).toBeLessThan(500);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads case text with markup and injection as plain text, and keeps it exactly', async () => {
    const ws = (await owner.post('/api/workspaces', { name: 'Clean' })).json().id;
    const title = `<img src=x onerror=alert(1)> '; DROP TABLE cases; -- \u202e`;
    const text = caseText('dial-house-leeds').replace(
      /^title: .*$/m,
      `title: ${JSON.stringify(title)}`,
    );
    const created = await owner.post(`/api/workspaces/${ws}/cases`, { text });
    expect(created.statusCode).toBe(201);
    expect(created.json().title).toBe(title);
    const found = await owner.get(
      `/api/workspaces/${ws}/cases?q=${encodeURIComponent('drop table')}`,
    );
    expect(found.json().items.map((i: { title: string }) => i.title)).toEqual([title]);
    expect((await owner.get(`/api/workspaces/${ws}/cases`)).json().total).toBe(1);
  });

  it('refuses a YAML alias bomb quickly', async () => {
    let bomb = 'a0: &a0 [x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 10; i++)
      bomb += `a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(', ')}]\n`;
    const started = performance.now();
    const answer = await owner.post(
      '/api/analyse',
      `${bomb}format: coprism/1\nid: bomb\ntitle: *a9\n`,
    );
    expect(answer.statusCode).toBe(422);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
