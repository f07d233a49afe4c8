import { requireRouteActor } from '@/auth/guards';
import { keySecret } from '@/config/secrets';
import { getDb } from '@/db/client';
import { isAppError } from '@/domain/errors';
import { keyNoticePdf } from '@/domain/guarantees/documents';
import { fileResponse, notFoundResponse, unprocessableResponse } from '@/lib/http';
import { PdfTextError } from '@/pdf/font';

/** 「電子証書閲覧用「認証キー」等のお知らせ」 (PDF) of one of the company's guarantees; anyone else: 404. */
export async function GET(_request: Request, { params }: RouteContext<'/contractor/guarantees/[number]/key/notice'>) {
  const actor = await requireRouteActor('contractor');
  if (actor instanceof Response) return actor;
  const { number } = await params;
  try {
    const { bytes, filename } = await keyNoticePdf(await getDb(), actor, number, keySecret());
    return fileResponse(bytes, filename, 'application/pdf');
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') return notFoundResponse();
    if (error instanceof PdfTextError) return unprocessableResponse(error.userMessage);
    if (error instanceof RangeError) return unprocessableResponse('記載事項が長すぎるため、PDFを1ページに収められません。');
    throw error;
  }
}
