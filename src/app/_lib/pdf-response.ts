import 'server-only';
import { isAppError } from '@/domain/errors';
import { conflictResponse, fileResponse, notFoundResponse, unprocessableResponse } from '@/lib/http';
import { PdfTextError } from '@/pdf/font';

/**
 * The one way a route handler serves a PDF: the document as a download; a record the caller may not
 * see (or that does not exist) as 404; a document the record's state withholds (an AppError CONFLICT,
 * e.g. the key notice of a guarantee 解除 or 期間満了) as 409 with its Japanese reason; a document that
 * cannot be made — a character the font lacks, or more text than one page holds — as 422 with the
 * reason in Japanese. Anything else stays an error.
 */
export async function pdfResponse(make: () => Promise<{ bytes: Uint8Array; filename: string }>): Promise<Response> {
  try {
    const { bytes, filename } = await make();
    return fileResponse(bytes, filename, 'application/pdf');
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') return notFoundResponse();
    if (isAppError(error) && error.code === 'CONFLICT') return conflictResponse(error.userMessage);
    if (error instanceof PdfTextError) return unprocessableResponse(error.userMessage);
    if (error instanceof RangeError) return unprocessableResponse('記載事項が長すぎるため、PDFを1ページに収められません。');
    throw error;
  }
}
