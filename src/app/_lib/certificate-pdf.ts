import 'server-only';
import type { VersionView } from '@/domain/changes/queries';
import { supersededLine } from '@/domain/changes/version-notice';
import { certificatePdfData, certificatePdfFilename } from '@/domain/certificates/pdf-data';
import { verifyUrl } from '@/domain/certificates/verification';
import { AppError } from '@/domain/errors';
import { renderCertificatePdf } from '@/pdf/certificate';
import { pdfResponse } from './pdf-response';

/**
 * The version a 「PDFで保存」 link asks for: ?version=n, else the latest (versions newest first, as the
 * certificate queries load them). A version the guarantee does not have is NOT_FOUND (404), never
 * another version in its place.
 */
export function wantedVersion<V extends { version: number }>(versions: readonly V[], wanted: string | null): V {
  const shown = wanted === null ? versions[0] : versions.find((v) => String(v.version) === wanted);
  if (!shown) throw new AppError('NOT_FOUND', `no certificate version ${wanted ?? '(latest)'}`);
  return shown;
}

/**
 * The certificate PDF of one version, as its print view shows it (decision 073): `load` checks the
 * caller exactly as the print view does and answers the version with the side's notice and the status
 * line the print view puts in the sheet, and `latest`, the guarantee's latest version: an older version
 * says in its sheet that the later one exists (supersededLine). A version the caller may not see: 404
 * (pdfResponse).
 */
export function certificatePdfResponse(
  load: () => Promise<{ version: Pick<VersionView, 'content' | 'digest' | 'version' | 'changed' | 'issuedOn'>; latest: Pick<VersionView, 'version' | 'changed' | 'issuedOn'>; notice: string; status: string | null }>,
): Promise<Response> {
  return pdfResponse(async () => {
    const { version, latest, notice, status } = await load();
    const verification = version.digest ? { digest: version.digest, url: verifyUrl(version.digest) } : null;
    const superseded = supersededLine(version, latest);
    const bytes = await renderCertificatePdf(certificatePdfData(version.content, { verification, notice, status, superseded }));
    return { bytes, filename: certificatePdfFilename(version.content) };
  });
}
