// Reading PDFs as a reader does, for the PDF tests (tests/unit/pdf.test.ts), the browser tests and the
// bench (tests/bench/pdf.ts): poppler (pdftoppm, pdffonts, pdfinfo, pdftotext), Ghostscript (txtwrite)
// and zbar (zbarimg) read the files; page images are 8-bit gray, written and read as PNG with node:zlib
// alone, and compared with the baselines in tests/fixtures/pdf/. No test framework here: the callers
// assert. A missing tool throws, naming the Debian package (`npm test` installs them or names the command).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync, inflateSync } from 'node:zlib';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const PDF_FIXTURES = path.join(ROOT, 'tests/fixtures/pdf');
export const PDF_SCREENSHOTS = path.join(ROOT, 'screenshots/pdf');

/** The Debian package of each command these helpers run. */
const PACKAGE_OF: Record<string, string> = {
  pdftoppm: 'poppler-utils',
  pdffonts: 'poppler-utils',
  pdfinfo: 'poppler-utils',
  pdftotext: 'poppler-utils',
  gs: 'ghostscript',
  zbarimg: 'zbar-tools',
};

/** Runs a tool; a missing tool or a failure throws (and so fails the test) with its output. */
export function tool(command: string, args: string[]): string;
export function tool(command: string, args: string[], encoding: 'buffer'): Buffer;
export function tool(command: string, args: string[], encoding: 'utf8' | 'buffer' = 'utf8'): string | Buffer {
  try {
    return execFileSync(command, args, { encoding: encoding === 'utf8' ? 'utf8' : 'buffer', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: Buffer | string; status?: number };
    if (e.code === 'ENOENT') {
      const pkg = PACKAGE_OF[command] ?? command;
      throw new Error(`${command} is not installed (Debian package ${pkg}: \`npm test\` installs it as root, or run sudo apt-get install -y ${pkg})`);
    }
    throw new Error(`${command} ${args.join(' ')} failed (exit ${e.status}): ${String(e.stderr ?? e.message)}`);
  }
}

/** Reading order without the line breaks and spaces a text extractor puts between table cells. */
export const squeeze = (text: string) => text.replace(/\s+/g, '');

/** pdftotext's text of the file (`layout`: columns kept in place, as `-layout`). */
export const pdfText = (file: string, { layout = false }: { layout?: boolean } = {}) => tool('pdftotext', [...(layout ? ['-layout'] : []), file, '-']);

/** pdftotext's words with their boxes (`-bbox`), in the order pdftotext reads them. */
export function pdfWords(file: string): { xMin: number; yMin: number; xMax: number; yMax: number; text: string }[] {
  return [...tool('pdftotext', ['-bbox', file, '-']).matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]+)<\/word>/g)].map((m) => ({
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
    text: m[5]!,
  }));
}

/** Ghostscript's text of the file (txtwrite: needs the ToUnicode CMap in blocks of ≤ 100). */
export const gsText = (file: string) => tool('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=txtwrite', '-o', '-', file]);

export const fontsOf = (file: string) => tool('pdffonts', [file]);

export const pdfInfo = (file: string) => tool('pdfinfo', [file]);

export function pageCount(file: string): number {
  const m = /^Pages:\s+(\d+)$/m.exec(pdfInfo(file));
  return Number(m?.[1]);
}

/** Page 1 as `<out>.png` at `dpi` (pdftoppm); answers the PNG's path. */
export function renderPng(file: string, out: string, dpi: number): string {
  tool('pdftoppm', ['-r', String(dpi), '-png', '-singlefile', file, out]);
  return `${out}.png`;
}

/** The payload of every QR code in a PNG, sorted (zbarimg). */
export const qrCodesIn = (png: string) => tool('zbarimg', ['--raw', '-q', png]).trim().split('\n').sort();

/** The page as a reader sees it (100 dpi), for people to look at (screenshots/ is not committed). */
export function screenshot(file: string, name: string, dir = PDF_SCREENSHOTS): string {
  mkdirSync(dir, { recursive: true });
  return renderPng(file, path.join(dir, name), 100);
}

// ───────────────────────────── images ─────────────────────────────

export interface Gray {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** pdftoppm's binary PGM (P5, maxval 255). */
export function parsePgm(data: Buffer): Gray {
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(data.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a binary 8-bit PGM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, pixels: new Uint8Array(data.subarray(header[0].length, header[0].length + width * height)) };
}

/** Page 1 at `dpi` in gray, from poppler. */
export function renderGray(file: string, dpi: number): Gray {
  return parsePgm(tool('pdftoppm', ['-r', String(dpi), '-gray', '-f', '1', '-l', '1', file], 'buffer'));
}

function pngChunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** An 8-bit gray PNG (each row with filter "none"; deflate does the rest). */
export function encodePng(image: Gray): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(image.width, 0);
  ihdr.writeUInt32BE(image.height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // gray
  const raw = Buffer.alloc((image.width + 1) * image.height);
  for (let y = 0; y < image.height; y++) raw.set(image.pixels.subarray(y * image.width, (y + 1) * image.width), y * (image.width + 1) + 1);
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(raw, { level: 9 })), pngChunk('IEND', Buffer.alloc(0))]);
}

/** Decodes an 8-bit gray, non-interlaced PNG (what encodePng writes), with any of the five row filters. */
export function decodePng(data: Buffer): Gray {
  if (!data.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG');
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  for (let at = 8; at < data.length; ) {
    const length = data.readUInt32BE(at);
    const type = data.toString('latin1', at + 4, at + 8);
    const body = data.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      if (body[8] !== 8 || body[9] !== 0 || body[12] !== 0) throw new Error('baseline PNG must be 8-bit gray, not interlaced');
    } else if (type === 'IDAT') idat.push(body);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (width + 1)];
    for (let x = 0; x < width; x++) {
      const value = raw[y * (width + 1) + 1 + x]!;
      const a = x > 0 ? pixels[y * width + x - 1]! : 0;
      const b = y > 0 ? pixels[(y - 1) * width + x]! : 0;
      const c = x > 0 && y > 0 ? pixels[(y - 1) * width + x - 1]! : 0;
      let predictor = 0;
      if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      pixels[y * width + x] = (value + predictor) & 0xff;
    }
  }
  return { width, height, pixels };
}

// ───────────────────────────── baselines ─────────────────────────────

export const PIXEL_THRESHOLD = 48; // gray levels: anti-aliasing noise stays below
export const MAX_DIFF_RATIO = 0.005;

export type BaselineComparison =
  | { ok: true }
  | { ok: false; problem: 'missing'; message: string }
  | { ok: false; problem: 'size'; actual: string; baseline: string; message: string }
  | { ok: false; problem: 'pixels'; ratio: number; actualFile: string; message: string };

/**
 * Page 1 at 100 dpi against tests/fixtures/pdf/<name>.png: at most MAX_DIFF_RATIO of the pixels may
 * differ by more than PIXEL_THRESHOLD gray levels. `update` rewrites the baseline first (the
 * UPDATE_PDF_BASELINES=1 run); a mismatch leaves the page as rendered now in screenshots/pdf/.
 */
export function compareWithBaseline(file: string, name: string, { update = false }: { update?: boolean } = {}): BaselineComparison {
  const actual = renderGray(file, 100);
  const baselineFile = path.join(PDF_FIXTURES, `${name}.png`);
  if (update) {
    mkdirSync(PDF_FIXTURES, { recursive: true });
    writeFileSync(baselineFile, encodePng(actual));
  }
  let baseline: Gray;
  try {
    baseline = decodePng(readFileSync(baselineFile));
  } catch (error) {
    return { ok: false, problem: 'missing', message: `no readable baseline ${path.relative(ROOT, baselineFile)} (UPDATE_PDF_BASELINES=1 writes it): ${String(error)}` };
  }
  const size = (image: Gray) => `${image.width}×${image.height}`;
  if (size(actual) !== size(baseline)) {
    return { ok: false, problem: 'size', actual: size(actual), baseline: size(baseline), message: `${name}: page size in pixels ${size(actual)}, baseline ${size(baseline)}` };
  }
  let differing = 0;
  for (let i = 0; i < actual.pixels.length; i++) {
    if (Math.abs(actual.pixels[i]! - baseline.pixels[i]!) > PIXEL_THRESHOLD) differing++;
  }
  const ratio = differing / actual.pixels.length;
  if (ratio <= MAX_DIFF_RATIO) return { ok: true };
  const actualFile = path.join(PDF_SCREENSHOTS, `${name}.actual.png`);
  mkdirSync(PDF_SCREENSHOTS, { recursive: true });
  writeFileSync(actualFile, encodePng(actual));
  return {
    ok: false,
    problem: 'pixels',
    ratio,
    actualFile,
    message:
      `${name}: ${(ratio * 100).toFixed(3)}% of the pixels differ from the baseline by more than ${PIXEL_THRESHOLD} gray levels ` +
      `(limit ${MAX_DIFF_RATIO * 100}%); the page as rendered now: ${path.relative(ROOT, actualFile)}`,
  };
}
