// The production server (`npm start` and the browser tests run it): Next's request handler behind the
// front of ./front.mjs, in one process on PORT (LISTEN_HOST optional: every interface by default). Instead of `next start`, because
// only here can the TCP peer's address reach the app (decision 042). The process logs JSON lines on
// stdout through ./log.mjs (decision 053): one line per request from the front, the app's own lines,
// and whatever Next or a library prints on the console. Each request's duration goes to the process's
// metrics registry (./metrics.mjs, shared with the app's GET /api/metrics) from the same line.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import next from 'next';
import { createFrontServer, parseHops, parseLimit, routeMatcher } from './front.mjs';
import { createLogger, moduleLogger, parseLevel, routeConsole } from './log.mjs';
import { parseDrain, stopOnSignals } from './shutdown.mjs';
import { observeRequest } from './metrics.mjs';

try {
  parseLevel(process.env.LOG_LEVEL);
} catch (error) {
  // One line, as for the other settings below, from a logger at the default level.
  createLogger({ env: { ...process.env, LOG_LEVEL: '' } }).child({ module: 'portal' }).fatal(error.message);
  process.exit(1);
}
const log = moduleLogger('portal');
const http = moduleLogger('http');
routeConsole();

const root = path.resolve(import.meta.dirname, '..', '..');
const port = Number.parseInt(process.env.PORT ?? '3000', 10);
const hostname = process.env.LISTEN_HOST || undefined;

let hops;
let limit;
let drainSeconds;
try {
  hops = parseHops(process.env.TRUSTED_PROXY_HOPS);
  limit = parseLimit(process.env.PUBLIC_RATE_LIMIT);
  drainSeconds = parseDrain(process.env.STOP_DRAIN_SECONDS);
} catch (error) {
  log.fatal(error.message);
  process.exit(1);
}

// The proof that the front set the client address (front.mjs FRONT_HEADER): a secret of this process,
// read by src/lib/client-address.ts through the same process.env.
const secret = randomBytes(24).toString('base64url');
process.env.PORTAL_FRONT_SECRET = secret;

const app = next({ dev: false, dir: root, port, hostname: hostname ?? 'localhost' });
await app.prepare();
const handle = app.getRequestHandler();
// Route patterns for the request lines, from the build's routes manifest (NEXT_DIST_DIR as next.config.ts).
let manifest = null;
try {
  manifest = JSON.parse(fs.readFileSync(path.join(root, process.env.NEXT_DIST_DIR || '.next', 'routes-manifest.json'), 'utf8'));
} catch (error) {
  log.warn({ err: error }, 'no routes manifest: request lines without route patterns');
}
const requestDone = (line) => {
  http.info(line, 'request');
  observeRequest(line);
};
const server = createFrontServer(handle, { hops, limit, secret, log: requestDone, routeOf: routeMatcher(manifest) });
server.listen(port, hostname, () => {
  log.info({ url: `http://${hostname ?? 'localhost'}:${port}` }, 'listening');
});
// SIGTERM/SIGINT: an orderly stop within 10 s (./shutdown.mjs, decision 057).
stopOnSignals(server, { log, drainMs: drainSeconds * 1000 });
