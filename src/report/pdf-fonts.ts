/**
 * The fonts embedded in PDF reports: DejaVu from npm (dejavu-fonts-ttf, whole TrueType files
 * covering Latin, Latin Extended, Greek, Cyrillic, Vietnamese and the typographic marks), which
 * face prints a given text, and what prints for a character no face has, so nothing goes unsaid.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

/** What a piece of text is set in; each style falls back to a broader face for what it lacks. */
export type Style = 'body' | 'body-italic' | 'heading' | 'small' | 'small-bold' | 'small-italic';

const CHAINS: Record<Style, readonly string[]> = {
  body: ['DejaVuSerif', 'DejaVuSans'],
  'body-italic': ['DejaVuSerif-Italic', 'DejaVuSans-Oblique', 'DejaVuSans'],
  heading: ['DejaVuSans-Bold'],
  small: ['DejaVuSansCondensed', 'DejaVuSans'],
  'small-bold': ['DejaVuSansCondensed-Bold', 'DejaVuSans-Bold'],
  'small-italic': ['DejaVuSansCondensed-Oblique', 'DejaVuSans-Oblique', 'DejaVuSans'],
};

/** What a character no face has prints as: the Unicode replacement character. */
export const REPLACEMENT = '\uFFFD';

interface Face {
  readonly font: fontkit.Font;
  readonly covers: ReadonlySet<number>;
}

interface Loaded {
  readonly faces: ReadonlyMap<string, Face>;
  /** Code points the last face of every chain has: text made of these prints in any style. */
  readonly printable: ReadonlySet<number>;
}

let loaded: Loaded | undefined;

// Read once per process, on the first PDF: the CLI's other commands never pay for it.
function load(): Loaded {
  if (loaded !== undefined) return loaded;
  const require = createRequire(import.meta.url);
  const faces = new Map<string, Face>();
  for (const name of new Set(Object.values(CHAINS).flat())) {
    const font = fontkit.create(readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${name}.ttf`)));
    if (!('characterSet' in font)) throw new Error(`${name}.ttf is a font collection`);
    unkerned(font);
    faces.set(name, { font, covers: new Set(font.characterSet) });
  }
  const lasts = Object.values(CHAINS).map((chain) => face(faces, chain[chain.length - 1]));
  const [first, ...rest] = lasts;
  const printable = new Set(
    [...(first?.covers ?? [])].filter((c) => rest.every((f) => f.covers.has(c))),
  );
  loaded = { faces, printable };
  return loaded;
}

/**
 * Sets the font's text without kerning: a kerned comma tucks under the letter before it ("P,")
 * and pdftotext then reads it as the start of a new line. pdfkit lays text out without naming
 * features (so it can cache layouts), which this makes mean "no kerning".
 */
function unkerned(font: fontkit.Font): void {
  const layout = font.layout.bind(font);
  font.layout = (text, features, ...rest) => layout(text, features ?? { kern: false }, ...rest);
}

function face(faces: ReadonlyMap<string, Face>, name: string | undefined): Face {
  const found = name === undefined ? undefined : faces.get(name);
  if (found === undefined) throw new Error(`no font face ${name ?? ''}`);
  return found;
}

/** Registers every face with a new document, under its own name. */
export function registerFaces(doc: PDFKit.PDFDocument): void {
  // As parsed fonts, which pdfkit also takes (its types list only files and bytes): a table cell
  // switches back to the document's font by its source, which pdfkit does not cache, so a file or
  // bytes would be read and parsed again for every cell.
  for (const [name, { font }] of load().faces)
    doc.registerFont(name, font as unknown as PDFKit.Mixins.PDFFontSource);
}

/** The face to set already printable text in: the first of the style's chain that has it all. */
export function faceFor(style: Style, text: string): string {
  const { faces } = load();
  const chain = CHAINS[style];
  const codes = [...text].map((ch) => ch.codePointAt(0) ?? 0).filter((c) => c !== 10);
  return (
    chain.find((name) => codes.every((c) => face(faces, name).covers.has(c))) ??
    chain[chain.length - 1] ??
    'DejaVuSans'
  );
}

// Invisible format characters (joiners, variation selectors) carry no text of their own.
const IGNORABLE = /^\p{Default_Ignorable_Code_Point}$/u;

const isPrintable = (ch: string): boolean => {
  const code = ch.codePointAt(0) ?? 0;
  return code === 10 || load().printable.has(code);
};

/** The text as the PDF prints it: each character no face has becomes REPLACEMENT. */
export function printable(text: string): string {
  let out = '';
  for (const ch of text)
    if (isPrintable(ch)) out += ch;
    else if (!IGNORABLE.test(ch)) out += REPLACEMENT;
  return out;
}

/** The distinct characters of the texts that print as REPLACEMENT, in order of first use. */
export function unprintable(texts: Iterable<string>): string[] {
  const seen = new Set<string>();
  for (const text of texts)
    for (const ch of text) if (!isPrintable(ch) && !IGNORABLE.test(ch)) seen.add(ch);
  return [...seen];
}

/** A character as a reader can look it up: U+4E2D. */
export const codePoint = (ch: string): string =>
  `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
