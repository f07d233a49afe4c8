import type { Metadata } from 'next';
import { CERTIFICATION_LABELS as L } from '@/app/_components/certification-labels';
import { CertificationReview } from '@/app/_components/certification-view';
import { decideCertificationAction } from '@/actions/orderer-certification-actions';
import { requirePageActor } from '@/auth/guards';
import { orNotFound, requireUuid } from '@/auth/not-found';
import { getDb } from '@/db/client';
import { getCertification } from '@/domain/certifications/queries';
import { firstParam } from '@/lib/search-params';
import { DecisionForm } from '../_components/decision-form';

export const metadata: Metadata = { title: L.detailMeta };

/** A request to the clerk's department: the contract, the figures with what the conditions come to, the PDFs, and the decision. */
export default async function OrdererCertificationPage({ params, searchParams }: PageProps<'/orderer/certifications/[id]'>) {
  const actor = await requirePageActor('orderer');
  const id = requireUuid((await params).id);
  const saved = firstParam(await searchParams, 'saved');
  const c = await orNotFound(getCertification(await getDb(), actor, id));
  const base = `/orderer/certifications/${c.id}`;
  const savedText = saved === 'certified' && c.number ? L.certifiedSaved(c.number) : saved ? L.saved[saved] : null;
  return (
    <>
      <CertificationReview c={c} listHref="/orderer/certifications" base={base} saved={savedText} />
      {c.guaranteeConcluded ? (
        <p className="notice" role="note">
          {L.guaranteeConcluded}
        </p>
      ) : null}
      {c.canDecide ? (
        <section aria-labelledby="decision-title">
          <h2 id="decision-title">{L.decisionTitle}</h2>
          <DecisionForm action={decideCertificationAction.bind(null, c.id)} revision={c.revision} />
        </section>
      ) : null}
    </>
  );
}
