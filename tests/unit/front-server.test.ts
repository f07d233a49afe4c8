import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_ADDRESS_HEADER as APP_HEADER } from '@/lib/client-address';
import {
  budgetKey,
  CLIENT_ADDRESS_HEADER,
  FRONT_HEADER,
  clientAddress,
  createFrontServer,
  parseHops,
  parseLimit,
  pathDecodes,
  PUBLIC_LIMIT_DEFAULT,
  TEXTS,
} from '../../scripts/server/front.mjs';

// The front (scripts/server/front.mjs) over real HTTP on loopback, with a stand-in for Next's request
// handler that echoes what the app would see. Different loopback source addresses (127.0.0.x) play
// different clients.

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const SECRET = 'front-secret-of-this-test';
const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function start(options: Parameters<typeof createFrontServer>[1]) {
  const server = createFrontServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ seen: req.headers[CLIENT_ADDRESS_HEADER] ?? null, proof: req.headers[FRONT_HEADER] ?? null, url: req.url }));
  }, { secret: SECRET, ...options });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function get(port: number, path: string, { from = '127.0.0.1', headers = {} as Record<string, string> } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    // A raw path: http.request would not re-encode it, and a malformed escape must reach the server as sent.
    const req = http.request({ host: '127.0.0.1', port, path, localAddress: from, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the client address', () => {
  it('is the same header name in the front and in the app', () => {
    expect(CLIENT_ADDRESS_HEADER).toBe(APP_HEADER);
  });

  it('with no trusted proxy, is the TCP peer whatever X-Forwarded-For, X-Real-IP or a forged internal header say', async () => {
    const port = await start({ hops: 0 });
    const reply = await get(port, '/login', {
      from: '127.0.0.5',
      headers: { 'X-Forwarded-For': '203.0.113.9', 'X-Real-IP': '203.0.113.10', [CLIENT_ADDRESS_HEADER]: '203.0.113.11', [FRONT_HEADER]: 'forged' },
    });
    expect(JSON.parse(reply.body)).toMatchObject({ seen: '127.0.0.5', proof: SECRET });
  });

  it('without a secret passes on no address at all, and still drops client-sent copies', async () => {
    const port = await start({ hops: 0, secret: null });
    const reply = await get(port, '/login', { headers: { [CLIENT_ADDRESS_HEADER]: '203.0.113.11', [FRONT_HEADER]: 'forged' } });
    expect(JSON.parse(reply.body)).toMatchObject({ seen: null, proof: null });
  });

  it('behind N trusted proxies, is the N-th X-Forwarded-For entry from the right; too few entries or garbage → the peer', () => {
    expect(clientAddress('::ffff:10.0.0.2', '198.51.100.7', 0)).toBe('10.0.0.2');
    expect(clientAddress('10.0.0.2', '6.6.6.6, 198.51.100.7', 1)).toBe('198.51.100.7');
    expect(clientAddress('10.0.0.2', ['6.6.6.6, 198.51.100.7', '10.0.0.1'], 2)).toBe('198.51.100.7');
    expect(clientAddress('10.0.0.2', '198.51.100.7', 2)).toBe('10.0.0.2');
    expect(clientAddress('10.0.0.2', 'not-an-address', 1)).toBe('10.0.0.2');
    expect(clientAddress('10.0.0.2', '[2001:db8::1]', 1)).toBe('2001:db8::1');
    expect(clientAddress('10.0.0.2', undefined, 1)).toBe('10.0.0.2');
  });

  it('keys an IPv6 client by its /64 and an IPv4 client by its address', () => {
    expect(budgetKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(budgetKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(budgetKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(budgetKey('::1')).toBe('0:0:0:0::/64');
    expect(budgetKey('192.0.2.1')).toBe('192.0.2.1');
    expect(budgetKey(null)).toBe('unknown');
  });

  it('reads its settings strictly', () => {
    expect(parseHops(undefined)).toBe(0);
    expect(parseHops('2')).toBe(2);
    expect(() => parseHops('-1')).toThrow(/TRUSTED_PROXY_HOPS/);
    expect(parseLimit(undefined)).toEqual(PUBLIC_LIMIT_DEFAULT);
    expect(parseLimit('10/5')).toEqual({ points: 10, seconds: 5 });
    expect(parseLimit('off')).toBeNull();
    expect(() => parseLimit('10')).toThrow(/PUBLIC_RATE_LIMIT/);
  });
});

describe('malformed percent-encoding', () => {
  it('is told apart from well-formed paths', () => {
    expect(pathDecodes('/verify/%E6%97%A5?q=%ff')).toBe(true);
    expect(pathDecodes('/verify/%ff')).toBe(false);
    expect(pathDecodes('/contractor/guarantees/%C0%AF')).toBe(false);
    expect(pathDecodes('/admin/users/%zz')).toBe(false);
  });

  it('gets 400 as JSON under /api and as a Japanese page elsewhere, never reaching the app', async () => {
    const port = await start({ hops: 0 });
    const api = await get(port, '/api/v1/signatures/%ff');
    expect(api.status).toBe(400);
    expect(api.headers['content-type']).toMatch(/application\/json/);
    expect(JSON.parse(api.body)).toEqual({ error: { code: 'INVALID_REQUEST', message: TEXTS.badPathApi } });

    for (const path of ['/verify/%ff', '/contractor/guarantees/%ff', '/admin/users/%zz']) {
      const page = await get(port, path);
      expect(page.status, path).toBe(400);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.headers['content-security-policy']).toContain("default-src 'none'");
      expect(page.body).toContain(TEXTS.badPathTitle);
      expect(page.body).not.toContain('seen');
    }
  });
});

describe('the public routes', () => {
  it('are bounded per client address with 429, Retry-After and the API error shape; other addresses and routes go on', async () => {
    const port = await start({ hops: 0, limit: { points: 3, seconds: 60 } });
    for (let i = 0; i < 3; i += 1) expect((await get(port, '/api/v1/signatures/abc', { from: '127.0.0.21' })).status).toBe(200);
    const refused = await get(port, '/api/v1/signatures/abc', { from: '127.0.0.21', headers: { 'X-Forwarded-For': `198.51.100.${Math.floor(Math.random() * 200)}` } });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(JSON.parse(refused.body)).toEqual({ error: { code: 'THROTTLED', message: TEXTS.throttledApi(retryAfter), retryAfterSeconds: retryAfter } });

    const page = await get(port, '/verify/abc', { from: '127.0.0.21' });
    expect(page.status).toBe(429);
    // Next matches static routes on the decoded path: an encoded letter is the same route and budget.
    expect((await get(port, '/api/v1/%73igning-keys', { from: '127.0.0.21' })).status).toBe(429);
    expect(page.body).toContain(TEXTS.throttledTitle);

    // Another client, and the signed-in sides, are not affected.
    expect((await get(port, '/verify/abc', { from: '127.0.0.22' })).status).toBe(200);
    expect((await get(port, '/orderer', { from: '127.0.0.21' })).status).toBe(200);
  });

  it('has no limit when switched off', async () => {
    const port = await start({ hops: 0, limit: null });
    for (let i = 0; i < 5; i += 1) expect((await get(port, '/verify/abc', { from: '127.0.0.23' })).status).toBe(200);
  });
});
