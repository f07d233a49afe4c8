// The production server (`npm start` and the browser tests run it): Next's request handler behind the
// front of ./front.mjs, in one process on PORT (LISTEN_HOST optional: every interface by default). Instead of `next start`, because
// only here can the TCP peer's address reach the app (decision 042).
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import next from 'next';
import { createFrontServer, parseHops, parseLimit } from './front.mjs';

const root = path.resolve(import.meta.dirname, '..', '..');
const port = Number.parseInt(process.env.PORT ?? '3000', 10);
const hostname = process.env.LISTEN_HOST || undefined;

let hops;
let limit;
try {
  hops = parseHops(process.env.TRUSTED_PROXY_HOPS);
  limit = parseLimit(process.env.PUBLIC_RATE_LIMIT);
} catch (error) {
  console.error(`[portal] ${error.message}`);
  process.exit(1);
}

// The proof that the front set the client address (front.mjs FRONT_HEADER): a secret of this process,
// read by src/lib/client-address.ts through the same process.env.
const secret = randomBytes(24).toString('base64url');
process.env.PORTAL_FRONT_SECRET = secret;

const app = next({ dev: false, dir: root, port, hostname: hostname ?? 'localhost' });
await app.prepare();
const handle = app.getRequestHandler();
const server = createFrontServer(handle, { hops, limit, secret, log: (line) => console.warn(`[portal] ${line}`) });
server.listen(port, hostname, () => {
  console.log(`[portal] listening on http://${hostname ?? 'localhost'}:${port}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close();
    process.exit(0);
  });
}
