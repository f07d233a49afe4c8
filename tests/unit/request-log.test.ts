import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { noteRequestCaller, REQUEST_CALLERS as APP_CALLERS, REQUEST_ID_HEADER as APP_ID_HEADER } from '@/lib/request-caller';
import { createFrontServer, REQUEST_CALLERS, REQUEST_ID_HEADER, requestId, requestLine, routeMatcher, type RequestLine } from '../../scripts/server/front.mjs';

// One log line per request (decision 053): the front over real HTTP with a stand-in for Next that, like
// the guards, notes the caller through src/lib/request-caller.ts.

const SECRET = 'front-secret-of-this-test';
const servers: http.Server[] = [];
let saved: string | undefined;
beforeEach(() => {
  saved = process.env.PORTAL_FRONT_SECRET;
  process.env.PORTAL_FRONT_SECRET = SECRET;
});
afterEach(async () => {
  process.env.PORTAL_FRONT_SECRET = saved;
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

const MANIFEST = {
  staticRoutes: [{ page: '/' }, { page: '/login' }, { page: '/contractor' }],
  dynamicRoutes: [{ page: '/contractor/guarantees/[number]/key', regex: '^/contractor/guarantees/([^/]+?)/key(?:/)?$' }],
};

async function start(options: Parameters<typeof createFrontServer>[1] = {}) {
  const lines: RequestLine[] = [];
  const server = createFrontServer(
    (req, res) => {
      const headers = new Headers(Object.entries(req.headers).map(([name, value]) => [name, String(value)] as [string, string]));
      if (req.url?.startsWith('/contractor')) noteRequestCaller(headers, { side: 'contractor', userId: 'u-1' });
      res.writeHead(req.url === '/boom' ? 500 : 200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ id: req.headers[REQUEST_ID_HEADER] ?? null }));
    },
    { secret: SECRET, log: (line) => lines.push(line), routeOf: routeMatcher(MANIFEST), ...options },
  );
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, lines };
}

function get(port: number, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The line is written on the response's close, which may come just after the client has read it. */
async function lineOf(lines: RequestLine[], id: string) {
  for (let i = 0; i < 50 && !lines.some((l) => l.reqId === id); i++) await new Promise((r) => setTimeout(r, 10));
  return lines.filter((l) => l.reqId === id);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('the request line', () => {
  it('the app and the front name the same header and the same map', () => {
    expect(APP_ID_HEADER).toBe(REQUEST_ID_HEADER);
    expect(APP_CALLERS).toBe(REQUEST_CALLERS);
  });

  it('one line per request: id, method, route pattern, path without the query, status, duration, client, and the user and side the app noted', async () => {
    const { port, lines } = await start();
    const reply = await get(port, '/contractor/guarantees/P-2026-000001/key?from=list');
    const id = reply.headers['x-request-id'] as string;
    expect(id).toMatch(UUID);
    expect(JSON.parse(reply.body).id).toBe(id); // the app got the same id
    const mine = await lineOf(lines, id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toEqual({
      reqId: id,
      method: 'GET',
      route: '/contractor/guarantees/[number]/key',
      path: '/contractor/guarantees/P-2026-000001/key',
      status: 200,
      ms: expect.any(Number),
      client: '127.0.0.1',
      side: 'contractor',
      userId: 'u-1',
    });
    // The record is gone once the line is written.
    expect((globalThis as { [REQUEST_CALLERS]?: Map<string, unknown> })[REQUEST_CALLERS]?.has(id)).toBe(false);
  });

  it('without a signed-in caller: no user, no side; an unknown path has no route; a 500 is a line like any', async () => {
    const { port, lines } = await start();
    const reply = await get(port, '/boom');
    const [line] = await lineOf(lines, reply.headers['x-request-id'] as string);
    expect(line).toMatchObject({ route: null, path: '/boom', status: 500 });
    expect(line).not.toHaveProperty('userId');
    expect(line).not.toHaveProperty('side');
    expect(line).not.toHaveProperty('prefetch');
    // A router prefetch says so (Next renders only a loading state: no caller is resolved).
    const prefetched = await get(port, '/login', { 'Next-Router-Prefetch': '1' });
    expect((await lineOf(lines, prefetched.headers['x-request-id'] as string))[0]).toMatchObject({ route: '/login', prefetch: true });
  });

  it("the front's own refusals get their line and their id: a malformed path (400), a spent public budget (429)", async () => {
    const { port, lines } = await start({ limit: { points: 1, seconds: 60 } });
    const bad = await get(port, '/verify/%E0%A4%A');
    expect(bad.status).toBe(400);
    expect((await lineOf(lines, bad.headers['x-request-id'] as string))[0]).toMatchObject({ status: 400, path: null, route: null, refused: 'malformed-path' });
    await get(port, '/verify/abc');
    const spent = await get(port, '/verify/abc');
    expect(spent.status).toBe(429);
    expect((await lineOf(lines, spent.headers['x-request-id'] as string))[0]).toMatchObject({ status: 429, refused: 'throttled' });
  });

  it("a caller noted by someone without the front's proof is not believed", () => {
    const callers = new Map([['id-1', {}]]);
    (globalThis as { [REQUEST_CALLERS]?: Map<string, object> })[REQUEST_CALLERS] = callers;
    noteRequestCaller(new Headers({ 'x-request-id': 'id-1', 'x-portal-front': 'forged', 'x-portal-client-address': '192.0.2.1' }), { side: 'admin', userId: 'u-2' });
    expect(callers.get('id-1')).toEqual({});
    noteRequestCaller(new Headers({ 'x-request-id': 'id-2', 'x-portal-front': SECRET, 'x-portal-client-address': '192.0.2.1' }), { side: 'admin', userId: 'u-2' });
    expect(callers.has('id-2')).toBe(false); // the front made no record for it: nothing is added
  });

  it('the line holds only the fields it names (never a header, a cookie or the query)', () => {
    const line = requestLine({ id: 'r', method: 'POST', path: '/x'.repeat(150), route: null, status: 303, ms: 12.345, client: null, caller: {} });
    expect(Object.keys(line).sort()).toEqual(['client', 'method', 'ms', 'path', 'reqId', 'route', 'status']);
    expect(line.path).toHaveLength(200);
    expect(line.ms).toBe(12.3);
  });
});

describe('the request id', () => {
  it('a client\'s X-Request-Id is ignored without trusted proxies; behind them the proxy\'s is taken when it looks like an id', async () => {
    expect(requestId('client-chosen', undefined, 0)).toMatch(UUID);
    expect(requestId('req-8a1b2c', '198.51.100.7', 1)).toBe('req-8a1b2c');
    // Did not come through the proxy (no X-Forwarded-For entry), or not an id: a new one.
    expect(requestId('req-8a1b2c', undefined, 1)).toMatch(UUID);
    expect(requestId('has space', '198.51.100.7', 1)).toMatch(UUID);
    expect(requestId('x'.repeat(129), '198.51.100.7', 1)).toMatch(UUID);
    expect(requestId('{"msg":"forged"}', '198.51.100.7', 1)).toMatch(UUID);

    const direct = await start();
    const ignored = await get(direct.port, '/login', { 'X-Request-Id': 'mine' });
    expect(ignored.headers['x-request-id']).toMatch(UUID);
    const proxied = await start({ hops: 1 });
    const taken = await get(proxied.port, '/login', { 'X-Request-Id': 'edge-42', 'X-Forwarded-For': '203.0.113.9' });
    expect(taken.headers['x-request-id']).toBe('edge-42');
    expect((await lineOf(proxied.lines, 'edge-42'))[0]).toMatchObject({ client: '203.0.113.9', route: '/login' });
  });
});

describe('route patterns from the routes manifest', () => {
  it('static routes, then dynamic ones; a trailing slash is the same route; files are one pattern', () => {
    const routeOf = routeMatcher(MANIFEST);
    expect(routeOf('/')).toBe('/');
    expect(routeOf('/login/')).toBe('/login');
    expect(routeOf('/contractor/guarantees/X/key')).toBe('/contractor/guarantees/[number]/key');
    expect(routeOf('/nowhere')).toBeNull();
    expect(routeOf('/_next/static/chunks/a.js')).toBe('/_next/static');
    expect(routeMatcher(null)('/login')).toBeNull();
  });
});
