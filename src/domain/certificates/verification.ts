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
 * version, status and issue date, and whether its content and signature still check; and whether it is
 * still the certificate to rely on: a later version (its name and issue date), the guarantee's status
 * now (解除 with its date), and 変更契約 recorded after the latest version without a certificate
 * (【注2】【注3】, their dates). Nothing else (no names, amounts, keys, nor the later version's digest: a
 * holder of the old content could test guessed amounts against it): the digest is printed on the
 * certificate and its documents, so whoever holds one of them may learn that it is genuine and whether
 * it is current, and no more.
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

/** The guarantee's latest certificate version, as the public check names it. */
export interface LatestVersion {
  version: number;
  /** Issued by a 変更契約 (【注1】): the certificate says (変更). */
  changed: boolean;
  /** ISO calendar date. */
  issuedOn: string;
}

export interface IssuedVersion {
  digest: string;
  number: string;
  version: number;
  /** This version was issued by a 変更契約 (【注1】, 「（変更）」); whether a later one exists is `superseded`. */
  changed: boolean;
  /** The guarantee's status now (期間満了 computed from the date), not the version's. */
  status: GuaranteeStatus;
  /** 解除日 (ISO), when `status` is CANCELLED. */
  cancelledOn: string | null;
  /** A later version of the certificate was issued: this one no longer states the guarantee. */
  superseded: boolean;
  /** The guarantee's latest version: this one, unless superseded. */
  latest: LatestVersion;
  /**
   * The 変更契約日 (ISO, oldest first) of the changes recorded after the latest version was issued that
   * issued no certificate (【注2】 工期・保証期間, 【注3】 請負金額): the latest certificate's 保証期間 or
   * 請負金額 may no longer be the contract's.
   */
  recordedChangesAfterLatest: string[];
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
      guaranteeId: true,
      guarantee: { select: { number: true, status: true, guaranteeEnd: true, cancelledOn: true } },
    },
  });
  if (rows.length === 0) return { result: 'not-found' };
  if (rows.length > 1) return { result: 'ambiguous' };
  const v = rows[0]!;
  const check = verifyVersion(v, publicKeys);
  const latest = await db.certificateVersion.findFirstOrThrow({
    where: { guaranteeId: v.guaranteeId },
    orderBy: { version: 'desc' },
    select: { version: true, changeKind: true, issuedOn: true, createdAt: true },
  });
  // Changes without a certificate recorded after the latest version (a version and its change row are
  // written in one transaction, so the later rows are the later changes).
  const recorded = await db.guaranteeChange.findMany({
    where: { guaranteeId: v.guaranteeId, certificateVersionId: null, createdAt: { gt: latest.createdAt } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { changeContractDate: true },
  });
  const status = effectiveStatus(v.guarantee.status, v.guarantee.guaranteeEnd, todayInTokyo(now));
  return {
    result: 'issued',
    digest: v.digest!,
    number: v.guarantee.number,
    version: v.version,
    changed: v.changeKind === 'CHANGE',
    status,
    cancelledOn: status === 'CANCELLED' && v.guarantee.cancelledOn ? dbDateToIso(v.guarantee.cancelledOn) : null,
    superseded: latest.version > v.version,
    latest: { version: latest.version, changed: latest.changeKind === 'CHANGE', issuedOn: dbDateToIso(latest.issuedOn) },
    recordedChangesAfterLatest: recorded.map((c) => dbDateToIso(c.changeContractDate)),
    issuedOn: dbDateToIso(v.issuedOn),
    signingKeyId: v.signingKeyId,
    signature: v.signature,
    check,
    intact: isIntact(check),
  };
}
