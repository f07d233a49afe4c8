import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Readable } from 'node:stream';
import * as fontkit from 'fontkit';
import type { Font, Subset } from 'fontkit';
import type { PDFDocument } from 'pdf-lib';

/**
 * The Japanese font of every PDF: BIZ UDPGothic (OFL) from @expo-google-fonts/biz-udpgothic, the real
 * TTF files, loaded by path (importing the package runs Expo code) and embedded as a subset.
 *
 * pdf-lib's own fontkit (@pdf-lib/fontkit 1.1.1) silently corrupts Japanese subsets: upstream fontkit 2
 * is used through a small adapter (see `pdfFontkit`). The files are read and parsed once per process.
 */

const PACKAGE = '@expo-google-fonts/biz-udpgothic';
const FILES = {
  regular: '400Regular/BIZUDPGothic_400Regular.ttf',
  bold: '700Bold/BIZUDPGothic_700Bold.ttf',
} as const;

export interface JapaneseFont {
  /** PostScript name, e.g. BIZUDPGothic-Regular. */
  name: string;
  /** The TTF file's bytes: what `PDFDocument.embedFont` receives (the same object every time). */
  bytes: Uint8Array;
  /** The code points the font maps to a glyph. */
  characterSet: ReadonlySet<number>;
}

export interface JapaneseFonts {
  regular: JapaneseFont;
  bold: JapaneseFont;
}

/** The file's absolute path: Node's resolution first, then node_modules under the working directory. */
function fontPath(file: string): string {
  const specifier = `${PACKAGE}/${file}`;
  const tried: string[] = [];
  try {
    const resolved = createRequire(import.meta.url).resolve(/*turbopackIgnore: true*/ specifier);
    // A bundler may hand back something other than a file path: accept only a file that exists.
    if (path.isAbsolute(resolved) && existsSync(/*turbopackIgnore: true*/ resolved)) return resolved;
    tried.push(resolved);
  } catch {
    tried.push(`require.resolve(${specifier})`);
  }
  const fallback = path.join(/*turbopackIgnore: true*/ process.cwd(), 'node_modules', PACKAGE, file);
  if (existsSync(/*turbopackIgnore: true*/ fallback)) return fallback;
  tried.push(fallback);
  throw new Error(`PDF font not found (${specifier}); tried: ${tried.join(', ')}`);
}

/** Parsed fonts by the identity of their bytes, so that pdf-lib's `fontkit.create(bytes)` parses nothing. */
const parsed = new WeakMap<Uint8Array, Font>();

/**
 * fontkit 2 gives a subset only a synchronous `encode()`; pdf-lib 1.17 reads `encodeStream()` events.
 * The subset gets an `encodeStream()` that emits the encoded font as one chunk.
 */
function withStreamingSubsets(font: Font): Font {
  const createSubset = font.createSubset.bind(font);
  font.createSubset = () => {
    const subset: Subset & { encodeStream?: () => Readable } = createSubset();
    subset.encodeStream = () => Readable.from([subset.encode()]);
    return subset;
  };
  return font;
}

function parseFont(bytes: Uint8Array): Font {
  const font = fontkit.create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (!('createSubset' in font)) throw new Error('PDF font: a font collection, not a single font');
  return withStreamingSubsets(font);
}

function parsedFont(bytes: Uint8Array): Font {
  const cached = parsed.get(bytes);
  if (cached) return cached;
  const font = parseFont(bytes);
  parsed.set(bytes, font);
  return font;
}

/**
 * What `PDFDocument.registerFontkit` receives: upstream fontkit behind pdf-lib's interface. (pdf-lib
 * types the font after fontkit 1; fontkit 2's fonts have the same members at run time — `cff`, `head`
 * and `post` are table getters that @types/fontkit does not list.)
 */
export const pdfFontkit = { create: parsedFont } as unknown as Parameters<PDFDocument['registerFontkit']>[0];

function loadFont(file: string): JapaneseFont {
  const bytes: Uint8Array = readFileSync(/*turbopackIgnore: true*/ fontPath(file));
  const font = parsedFont(bytes);
  return { name: font.postscriptName, bytes, characterSet: new Set(font.characterSet) };
}

let fonts: JapaneseFonts | null = null;
let renderable: ReadonlySet<number> | null = null;

/** Reads and parses both weights the first time (about 9 MB, a few hundred ms); cached afterwards. */
export function loadJapaneseFonts(): JapaneseFonts {
  if (!fonts) fonts = { regular: loadFont(FILES.regular), bold: loadFont(FILES.bold) };
  return fonts;
}

/** Code points both weights have (any text may be drawn in either). */
function renderableSet(): ReadonlySet<number> {
  if (!renderable) {
    const { regular, bold } = loadJapaneseFonts();
    renderable = new Set([...regular.characterSet].filter((cp) => bold.characterSet.has(cp)));
  }
  return renderable;
}

const DRAWN_SPACES = new Set(['\n', '\r', '\t', ' ', '\u3000']);

/** A text for a PDF holds characters the font cannot draw (they would print as empty boxes). */
export class PdfTextError extends Error {
  /** The characters missing from the font, each once, in order of appearance. */
  readonly missing: string[];
  /** For the user: 「PDFに使用できない文字が含まれています: 𠮷、😀」. */
  readonly userMessage: string;

  constructor(missing: string[]) {
    const codes = missing.map((ch) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
    super(`PDF text has characters missing from the font: ${codes.join(', ')}`);
    this.name = 'PdfTextError';
    this.missing = missing;
    this.userMessage = `PDFに使用できない文字が含まれています: ${missing.join('、')}`;
  }
}

/**
 * Throws PdfTextError when any character of `texts` is missing from the font. Line breaks, tabs, the
 * ASCII space and the ideographic space are accepted (the layout draws them). Called before
 * anything is drawn, so a refused document is never half made.
 */
export function assertRenderable(texts: readonly string[]): void {
  const set = renderableSet();
  const missing = new Set<string>();
  for (const text of texts) {
    for (const ch of text) {
      // Only the spacing the layout draws itself; other spaces (U+2000–200A, U+202F, U+FEFF …) have
      // no glyph in the font and would print as boxes.
      if (DRAWN_SPACES.has(ch)) continue;
      if (!set.has(ch.codePointAt(0)!)) missing.add(ch);
    }
  }
  if (missing.size > 0) throw new PdfTextError([...missing]);
}

/**
 * The name of an embedded subset: a six-letter tag, '+', the font's name (PDF 32000-1 §9.6.4), so
 * readers and `pdffonts` see a subset. The tag is derived from the document's texts: the same input
 * gives the same bytes, and the two weights get different tags.
 */
export function subsetFontName(font: JapaneseFont, texts: readonly string[]): string {
  const digest = createHash('sha256').update(font.name).update('\0').update(texts.join('\0')).digest();
  let tag = '';
  for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + (digest[i]! % 26));
  return `${tag}+${font.name}`;
}
