import type { Metadata } from 'next';
import { firstParam } from '@/lib/search-params';
import { orNotFound } from '@/auth/not-found';
import { requirePageActor } from '@/auth/guards';
import { CertificateDocument } from '@/components/certificate/certificate-document';
import { PrintFrame } from '@/components/certificate/print-frame';
import { getDb } from '@/db/client';
import { getConfirmedCertificate } from '@/domain/lookup/confirmed';
import { ORDERER_CERTIFICATE_LABELS as L } from '../../../lookup/labels';
import { GuaranteeStatusBanner } from '@/components/status-banner/banner';

export const metadata: Metadata = { title: L.meta };

export default async function OrdererPrintPage({ params, searchParams }: PageProps<'/orderer/certificates/[number]/print'>) {
  const actor = await requirePageActor('orderer');
  const { number } = await params;
  const g = await orNotFound(getConfirmedCertificate(await getDb(), actor, number));
  const wanted = Number(firstParam(await searchParams, 'version'));
  const shown = g.versions.find((v) => v.version === wanted) ?? g.versions[0]!;
  return (
    <PrintFrame backHref={`/orderer/certificates/${g.number}?version=${shown.version}`} notice={L.printNotice}>
      <CertificateDocument content={shown.content} digest={shown.digest} headingLevel={1} banner={<GuaranteeStatusBanner view={g.statusView} compact />} />
    </PrintFrame>
  );
}
