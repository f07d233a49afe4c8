import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Breadcrumbs } from '@/app/_components/breadcrumbs';
import { CERTIFICATION_LABELS as L } from '@/app/_components/certification-labels';
import styles from '@/app/_components/certification.module.css';
import { requestCertificationAction } from '@/actions/certification-actions';
import { requirePageActor } from '@/auth/guards';
import { orNotFound } from '@/auth/not-found';
import { getDb } from '@/db/client';
import { certificationRequestContext } from '@/domain/certifications/request-context';
import { firstParam } from '@/lib/search-params';
import { formatYen } from '@/lib/money';
import { formatJapaneseDateShort as wareki } from '@/lib/wareki';
import { RequestForm } from '../_components/request-form';

export const metadata: Metadata = { title: L.newMeta };

const ratio = (r: { numerator: number; denominator: number } | null) => (r ? `${r.numerator}/${r.denominator}` : null);

/** 中間前払金の認定を請求 (受注者): the contract read-only from the 前払金保証 (?guarantee=<number>), then the form. */
export default async function NewCertificationPage({ searchParams }: PageProps<'/contractor/certifications/new'>) {
  const actor = await requirePageActor('contractor');
  const number = firstParam(await searchParams, 'guarantee');
  if (!number) notFound();
  const c = await orNotFound(certificationRequestContext(await getDb(), actor, number));
  return (
    <>
      <Breadcrumbs items={[{ href: '/contractor/certifications', label: L.title }]} />
      <h1>{L.newTitle}</h1>
      <p className="lead">{L.newLead}</p>
      <section className={styles.readonly} aria-labelledby="contract-title">
        <h2 id="contract-title">{L.contractTitle}</h2>
        <p className="muted">{L.contractNote}</p>
        <dl className="details">
          {(
            [
              [L.contract.orderer, c.ordererName],
              [L.contract.projectName, c.projectName],
              [L.contract.projectLocation, c.projectLocation || L.none],
              [L.contract.contractDate, c.contractDate ? wareki(c.contractDate) : L.none],
              [L.contract.period, L.periodText(c.periodStart, c.periodEnd, c.periodDays)],
              [L.contract.contractAmount, `${formatYen(c.contractAmount)}円`],
              [L.contract.advance, L.advanceText(c.number, c.advanceAmount)],
              [L.contract.halfDate, L.halfDateText(c.halfDate, c.periodDays)],
            ] as const
          ).map(([label, value]) => (
            <div key={label} className="details-row">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      {c.refusal ? (
        <div className="notice warn" role="note">
          <h2>{L.cannotRequest}</h2>
          <p>{c.refusal}</p>
          <p>
            <Link href={`/contractor/guarantees/${c.number}`}>{L.backToGuarantee}</Link>
          </p>
        </div>
      ) : (
        <RequestForm
          action={requestCertificationAction}
          guaranteeNumber={c.number}
          hints={{
            reportedOn: L.hint.reportedOn(c.halfDate),
            workDoneAmount: L.hint.workDoneAmount(c.halfOfContract),
            requestedAmount: L.hint.requestedAmount(c.requestable, L.limitsText(ratio(c.intermediateLimit), ratio(c.combinedLimit))),
          }}
        />
      )}
    </>
  );
}
