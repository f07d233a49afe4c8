import type { Metadata } from 'next';
import { Breadcrumbs } from '@/app/_components/breadcrumbs';
import { CERTIFICATION_LABELS as L } from '@/app/_components/certification-labels';
import { CertificationStatusTag } from '@/app/_components/certification-list';
import { CertificationAttachments, CertificationContract, CertificationFigures, CertificationRecord } from '@/app/_components/certification-view';
import styles from '@/app/_components/certification.module.css';
import { requirePageActor } from '@/auth/guards';
import { orNotFound, requireUuid } from '@/auth/not-found';
import { getDb } from '@/db/client';
import { getCertification } from '@/domain/certifications/queries';

export const metadata: Metadata = { title: L.detailMeta };

/** One 認定 as the officers read it: everything the clerk sees, no decision. */
export default async function AdminCertificationPage({ params }: PageProps<'/admin/certifications/[id]'>) {
  const actor = await requirePageActor('admin');
  const id = requireUuid((await params).id);
  const c = await orNotFound(getCertification(await getDb(), actor, id));
  const base = `/admin/certifications/${c.id}`;
  return (
    <>
      <Breadcrumbs items={[{ href: '/admin/certifications', label: L.title }]} />
      <h1>
        {L.title}：{c.projectName}
      </h1>
      <p>
        <CertificationStatusTag status={c.status} />
      </p>
      {c.status === 'CERTIFIED' ? (
        <p className={`actions ${styles.actionsRow}`}>
          <a href={`${base}/document`} className="button" download>
            {L.documentLink}
          </a>
        </p>
      ) : null}
      <CertificationRecord c={c} />
      <CertificationContract c={c} />
      <CertificationFigures c={c} checks />
      <CertificationAttachments c={c} base={base} />
    </>
  );
}
