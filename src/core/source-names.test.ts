import { describe, expect, it } from 'vitest';
import type { Source } from './case.schema.js';
import { ownAccountSource, sourceName, sourceNamer } from './source-names.js';

const USER = 'k3x9q2m7p1z8w4v6';
const own = ownAccountSource(USER, 'Amira Khan', '2026-01-05');

describe('naming sources', () => {
  it('names an account given in Coprism by its person, and any other source by its id', () => {
    expect(own).toEqual({
      id: `self-report-${USER}`,
      kind: 'self-report',
      citation: 'Account given in Coprism by Amira Khan, 2026-01-05',
    });
    expect(sourceName(own)).toBe('self-report by Amira Khan');
    // A name with a comma in it is kept whole.
    expect(sourceName(ownAccountSource(USER, 'Khan, Amira', '2026-01-05'))).toBe(
      'self-report by Khan, Amira',
    );
    // A citation edited by hand (the name taken out) is shown as written, never the user id.
    const edited: Source = { ...own, citation: 'Account of a ward patient, 2026' };
    expect(sourceName(edited)).toBe('Account of a ward patient, 2026');
    // A self-report written into a case file keeps the id its author chose.
    const written: Source = { id: 'lslcs-2009', kind: 'self-report', citation: 'Newsletter, 2009' };
    expect(sourceName(written)).toBe('lslcs-2009');
    // Only a self-report source is an own account, whatever its id.
    expect(sourceName({ id: `self-report-${USER}`, kind: 'report', citation: 'x' })).toBe(
      `self-report-${USER}`,
    );
    const name = sourceNamer({ sources: [own, written] });
    expect(name(own.id)).toBe('self-report by Amira Khan');
    expect(name('not-listed')).toBe('not-listed');
  });
});
