/**
 * Ends a test run with one plain line, `Tests: N passed, N failed`, that any CI can read. A test
 * file or suite that failed outside its tests (a set-up hook that threw or timed out, a file that
 * would not load) and errors outside any file count as failures too, so the line never says
 * "0 failed" for a run that failed.
 */
import type { Reporter, SerializedError, TestModule } from 'vitest/node';

export default class SummaryLine implements Reporter {
  onTestRunEnd(modules: readonly TestModule[], unhandled: readonly SerializedError[]): void {
    let passed = 0;
    let failed = 0;
    let outside = unhandled.length;
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
      }
      outside += module.errors().length;
      for (const suite of module.children.allSuites()) outside += suite.errors().length;
    }
    const more = outside > 0 ? ` (${outside} of them outside tests: set-up or loading)` : '';
    process.stdout.write(`\nTests: ${passed} passed, ${failed + outside} failed${more}\n`);
  }
}
