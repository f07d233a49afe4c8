import 'server-only';
import { queryDirect, type Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import type { CertificateContent } from '@/domain/certificates/content';
import { AppError } from '@/domain/errors';
import { hashApiToken, LAST_USED_RESOLUTION_MS, TOKEN_PATTERN } from '@/domain/api-tokens/tokens';
import type { ApiCaller } from '@/domain/api-tokens/authenticate-api-token';
import { hashAuthKey } from '@/domain/guarantees/auth-key';
import type { FieldErrors } from '@/domain/result';
import type { ChangeKind, GuaranteeStatus } from '@/generated/prisma/enums';
import { normalizeAuthKey } from '@/lib/auth-key-format';
import { todayInTokyo } from '@/lib/dates';
import { logger } from '@/lib/log';
import { countLookup, countLookupLock } from '@/lib/metrics';
import { trackBackground } from '@/lib/stop';
import { checkLookupInput } from './input-check';
import { sendOwedLockNotices } from './lock-notices';
import { LOOKUP_MESSAGES as M, waitMinutes } from './messages';
import { addressRule } from '@/domain/gateways/ranges';
import { BENCH_POLICY, lookupPolicy, type LookupPolicy } from './policy';
import { lookupBudgets, ORGANIZATION_PLACEHOLDER, TOKEN_ID_PLACEHOLDER, type Scope } from './throttle';

const lookupLog = logger('lookup');

/**
 * 電子証書の確認 (SPEC flow 6), for an orderer's clerk or an orderer's API token. The answer is one of:
 *   - invalid: a malformed number (its check digit catches typos) or key — a field error, no attempt spent;
 *   - throttled: a budget is spent (policy.ts) — how long to wait;
 *   - not-found: ONE answer for a wrong number, a wrong key, a reissued (old) key and a certificate of
 *     another orderer, after the same work (the key's HMAC is computed even when the number does not
 *     exist, compared in constant time);
 *   - found: the certificate as issued (every version), its status, and the confirmation recorded.
 * Every attempt is logged (LookupAttempt: who, organisation, number as typed, outcome, address).
 */
export type LookupCaller = { kind: 'user'; actor: Actor } | { kind: 'token'; tokenId: string; organizationId: string };

export interface LookupContext {
  secret: string;
  clientAddress: string | null;
  policy?: LookupPolicy;
  /** The moment of the lookup (tests move it): the confirmation's time and the day 期間満了 is judged on. */
  now?: Date;
}

export interface FoundVersion {
  id: string;
  version: number;
  changeKind: ChangeKind;
  issuedOn: string;
  digest: string | null;
  content: CertificateContent;
}

export type LookupResult =
  | {
      status: 'found';
      guaranteeId: string;
      number: string;
      guaranteeStatus: GuaranteeStatus;
      confirmationId: string;
      confirmedAt: Date;
      /** Newest first; [0] is the version confirmed. */
      versions: FoundVersion[];
    }
  | { status: 'invalid'; fieldErrors: FieldErrors }
  | { status: 'not-found'; message: string }
  | { status: 'throttled'; scope: Scope; retryAfterSeconds: number; message: string };

/** The policy in force: the real one (with the configured address budget), unless the server was started by `npm run bench` (PORTAL_BENCH_MODE=1). */
export const defaultPolicy = (): LookupPolicy => (process.env.PORTAL_BENCH_MODE === '1' ? BENCH_POLICY : lookupPolicy());

const asText = (value: unknown) => (typeof value === 'string' ? value : '');
/** What the log keeps of what was typed: bounded, without control characters (PostgreSQL refuses NUL). */
const forLog = (text: string, max: number) => text.replace(/[\u0000-\u001f\u007f]/g, '\ufffd').slice(0, max);

function callerFields(caller: LookupCaller) {
  return caller.kind === 'user'
    ? { userId: caller.actor.userId, organizationId: caller.actor.organizationId, apiTokenId: null, account: `user:${caller.actor.userId}` }
    : { userId: null, organizationId: caller.organizationId, apiTokenId: caller.tokenId, account: `token:${caller.tokenId}` };
}

export async function lookupCertificate(db: Db, caller: LookupCaller, input: { number: unknown; key: unknown }, ctx: LookupContext): Promise<LookupResult> {
  if (caller.kind === 'user' && caller.actor.role !== 'ORDERER') throw new AppError('FORBIDDEN', `${caller.actor.role} used the orderer lookup`);
  const who = callerFields(caller);
  return (await runLookup(db, { account: who.account, userId: who.userId, organizationId: who.organizationId, apiTokenId: who.apiTokenId, departmentId: caller.kind === 'user' ? caller.actor.departmentId : null }, input, ctx))!.result;
}

/**
 * The same lookup for an API caller known only by its bearer token: the token is checked in the same
 * database call (decision 058). Null for a malformed, unknown or revoked token or one of an inactive
 * orderer (authenticate-api-token.ts: the same rules), and nothing is logged then.
 */
export async function lookupWithBearer(db: Db, bearer: string, input: { number: unknown; key: unknown }, ctx: LookupContext): Promise<{ caller: ApiCaller; result: LookupResult } | null> {
  if (!TOKEN_PATTERN.test(bearer)) return null;
  return runLookup(db, { bearerHash: hashApiToken(bearer), account: `token:${TOKEN_ID_PLACEHOLDER}`, userId: null, organizationId: null, apiTokenId: null, departmentId: null }, input, ctx);
}

/** The lookup's one statement (decision 058), sent beside Prisma on PostgreSQL (queryDirect, decision 064). */
const LOOKUP_SQL = `SELECT * FROM "lookup_certificate"(
  CAST($1 AS text), CAST($2 AS uuid), CAST($3 AS uuid), CAST($4 AS uuid), CAST($5 AS uuid),
  CAST($6 AS text), CAST($7 AS text), CAST($8 AS text), CAST($9 AS text), CAST($10 AS text),
  CAST($11 AS text[]), CAST($12 AS text[]), CAST($13 AS integer[]), CAST($14 AS integer[]),
  CAST($15 AS timestamp(3)), CAST($16 AS timestamp(3)), CAST($17 AS date), CAST($18 AS timestamp(3)))`;

interface Who {
  /** A bearer token still to check (its SHA-256): the account and organisation come from its row. */
  bearerHash?: string;
  account: string;
  userId: string | null;
  organizationId: string | null;
  apiTokenId: string | null;
  departmentId: string | null;
}

interface LookupRow {
  outcome: 'UNAUTHENTICATED' | 'INVALID_NUMBER' | 'INVALID_KEY' | 'THROTTLED' | 'NOT_FOUND' | 'FOUND';
  token_id: string | null;
  organization_id: string | null;
  scope: Scope | null;
  retry_after_seconds: number | null;
  number_just_spent: boolean;
  guarantee_id: string | null;
  orderer_match: boolean;
  guarantee_status: GuaranteeStatus | null;
  confirmation_id: string | null;
  confirmed_at: Date | null;
  versions: FoundVersion[] | null;
}

/**
 * The whole lookup in ONE database round trip on every answer (decision 058): the "lookup_certificate"
 * function (prisma/migrations/…_lookup_in_one_round_trip, replaced by later migrations: decisions 060,
 * 063) checks a bearer token, looks at the budgets, reads the guarantee, compares the key's hash, then
 * queues on the budgets' locks (a wrong pair takes a point, a right pair only checks that none is
 * spent), writes the log row and, for a right pair, the confirmation — in one transaction. What it needs is computed here first:
 * the shape check, the budget keys and limits (policy.ts, throttle.ts), the address rule (cached), and
 * the HMAC of the typed key, always computed (an unknown number is compared with a stand-in hash of the
 * same length, in the same statement, bit for bit: the same work for a wrong number and a wrong key).
 * Only a lock just set takes more: the function writes the notice owed, and its mails are queued in
 * the background (lock-notices.ts).
 */
async function runLookup(db: Db, who: Who, input: { number: unknown; key: unknown }, ctx: LookupContext): Promise<{ caller: ApiCaller; result: LookupResult } | null> {
  const numberTyped = asText(input.number).slice(0, 100);
  const keyTyped = asText(input.key).slice(0, 100);
  const via = who.userId ? 'user' : 'token';
  // Shape first: a typo in the number or a malformed key costs no attempt (the page checks the same rules).
  const shape = checkLookupInput({ number: numberTyped, key: keyTyped });
  const policy = ctx.policy ?? defaultPolicy();
  const organization = who.organizationId ?? ORGANIZATION_PLACEHOLDER;
  // The number's budget is kept per orderer organisation: the named orderer's is THE number's budget
  // (only its staff could ever open the certificate); anyone else's failures spend their own, which
  // locks nobody else out. The keys are the same whether or not the number exists or is the caller's:
  // the answer and the work stay uniform (decision 041).
  const budgets = shape.ok ? lookupBudgets({ account: who.account, organizationId: organization, number: shape.number, address: await addressRule(db, ctx.clientAddress) }, policy) : [];
  const wall = new Date();
  const now = ctx.now ?? wall;
  const [row] = await queryDirect<LookupRow>(db, LOOKUP_SQL, [
    who.bearerHash ?? null, who.apiTokenId, who.userId, who.organizationId, who.departmentId,
    shape.ok ? shape.number : null, forLog(numberTyped, 40),
    shape.ok ? null : shape.fieldErrors.number ? 'INVALID_NUMBER' : 'INVALID_KEY',
    shape.ok ? hashAuthKey(ctx.secret, normalizeAuthKey(shape.key)) : null,
    ctx.clientAddress ? forLog(ctx.clientAddress, 64) : null,
    budgets.map((b) => b.scope), budgets.map((b) => b.key), budgets.map((b) => b.points), budgets.map((b) => b.seconds),
    wall.toISOString(), now.toISOString(), todayInTokyo(now), new Date(wall.getTime() - LAST_USED_RESOLUTION_MS).toISOString(),
  ]);
  if (!row || row.outcome === 'UNAUTHENTICATED') return null;
  const caller: ApiCaller = { tokenId: row.token_id ?? '', organizationId: row.organization_id! };

  if (!shape.ok) {
    countLookup('invalid', via);
    return { caller, result: { status: 'invalid', fieldErrors: shape.fieldErrors } };
  }
  if (row.outcome === 'THROTTLED') {
    countLookup(row.scope === 'number' ? 'locked' : 'refused', via);
    return { caller, result: { status: 'throttled', scope: row.scope!, retryAfterSeconds: row.retry_after_seconds!, message: M.throttled(waitMinutes(row.retry_after_seconds!)) } };
  }
  if (row.outcome === 'NOT_FOUND') {
    countLookup('not_found', via);
    if (row.number_just_spent) countLookupLock(row.orderer_match ? 'orderer' : 'other_organization');
    // Only the named orderer's failures lock the certificate; another organisation's lock is its own.
    // The function wrote the notice owed in its transaction (decision 060); its mails are queued in the
    // background, so the answer takes the same time whether or not this failure locked a number, and
    // the orderly stop waits for them (a stop or a crash before that leaves the row to the sweep).
    if (row.number_just_spent && row.guarantee_id && row.orderer_match) {
      trackBackground(sendOwedLockNotices(db).catch((error: unknown) => lookupLog.error('lookup lock notices failed', error, { number: shape.number })));
    }
    return { caller, result: { status: 'not-found', message: M.notFound } };
  }
  countLookup('found', via);
  return {
    caller,
    result: {
      status: 'found',
      guaranteeId: row.guarantee_id!,
      number: shape.number,
      guaranteeStatus: row.guarantee_status!,
      confirmationId: row.confirmation_id!,
      confirmedAt: row.confirmed_at!,
      versions: row.versions!,
    },
  };
}
