import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FRONT_BAD_PATH_MESSAGE, openApiDocument, PUBLIC_RATE_LIMIT_DEFAULT, throttledDescription } from '@/domain/api-tokens/openapi';
import { SIGNATURE_ERRORS } from '@/domain/certificates/signature-api';
import { LOOKUP_POLICY, lookupPolicy } from '@/domain/lookup/policy';
import { createFrontServer, PUBLIC_LIMIT_DEFAULT, TEXTS } from '../../scripts/server/front.mjs';
import { schemaProblems, undocumentedKeys, type Schema } from '../support/openapi';

// The OpenAPI document against the answers the portal's front (scripts/server/front.mjs) gives on the
// public signature route before the route is reached: real HTTP on loopback, the front as the server
// runs it, a stand-in for Next behind it.

interface Documented {
  headers?: Record<string, { required?: boolean; schema: Schema }>;
  content: Record<string, { schema: Schema; example?: unknown; examples?: Record<string, { value: unknown }> }>;
}

const doc = JSON.parse(JSON.stringify(openApiDocument())) as Schema;
const signatures = (doc.paths as Record<string, Record<string, { responses: Record<string, Documented> }>>)['/api/v1/signatures/{digest}']!.get!.responses;

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function front(limit: { points: number; seconds: number }) {
  const server = createFrontServer((_req, res) => void res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}'), { hops: 0, limit });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function get(port: number, path: string, from: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, localAddress: from, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The answer fits the documented response of its status: body, no undocumented key, the headers. */
function expectDocumented(answer: { status: number; headers: http.IncomingHttpHeaders; json: unknown }) {
  const documented = signatures[String(answer.status)];
  expect(documented, String(answer.status)).toBeDefined();
  const schema = documented!.content['application/json']!.schema;
  expect(schemaProblems(doc, schema, answer.json)).toEqual([]);
  expect(undocumentedKeys(doc, schema, answer.json as Record<string, unknown>)).toEqual([]);
  for (const [name, header] of Object.entries(documented!.headers ?? {})) {
    const value = answer.headers[name.toLowerCase()];
    if (header.required || name === 'Cache-Control') expect(value, `${answer.status} ${name}`).toBeDefined();
    if (typeof value === 'string') expect(schemaProblems(doc, header.schema, header.schema.type === 'integer' ? Number(value) : value)).toEqual([]);
  }
}

describe('OpenAPI: GET /api/v1/signatures/{digest} documents what the front answers', () => {
  it('lists 400 (INVALID_DIGEST from the route, INVALID_REQUEST from the front), 429 THROTTLED with Retry-After, and the route\'s own', () => {
    expect(Object.keys(signatures).sort()).toEqual(['200', '400', '404', '409', '429']);
    expect(signatures['400']!.content['application/json']!.schema).toEqual({
      oneOf: [{ $ref: '#/components/schemas/SignatureErrorInvalidDigest' }, { $ref: '#/components/schemas/ErrorInvalidRequest' }],
    });
    expect(schemaProblems(doc, signatures['400']!.content['application/json']!.schema, { error: { code: 'INVALID_DIGEST', message: SIGNATURE_ERRORS.INVALID_DIGEST.message } })).toEqual([]);
    expect(schemaProblems(doc, signatures['400']!.content['application/json']!.schema, { error: { code: 'NOT_FOUND', message: 'x' } })).not.toEqual([]);
    expect(signatures['429']!.headers!['Retry-After']).toMatchObject({ required: true, schema: { type: 'integer', minimum: 1 } });
    expect(signatures['429']!.headers!['Cache-Control']).toBeDefined();
    // The front's default and texts, repeated in the document, are the front's.
    expect(PUBLIC_RATE_LIMIT_DEFAULT).toEqual({ requests: PUBLIC_LIMIT_DEFAULT.points, seconds: PUBLIC_LIMIT_DEFAULT.seconds });
    expect(JSON.stringify(signatures['429'])).toContain(`${PUBLIC_LIMIT_DEFAULT.seconds}秒に${PUBLIC_LIMIT_DEFAULT.points}回`);
    expect(FRONT_BAD_PATH_MESSAGE).toBe(TEXTS.badPathApi);
    const example = signatures['429']!.content['application/json']!.example as { error: { message: string; retryAfterSeconds: number } };
    expect(example.error.message).toBe(TEXTS.throttledApi(example.error.retryAfterSeconds));
  });

  it("the front's real 400 for a malformed escape and 429 past the public budget fit the document", async () => {
    const port = await front({ points: 1, seconds: 60 });
    const malformed = await get(port, '/api/v1/signatures/%ff', '127.0.0.41');
    expect(malformed.status).toBe(400);
    expect(malformed.json).toEqual({ error: { code: 'INVALID_REQUEST', message: TEXTS.badPathApi } });
    expectDocumented(malformed);

    expect((await get(port, '/api/v1/signatures/abc', '127.0.0.42')).status).toBe(200); // the stand-in route
    const refused = await get(port, '/api/v1/signatures/abc', '127.0.0.42');
    expect(refused.status).toBe(429);
    expect((refused.json as { error: { code: string } }).error.code).toBe('THROTTLED');
    expect(Number(refused.headers['retry-after'])).toBe((refused.json as { error: { retryAfterSeconds: number } }).error.retryAfterSeconds);
    expectDocumented(refused);
  });
});

describe("OpenAPI: THROTTLED of POST /api/v1/verifications names decision 041's budgets", () => {
  const throttled = (d: Schema) =>
    ((d.paths as Record<string, Record<string, { responses: Record<string, { description: string }> }>>)['/api/v1/verifications']!.post!.responses['429']!).description;

  it('per number (the orderer named on it), per token, per orderer 50 an hour, the configured address budget, gateway ranges', () => {
    const text = throttled(doc);
    expect(text).toBe(`THROTTLED: ${throttledDescription(lookupPolicy())}`);
    expect(text).toContain(`1日${LOOKUP_POLICY.numberFailures}回`);
    expect(text).toContain('証書に記載された発注者の失敗だけがその番号の確認を止め');
    expect(text).toContain(`トークンごと（画面では職員ごと）に1時間${LOOKUP_POLICY.accountFailures}回`);
    expect(text).toContain(`発注者ごと（その発注者のすべてのトークンと職員の合計）に1時間${LOOKUP_POLICY.organizationFailures}回`);
    expect(LOOKUP_POLICY.organizationFailures).toBe(50);
    expect(text).toContain('LOOKUP_ADDRESS_FAILURES_PER_HOUR');
    expect(text).toContain('接続元の範囲');
    // The address budget in force, not a constant.
    const configured = openApiDocument(lookupPolicy({ LOOKUP_ADDRESS_FAILURES_PER_HOUR: '120' })) as unknown as Schema;
    expect(throttled(configured)).toContain('接続元アドレスごと（IPv6 は /64 ごと）に1時間120回');
  });
});
