import { requireRouteActor } from '@/auth/guards';
import { certificatePdfResponse, wantedVersion } from '@/app/_lib/certificate-pdf';
import { statusHeadline } from '@/components/status-banner/banner';
import { getDb } from '@/db/client';
import { versionViews } from '@/domain/changes/queries';
import { getContractorCertificate } from '@/domain/guarantees/get-contractor-certificate';
import { GUARANTEE_LABELS as L } from '../../../labels';

/**
 * 「PDFで保存」 of the print view: the version (?version=n, else the latest) as a PDF laid out as the
 * print view (decision 073). Who may open the print view may have it: the holder's users and, read-only,
 * a JV's 構成員 (decision 070); anyone else 404, the signed-out 401.
 */
export async function GET(request: Request, { params }: RouteContext<'/contractor/guarantees/[number]/print/pdf'>) {
  const actor = await requireRouteActor('contractor');
  if (actor instanceof Response) return actor;
  const { number } = await params;
  const wanted = new URL(request.url).searchParams.get('version');
  return certificatePdfResponse(async () => {
    const { guarantee: g } = await getContractorCertificate(await getDb(), actor, number);
    const versions = versionViews(g.versions);
    return {
      version: wantedVersion(versions, wanted),
      latest: versions[0]!,
      notice: g.access === 'MEMBER' ? L.memberPrintNotice : L.printNotice,
      // As the print view's sheet: the status only when no longer 有効.
      status: g.status !== 'ACTIVE' ? statusHeadline(g.statusView) : null,
    };
  });
}
