import type { Metadata } from 'next';
import Link from 'next/link';
import { Breadcrumbs } from '@/app/_components/breadcrumbs';
import { CERTIFICATION_LABELS as L } from '@/app/_components/certification-labels';
import { CertificationAttachments, CertificationContract, CertificationFigures, CertificationRecord, certificationBanner } from '@/app/_components/certification-view';
import styles from '@/app/_components/certification.module.css';
import { SavedMessage } from '@/app/_components/saved-message';
import { withdrawCertificationAction } from '@/actions/certification-actions';
import { requirePageActor } from '@/auth/guards';
import { orNotFound, requireUuid } from '@/auth/not-found';
import { getDb } from '@/db/client';
import { isCertificationUsable } from '@/domain/applications/from-certification';
import { getCertification } from '@/domain/certifications/queries';
import { firstParam } from '@/lib/search-params';
import { WithdrawButton } from '../_components/withdraw-button';

export const metadata: Metadata = { title: L.detailMeta };

/** One of the company's 認定 requests: its state, the figures, the PDFs; 取下げ while 認定待ち, the 認定調書 once 認定. */
export default async function ContractorCertificationPage({ params, searchParams }: PageProps<'/contractor/certifications/[id]'>) {
  const actor = await requirePageActor('contractor');
  const id = requireUuid((await params).id);
  const saved = firstParam(await searchParams, 'saved');
  const db = await getDb();
  const c = await orNotFound(getCertification(db, actor, id));
  const usable = c.status === 'CERTIFIED' && (await isCertificationUsable(db, actor, c.id));
  const base = `/contractor/certifications/${c.id}`;
  return (
    <>
      <Breadcrumbs items={[{ href: '/contractor/certifications', label: L.title }]} />
      <h1>
        {L.title}：{c.projectName}
      </h1>
      <SavedMessage message={saved ? L.saved[saved] : null} />
      <div className={`${styles.banner} ${styles[c.status] ?? ''}`}>
        <p>{certificationBanner(c)}</p>
      </div>
      <div className={`actions ${styles.actionsRow}`}>
        {c.status === 'CERTIFIED' ? (
          <>
            <a href={`${base}/document`} className="button primary" download>
              {L.documentLink}
            </a>
            {usable ? (
              <Link href={`/contractor/applications/new?certification=${c.id}`} className="button">
                {L.applyLink}
              </Link>
            ) : null}
          </>
        ) : null}
        {c.status === 'REFUSED' || c.status === 'WITHDRAWN' ? (
          <Link href={`/contractor/certifications/new?guarantee=${c.advanceNumber}`} className="button">
            {L.requestAgain}
          </Link>
        ) : null}
        {c.canWithdraw ? <WithdrawButton action={withdrawCertificationAction.bind(null, c.id)} revision={c.revision} /> : null}
      </div>
      <CertificationRecord c={c} />
      <CertificationContract c={c} />
      <CertificationFigures c={c} checks={false} />
      <CertificationAttachments c={c} base={base} />
    </>
  );
}
