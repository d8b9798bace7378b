/**
 * `node --import tsx bench/web-profile.ts [part|cells|next|filter] [slowdown]`: where the time of a
 * click goes, from a Chromium performance trace (playwright-core's CDP session): a part switch or a
 * reason's cells shown in the big case's reading, or the library's next page or filter (the library
 * of bench/web.bench.ts).
 * Prints, for the renderer's main thread, the total time by trace event (script, style, layout, paint…)
 * and the JavaScript functions that took the most self time, over several switches, each clicked and
 * timed by the page clock the bench uses (bench/page-clock.ts). Needs dist/.
 * The JavaScript is the built bundle's: `npx vite build web --minify false` first names its
 * functions.
 */
import { launchBrowser } from '../test/browser/chromium.js';
import { BIG_COMPONENTS, bigCase } from './big-case.js';
import { startBigCaseServer } from './big-case-server.js';
import { FILTER, libraryCases, libraryPages } from './library-pages.js';
import { READING_PATH, clickTimed, installPageClock, loaded } from './page-clock.js';

const KINDS = ['part', 'cells', 'next', 'filter'] as const;
const kind = KINDS.find((k) => k === process.argv[2]) ?? 'part';
const onLibrary = kind === 'next' || kind === 'filter';
const slowdown = Number(process.argv[3] ?? '1');
const ROUNDS = 3;
const SWITCHES = ROUNDS * BIG_COMPONENTS;
const WHAT = {
  part: 'part switched',
  cells: "a reason's cells shown",
  next: "the library's next page",
  filter: "the library's filter",
} as const;

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  tid: number;
  pid: number;
  args?: { name?: string; data?: unknown };
}
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

async function main(): Promise<void> {
  const server = await startBigCaseServer(
    bigCase(),
    'coprism-profile-web-',
    onLibrary ? libraryCases() : [],
  );
  const pages = onLibrary ? await libraryPages(server.url) : undefined;
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await installPageClock(context);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const start = `${server.url}${onLibrary ? '/' : READING_PATH}`;
    await page.goto(start);
    await loaded(page);
    if (slowdown !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
    const events: TraceEvent[] = [];
    // The protocol's types give trace events as string maps; they are the trace format's events.
    cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Tracing.start', {
      categories: 'devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing',
    });
    await cdp.send('Profiler.start');
    const times: number[] = [];
    const firsts: number[] = [];
    for (let s = 0; s < ROUNDS * BIG_COMPONENTS; s++) {
      const part = ((s + 1) % BIG_COMPONENTS) + 1;
      // The library's clicks go there and back, both timed, so the trace holds clicks alone.
      const back = s % 2 === 1;
      if (pages && kind === 'next') {
        const shown = { kind: 'cards', hrefs: back ? pages.first : pages.second } as const;
        const link = `.pager a[rel="${back ? 'prev' : 'next'}"]`;
        const inView = { ...shown, kind: 'cards-in-view' } as const;
        const sample = await clickTimed(page, cdp, shown, link, [inView]);
        times.push(sample.ms);
        if (sample.also?.[0] !== undefined) firsts.push(sample.also[0]);
      } else if (pages && kind === 'filter') {
        await page.selectOption('#model', back ? '' : FILTER.model);
        await page.selectOption('#fit', FILTER.fit);
        const shown = { kind: 'cards', hrefs: back ? pages.first : pages.filtered } as const;
        const button = '.filters button[type="submit"]';
        const inView = { ...shown, kind: 'cards-in-view' } as const;
        const sample = await clickTimed(page, cdp, shown, button, [inView]);
        times.push(sample.ms);
        if (sample.also?.[0] !== undefined) firsts.push(sample.also[0]);
      } else if (kind === 'part') {
        const link = `.parts-nav li:nth-child(${part}) a`;
        const inView = { kind: 'part-in-view', n: part } as const;
        const sample = await clickTimed(page, cdp, { kind: 'part', n: part }, link, [inView]);
        times.push(sample.ms);
        if (sample.also?.[0] !== undefined) firsts.push(sample.also[0]);
      } else {
        const button = page.locator('section.part .model-card .reason-actions button').first();
        const id = await button.getAttribute('id');
        times.push((await clickTimed(page, cdp, { kind: 'cells' }, `[id="${id}"]`)).ms);
        await page.locator('.highlight-bar button').click();
      }
      await page.waitForTimeout(150);
    }
    const { profile } = (await cdp.send('Profiler.stop')) as {
      profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
    };
    const done = new Promise<void>((resolve) =>
      cdp.once('Tracing.tracingComplete', () => resolve()),
    );
    await cdp.send('Tracing.end');
    await done;

    const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
    const byName = new Map<string, number>();
    for (const e of events)
      if (main && e.tid === main.tid && e.pid === main.pid && e.ph === 'X' && e.dur)
        byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur / 1000);
    const perSwitch = (ms: number) => (ms / SWITCHES).toFixed(1).padStart(8);
    const median = (xs: readonly number[]) => {
      const sorted = [...xs].sort((a, b) => a - b);
      const half = sorted.length / 2;
      return ((sorted[Math.ceil(half) - 1] ?? NaN) + (sorted[Math.floor(half)] ?? NaN)) / 2;
    };
    const inView =
      firsts.length > 0 ? `; to what it brings into view, ${median(firsts).toFixed(0)} ms` : '';
    process.stdout.write(
      `${SWITCHES} × ${WHAT[kind]}, click to drawn: ` +
        `median ${median(times).toFixed(0)} ms${inView}.\n` +
        `Trace, renderer main thread, ms per ${kind} (${slowdown}× CPU), nested events overlap:\n`,
    );
    for (const [name, ms] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 22))
      process.stdout.write(`${perSwitch(ms)}  ${name}\n`);

    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map<string, number>();
    profile.samples.forEach((id, i) => {
      const f = nodes.get(id)?.callFrame;
      if (!f) return;
      const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop() ?? ''}:${f.lineNumber}`;
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
    process.stdout.write('\nJavaScript self time, ms per switch:\n');
    for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
      process.stdout.write(`${perSwitch(ms)}  ${name}\n`);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
