import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import { getDb } from '@/db/client';
import { passwordChangeSchema, userCreateSchema, userUpdateSchema } from '@/domain/users/schemas';
import { apiTokenSchema } from '@/domain/api-tokens/schemas';
import { applicationSchema, returnSchema } from '@/domain/applications/schemas';
import { signInSchema } from '@/domain/auth/sign-in-schema';
import { changeSchema } from '@/domain/changes/schema';
import { cancelSchema } from '@/domain/guarantees/cancel-schema';
import { contractorSchema, departmentSchema, ordererSchema } from '@/domain/organizations/schemas';
import { paymentSchema } from '@/domain/premium/payment-schema';
import { rateTableFormSchema } from '@/domain/premium/schemas';
import type { Role } from '@/generated/prisma/enums';
import { CONTROL_CHARACTER_MESSAGE } from '@/lib/text';
import { concludedGuarantee, makeCast, makeUser } from '../support/factories';
import { signInAs } from '../support/session';

vi.mock('@/auth/config', () => import('../support/session'));
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ 'x-portal-client-address': '192.0.2.77', 'x-portal-front': process.env.PORTAL_FRONT_SECRET ?? '' }),
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => undefined, delete: () => undefined }),
}));

/**
 * No input, however hostile, gets a 500 (issue 13): every server action (each export of src/actions)
 * and every route handler (each route.ts under src/app) is called with hostile values in every field
 * its forms send and in every argument and path parameter, by the role of its side, against real data.
 * A call may answer, redirect or say not-found; anything it throws besides is what the user would see
 * as a server error, and fails the property. New actions and routes are picked up by the globs.
 */

const actionModules = import.meta.glob<Record<string, unknown>>('/src/actions/*.ts');
const routeModules = import.meta.glob<Record<string, unknown>>('/src/app/**/route.ts');

const shapeKeys = (schema: z.ZodType): string[] => {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
};

/** Every field name the forms send (from their schemas), and the extra ones the actions read directly. */
const FIELD_NAMES = [
  ...new Set([
    ...[passwordChangeSchema, userCreateSchema, userUpdateSchema, apiTokenSchema, applicationSchema, returnSchema, signInSchema, changeSchema, cancelSchema, contractorSchema, departmentSchema, ordererSchema, paymentSchema, rateTableFormSchema].flatMap(shapeKeys),
    'intent', 'basis', 'previewed', 'revision', 'branchId', 'confirm', 'confirmResend', 'confirmReissue', 'confirmRevoke', 'number', 'key', 'grid[0][0]', 'tiers[0]', 'bands[0]',
    // The 共同企業体 form (its schema is a pipe, whose keys shapeKeys cannot see).
    'nameKana', 'kind', 'mode', 'formedOn', 'closedOn', 'representative', 'members', 'members[0]', 'members[0].organizationId', 'members[0].share', 'members[1].organizationId', 'members[1].share', 'members[6].share',
  ]),
];

const HOSTILE_CONSTANTS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0000'.repeat(300),
  '\r\n\t',
  '\u2028',
  '%',
  '%ff',
  '%25ff',
  '%E0%A4',
  '%00',
  '\uFEFF',
  '\u202e逆',
  '\ud800',
  "' OR '1'='1",
  '1; DROP TABLE "Guarantee"; --',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '=cmd|\' /C calc\'!A0',
  '-1',
  '0',
  '1e309',
  'NaN',
  'Infinity',
  '9'.repeat(400),
  '９'.repeat(30),
  '２０２６年１３月４０日',
  '0000-00-00',
  '2026-02-30',
  'on',
  'true',
  'preview',
  'commit',
  'submit',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'x'.repeat(100_000),
  '𠮷'.repeat(5000),
];

const hostile = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_CONSTANTS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 50 }) },
);

/** Real ids and numbers too, so that calls get past the id checks into parsing and the database. */
let realIds: string[] = [];

const argument = () => fc.oneof(hostile, fc.constantFrom<unknown>(...realIds), fc.constantFrom<unknown>(undefined, null, 0, -1, 1.5, true, false, {}, []));

const formData = () =>
  fc.dictionary(fc.constantFrom(...FIELD_NAMES), hostile, { maxKeys: FIELD_NAMES.length }).map((fields) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    return form;
  });

/** What a call ended in: anything but these reaches the user as a server error. */
function acceptable(error: unknown): boolean {
  const digest = (error as { digest?: unknown })?.digest;
  return typeof digest === 'string' && (digest.startsWith('NEXT_REDIRECT') || digest.startsWith('NEXT_HTTP_ERROR_FALLBACK;404'));
}

const roleOfAction = (file: string): Role => (file.includes('/admin-') ? 'ADMIN' : /\/(lookup|confirmation|orderer)-/.test(file) ? 'ORDERER' : 'CONTRACTOR');
const roleOfRoute = (file: string): Role | null =>
  file.includes('/app/admin/') ? 'ADMIN' : file.includes('/app/orderer/') ? 'ORDERER' : file.includes('/app/contractor/') ? 'CONTRACTOR' : null;

const users = {} as Record<Role, Awaited<ReturnType<typeof makeUser>>>;

beforeAll(async () => {
  const cast = await makeCast();
  const g = await concludedGuarantee(cast.contractor, cast.orderer);
  users.ADMIN = cast.admin;
  users.CONTRACTOR = cast.contractor;
  users.ORDERER = cast.clerk;
  const db = await getDb();
  const guarantee = await db.guarantee.findUniqueOrThrow({ where: { id: g.guaranteeId }, select: { number: true, applicationId: true, versions: { select: { id: true, digest: true } } } });
  realIds = [
    g.guaranteeId,
    guarantee.number,
    guarantee.applicationId,
    cast.orderer.id,
    cast.orderer.departmentId,
    cast.contractor.id,
    cast.contractor.actor.organizationId,
    ...guarantee.versions.flatMap((v) => [v.id, v.digest ?? '']),
  ];
});

describe('hostile input gets no 500', () => {
  it('a NUL in 氏名 (seen as a 500: PostgreSQL 22021) is refused at the field, and nothing is stored', async () => {
    const { createUserAction } = await import('@/actions/admin-user-actions');
    signInAs(users.ADMIN);
    const loginId = `nul-${Date.now()}`;
    const form = new FormData();
    form.set('loginId', loginId);
    form.set('name', '大村\u0000太郎');
    form.set('role', 'CONTRACTOR');
    form.set('organizationId', users.CONTRACTOR.actor.organizationId);
    const { result } = await createUserAction(undefined, form);
    expect(result.error?.name).toEqual([CONTROL_CHARACTER_MESSAGE]);
    expect(await (await getDb()).user.count({ where: { loginId } })).toBe(0);
  });

  it('from any server action, called by its own side with hostile forms and arguments', async () => {
    const calls: string[] = [];
    for (const [file, load] of Object.entries(actionModules)) {
      const exports = await load();
      for (const [name, fn] of Object.entries(exports)) {
        if (typeof fn !== 'function' || !name.endsWith('Action')) continue;
        calls.push(name);
        signInAs(users[roleOfAction(file)]);
        // Every hostile constant in every argument and field first; then random combinations.
        for (const value of HOSTILE_CONSTANTS) {
          const form = new FormData();
          for (const field of FIELD_NAMES) form.append(field, value);
          try {
            await (fn as (...a: unknown[]) => Promise<unknown>)(...Array.from({ length: Math.max(0, fn.length - 1) }, () => value), form);
          } catch (error) {
            if (!acceptable(error)) throw new Error(`${file} ${name} (${JSON.stringify(value.slice(0, 40))}): ${error instanceof Error ? error.stack : String(error)}`);
          }
        }
        await fc.assert(
          fc.asyncProperty(fc.array(argument(), { minLength: Math.max(0, fn.length - 1), maxLength: Math.max(0, fn.length - 1) }), formData(), async (args, form) => {
            try {
              await (fn as (...a: unknown[]) => Promise<unknown>)(...args, form);
            } catch (error) {
              if (!acceptable(error)) throw new Error(`${file} ${name}: ${error instanceof Error ? error.stack : String(error)}`);
            }
          }),
          { numRuns: 12 },
        );
      }
    }
    // The glob found the actions (a rename must not empty this test).
    expect(calls).toEqual(expect.arrayContaining(['createUserAction', 'saveApplicationAction', 'lookupAction', 'changeGuaranteeAction', 'signInAction']));
  });

  it('from any route handler, called by its side with hostile paths, queries, headers and bodies', async () => {
    const called: string[] = [];
    for (const [file, load] of Object.entries(routeModules)) {
      const exports = await load();
      const params = [...file.matchAll(/\[(\w+)\]/g)].map((m) => m[1]!);
      for (const method of ['GET', 'POST', 'PUT', 'DELETE'] as const) {
        const handler = exports[method];
        if (typeof handler !== 'function') continue;
        called.push(`${method} ${file}`);
        const role = roleOfRoute(file);
        const call = async (values: string[], query: string, body: string) => {
            signInAs(role ? users[role] : null);
            // A browser sends a lone surrogate as U+FFFD: a URL cannot carry one.
            const q = encodeURIComponent(Buffer.from(query, 'utf8').toString('utf8'));
            const url = `http://localhost/x?q=${q}&sort=${q}&page=${q}&number=${q}&raw=%ff`;
            const request = new Request(url, {
              method,
              headers: { authorization: `Bearer ${query.replace(/[^\x20-\x7e]/g, '')}`, 'content-type': 'application/json', 'x-portal-client-address': '192.0.2.78', 'x-portal-front': process.env.PORTAL_FRONT_SECRET ?? '' },
              body: method === 'GET' || method === 'DELETE' ? undefined : body,
            });
            const context = { params: Promise.resolve(Object.fromEntries(params.map((p, i) => [p, values[i]]))) };
            try {
              const response = (await (handler as (r: Request, c: unknown) => Promise<Response>)(request, context)) as Response;
              // The readiness probe's 503 is its answer, not a failure: "not ready" with the reasons
              // (here the test environment has no AUTH_SECRET), whatever was sent.
              if (file.endsWith('/api/ready/route.ts') && response.status === 503) {
                expect(((await response.json()) as { status?: unknown }).status, `${method} ${file}`).toBe('not-ready');
                return;
              }
              expect(response.status, `${method} ${file}`).toBeLessThan(500);
            } catch (error) {
              if (!acceptable(error)) throw new Error(`${method} ${file}: ${error instanceof Error ? error.stack : String(error)}`);
            }
        };
        // Every hostile constant in every parameter, query and body first; then random ones.
        for (const value of HOSTILE_CONSTANTS) await call(params.map(() => value), value, value);
        await fc.assert(
          fc.asyncProperty(fc.array(fc.oneof(hostile, fc.constantFrom(...realIds)), { minLength: params.length, maxLength: params.length }), hostile, hostile, call),
          { numRuns: 12 },
        );
      }
    }
    expect(called.length).toBeGreaterThanOrEqual(8);
  });
});
