import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { AppError } from '@/domain/errors';
import { assertRole } from '@/domain/system';
import type { EvidencePackStatus } from '@/generated/prisma/enums';
import { scopeText } from './build-pack';

/** The page's 範囲 cell names this many of a selection's numbers, then 「ほか N件」. */
const SCOPE_NUMBERS_LISTED = 5;

/** A pack as the page lists it. */
export interface PackRow {
  id: string;
  scope: string;
  fiscalYear: number | null;
  status: EvidencePackStatus;
  total: number;
  done: number;
  requestedBy: string;
  createdAt: Date;
  finishedAt: Date | null;
  expiresAt: Date | null;
  /** DONE and not past expiresAt: the download is offered. */
  downloadable: boolean;
  expired: boolean;
  sizeBytes: bigint | null;
  sha256: string | null;
  failure: string | null;
}

export const PACK_LIST_SIZE = 20;

/** The orderer's latest packs, newest first (the page); another orderer's are never read. */
export async function listEvidencePacks(db: Db, actor: Actor, now = new Date()): Promise<PackRow[]> {
  assertRole(actor, 'ORDERER', 'evidence packs');
  const packs = await db.evidencePack.findMany({
    where: { ordererId: actor.organizationId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: PACK_LIST_SIZE,
    select: {
      id: true, fiscalYear: true, numbers: true, status: true, total: true, done: true, createdAt: true, finishedAt: true, expiresAt: true,
      sizeBytes: true, sha256: true, failure: true, requestedBy: { select: { name: true } },
    },
  });
  return packs.map((p) => {
    const expired = p.status === 'DONE' && (!p.expiresAt || p.expiresAt <= now);
    return {
      id: p.id,
      scope: scopeText(p, SCOPE_NUMBERS_LISTED),
      fiscalYear: p.fiscalYear,
      status: p.status,
      total: p.total,
      done: p.done,
      requestedBy: p.requestedBy.name,
      createdAt: p.createdAt,
      finishedAt: p.finishedAt,
      expiresAt: p.expiresAt,
      downloadable: p.status === 'DONE' && !expired,
      expired,
      sizeBytes: p.sizeBytes,
      sha256: p.sha256,
      failure: p.failure,
    };
  });
}

/** The pack's file name: 証拠書類_令和8年度_20261206.zip, or 証拠書類_指定_20261206.zip. */
export function packFilename(p: { fiscalYear: number | null; createdAt: Date }, yearLabel: (y: number) => string): string {
  const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(p.createdAt).replaceAll('-', '');
  return `証拠書類_${p.fiscalYear !== null ? yearLabel(p.fiscalYear) : '指定'}_${day}.zip`;
}

/**
 * A pack the actor's orderer may download (DONE, not past expiresAt), with a reader of its bytes in
 * order, one chunk row per statement; NOT_FOUND for anything else (another orderer's included).
 */
export async function downloadableEvidencePack(db: Db, actor: Actor, id: string, now = new Date()) {
  assertRole(actor, 'ORDERER', 'an evidence pack');
  const pack = await db.evidencePack.findFirst({
    where: { id, ordererId: actor.organizationId, status: 'DONE', expiresAt: { gt: now } },
    select: { id: true, fiscalYear: true, createdAt: true, sizeBytes: true },
  });
  if (!pack) throw new AppError('NOT_FOUND', `evidence pack ${id}`);
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (let seq = 0; ; seq++) {
      const row = await db.evidencePackChunk.findUnique({ where: { packId_seq: { packId: pack!.id, seq } }, select: { data: true } });
      if (!row) return;
      yield row.data;
    }
  }
  return { ...pack, chunks };
}
