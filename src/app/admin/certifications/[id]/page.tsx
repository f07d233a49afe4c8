import type { Metadata } from 'next';
import { CERTIFICATION_LABELS as L } from '@/app/_components/certification-labels';
import { CertificationReview } from '@/app/_components/certification-view';
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
  return <CertificationReview c={c} listHref="/admin/certifications" base={`/admin/certifications/${c.id}`} />;
}
