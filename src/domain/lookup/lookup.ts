import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { writeAudit } from '@/domain/audit';
import type { CertificateContent } from '@/domain/certificates/content';
import { AppError } from '@/domain/errors';
import { authKeyMatches } from '@/domain/guarantees/auth-key';
import { effectiveStatus } from '@/domain/guarantees/status';
import { enqueueMailToAll, organizationAddresses } from '@/domain/mail/outbox';
import type { FieldErrors } from '@/domain/result';
import type { ChangeKind, GuaranteeStatus, LookupOutcome } from '@/generated/prisma/enums';
import { dbDateToIso, formatDateTime, todayInTokyo } from '@/lib/dates';
import { logger } from '@/lib/log';
import { countLookup, countLookupLock } from '@/lib/metrics';
import { checkLookupInput } from './input-check';
import { LOOKUP_LOCKED_TEMPLATE, lookupLockedContractorMail, lookupLockedOfficersMail } from './mail-texts';
import { LOOKUP_MESSAGES as M, waitMinutes } from './messages';
import { addressRule } from '@/domain/gateways/ranges';
import { BENCH_POLICY, lookupPolicy, type LookupPolicy } from './policy';
import { reserveLookup, type Scope } from './throttle';

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
  const numberTyped = asText(input.number).slice(0, 100);
  const keyTyped = asText(input.key).slice(0, 100);
  const log = (outcome: LookupOutcome, guaranteeId: string | null = null) =>
    db.lookupAttempt.create({
      data: { userId: who.userId, apiTokenId: who.apiTokenId, organizationId: who.organizationId, numberInput: forLog(numberTyped, 40), guaranteeId, outcome, clientAddress: ctx.clientAddress ? forLog(ctx.clientAddress, 64) : null },
      select: { id: true },
    });
  const via = caller.kind;

  // Shape first: a typo in the number or a malformed key costs no attempt (the page checks the same rules).
  const shape = checkLookupInput({ number: numberTyped, key: keyTyped });
  if (!shape.ok) {
    await log(shape.fieldErrors.number ? 'INVALID_NUMBER' : 'INVALID_KEY');
    countLookup('invalid', via);
    return { status: 'invalid', fieldErrors: shape.fieldErrors };
  }
  const { number, key } = shape;

  // The number's budget is kept per orderer organisation: the named orderer's is THE number's budget
  // (only its staff could ever open the certificate); anyone else's failures spend their own, which
  // locks nobody else out. The keys are the same whether or not the number exists or is the caller's:
  // the answer and the work stay uniform (decision 041).
  const address = await addressRule(db, ctx.clientAddress);
  const reserved = await reserveLookup(db, { account: who.account, organizationId: who.organizationId, number, address }, ctx.policy ?? defaultPolicy());
  if (!reserved.ok) {
    await log('THROTTLED');
    countLookup(reserved.scope === 'number' ? 'locked' : 'refused', via);
    return { status: 'throttled', scope: reserved.scope, retryAfterSeconds: reserved.retryAfterSeconds, message: M.throttled(waitMinutes(reserved.retryAfterSeconds)) };
  }

  // The same statement and the same HMAC work whatever exists: one LEFT JOIN from a single row, so an
  // unknown number and a known one cost one round trip each (a nested Prisma read would add a second
  // query only when the number exists).
  const found = await db.$queryRaw<{ id: string | null; ordererId: string | null; status: GuaranteeStatus | null; guaranteeEnd: Date | null; keyHash: string | null }[]>`
    SELECT g."id", g."ordererId", g."status", g."guaranteeEnd", k."keyHash"
    FROM (SELECT 1) AS one
    LEFT JOIN "Guarantee" g ON g."number" = CAST(${number} AS char(10))
    LEFT JOIN "AuthKey" k ON k."guaranteeId" = g."id" AND k."revokedAt" IS NULL`;
  const now = ctx.now ?? new Date();
  // The status the clerk is shown and the confirmation records: 期間満了 as of today in Asia/Tokyo.
  const g = found[0]?.id ? { id: found[0].id, ordererId: found[0].ordererId!, status: effectiveStatus(found[0].status!, found[0].guaranteeEnd!, todayInTokyo(now)) } : null;
  const hashes = found.map((r) => r.keyHash).filter((h): h is string => h !== null);
  let keyMatches = false;
  for (const hash of hashes.length ? hashes : [null]) keyMatches = authKeyMatches(ctx.secret, key, hash) || keyMatches;
  const allowed = Boolean(g) && keyMatches && g!.ordererId === who.organizationId;

  if (!allowed || !g) {
    await log('NOT_FOUND', g?.id ?? null);
    countLookup('not_found', via);
    if (reserved.reservation.numberJustSpent) countLookupLock(g && g.ordererId === who.organizationId ? 'orderer' : 'other_organization');
    // Told in the background: the answer takes the same time whether or not this failure locked a number.
    // Only the named orderer's failures lock the certificate; another organisation's lock is its own.
    if (reserved.reservation.numberJustSpent && g && g.ordererId === who.organizationId) {
      void notifyLocked(db, g.id, number).catch((error: unknown) => lookupLog.error('lookup lock notice failed', error, { guaranteeId: g.id, number }));
    }
    return { status: 'not-found', message: M.notFound };
  }

  const versions = await db.certificateVersion.findMany({
    where: { guaranteeId: g.id },
    orderBy: { version: 'desc' },
    select: { id: true, version: true, changeKind: true, issuedOn: true, digest: true, content: true },
  });
  // The confirmation and its log row in one statement (atomic, one round trip).
  const departmentId = caller.kind === 'user' ? caller.actor.departmentId : null;
  // Times are written explicitly (UTC, as Prisma writes them): a column default would use the
  // database session's time zone.
  const at = now.toISOString();
  const rows = await db.$queryRaw<{ id: string; confirmedAt: Date }[]>`
    WITH c AS (
      INSERT INTO "Confirmation" ("id", "guaranteeId", "certificateVersionId", "organizationId", "departmentId", "userId", "statusAtConfirmation", "confirmedAt")
      VALUES (gen_random_uuid(), CAST(${g.id} AS uuid), CAST(${versions[0]!.id} AS uuid), CAST(${who.organizationId} AS uuid),
              CAST(${departmentId} AS uuid), CAST(${who.userId} AS uuid), CAST(${g.status} AS "GuaranteeStatus"), CAST(${at} AS timestamp(3)))
      RETURNING "id", "confirmedAt"
    ), a AS (
      INSERT INTO "LookupAttempt" ("id", "userId", "apiTokenId", "organizationId", "numberInput", "guaranteeId", "outcome", "clientAddress", "createdAt")
      VALUES (gen_random_uuid(), CAST(${who.userId} AS uuid), CAST(${who.apiTokenId} AS uuid), CAST(${who.organizationId} AS uuid),
              ${forLog(numberTyped, 40)}, CAST(${g.id} AS uuid), 'FOUND', ${ctx.clientAddress ? forLog(ctx.clientAddress, 64) : null}, CAST(${at} AS timestamp(3)))
    )
    SELECT "id", "confirmedAt" FROM c`;
  const confirmation = rows[0]!;
  await reserved.reservation.release();
  countLookup('found', via);
  return {
    status: 'found',
    guaranteeId: g.id,
    number,
    guaranteeStatus: g.status,
    confirmationId: confirmation.id,
    confirmedAt: confirmation.confirmedAt,
    versions: versions.map((v) => ({ ...v, issuedOn: dbDateToIso(v.issuedOn), content: v.content as unknown as CertificateContent })),
  };
}

/**
 * A number's budget was just spent: the lock is never silent. The contractor's users and the surety's
 * officers are told, each audience in a mail of its own (enqueueMailToAll per audience: nobody sees the
 * other organisation's addresses), in one transaction with the audit row; no key, no link with a
 * token. The certificate page shows the lock.
 */
async function notifyLocked(db: Db, guaranteeId: string, number: string) {
  await db.$transaction(async (tx) => {
    const g = await tx.guarantee.findUniqueOrThrow({
      where: { id: guaranteeId },
      select: { kind: true, projectName: true, contractorId: true, contractor: { select: { name: true } } },
    });
    const contractorUsers = await organizationAddresses(tx, g.contractorId, 'CONTRACTOR');
    const officers = (await tx.user.findMany({ where: { role: 'ADMIN', disabled: false, email: { not: null } }, select: { email: true } })).map((u) => u.email!);
    const locked = { number, kind: g.kind, projectName: g.projectName, contractorName: g.contractor.name, at: formatDateTime(new Date()) };
    const related = { relatedType: 'guarantee' as const, relatedId: guaranteeId };
    const toContractor = lookupLockedContractorMail(locked);
    const contractorMails = await enqueueMailToAll(tx, contractorUsers, { template: LOOKUP_LOCKED_TEMPLATE.CONTRACTOR, ...toContractor, ...related });
    const toOfficers = lookupLockedOfficersMail(locked);
    const officerMails = await enqueueMailToAll(tx, officers, { template: LOOKUP_LOCKED_TEMPLATE.OFFICERS, ...toOfficers, ...related });
    await writeAudit(tx, null, 'lookup.locked', { type: 'guarantee', id: guaranteeId }, {
      number,
      recipients: new Set([...contractorUsers, ...officers]).size,
      mails: contractorMails.length + officerMails.length,
    });
  });
}
