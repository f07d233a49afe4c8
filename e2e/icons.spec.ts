import { expect, signIn, test } from './fixtures';

/**
 * The portal's icon (public/, issue 14 item 10): /favicon.ico, which every browser asks for on its
 * own, answers with an icon instead of 404; every page names the icons in its <head>; and the pages'
 * Content-Security-Policy (decision 008) lets the page load them (the fixture fails on a CSP report).
 */

const ICONS = [
  { path: '/favicon.ico', type: /^image\/(x-icon|vnd\.microsoft\.icon)$/, magic: [0x00, 0x00, 0x01, 0x00] },
  { path: '/icon.svg', type: /^image\/svg\+xml/, magic: [...Buffer.from('<svg')] },
  { path: '/apple-touch-icon.png', type: /^image\/png$/, magic: [0x89, 0x50, 0x4e, 0x47] },
];

test('the icons answer 200 with an image, signed out', async ({ request }) => {
  for (const icon of ICONS) {
    const response = await request.get(icon.path);
    expect(response.status(), icon.path).toBe(200);
    expect(response.headers()['content-type'], icon.path).toMatch(icon.type);
    expect([...(await response.body()).subarray(0, icon.magic.length)], icon.path).toEqual(icon.magic);
  }
});

test('every page names the icons, and its Content-Security-Policy lets it load them', async ({ page }) => {
  for (const path of ['/login', '/admin', '/admin/outbox']) {
    if (path === '/admin') await signIn(page, 'admin');
    const response = await page.goto(path);
    expect(response?.headers()['content-security-policy'], path).toMatch(/img-src 'self'/);
    const links = await page.locator('head link[rel="icon"], head link[rel="apple-touch-icon"]').evaluateAll((els) => els.map((el) => el.getAttribute('href')));
    expect(links.sort(), path).toEqual(ICONS.map((i) => i.path).sort());
    // Loaded as the browser loads an icon: an image of the page, under the page's img-src.
    const sizes = await page.evaluate(
      (urls) =>
        Promise.all(
          urls.map(
            (url) =>
              new Promise<number>((resolve) => {
                const img = new Image();
                img.onload = () => resolve(img.naturalWidth);
                img.onerror = () => resolve(0);
                img.src = url;
              }),
          ),
        ),
      ICONS.map((i) => i.path),
    );
    expect(sizes.every((w) => w > 0), `${path}: ${sizes.join(', ')}`).toBe(true);
  }
});
