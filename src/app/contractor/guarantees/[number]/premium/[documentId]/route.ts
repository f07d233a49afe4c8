import { isUuid } from '@/app/admin/_components/params';
import { requireRouteActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { isAppError } from '@/domain/errors';
import { premiumDocumentPdf } from '@/domain/guarantees/documents';
import { fileResponse, notFoundResponse, unprocessableResponse } from '@/lib/http';
import { PdfTextError } from '@/pdf/font';

/** A premium document (PDF: 保証料計算書, 変更保証料計算書, 保証料領収証) of one of the company's guarantees; anyone else: 404. */
export async function GET(_request: Request, { params }: RouteContext<'/contractor/guarantees/[number]/premium/[documentId]'>) {
  const actor = await requireRouteActor('contractor');
  if (actor instanceof Response) return actor;
  const { number, documentId } = await params;
  if (!isUuid(documentId)) return notFoundResponse();
  try {
    const { bytes, filename } = await premiumDocumentPdf(await getDb(), actor, number, documentId);
    return fileResponse(bytes, filename, 'application/pdf');
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') return notFoundResponse();
    if (error instanceof PdfTextError) return unprocessableResponse(error.userMessage);
    if (error instanceof RangeError) return unprocessableResponse('記載事項が長すぎるため、PDFを1ページに収められません。');
    throw error;
  }
}
