// Request bodies no person would send: bytes that are not UTF-8, UTF-16 with its mark, a body over
// the limit, JSON nested fifty thousand deep. Each gets a plain 4xx problem (or, for UTF-16, is read
// properly), and the server keeps answering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../test/server-harness.js';
import { caseText, setupOwner, startHarness, type Harness } from '../../test/server-harness.js';

describe('hostile request bodies', () => {
  let h: Harness;
  let owner: Client;
  let importUrl: string;
  beforeAll(async () => {
    h = await startHarness('sqlite');
    const setup = await setupOwner(h.app);
    owner = setup.owner;
    importUrl = `/api/workspaces/${setup.workspace}/import?name=upload.yaml`;
  });
  afterAll(() => h.close());

  const stillAnswers = async () =>
    expect((await owner.get('/api/workspaces')).statusCode).toBe(200);

  it('refuses a case file in Latin-1, saying where and what to do, and saves nothing', async () => {
    const latin1 = Buffer.from(
      caseText('sleepwell').replace('title: SleepWell', 'title: SleepWell café'),
      'latin1',
    );
    const answer = await owner.post(importUrl, latin1, { 'content-type': 'application/yaml' });
    expect(answer.statusCode).toBe(400);
    expect(answer.headers['content-type']).toContain('application/problem+json');
    expect(answer.json().detail).toMatch(
      /^The request body is not UTF-8 text: byte 0xE9 .*save it as UTF-8 \(line \d+, column \d+\)\.$/,
    );
    const listed = await owner.get(importUrl.replace(/import\?.*$/, 'cases'));
    expect(listed.json().total).toBe(0);
  });

  it('reads a case file saved as UTF-16 with its byte-order mark', async () => {
    const text = caseText('sleepwell').replace('title: SleepWell', 'title: SleepWell Ŵyn');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const answer = await owner.post(importUrl, utf16, { 'content-type': 'application/yaml' });
    expect(answer.statusCode).toBe(200);
    const saved = await owner.get(importUrl.replace(/import\?.*$/, 'cases/sleepwell'));
    expect(saved.json().title).toBe('SleepWell Ŵyn');
  });

  it('refuses a 10 MB body with a 413 problem', async () => {
    const big = JSON.stringify({
      files: [{ name: 'big.yaml', text: 'x'.repeat(10 * 1024 * 1024) }],
    });
    const answer = await owner.post(importUrl, big, { 'content-type': 'application/json' });
    expect(answer.statusCode).toBe(413);
    expect(answer.json().detail).toBe('The request body is too large.');
    await stillAnswers();
  });

  it('refuses JSON nested fifty thousand deep with a 4xx problem', async () => {
    const deep = `{"files":${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
    const answer = await owner.post(importUrl, deep, { 'content-type': 'application/json' });
    expect(answer.statusCode).toBeGreaterThanOrEqual(400);
    expect(answer.statusCode).toBeLessThan(500);
    expect(answer.headers['content-type']).toContain('application/problem+json');
    const yamlDeep = `title: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`;
    const yamlAnswer = await owner.post(importUrl, yamlDeep, {
      'content-type': 'application/yaml',
    });
    expect(yamlAnswer.statusCode).toBe(422);
    await stillAnswers();
  });
});
