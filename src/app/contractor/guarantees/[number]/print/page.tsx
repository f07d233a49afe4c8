import type { Metadata } from 'next';
import { requirePageActor } from '@/auth/guards';
import { CertificateDocument } from '@/components/certificate/certificate-document';
import { PrintFrame } from '@/components/certificate/print-frame';
import { SupersededLine } from '@/components/changes/superseded-line';
import { VersionNotice } from '@/components/changes/version-notice';
import { GuaranteeStatusBanner } from '@/components/status-banner/banner';
import { getDb } from '@/db/client';
import { changeHistory, versionViews } from '@/domain/changes/queries';
import { versionNotice } from '@/domain/changes/version-notice';
import { getContractorCertificate } from '@/domain/guarantees/get-contractor-certificate';
import { orNotFound } from '@/auth/not-found';
import { firstParam } from '@/lib/search-params';
import { GUARANTEE_LABELS as L } from '../../labels';

export const metadata: Metadata = { title: L.printMeta };

/**
 * The A4 print view (印刷画面へ): the certificate alone, with the notice that it is not the file to
 * submit; on screen only, above it, the status when no longer 有効, a later version, changes recorded
 * without a certificate since.
 */
export default async function PrintPage({ params, searchParams }: PageProps<'/contractor/guarantees/[number]/print'>) {
  const actor = await requirePageActor('contractor');
  const { number } = await params;
  const wanted = firstParam(await searchParams, 'version');
  const db = await getDb();
  const { guarantee: g } = await orNotFound(getContractorCertificate(db, actor, number));
  const changes = await orNotFound(changeHistory(db, actor, g.number));
  const versions = versionViews(g.versions);
  // An earlier version (?version=n) prints as it was issued; the latest otherwise.
  const shown = versions.find((v) => String(v.version) === wanted) ?? versions[0]!;
  const notice = versionNotice(versions, changes, shown.version);
  return (
    <PrintFrame
      backHref={`/contractor/guarantees/${g.number}${notice.newer ? `?version=${shown.version}` : ''}`}
      notice={g.access === 'MEMBER' ? L.memberPrintNotice : L.printNotice}
      pdfHref={`/contractor/guarantees/${g.number}/print/pdf?version=${shown.version}`}
      alerts={
        <>
          <GuaranteeStatusBanner view={g.statusView} hideActive />
          <VersionNotice notice={notice} latestHref={`/contractor/guarantees/${g.number}/print`} historyHref={`/contractor/guarantees/${g.number}#history`} announce />
        </>
      }
    >
      <CertificateDocument
        content={shown.content}
        digest={shown.digest}
        headingLevel={1}
        banner={
          // In the sheet (printed, and in the PDF): the status when no longer 有効, and on an older version that a later one exists.
          g.status !== 'ACTIVE' || notice.newer ? (
            <>
              {g.status !== 'ACTIVE' ? <GuaranteeStatusBanner view={g.statusView} compact /> : null}
              <SupersededLine shown={notice.shown} latest={notice.latest} />
            </>
          ) : undefined
        }
      />
    </PrintFrame>
  );
}
