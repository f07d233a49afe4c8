import type { Metadata } from 'next';
import Link from 'next/link';
import { CERTIFICATION_LABELS as L } from '@/app/_components/certification-labels';
import { CertificationList } from '@/app/_components/certification-list';
import { FilterSelect } from '@/app/_components/list-filters';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { CERTIFICATION_STATUSES, parseContractorCertificationParams } from '@/domain/certifications/list-params';
import { usableCertifications } from '@/domain/applications/from-certification';
import { listCertificationsForContractor } from '@/domain/certifications/queries';

export const metadata: Metadata = { title: L.meta };

const BASE = '/contractor/certifications';

/** 中間前払金の認定 (受注者): the company's requests, every status unless one is chosen. */
export default async function ContractorCertificationsPage({ searchParams }: PageProps<'/contractor/certifications'>) {
  const actor = await requirePageActor('contractor');
  const params = parseContractorCertificationParams(await searchParams);
  const db = await getDb();
  const list = await listCertificationsForContractor(db, actor, params);
  // 「中間前払金保証を申し込む」 on a CERTIFIED 認定 no application holds yet.
  const applicable = new Set((await usableCertifications(db, actor)).map((c) => c.id));
  return (
    <>
      <h1>{L.title}</h1>
      <p className="lead">{L.contractorLead}</p>
      <p className="muted">
        {L.contractorHowTo} <Link href="/contractor/guarantees">{L.toGuarantees}</Link>
      </p>
      <div className="toolbar">
        <form action={BASE} method="get" className="search">
          <FilterSelect
            id="certification-status"
            name="status"
            label={L.filter}
            values={CERTIFICATION_STATUSES}
            labels={L.status}
            selected={params.status === 'all' ? undefined : params.status}
            allLabel={L.allStatuses}
          />
          <button type="submit" className="button">
            {L.show}
          </button>
        </form>
      </div>
      <CertificationList
        base={BASE}
        list={list}
        params={params}
        defaultStatus="all"
        columns={['requestedAt', 'project', 'orderer', 'department', 'status', 'number', 'certifiedOn', 'apply']}
        applicable={applicable}
        empty={L.contractorEmpty}
      />
    </>
  );
}
