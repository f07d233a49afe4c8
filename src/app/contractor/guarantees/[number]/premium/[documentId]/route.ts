import { isUuid } from '@/lib/uuid';
import { requireRouteActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { premiumDocumentPdf } from '@/domain/premium/contractor-premium-document';
import { notFoundResponse } from '@/lib/http';
import { pdfResponse } from '@/app/_lib/pdf-response';

/** A premium document (PDF: 保証料計算書, 変更保証料計算書, 保証料領収証) of one of the company's guarantees; anyone else: 404. */
export async function GET(_request: Request, { params }: RouteContext<'/contractor/guarantees/[number]/premium/[documentId]'>) {
  const actor = await requireRouteActor('contractor');
  if (actor instanceof Response) return actor;
  const { number, documentId } = await params;
  if (!isUuid(documentId)) return notFoundResponse();
  return pdfResponse(async () => premiumDocumentPdf(await getDb(), actor, number, documentId));
}
