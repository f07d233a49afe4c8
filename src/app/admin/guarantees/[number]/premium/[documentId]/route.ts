import { isUuid } from '@/lib/uuid';
import { requireRouteActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { officerPremiumDocumentPdf } from '@/domain/premium/premium-documents';
import { notFoundResponse } from '@/lib/http';
import { pdfResponse } from '@/app/_lib/pdf-response';

/** A premium document (PDF) of any guarantee, for officers (the payment page's links); anyone else: 404. */
export async function GET(_request: Request, { params }: RouteContext<'/admin/guarantees/[number]/premium/[documentId]'>) {
  const actor = await requireRouteActor('admin');
  if (actor instanceof Response) return actor;
  const { number, documentId } = await params;
  if (!isUuid(documentId)) return notFoundResponse();
  return pdfResponse(async () => officerPremiumDocumentPdf(await getDb(), actor, number, documentId));
}
