import type { Metadata } from 'next';
import { requirePageActor } from '@/auth/guards';
import { CertificateDocument } from '@/components/certificate/certificate-document';
import { PrintFrame } from '@/components/certificate/print-frame';
import { GuaranteeStatusBanner } from '@/components/status-banner/banner';
import { getDb } from '@/db/client';
import { getContractorCertificate } from '@/domain/guarantees/contractor';
import { orNotFound } from '@/app/admin/_components/lookup';
import { GUARANTEE_LABELS as L } from '../../labels';

export const metadata: Metadata = { title: L.printMeta };

/** The A4 print view (印刷画面へ): the certificate alone, with the notice that it is not the file to submit. */
export default async function PrintPage({ params }: PageProps<'/contractor/guarantees/[number]/print'>) {
  const actor = await requirePageActor('contractor');
  const { number } = await params;
  const { guarantee: g, latest } = await orNotFound(getContractorCertificate(await getDb(), actor, number));
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
