// The portal's HTTP front (decision 042): Node's own `http` server, in the same process as Next, sees
// every request before Next does and
//   1. sets the client's address in CLIENT_ADDRESS_HEADER from the TCP peer (or, behind
//      TRUSTED_PROXY_HOPS trusted proxies, the entry of X-Forwarded-For those proxies vouch for), after
//      deleting any copy the client sent: route handlers and actions cannot see the socket, and a header
//      the client chose must never pick the address that throttling and 照会記録 use;
//   2. answers a request whose path is not valid percent-encoded UTF-8 with 400 in the route's own
//      format (JSON for /api, a Japanese page otherwise), where Next would throw a URIError into a 500;
//   3. bounds the public routes (/verify, the public API) per client address, with 429 and Retry-After;
//   4. gives each request its id (a trusted proxy's X-Request-Id, else a new one), passes it to the app
//      and returns it in X-Request-Id, and writes one log line per request when its response is done
//      (decision 053): id, method, route pattern, path, status, duration, client address, and the
//      user and side (or API token) the app noted for it (src/lib/request-caller.ts).
// Plain JavaScript (the start scripts run it with node, no build step); tests/unit/front-server.test.ts
// drives it over real HTTP.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { RateLimiterMemory } from 'rate-limiter-flexible';

/** The internal header carrying the client's address (src/lib/client-address.ts reads it). */
export const CLIENT_ADDRESS_HEADER = 'x-portal-client-address';

/**
 * The internal header proving that the front set the address: it carries this process's secret
 * (PORTAL_FRONT_SECRET, made by serve.mjs). Under any other launcher (`next start`, `next dev`) there is
 * no secret, so a client-sent address header is never believed.
 */
export const FRONT_HEADER = 'x-portal-front';

/** The request id's header, in both directions (src/lib/request-caller.ts REQUEST_ID_HEADER). */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * Where the app notes who made a request, by request id (src/lib/request-caller.ts REQUEST_CALLERS):
 * the front makes each record and deletes it when the response is done.
 */
export const REQUEST_CALLERS = Symbol.for('portal.requestCallers');

/** Public routes: anyone may call them without an account, so they get a per-address budget. */
export const PUBLIC_PREFIXES = ['/verify/', '/api/v1/signatures/', '/api/v1/signing-keys', '/api/v1/openapi.json'];

/** Default budget of the public routes: generous for a clerk's office, bounded for a crawler. */
export const PUBLIC_LIMIT_DEFAULT = { points: 120, seconds: 60 };

export const TEXTS = {
  badPathTitle: 'アドレスが正しくありません',
  badPathBody: 'アドレス（URL）に使えない文字の並びが含まれています。リンクや入力したアドレスをご確認ください。',
  badPathApi: 'URLのパーセントエンコードが正しくありません。',
  throttledTitle: 'アクセスが集中しています',
  throttledBody: (seconds) => `短い時間に多くのアクセスがありました。${seconds}秒ほど待ってから、もう一度お試しください。`,
  throttledApi: (seconds) => `短い時間に多くのリクエストがありました。${seconds}秒後に再度お試しください。`,
  home: 'トップページへ',
};

/** `::ffff:127.0.0.1` → `127.0.0.1`; anything that is not an IP address → null. */
export function normalizeAddress(value) {
  if (typeof value !== 'string') return null;
  let address = value.trim();
  if (address.startsWith('[') && address.endsWith(']')) address = address.slice(1, -1);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) address = mapped[1];
  return net.isIP(address) ? address.toLowerCase() : null;
}

/**
 * The client's address. With no trusted proxy (hops 0) it is the TCP peer's, whatever the request's
 * headers say. Behind `hops` trusted proxies, each appending the address it saw to X-Forwarded-For,
 * it is the `hops`-th entry from the right: the one the outermost trusted proxy wrote. A request with
 * fewer entries than that did not come through the proxies, and one whose entry is not an address is
 * not believed: both fall back to the peer.
 */
export function clientAddress(peer, forwardedFor, hops) {
  const socketAddress = normalizeAddress(peer);
  if (!hops) return socketAddress;
  const list = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? ''))
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (list.length < hops) return socketAddress;
  return normalizeAddress(list[list.length - hops]) ?? socketAddress;
}

/** What a request id from a proxy may look like: printable, no spaces, at most 128 characters. */
const REQUEST_ID = /^[A-Za-z0-9._:;=/+@-]{1,128}$/;

/**
 * The request's id: the X-Request-Id a trusted proxy set, when the request came through the
 * TRUSTED_PROXY_HOPS proxies (the same test as the client address: X-Forwarded-For holds at least that
 * many entries) and the id looks like one; otherwise a new UUID. With no trusted proxy a client's
 * X-Request-Id is never taken: it would let anyone write what they like into the log.
 */
export function requestId(given, forwardedFor, hops) {
  if (hops) {
    const entries = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '')).split(',').filter((part) => part.trim());
    const value = Array.isArray(given) ? given[0] : given;
    if (entries.length >= hops && typeof value === 'string' && REQUEST_ID.test(value.trim())) return value.trim();
  }
  return randomUUID();
}

/**
 * A function from a decoded path to its route pattern (`/contractor/guarantees/[number]/key`), from
 * Next's routes manifest (<distDir>/routes-manifest.json): static routes first, then dynamic ones in
 * the manifest's order (Next's own, most specific first). Unknown paths (a 404, a file) → null.
 */
export function routeMatcher(manifest) {
  const exact = new Map();
  for (const route of manifest?.staticRoutes ?? []) exact.set(route.page, route.page);
  const dynamic = (manifest?.dynamicRoutes ?? []).map((route) => ({ page: route.page, regex: new RegExp(route.regex) }));
  return (pathname) => {
    if (pathname.startsWith('/_next/static/')) return '/_next/static';
    const trimmed = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
    const hit = exact.get(trimmed);
    if (hit) return hit;
    return dynamic.find((route) => route.regex.test(pathname))?.page ?? null;
  };
}

/**
 * The request's log line (pure, for the tests): never the query string (a search, a return path) nor
 * any header; the path cut at 200 characters.
 */
export function requestLine({ id, method, path, route, status, ms, client, caller, aborted, refused, prefetch }) {
  const line = { reqId: id, method, route, path: path === null ? null : path.slice(0, 200), status, ms: Math.round(ms * 10) / 10, client };
  if (caller?.side) line.side = caller.side;
  if (caller?.userId) line.userId = caller.userId;
  if (caller?.tokenId) line.tokenId = caller.tokenId;
  if (prefetch) line.prefetch = true;
  if (refused) line.refused = refused;
  if (aborted) line.aborted = true;
  return line;
}

/** The path decoded as Next decodes it, or null when a percent-escape does not form valid UTF-8. */
export function decodedPath(rawUrl) {
  const q = rawUrl.indexOf('?');
  const pathname = q === -1 ? rawUrl : rawUrl.slice(0, q);
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}

export const pathDecodes = (rawUrl) => decodedPath(rawUrl) !== null;

/**
 * The key of a client's public budget: its address, or for IPv6 its /64 (one subscriber's network:
 * rotating addresses inside it must not buy a new budget).
 */
export function budgetKey(address) {
  if (!address || net.isIPv4(address)) return address ?? 'unknown';
  const [head, tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = address.includes('::') && tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/** `PUBLIC_RATE_LIMIT` = "<requests>/<seconds>", e.g. "120/60"; unset → the default; "off" → none. */
export function parseLimit(value) {
  if (value === undefined || value === '') return PUBLIC_LIMIT_DEFAULT;
  if (value === 'off') return null;
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) {
    throw new Error(`PUBLIC_RATE_LIMIT must look like "120/60" (requests per seconds) or "off", not "${value}"`);
  }
  return { points: Number(match[1]), seconds: Number(match[2]) };
}

/** Trusted proxy hops from TRUSTED_PROXY_HOPS (a whole number ≥ 0). */
export function parseHops(value) {
  if (value === undefined || value === '') return 0;
  if (!/^\d+$/.test(value.trim())) throw new Error(`TRUSTED_PROXY_HOPS must be a whole number, not "${value}"`);
  return Number(value);
}

const isApi = (url) => url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');

function page(title, body) {
  return `<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} | 電子保証ポータル</title><style>body{font-family:sans-serif;margin:2rem auto;max-width:40rem;padding:0 1rem;line-height:1.7;color:#1a1a1a}a{color:#0b57d0}</style></head><body><main><h1>${title}</h1><p>${body}</p><p><a href="/">${TEXTS.home}</a></p></main></body></html>`;
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
};

function answer(res, status, api, { code, message, title, body, retryAfter }) {
  const headers = { ...SECURITY_HEADERS };
  if (retryAfter) headers['Retry-After'] = String(retryAfter);
  if (api) {
    const error = { code, message };
    if (retryAfter) error.retryAfterSeconds = retryAfter;
    headers['Content-Type'] = 'application/json; charset=utf-8';
    res.writeHead(status, headers).end(JSON.stringify({ error }));
  } else {
    headers['Content-Type'] = 'text/html; charset=utf-8';
    res.writeHead(status, headers).end(page(title, body));
  }
}

function callers() {
  globalThis[REQUEST_CALLERS] ??= new Map();
  return globalThis[REQUEST_CALLERS];
}

/**
 * The request listener in front of `handle` (Next's request handler). `log(line)` gets each request's
 * line (requestLine) when its response is done or the client went away; `routeOf(path)` names its
 * route pattern (routeMatcher).
 */
export function frontHandler(handle, { hops = 0, limit = PUBLIC_LIMIT_DEFAULT, secret = null, log = () => {}, routeOf = () => null } = {}) {
  const limiter = limit ? new RateLimiterMemory({ points: limit.points, duration: limit.seconds }) : null;
  return async (req, res) => {
    const started = process.hrtime.bigint();
    const url = req.url ?? '/';
    const address = clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], hops);
    delete req.headers[CLIENT_ADDRESS_HEADER];
    delete req.headers[FRONT_HEADER];
    if (address && secret) {
      req.headers[CLIENT_ADDRESS_HEADER] = address;
      req.headers[FRONT_HEADER] = secret;
    }
    const id = requestId(req.headers[REQUEST_ID_HEADER], req.headers['x-forwarded-for'], hops);
    req.headers[REQUEST_ID_HEADER] = id;
    res.setHeader('X-Request-Id', id);
    const caller = {};
    // A router prefetch: Next renders a dynamic page's loading state only, so no caller is resolved.
    const prefetch = req.headers['next-router-prefetch'] === '1';
    callers().set(id, caller);

    // Next matches static routes on the decoded path: the budget's prefixes are tested on it too.
    const path = decodedPath(url);
    let refused;
    res.once('close', () => {
      callers().delete(id);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log(requestLine({ id, method: req.method, path, route: path === null ? null : routeOf(path), status: res.statusCode, ms, client: address, caller, aborted: !res.writableFinished, refused, prefetch }));
    });
    if (path === null) {
      refused = 'malformed-path';
      answer(res, 400, isApi(url), { code: 'INVALID_REQUEST', message: TEXTS.badPathApi, title: TEXTS.badPathTitle, body: TEXTS.badPathBody });
      return;
    }

    if (limiter && PUBLIC_PREFIXES.some((prefix) => path.startsWith(prefix))) {
      try {
        await limiter.consume(budgetKey(address));
      } catch (spent) {
        refused = 'throttled';
        const retryAfter = Math.max(1, Math.ceil((spent?.msBeforeNext ?? 1000) / 1000));
        answer(res, 429, isApi(url), {
          code: 'THROTTLED',
          message: TEXTS.throttledApi(retryAfter),
          title: TEXTS.throttledTitle,
          body: TEXTS.throttledBody(retryAfter),
          retryAfter,
        });
        return;
      }
    }
    return handle(req, res);
  };
}

/** An http.Server with the front handler; the caller listens. */
export function createFrontServer(handle, options) {
  return http.createServer(frontHandler(handle, options));
}
