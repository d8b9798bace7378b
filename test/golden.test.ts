/**
 * Golden analyses of the case library: any change to a reading shows up as a diff to review.
 * After a deliberate change to the rules or a case, update with `npx vitest run test/golden -u`.
 */
import { describe, expect, it } from 'vitest';
import { analyse, libraryFiles } from './library.js';

describe('golden analyses of the case library', () => {
  it.each(libraryFiles())('%s', async (file) => {
    const analysis = analyse(file);
    await expect(`${JSON.stringify(analysis, null, 2)}\n`).toMatchFileSnapshot(
      `golden/${file.replace('.yaml', '.json')}`,
    );
  });
});
