import 'server-only';
import { requireRouteActor, type Side } from '@/auth/guards';
import { getDb } from '@/db/client';
import { readCertificationAttachment, renderCertificationDocument } from '@/domain/certifications/queries';
import { notFoundResponse } from '@/lib/http';
import { isUuid } from '@/lib/uuid';
import { pdfResponse } from './pdf-response';

/**
 * The 認定's files as each side serves them (B7): the route checks the side (401 signed out, 404 for
 * another side), the use case the record (the requesting company, the certifying department, the
 * officers; anyone else 404, as for an id that does not exist).
 */

/** The 中間前払金認定調書 (PDF) of a 認定; a 不認定 or a request still waiting has none (404). */
export async function certificationDocumentResponse(side: Side, id: string): Promise<Response> {
  const actor = await requireRouteActor(side);
  if (actor instanceof Response) return actor;
  if (!isUuid(id)) return notFoundResponse();
  return pdfResponse(async () => {
    const { number, pdf } = await renderCertificationDocument(await getDb(), actor, id);
    return { bytes: pdf, filename: `中間前払金認定調書_${number}.pdf` };
  });
}

/** One PDF attached to the request, under the name it was uploaded with. */
export async function certificationAttachmentResponse(side: Side, id: string, attachmentId: string): Promise<Response> {
  const actor = await requireRouteActor(side);
  if (actor instanceof Response) return actor;
  if (!isUuid(id) || !isUuid(attachmentId)) return notFoundResponse();
  return pdfResponse(async () => {
    const { filename, bytes } = await readCertificationAttachment(await getDb(), actor, id, attachmentId);
    return { bytes, filename };
  });
}
