import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { writeAudit } from '@/domain/audit';
import { AppError } from '@/domain/errors';
import { checkContractNumber } from '@/domain/guarantees/contract-number';
import { effectiveStatus } from '@/domain/guarantees/status';
import { assertRole } from '@/domain/system';
import type { GuaranteeStatus } from '@/generated/prisma/enums';
import { todayInTokyo } from '@/lib/dates';
import { decideVersionConfirmation } from './version-standing';

export type LaterVersionResult =
  /** Recorded now. */
  | { status: 'confirmed'; number: string; confirmationId: string; version: number }
  /** The orderer had confirmed that version already (another click, another clerk): nothing recorded. */
  | { status: 'already'; number: string; confirmationId: string; version: number }
  /** A later version was issued since the page was opened: nothing recorded. */
  | { status: 'superseded'; number: string; latestVersion: number };

/**
 * 「この版を確認しました」: a clerk of the orderer that confirmed an earlier version of the guarantee (with
 * the 認証キー, once) records that it has seen the latest version, without the key: the organisation
 * already holds access to the certificate. Records a Confirmation of that version — who, department,
 * the status in effect now (期間満了 computed from today, as the lookup records it) — and its audit row,
 * in one transaction.
 *
 * Anyone else — another orderer, an orderer that never confirmed the guarantee, a number or version
 * that does not exist — gets NOT_FOUND, as an unknown number. The guarantee's row is locked
 * (FOR UPDATE), so two clicks at once, or two clerks, record one confirmation: the second sees the
 * first and answers `already`.
 */
export async function confirmLaterVersion(db: Db, actor: Actor, numberInput: string, version: number, now = new Date()): Promise<LaterVersionResult> {
  assertRole(actor, 'ORDERER', 'confirming a later version');
  const check = checkContractNumber(typeof numberInput === 'string' ? numberInput : '');
  if (!check.ok) throw new AppError('NOT_FOUND', 'malformed number');
  const notFound = () => new AppError('NOT_FOUND', `guarantee ${check.number} version ${version} not confirmable by ${actor.organizationId}`);

  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; status: GuaranteeStatus; guaranteeEnd: Date; latestVersion: number }[]>`
      SELECT "id", "status", "guaranteeEnd", "latestVersion" FROM "Guarantee"
      WHERE "number" = CAST(${check.number} AS char(10)) AND "ordererId" = CAST(${actor.organizationId} AS uuid)
      FOR UPDATE`;
    const g = rows[0];
    if (!g) throw notFound();
    const confirmed = await tx.confirmation.findMany({
      where: { guaranteeId: g.id, organizationId: actor.organizationId },
      distinct: ['certificateVersionId'],
      orderBy: [{ certificateVersionId: 'asc' }, { confirmedAt: 'desc' }, { id: 'desc' }],
      select: { id: true, certificateVersion: { select: { version: true } } },
    });
    const decision = decideVersionConfirmation({ version, latestVersion: g.latestVersion, confirmedVersions: confirmed.map((c) => c.certificateVersion.version) });
    switch (decision) {
      case 'not-found':
        throw notFound();
      case 'superseded':
        return { status: 'superseded', number: check.number, latestVersion: g.latestVersion };
      case 'already':
        return { status: 'already', number: check.number, confirmationId: confirmed.find((c) => c.certificateVersion.version === version)!.id, version };
      case 'confirm':
        break;
    }
    const target = await tx.certificateVersion.findUniqueOrThrow({ where: { guaranteeId_version: { guaranteeId: g.id, version } }, select: { id: true } });
    const previousVersion = Math.max(...confirmed.map((c) => c.certificateVersion.version));
    const statusAtConfirmation = effectiveStatus(g.status, g.guaranteeEnd, todayInTokyo(now));
    const created = await tx.confirmation.create({
      data: {
        guaranteeId: g.id,
        certificateVersionId: target.id,
        organizationId: actor.organizationId,
        departmentId: actor.departmentId,
        userId: actor.userId,
        statusAtConfirmation,
        confirmedAt: now,
      },
      select: { id: true },
    });
    await writeAudit(tx, actor, 'confirmation.later-version', { type: 'guarantee', id: g.id }, {
      number: check.number,
      version,
      previousVersion,
      confirmationId: created.id,
      statusAtConfirmation,
    });
    return { status: 'confirmed', number: check.number, confirmationId: created.id, version };
  });
}
