// Case files are read as UTF-8 (or UTF-16 with its mark); other bytes are refused where they break,
// never turned quietly into replacement characters.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCaseBytes } from './decode-text.js';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(
    parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))),
  );

describe('decodeCaseBytes', () => {
  it('reads UTF-8, with or without a byte-order mark, exactly', () => {
    const text = 'title: Gwasanaeth Cymraeg — “ŵ ŷ” Łódź Αθήνα Київ 東京\n';
    expect(decodeCaseBytes(bytes(text), 'a.yaml')).toEqual({ ok: true, value: text });
    expect(decodeCaseBytes(bytes([0xef, 0xbb, 0xbf], text), 'a.yaml')).toEqual({
      ok: true,
      value: text,
    });
  });

  it('reads UTF-16 saved with its byte-order mark, either way round', () => {
    const text = 'title: Café Ŵyn\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le.subarray(2)).swap16();
    expect(decodeCaseBytes(le, 'a.yaml')).toEqual({ ok: true, value: text });
    expect(decodeCaseBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), be]), 'a.yaml')).toEqual({
      ok: true,
      value: text,
    });
  });

  it('refuses Latin-1 at the byte that breaks UTF-8, with its line and column', () => {
    const latin1 = Buffer.from(
      'format: coprism/1\nid: cafe\ntitle: Le caf\u00e9 des usagers\n',
      'latin1',
    );
    const read = decodeCaseBytes(latin1, 'cafe.yaml');
    expect(read).toEqual({
      ok: false,
      error: [
        {
          file: 'cafe.yaml',
          line: 3,
          column: 14,
          field: '',
          message:
            'not UTF-8 text: byte 0xE9 cannot start or continue a character here (it may have been saved as Latin-1 or Windows-1252); save it as UTF-8',
        },
      ],
    });
  });

  it('refuses overlong forms, surrogates and a character cut off at the end', () => {
    for (const [bad, column] of [
      [[0xc0, 0xaf], 3], // an overlong '/'
      [[0xed, 0xa0, 0x80], 3], // a UTF-16 surrogate written as UTF-8
      [[0xe2, 0x80], 3], // the first two bytes of a three-byte character
      [[0xf5, 0x80, 0x80, 0x80], 3], // beyond U+10FFFF
    ] as const) {
      const read = decodeCaseBytes(bytes('a:', [...bad]), 'x.yaml');
      expect(read.ok).toBe(false);
      if (!read.ok) expect(read.error[0]).toMatchObject({ line: 1, column });
    }
  });

  it('agrees with a strict UTF-8 decoder on any bytes, and finds the break inside them', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 64 }),
        fc.string({ unit: 'binary', maxLength: 20 }),
        (raw, prefix) => {
          const input = bytes(prefix.replace(/^\ufeff/, ''), [...raw]);
          if (input[0] === 0xff || input[0] === 0xfe) return; // a UTF-16 mark: read as UTF-16
          const read = decodeCaseBytes(input, 'x.yaml');
          let valid = true;
          try {
            strict.decode(input);
          } catch {
            valid = false;
          }
          expect(read.ok).toBe(valid);
          if (!read.ok) {
            const line = read.error[0]?.line ?? 0;
            expect(line).toBeGreaterThanOrEqual(1);
            expect(line).toBeLessThanOrEqual(input.filter((b) => b === 0x0a).length + 1);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('gives back any text exactly after a round trip through UTF-8', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        fc.pre(!text.startsWith('\ufeff'));
        expect(decodeCaseBytes(Buffer.from(text, 'utf8'), 'x.yaml')).toEqual({
          ok: true,
          value: text,
        });
      }),
    );
  });
});
