import { isUuid } from '@/app/admin/_components/params';
import { requireRouteActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { verifyUrl } from '@/domain/certificates/verification';
import { isAppError } from '@/domain/errors';
import { GUARANTEE_KIND_LABEL } from '@/domain/labels';
import { getConfirmationRecord } from '@/domain/lookup/confirmed';
import { dbDateToIso } from '@/lib/dates';
import { fileResponse, notFoundResponse, unprocessableResponse } from '@/lib/http';
import { PdfTextError } from '@/pdf/font';
import { renderVerificationRecordPdf } from '@/pdf/verification-record';
import { ORDERER_CERTIFICATE_LABELS as L } from '../../../../lookup/labels';

/** 確認記録 (PDF): who checked, when, which version, its digest and status then. The orderer's own only. */
export async function GET(_request: Request, { params }: RouteContext<'/orderer/certificates/[number]/record/[confirmationId]'>) {
  const actor = await requireRouteActor('orderer');
  if (actor instanceof Response) return actor;
  const { number, confirmationId } = await params;
  if (!isUuid(confirmationId)) return notFoundResponse();
  try {
    const c = await getConfirmationRecord(await getDb(), actor, number, confirmationId);
    const bytes = await renderVerificationRecordPdf({
      confirmationId: c.id,
      checkedAt: c.confirmedAt,
      checker: { name: c.user?.name ?? 'API', organization: c.organization.name, department: c.department?.name ?? null },
      number: c.guarantee.number,
      kindLabel: GUARANTEE_KIND_LABEL[c.content.kind],
      projectName: c.content.projectName,
      contractorName: c.content.contractor.name,
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
    return fileResponse(bytes, `確認記録_${c.guarantee.number}_${c.id.slice(0, 8)}.pdf`, 'application/pdf');
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') return notFoundResponse();
    if (error instanceof PdfTextError) return unprocessableResponse(error.userMessage);
    if (error instanceof RangeError) return unprocessableResponse('記載事項が長すぎるため、PDFを1ページに収められません。');
    throw error;
  }
}
