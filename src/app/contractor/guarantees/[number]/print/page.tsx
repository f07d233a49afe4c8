import type { Metadata } from 'next';
import { requirePageActor } from '@/auth/guards';
import { CertificateDocument } from '@/components/certificate/certificate-document';
import { PrintFrame } from '@/components/certificate/print-frame';
import { GuaranteeStatusBanner } from '@/components/status-banner/banner';
import { getDb } from '@/db/client';
import { getContractorCertificate } from '@/domain/guarantees/get-contractor-certificate';
import { orNotFound } from '@/auth/not-found';
import { firstParam } from '@/lib/search-params';
import type { CertificateContent } from '@/domain/certificates/content';
import { GUARANTEE_LABELS as L } from '../../labels';

export const metadata: Metadata = { title: L.printMeta };

/** The A4 print view (印刷画面へ): the certificate alone, with the notice that it is not the file to submit. */
export default async function PrintPage({ params, searchParams }: PageProps<'/contractor/guarantees/[number]/print'>) {
  const actor = await requirePageActor('contractor');
  const { number } = await params;
  const wanted = firstParam(await searchParams, 'version');
  const { guarantee: g, latest: newest } = await orNotFound(getContractorCertificate(await getDb(), actor, number));
  // An earlier version (?version=n) prints as it was issued; the latest otherwise.
  const earlier = g.versions.find((v) => String(v.version) === wanted);
  const latest = earlier ? { ...earlier, content: earlier.content as unknown as CertificateContent } : newest;
  return (
    <PrintFrame backHref={`/contractor/guarantees/${g.number}`} notice={L.printNotice}>
      <CertificateDocument
        content={latest.content}
        digest={latest.digest}
        headingLevel={1}
        banner={g.status !== 'ACTIVE' ? <GuaranteeStatusBanner view={g.statusView} compact /> : undefined}
      />
    </PrintFrame>
  );
}
