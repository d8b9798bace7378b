// The run's closing line counts a set-up that threw as a failure, not as "0 failed".
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';

it('counts a suite whose set-up threw among the failures', () => {
  const root = join(import.meta.dirname, 'fixtures', 'reporter');
  const run = spawnSync(
    process.execPath,
    [
      join(import.meta.dirname, '..', 'node_modules', 'vitest', 'vitest.mjs'),
      'run',
      '--root',
      root,
    ],
    { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
  );
  expect(run.status).toBe(1);
  expect(run.stdout).toContain(
    'Tests: 1 passed, 1 failed (1 of them outside tests: set-up or loading)',
  );
});
