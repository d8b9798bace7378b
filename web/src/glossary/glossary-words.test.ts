import { describe, expect, it } from 'vitest';
import { CERTAINTIES, FITS, LEVELS, MODELS, STAGES } from '../words.js';
import { glossaryEntry, type EntryId } from './glossary-words.js';

const OTHER: readonly EntryId[] = [
  'not-recorded',
  'disputed',
  'party',
  'lived-experience',
  'evens-out',
  'humane',
  'label-check',
  'what-would-change',
  'rulebook',
];

describe('glossaryEntry', () => {
  it('has an entry with a plain meaning for every term the app explains on hover and focus', () => {
    const ids: EntryId[] = [
      ...MODELS.map((m) => `model-${m}` as const),
      ...FITS.map((f) => `fit-${f}` as const),
      ...LEVELS.map((l) => `level-${l}` as const),
      ...STAGES.map((s) => `stage-${s}` as const),
      ...CERTAINTIES.map((c) => `certainty-${c}` as const),
      ...OTHER,
    ];
    for (const id of ids) {
      const entry = glossaryEntry(id);
      expect(entry.id).toBe(id);
      expect(entry.meaning.length, id).toBeGreaterThan(20);
    }
  });

  it('refuses an id it does not know, rather than explain nothing', () => {
    expect(() => glossaryEntry('no-such-word' as EntryId)).toThrow(/no-such-word/);
  });
});
