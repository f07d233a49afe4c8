import { certificationAttachmentResponse } from '@/app/_lib/certification-files';

/** A PDF attached to a 認定 request this admin user may read; anyone else: 404, signed out: 401. */
export async function GET(_request: Request, { params }: RouteContext<'/admin/certifications/[id]/attachments/[attachmentId]'>) {
  const { id, attachmentId } = await params;
  return certificationAttachmentResponse('admin', id, attachmentId);
}
