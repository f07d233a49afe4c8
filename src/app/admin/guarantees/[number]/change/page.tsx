import type { Metadata } from 'next';
import Link from 'next/link';
import { Breadcrumbs } from '@/app/_components/breadcrumbs';
import { orNotFound } from '@/auth/not-found';
import { changeGuaranteeAction } from '@/actions/admin-change-actions';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { formatYen } from '@/lib/money';
import { formatTermValue } from '@/domain/changes/format';
import { getOfficerGuarantee } from '@/domain/guarantees/get-officer-guarantee';
import { formatIsoDate, todayInTokyo } from '@/lib/dates';
import { ChangeForm } from '../../_components/change-form';
import { OFFICER_GUARANTEE_LABELS as L } from '../../labels';

export const metadata: Metadata = { title: L.changeMeta };

/** 変更契約の登録 (officers). */
export default async function ChangePage({ params }: PageProps<'/admin/guarantees/[number]/change'>) {
  const actor = await requirePageActor('admin');
  const { number } = await params;
  const g = await orNotFound(getOfficerGuarantee(await getDb(), actor, number));
  const t = g.terms;
  const current = {
    guaranteeAmount: formatTermValue('guaranteeAmount', t.guaranteeAmount.toString()),
    contractAmount: formatTermValue('contractAmount', t.contractAmount.toString()),
    periodStart: formatTermValue('periodStart', t.periodStart),
    periodEnd: formatTermValue('periodEnd', t.periodEnd),
    guaranteeStart: formatTermValue('guaranteeStart', t.guaranteeStart),
    guaranteeEnd: formatTermValue('guaranteeEnd', t.guaranteeEnd),
    projectName: t.projectName,
  };
  // Dates as the screens write them (2026/04/01); the field takes 和暦 and other forms too.
  const defaults = {
    ...t,
    guaranteeAmount: formatYen(t.guaranteeAmount),
    contractAmount: formatYen(t.contractAmount),
    periodStart: formatIsoDate(t.periodStart),
    periodEnd: formatIsoDate(t.periodEnd),
    guaranteeStart: formatIsoDate(t.guaranteeStart),
    guaranteeEnd: formatIsoDate(t.guaranteeEnd),
    changeDate: formatIsoDate(todayInTokyo()),
  };
  return (
    <>
      <Breadcrumbs
        items={[
          { href: '/admin/guarantees', label: L.guarantees },
          { href: `/admin/guarantees/${g.number}`, label: L.meta(g.number) },
        ]}
      />
      <h1>
        {L.changeTitle}（{g.number}）
      </h1>
      <p className="muted">
        {g.contractor.name} ／ {g.orderer.name} ／ {g.projectName}
      </p>
      {g.status === 'ACTIVE' ? (
        <section className="panel">
          <p className="hint">{L.changeLead}</p>
          <ChangeForm action={changeGuaranteeAction.bind(null, g.id, g.number)} defaults={defaults} current={current} basis={g.changeCount} />
        </section>
      ) : (
        <p className="form-message error" role="alert">
          {L.notActive}
        </p>
      )}
      <p>
        <Link href={`/admin/guarantees/${g.number}`}>{L.back}</Link>
      </p>
    </>
  );
}
