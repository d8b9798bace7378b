// Secrets are made at a person's pace, not a program's: the 21st API token, set-up attempt or
// account made by invitation within 15 minutes from one address is refused with a 429 problem;
// revoking tokens does not reset the count, and another address is not held back.
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { PASSWORD, setupOwner, startHarness } from '../../test/server-harness.js';

const fromAddress = (app: FastifyInstance, remoteAddress: string, url: string, payload: object) =>
  app.inject({ method: 'POST', url, payload, remoteAddress });

const expectTooMany = (response: {
  statusCode: number;
  headers: Record<string, unknown>;
  json(): { detail: string };
}) => {
  expect(response.statusCode).toBe(429);
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(response.headers['retry-after']).toBeDefined();
  expect(response.json().detail).toMatch(/^Too many attempts\. Wait .+ before trying again\.$/);
};

describe('rate limits on making secrets', () => {
  it('refuse the 21st API token from one address within 15 minutes', async () => {
    const h = await startHarness('sqlite');
    try {
      const { owner } = await setupOwner(h.app);
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) {
        const made = await owner.post('/api/tokens', { name: `script ${i}` });
        statuses.push(made.statusCode);
        if (made.statusCode === 201)
          await owner.delete(`/api/tokens/${(made.json() as { id: string }).id}`);
      }
      expect(statuses.every((s) => s === 201)).toBe(true);
      const refused = await owner.post('/api/tokens', { name: 'one more' });
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json().detail).toMatch(/^Too many attempts\. Wait .+ before trying again\.$/);
    } finally {
      await h.close();
    }
  });

  it('refuse the 21st set-up attempt from one address, and not another address', async () => {
    const h = await startHarness('sqlite');
    try {
      const account = { name: 'Mo Mallory', email: 'mo@example.org', password: PASSWORD };
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++)
        statuses.push((await fromAddress(h.app, '10.0.0.1', '/api/setup', account)).statusCode);
      // The first creates the owner; the others are told the installation is set up already.
      expect(statuses[0]).toBe(201);
      expect(statuses.slice(1).every((s) => s === 409)).toBe(true);
      expectTooMany(await fromAddress(h.app, '10.0.0.1', '/api/setup', account));
      const elsewhere = await fromAddress(h.app, '10.0.0.2', '/api/setup', account);
      expect(elsewhere.statusCode).toBe(409);
    } finally {
      await h.close();
    }
  });

  it('refuse the 21st account made by invitation from one address, even with a good link', async () => {
    const h = await startHarness('sqlite');
    try {
      const { owner, workspace } = await setupOwner(h.app);
      const invite = (
        await owner.post(`/api/workspaces/${workspace}/invitations`, { role: 'editor' })
      ).json().token as string;
      const person = (n: number) => ({
        name: `P ${n}`,
        email: `p${n}@example.org`,
        password: PASSWORD,
      });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) {
        const url = `/api/invitations/not-a-real-link-${i}/join`;
        statuses.push((await fromAddress(h.app, '10.0.0.3', url, person(i))).statusCode);
      }
      expect(statuses.every((s) => s === 404)).toBe(true);
      const url = `/api/invitations/${invite}/join`;
      expectTooMany(await fromAddress(h.app, '10.0.0.3', url, person(20)));
      const joined = await fromAddress(h.app, '10.0.0.4', url, person(21));
      expect(joined.statusCode).toBe(201);
    } finally {
      await h.close();
    }
  });
});
