import type { Metadata } from 'next';
import { CERTIFICATION_LABELS as L } from '@/app/_components/certification-labels';
import { CertificationList, CertificationTabs } from '@/app/_components/certification-list';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { parseOrdererCertificationParams } from '@/domain/certifications/list-params';
import { countWaitingCertifications, listCertificationsForOrderer } from '@/domain/certifications/queries';

export const metadata: Metadata = { title: L.meta };

const BASE = '/orderer/certifications';

/** 中間前払金の認定 (発注者): the requests to the clerk's department, 認定待ち (oldest first) unless another tab is chosen. */
export default async function OrdererCertificationsPage({ searchParams }: PageProps<'/orderer/certifications'>) {
  const actor = await requirePageActor('orderer');
  const params = parseOrdererCertificationParams(await searchParams);
  const db = await getDb();
  const [list, waiting] = await Promise.all([listCertificationsForOrderer(db, actor, params), countWaitingCertifications(db, actor)]);
  return (
    <>
      <h1>{L.title}</h1>
      <p className="lead">{L.ordererLead}</p>
      {actor.departmentId ? null : (
        <p className="notice warn" role="note">
          {L.noDepartment}
        </p>
      )}
      <CertificationTabs base={BASE} params={params} defaultStatus="REQUESTED" waiting={waiting} />
      <CertificationList
        base={BASE}
        list={list}
        params={params}
        defaultStatus="REQUESTED"
        columns={['requestedAt', 'contractor', 'project', 'contractAmount', 'halfDate', 'status']}
        empty={L.ordererEmpty[params.status]}
      />
    </>
  );
}
