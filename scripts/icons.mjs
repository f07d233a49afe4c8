// Renders the portal's icon (public/icon.svg, drawn by hand) into the files browsers ask for:
//   public/favicon.ico           16, 32 and 48 px PNGs in one ICO (browsers ask for /favicon.ico on their own)
//   public/apple-touch-icon.png  180 px on the icon's own blue (a phone's home screen rounds the corners itself)
// Run after changing the SVG: `node scripts/icons.mjs`. The drawing is done by Debian's Chromium (the
// one the browser tests use), so no image library is needed; the ICO container is written here.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

const root = path.resolve(import.meta.dirname, '..');
const publicDir = path.join(root, 'public');
const svg = fs.readFileSync(path.join(publicDir, 'icon.svg'), 'utf8');

/** The SVG drawn at `size` px square; `square` fills the corners with the icon's blue. */
async function render(page, size, square = false) {
  const background = square ? 'background:#0b4f8a;' : 'background:transparent;';
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<!doctype html><html><body style="margin:0;${background}">` +
      `<img src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}" width="${size}" height="${size}" style="display:block"></body></html>`,
  );
  await page.locator('img').evaluate((img) => img.decode());
  return page.screenshot({ omitBackground: !square, clip: { x: 0, y: 0, width: size, height: size } });
}

/** An ICO holding PNG images (allowed since Windows Vista; every current browser reads it). */
function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  const entries = [];
  let offset = 6 + 16 * images.length;
  for (const { size, png } of images) {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0); // width (0 means 256)
    entry.writeUInt8(size >= 256 ? 0 : size, 1); // height
    entry.writeUInt8(0, 2); // no palette
    entry.writeUInt8(0, 3); // reserved
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    entries.push(entry);
    offset += png.length;
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium-headless-shell', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  const images = [];
  for (const size of [16, 32, 48]) images.push({ size, png: await render(page, size) });
  fs.writeFileSync(path.join(publicDir, 'favicon.ico'), ico(images));
  fs.writeFileSync(path.join(publicDir, 'apple-touch-icon.png'), await render(page, 180, true));
  console.log('wrote public/favicon.ico (16, 32, 48 px) and public/apple-touch-icon.png (180 px)');
} finally {
  await browser.close();
}
