import type { Metadata } from 'next';
import { Breadcrumbs } from '@/app/_components/breadcrumbs';
import { saveApplicationAction } from '@/actions/application-actions';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { defaultDepositRows } from '@/domain/applications/deposits';
import { applicantJointVentures } from '@/domain/applications/form-options';
import { certificationPrefill, usableCertifications } from '@/domain/applications/from-certification';
import type { ApplicationFormValues } from '@/domain/applications/queries';
import { isUuid } from '@/lib/uuid';
import { firstParam } from '@/lib/search-params';
import { ApplicationForm } from '../_components/application-form';
import { ordererOptions } from '../_components/orderer-options';
import { APPLICATION_LABELS as L } from '../labels';

export const metadata: Metadata = { title: L.newMeta };

/**
 * 新規保証申込. `?jv=<id>` starts it for a JV the company represents (「この共同企業体で保証を申し込む」),
 * `?certification=<id>` as a 中間前払金 from a 認定 (「中間前払金保証を申し込む」), prefilled. An id the
 * company cannot use starts an ordinary form: the page never says whose it is.
 */
export default async function NewApplicationPage({ searchParams }: PageProps<'/contractor/applications/new'>) {
  const actor = await requirePageActor('contractor');
  const db = await getDb();
  const query = await searchParams;
  const jvParam = firstParam(query, 'jv');
  const certificationParam = firstParam(query, 'certification');
  const certifications = await usableCertifications(db, actor);
  const jointVentures = await applicantJointVentures(db, actor, { include: certifications.map((c) => c.jointVentureId) });
  const openJointVentures = jointVentures.filter((j) => j.open);

  let defaultValue: ApplicationFormValues = { deliveryMethod: 'ELECTRONIC' };
  const prefill = certificationParam && isUuid(certificationParam) ? await certificationPrefill(db, actor, certificationParam) : null;
  if (prefill) defaultValue = { ...defaultValue, ...prefill };
  else {
    const jv = jvParam ? openJointVentures.find((j) => j.id === jvParam) : undefined;
    if (jv) defaultValue = { ...defaultValue, jointVentureId: jv.id, depositMode: 'SINGLE', deposits: defaultDepositRows(jv.members) };
  }
  return (
    <>
      <Breadcrumbs items={[{ href: '/contractor/applications', label: L.listTitle }]} />
      <h1>{L.newTitle}</h1>
      <p className="muted">{L.invoiceNote}</p>
      <ApplicationForm
        action={saveApplicationAction.bind(null, undefined)}
        defaultValue={defaultValue}
        orderers={await ordererOptions(db)}
        jointVentures={jointVentures}
        certifications={certifications}
      />
    </>
  );
}
