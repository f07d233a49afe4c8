import { certificationDocumentResponse } from '@/app/_lib/certification-files';

/** The 中間前払金認定調書 (PDF) of a 認定 this orderer user may read; anyone else: 404, signed out: 401. */
export async function GET(_request: Request, { params }: RouteContext<'/orderer/certifications/[id]/document'>) {
  const { id } = await params;
  return certificationDocumentResponse('orderer', id);
}
