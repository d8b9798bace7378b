// The pages fetched ahead for the library's pager: used once, only while fresh, and never across
// a change of who is signed in. (The browser test library-pages.test.ts runs it against the server.)
import { describe, expect, it } from 'vitest';
import type { CasePage, Result } from '../api.js';
import { PagesAhead } from './pages-ahead.js';

const pageAt = (offset: number): CasePage =>
  ({ total: 60, totalCapped: false, offset, items: [] }) as unknown as CasePage;

/** A fetcher whose answers come when the test says, and a clock the test moves. */
function setUp() {
  const asked: string[] = [];
  const answers: Array<(r: Result<CasePage>) => void> = [];
  let time = 1_000;
  const ahead = new PagesAhead(
    (workspace, query) => {
      asked.push(`${workspace}?${query.toString()}`);
      return new Promise((resolve) => answers.push(resolve));
    },
    () => time,
  );
  const answer = async (i: number, r: Result<CasePage>) => {
    answers[i]?.(r);
    await Promise.resolve();
  };
  return { ahead, asked, answer, wait: (ms: number) => (time += ms) };
}

describe('pages fetched ahead', () => {
  it('gives a page fetched ahead once, and asks the server once for it', async () => {
    const { ahead, asked, answer } = setUp();
    ahead.fetch('library', 'offset=20');
    ahead.fetch('library', 'offset=20');
    expect(asked).toEqual(['library?offset=20']);
    expect(ahead.take('library', 'offset=20')).toBeUndefined();
    ahead.fetch('library', 'offset=20');
    await answer(0, { ok: true, value: pageAt(20) });
    expect(ahead.take('other', 'offset=20')).toBeUndefined();
    expect(ahead.take('library', 'offset=20')).toEqual(pageAt(20));
    expect(ahead.take('library', 'offset=20')).toBeUndefined();
  });

  it('does not give a page fetched more than a minute ago', async () => {
    const { ahead, answer, wait } = setUp();
    ahead.fetch('library', 'offset=20');
    await answer(0, { ok: true, value: pageAt(20) });
    wait(60_000);
    expect(ahead.take('library', 'offset=20')).toBeUndefined();
  });

  it('keeps no failed answer, so the page is asked for again', async () => {
    const { ahead, asked, answer } = setUp();
    ahead.fetch('library', 'offset=20');
    await answer(0, {
      ok: false,
      problem: { status: 503, title: 'Unavailable', detail: '', problems: [] },
    });
    expect(ahead.take('library', 'offset=20')).toBeUndefined();
    ahead.fetch('library', 'offset=20');
    expect(asked).toHaveLength(2);
  });

  it('drops what it holds, and answers still on their way, when cleared', async () => {
    const { ahead, answer } = setUp();
    ahead.fetch('library', 'offset=0');
    ahead.fetch('library', 'offset=20');
    await answer(0, { ok: true, value: pageAt(0) });
    ahead.clear();
    await answer(1, { ok: true, value: pageAt(20) });
    expect(ahead.take('library', 'offset=0')).toBeUndefined();
    expect(ahead.take('library', 'offset=20')).toBeUndefined();
  });
});
