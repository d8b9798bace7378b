import { describe, expect, it } from 'vitest';
import {
  CERTAINTIES,
  FITS,
  LEVELS,
  MODELS,
  PARTY_KINDS,
  SOURCE_KINDS,
  STAGES,
  SOURCE_KIND_WORDS,
  capitalise,
  partyKindWords,
} from '../words.js';
import { glossaryEntry, type EntryId } from './glossary-words.js';

const OTHER: readonly EntryId[] = [
  'not-recorded',
  'not-among-parties',
  'disputed',
  'party',
  'lived-experience',
  'evens-out',
  'humane',
  'label-check',
  'what-would-change',
  'rulebook',
  'gripp2',
  'ladder',
  'case-file',
];

describe('glossaryEntry', () => {
  it('has an entry with a plain meaning for every term the app explains on hover and focus', () => {
    const ids: EntryId[] = [
      ...MODELS.map((m) => `model-${m}` as const),
      ...FITS.map((f) => `fit-${f}` as const),
      ...LEVELS.map((l) => `level-${l}` as const),
      ...STAGES.map((s) => `stage-${s}` as const),
      ...CERTAINTIES.map((c) => `certainty-${c}` as const),
      ...SOURCE_KINDS.map((k) => `source-${k}` as const),
      ...PARTY_KINDS.map((k) => `kind-${k}` as const),
      ...OTHER,
    ];
    for (const id of ids) {
      const entry = glossaryEntry(id);
      expect(entry.id).toBe(id);
      expect(entry.meaning.length, id).toBeGreaterThan(20);
    }
  });

  it('names source and party kinds with the words the rest of the app shows', () => {
    for (const k of SOURCE_KINDS)
      expect(glossaryEntry(`source-${k}`).term).toBe(capitalise(SOURCE_KIND_WORDS[k]));
    for (const k of PARTY_KINDS)
      expect(glossaryEntry(`kind-${k}`).term).toBe(capitalise(partyKindWords(k)));
  });

  it('refuses an id it does not know, rather than explain nothing', () => {
    expect(() => glossaryEntry('no-such-word' as EntryId)).toThrow(/no-such-word/);
  });
});
