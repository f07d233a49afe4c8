import { requireRouteActor } from '@/auth/guards';
import { certificatePdfResponse, wantedVersion } from '@/app/_lib/certificate-pdf';
import { statusHeadline } from '@/components/status-banner/banner';
import { getDb } from '@/db/client';
import { versionViews } from '@/domain/changes/queries';
import { getConfirmedCertificate } from '@/domain/lookup/confirmed';
import { ORDERER_CERTIFICATE_LABELS as L } from '../../../../lookup/labels';

/**
 * 「PDFで保存」 of the print view: a version (?version=n, else the latest) of a certificate this orderer
 * confirmed, as a PDF laid out as the print view with its status line (decision 073). Another orderer's,
 * or one this orderer never confirmed: 404; other sides 404; the signed-out 401.
 */
export async function GET(request: Request, { params }: RouteContext<'/orderer/certificates/[number]/print/pdf'>) {
  const actor = await requireRouteActor('orderer');
  if (actor instanceof Response) return actor;
  const { number } = await params;
  const wanted = new URL(request.url).searchParams.get('version');
  return certificatePdfResponse(async () => {
    const g = await getConfirmedCertificate(await getDb(), actor, number);
    const versions = versionViews(g.versions);
    return { version: wantedVersion(versions, wanted), latest: versions[0]!, notice: L.printNotice, status: statusHeadline(g.statusView) };
  });
}
