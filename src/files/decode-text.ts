/** Turns the bytes of a case file into text, or says plainly why they are not text it can read. */
import type { Result, TextProblem } from '../core/index.js';

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * UTF-8 (with or without a byte-order mark), or UTF-16 with its byte-order mark (what some
 * editors save as "Unicode"). Anything else — Latin-1, Windows-1252, a binary file — is refused
 * at the first byte that is not UTF-8, rather than read with replacement characters that would
 * quietly change names and quotes.
 */
export function decodeCaseBytes(bytes: Uint8Array, file: string): Result<string, TextProblem[]> {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { ok: true, value: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { ok: true, value: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  try {
    return { ok: true, value: UTF8.decode(bytes) };
  } catch {
    const at = firstInvalidByte(bytes);
    const before = UTF8.decode(bytes.subarray(0, at));
    const lines = before.split('\n');
    const byte = (bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    return {
      ok: false,
      error: [
        {
          file,
          line: lines.length,
          column: (lines.at(-1)?.length ?? 0) + 1,
          field: '',
          message: `not UTF-8 text: byte 0x${byte} cannot start or continue a character here (it may have been saved as Latin-1 or Windows-1252); save it as UTF-8`,
        },
      ],
    };
  }
}

/** Where the first byte is that breaks UTF-8 (RFC 3629: no overlong forms, no surrogates). */
function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    const length =
      lead < 0x80 ? 1 : lead < 0xc2 ? 0 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : lead < 0xf5 ? 4 : 0;
    if (length === 0) return i;
    // The second byte's range is narrower after these leads (Table 3-7 of the Unicode standard).
    const [low, high] =
      lead === 0xe0
        ? [0xa0, 0xbf]
        : lead === 0xed
          ? [0x80, 0x9f]
          : lead === 0xf0
            ? [0x90, 0xbf]
            : lead === 0xf4
              ? [0x80, 0x8f]
              : [0x80, 0xbf];
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < (k === 1 ? low : 0x80) || next > (k === 1 ? high : 0xbf))
        return i;
    }
    i += length;
  }
  return bytes.length;
}
