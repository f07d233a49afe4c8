import { requireRouteActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { isAppError } from '@/domain/errors';
import { getOutboxAttachment } from '@/domain/mail/outbox';
import { fileResponse, notFoundResponse } from '@/lib/http';
import { isUuid } from '@/lib/uuid';

const notFound = notFoundResponse;

/** An outbox attachment, for officers only (anyone else: 404, as for the pages). Always a download. */
export async function GET(_request: Request, { params }: RouteContext<'/admin/outbox/[id]/attachments/[attachmentId]'>) {
  const actor = await requireRouteActor('admin');
  if (actor instanceof Response) return actor;
  const { id, attachmentId } = await params;
  if (!isUuid(id) || !isUuid(attachmentId)) return notFound();
  let attachment;
  try {
    attachment = await getOutboxAttachment(await getDb(), actor, id, attachmentId);
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') return notFound();
    throw error;
  }
  return fileResponse(attachment.content, attachment.filename, attachment.contentType);
}
