import { requireRouteActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { isAppError } from '@/domain/errors';
import { getOutboxAttachment } from '@/domain/mail/outbox';
import { isUuid } from '../../../../_components/params';

const notFound = () => Response.json({ error: { code: 'NOT_FOUND', message: 'お探しの情報は見つかりませんでした。' } }, { status: 404 });

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
  // RFC 6266/5987: an ASCII fallback name and the UTF-8 name (日本語のファイル名).
  const fallback = attachment.filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(attachment.filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return new Response(new Uint8Array(attachment.content), {
    headers: {
      'Content-Type': attachment.contentType,
      'Content-Length': String(attachment.content.byteLength),
      'Content-Disposition': `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    },
  });
}
