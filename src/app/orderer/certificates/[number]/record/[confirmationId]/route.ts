import { isUuid } from '@/lib/uuid';
import { requireRouteActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { holderOf } from '@/domain/certificates/content';
import { verifyUrl } from '@/domain/certificates/verification';
import { GUARANTEE_KIND_LABEL } from '@/domain/labels';
import { getConfirmationRecord } from '@/domain/lookup/confirmed';
import { dbDateToIso } from '@/lib/dates';
import { notFoundResponse } from '@/lib/http';
import { pdfResponse } from '@/app/_lib/pdf-response';
import { renderVerificationRecordPdf } from '@/pdf/verification-record';
import { ORDERER_CERTIFICATE_LABELS as L } from '../../../../lookup/labels';

/** 確認記録 (PDF): who checked, when, which version, its digest and status then. The orderer's own only. */
export async function GET(_request: Request, { params }: RouteContext<'/orderer/certificates/[number]/record/[confirmationId]'>) {
  const actor = await requireRouteActor('orderer');
  if (actor instanceof Response) return actor;
  const { number, confirmationId } = await params;
  if (!isUuid(confirmationId)) return notFoundResponse();
  return pdfResponse(async () => {
    const c = await getConfirmationRecord(await getDb(), actor, number, confirmationId);
    const bytes = await renderVerificationRecordPdf({
      confirmationId: c.id,
      checkedAt: c.confirmedAt,
      checker: { name: c.user?.name ?? L.apiCaller, organization: c.organization.name, department: c.department?.name ?? null },
      number: c.guarantee.number,
      kindLabel: GUARANTEE_KIND_LABEL[c.content.kind],
      projectName: c.content.projectName,
      contractorName: holderOf(c.content),
      obligeeName: c.content.obligee.name,
      guaranteeAmount: BigInt(c.content.guaranteeAmount),
      guaranteePeriod: c.content.guaranteePeriod,
      version: c.certificateVersion.version,
      versionChanged: c.certificateVersion.changeKind === 'CHANGE',
      versionIssuedOn: dbDateToIso(c.certificateVersion.issuedOn),
      statusLabel: L.statusLabel[c.statusAtConfirmation],
      digest: c.certificateVersion.digest,
      issuer: c.content.issuer,
      portalName: '電子保証ポータル',
      verifyUrl: c.certificateVersion.digest ? verifyUrl(c.certificateVersion.digest) : null,
    });
    return { bytes, filename: `確認記録_${c.guarantee.number}_${c.id.slice(0, 8)}.pdf` };
  });
}
