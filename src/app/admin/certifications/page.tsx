import type { Metadata } from 'next';
import { CERTIFICATION_LABELS as L } from '@/app/_components/certification-labels';
import { CertificationList, CertificationTabs } from '@/app/_components/certification-list';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { parseContractorCertificationParams } from '@/domain/certifications/list-params';
import { listCertificationsForOfficer } from '@/domain/certifications/queries';

export const metadata: Metadata = { title: L.meta };

const BASE = '/admin/certifications';

/** 中間前払金の認定 (保証会社): every request, read-only, every status unless a tab is chosen. */
export default async function AdminCertificationsPage({ searchParams }: PageProps<'/admin/certifications'>) {
  const actor = await requirePageActor('admin');
  const params = parseContractorCertificationParams(await searchParams);
  const list = await listCertificationsForOfficer(await getDb(), actor, params);
  return (
    <>
      <h1>{L.title}</h1>
      <p className="lead">{L.adminLead}</p>
      <CertificationTabs base={BASE} params={params} defaultStatus="all" waiting={null} />
      <CertificationList
        base={BASE}
        list={list}
        params={params}
        defaultStatus="all"
        columns={['requestedAt', 'project', 'contractor', 'orderer', 'department', 'status', 'number']}
        empty={L.adminEmpty}
      />
    </>
  );
}
