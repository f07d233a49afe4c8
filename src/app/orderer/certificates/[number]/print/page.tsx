import type { Metadata } from 'next';
import { firstParam } from '@/lib/search-params';
import { orNotFound } from '@/auth/not-found';
import { requirePageActor } from '@/auth/guards';
import { CertificateDocument } from '@/components/certificate/certificate-document';
import { PrintFrame } from '@/components/certificate/print-frame';
import { SupersededLine } from '@/components/changes/superseded-line';
import { VersionNotice } from '@/components/changes/version-notice';
import { getDb } from '@/db/client';
import { changeHistory, versionViews } from '@/domain/changes/queries';
import { versionNotice } from '@/domain/changes/version-notice';
import { getConfirmedCertificate } from '@/domain/lookup/confirmed';
import { ORDERER_CERTIFICATE_LABELS as L } from '../../../lookup/labels';
import { GuaranteeStatusBanner } from '@/components/status-banner/banner';

export const metadata: Metadata = { title: L.meta };

/**
 * The print view of a certificate this orderer confirmed (?version=n, else the latest), the status in
 * the sheet; on screen only, above it, the status when no longer 有効, a later version, changes
 * recorded without a certificate since.
 */
export default async function OrdererPrintPage({ params, searchParams }: PageProps<'/orderer/certificates/[number]/print'>) {
  const actor = await requirePageActor('orderer');
  const { number } = await params;
  const db = await getDb();
  const g = await orNotFound(getConfirmedCertificate(db, actor, number));
  const changes = await orNotFound(changeHistory(db, actor, g.number));
  const wanted = Number(firstParam(await searchParams, 'version'));
  const shown = g.versions.find((v) => v.version === wanted) ?? g.versions[0]!;
  const notice = versionNotice(versionViews(g.versions), changes, shown.version);
  return (
    <PrintFrame
      backHref={`/orderer/certificates/${g.number}?version=${shown.version}`}
      notice={L.printNotice}
      pdfHref={`/orderer/certificates/${g.number}/print/pdf?version=${shown.version}`}
      alerts={
        <>
          <GuaranteeStatusBanner view={g.statusView} hideActive />
          <VersionNotice notice={notice} latestHref={`/orderer/certificates/${g.number}/print`} historyHref={`/orderer/certificates/${g.number}#history`} announce />
        </>
      }
    >
      <CertificateDocument
        content={shown.content}
        digest={shown.digest}
        headingLevel={1}
        // In the sheet (printed, and in the PDF): the status, and on an older version that a later one exists.
        banner={
          <>
            <GuaranteeStatusBanner view={g.statusView} compact />
            <SupersededLine shown={notice.shown} latest={notice.latest} />
          </>
        }
      />
    </PrintFrame>
  );
}
