import 'server-only';
import type { KeyObject } from 'node:crypto';
import type { Db } from '@/db/client';
import type { GuaranteeStatus } from '@/generated/prisma/enums';
import { portalUrl } from '@/domain/guarantees/mail-texts';
import { effectiveStatus } from '@/domain/guarantees/status';
import { dbDateToIso, todayInTokyo } from '@/lib/dates';
import { DIGEST_SHORT_LENGTH, shortDigest } from './digest-format';
import { isIntact, verifyVersion, type VersionCheck } from './signature';

/**
 * The public verification of a certificate version by its digest (`/verify/<digest>`, `GET
 * /api/v1/signatures/<digest>`): whether the portal issued a version with that digest, its number,
 * version, status and issue date, and whether its content and signature still check. Nothing else (no
 * names, amounts, keys): the digest is printed on the certificate and its documents, so whoever holds
 * one of them may learn that it is genuine and current, and no more.
 */

export { DIGEST_SHORT_LENGTH, shortDigest };

export const verifyPath = (digest: string) => `/verify/${digest}`;
/** The public verification page of a digest: what the certificate's and documents' QR codes encode. */
export const verifyUrl = (digest: string) => `${portalUrl()}${verifyPath(digest)}`;

export type DigestQuery = { kind: 'full'; digest: string } | { kind: 'short'; prefix: string };

/**
 * The full digest (64 hex) or the printed short form (16 hex); spaces and hyphens are ignored and case
 * does not matter, so the short form can be typed as printed. Anything else is null.
 */
export function parseDigestInput(raw: string): DigestQuery | null {
  const text = raw.replace(/[\s\-]/g, '').toLowerCase();
  if (/^[0-9a-f]{64}$/.test(text)) return { kind: 'full', digest: text };
  if (text.length === DIGEST_SHORT_LENGTH && /^[0-9a-f]+$/.test(text)) return { kind: 'short', prefix: text };
  return null;
}

export interface IssuedVersion {
  digest: string;
  number: string;
  version: number;
  changed: boolean;
  /** The guarantee's status now (期間満了 computed from the date), not the version's. */
  status: GuaranteeStatus;
  /** ISO calendar date. */
  issuedOn: string;
  signingKeyId: string | null;
  signature: string | null;
  check: VersionCheck;
  /** Content, digest and signature all check against a published key. */
  intact: boolean;
}

export type DigestAnswer =
  | { result: 'invalid' }
  | { result: 'not-found' }
  /** A short form that two versions share (practically never): the full digest is needed. */
  | { result: 'ambiguous' }
  | ({ result: 'issued' } & IssuedVersion);

/** Looks a digest (full or short form) up among every issued version and checks what is stored. */
export async function findIssuedDigest(db: Db, raw: string, publicKeys: ReadonlyMap<string, KeyObject>, now = new Date()): Promise<DigestAnswer> {
  const query = parseDigestInput(raw);
  if (!query) return { result: 'invalid' };
  const rows = await db.certificateVersion.findMany({
    // The short form as a range ('…' ≤ digest < '…g'): the unique index on digest serves it.
    where: query.kind === 'full' ? { digest: query.digest } : { digest: { gte: query.prefix, lt: `${query.prefix}g` } },
    take: 2,
    select: {
      version: true,
      changeKind: true,
      issuedOn: true,
      content: true,
      digest: true,
      signature: true,
      signingKeyId: true,
      guarantee: { select: { number: true, status: true, guaranteeEnd: true } },
    },
  });
  if (rows.length === 0) return { result: 'not-found' };
  if (rows.length > 1) return { result: 'ambiguous' };
  const v = rows[0]!;
  const check = verifyVersion(v, publicKeys);
  return {
    result: 'issued',
    digest: v.digest!,
    number: v.guarantee.number,
    version: v.version,
    changed: v.changeKind === 'CHANGE',
    status: effectiveStatus(v.guarantee.status, v.guarantee.guaranteeEnd, todayInTokyo(now)),
    issuedOn: dbDateToIso(v.issuedOn),
    signingKeyId: v.signingKeyId,
    signature: v.signature,
    check,
    intact: isIntact(check),
  };
}
