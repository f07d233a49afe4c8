import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { findContractorGuarantee } from '@/domain/guarantees/find-contractor-guarantee';
import { renderPremiumDocument } from './premium-documents';

/**
 * A premium document (PDF) of one of the company's guarantees: its 保証料計算書, a 変更保証料計算書 or a
 * 保証料領収証. Another company's guarantee, or a document of another guarantee: NOT_FOUND.
 */
export async function premiumDocumentPdf(db: Db, actor: Actor, numberInput: string, documentId: string) {
  const g = await findContractorGuarantee(db, actor, numberInput);
  return renderPremiumDocument(db, g, documentId);
}
