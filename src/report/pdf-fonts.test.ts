import { describe, expect, it } from 'vitest';
import { REPLACEMENT, codePoint, faceFor, printable, unprintable } from './pdf-fonts.js';

describe('the PDF fonts', () => {
  const WORDS =
    'Gŵyl Tŷ · Łódź · Θεσσαλονίκη · Київ · Iğdır · Hà Nội · Évreux · “quotes” — ‘and’ …';

  it('print Welsh, Polish, Greek, Cyrillic, Turkish, Vietnamese, French and typographic marks', () => {
    expect(printable(WORDS)).toBe(WORDS);
    expect(unprintable([WORDS])).toEqual([]);
    expect(printable('● fits ◐ partly fits ○ does not fit ≠ → ≤ ≥ €')).toBe(
      '● fits ◐ partly fits ○ does not fit ≠ → ≤ ≥ €',
    );
  });

  it('set body text in the serif, and fall back to the sans for what the serif lacks', () => {
    expect(faceFor('body', WORDS)).toBe('DejaVuSerif');
    // DejaVu Serif has no Hebrew; DejaVu Sans has.
    expect(faceFor('body', 'Grŵp שלום')).toBe('DejaVuSans');
    expect(faceFor('body-italic', 'Grŵp שלום')).toBe('DejaVuSans-Oblique');
    expect(faceFor('small', WORDS)).toBe('DejaVuSansCondensed');
    expect(faceFor('heading', WORDS)).toBe('DejaVuSans-Bold');
  });

  it('replace each character no face has with a visible mark, and name them once each', () => {
    expect(printable('Tŷ 中文 and 中 𠀀')).toBe(
      `Tŷ ${REPLACEMENT}${REPLACEMENT} and ${REPLACEMENT} ${REPLACEMENT}`,
    );
    expect(unprintable(['Tŷ 中文', 'and 中 𠀀']).map(codePoint)).toEqual([
      'U+4E2D',
      'U+6587',
      'U+20000',
    ]);
  });

  it('drop invisible format characters the fonts lack, rather than mark them', () => {
    // A bidi isolate and a variation selector DejaVu has no glyph for; a joiner it has.
    expect(printable('a\u2066b\u{e0100}c\u200dd')).toBe('abc\u200dd');
    expect(unprintable(['a\u2066b\u{e0100}c'])).toEqual([]);
  });

  it('keep line breaks', () => {
    expect(printable('one\ntwo')).toBe('one\ntwo');
  });
});
