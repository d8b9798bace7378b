// Secrets are made at a person's pace, not a program's: the 21st API token within 15 minutes from
// one address is refused with a 429 problem, and revoking tokens does not reset the count.
import { describe, expect, it } from 'vitest';
import { setupOwner, startHarness } from '../../test/server-harness.js';

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
});
