import type { Metadata } from 'next';
import Link from 'next/link';
import { Pagination } from '@/app/_components/pagination';
import { pageParam } from '@/lib/search-params';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { listContractorPremiums } from '@/domain/guarantees/documents';
import { formatYen } from '@/domain/premium/calculate';
import { calculationAmountText } from '@/domain/premium/payments';
import type { PremiumDocumentRow } from '@/domain/premium/premium-documents';
import { formatListDate } from '@/lib/dates';
import { GUARANTEE_LABELS as L } from '../guarantees/labels';
import styles from './premiums.module.css';

export const metadata: Metadata = { title: L.premiumsMeta };

/** One document's link, named for screen readers with its guarantee (several rows have the same documents). */
function documentLink(number: string, d: PremiumDocumentRow) {
  const on = formatListDate(d.issuedOn);
  const [text, name, note] =
    d.type === 'RECEIPT'
      ? [L.receiptDoc, L.receiptDocFor(number, d.receiptNumber ?? ''), `${L.receiptPaidOn(d.paidOn ? formatListDate(d.paidOn) : '')}　${formatYen(d.amount)}円`]
      : d.type === 'CHANGE_CALCULATION'
        ? [L.changeCalculationDoc, L.changeCalculationDocFor(number, on), `${L.documentIssuedOn(on)}　${calculationAmountText(d)}円`]
        : [L.calculationDoc, L.calculationDocFor(number), L.documentIssuedOn(on)];
  return (
    <li key={d.id}>
      <a href={`/contractor/guarantees/${number}/premium/${d.id}`} aria-label={name} download>
        {text}
      </a>
      <span className={`muted ${styles.note}`}>{note}</span>
    </li>
  );
}

export default async function PremiumsPage({ searchParams }: PageProps<'/contractor/premiums'>) {
  const actor = await requirePageActor('contractor');
  const list = await listContractorPremiums(await getDb(), actor, { page: pageParam(await searchParams) });
  return (
    <>
      <h1>{L.premiumsTitle}</h1>
      <p className="lead">{L.premiumsLead}</p>
      <p className="muted">{L.invoiceNote}</p>
      <p>
        <Link href="/contractor/guarantees">{L.backToList}</Link>
      </p>
      {list.rows.length === 0 ? (
        <p className="empty">{L.noPremiums}</p>
      ) : (
        <div className="table-wrap">
          <table className="table wide">
            <caption className="visually-hidden">{L.premiumsTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{L.premiumColumns.number}</th>
                <th scope="col">{L.premiumColumns.kind}</th>
                <th scope="col">{L.premiumColumns.orderer}</th>
                <th scope="col">{L.premiumColumns.project}</th>
                <th scope="col" className="num">
                  {L.premiumColumns.premium}
                </th>
                <th scope="col">{L.premiumColumns.payment}</th>
                <th scope="col">{L.premiumColumns.documents}</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    <Link href={`/contractor/guarantees/${row.number}`}>{row.number}</Link>
                  </th>
                  <td>{L.kindShort[row.kind]}</td>
                  <td>{row.orderer.certificateName ?? row.orderer.name}</td>
                  <td>{row.projectName}</td>
                  <td className="num">{row.premiumYen.toLocaleString('ja-JP')}</td>
                  <td className={styles.state}>
                    {row.balance.outstanding > 0n
                      ? L.paymentState.outstanding(formatYen(row.balance.outstanding))
                      : row.balance.outstanding < 0n
                        ? L.paymentState.refund(formatYen(-row.balance.outstanding))
                        : L.paymentState.settled}
                  </td>
                  <td>
                    <ul className="plain">{row.documents.map((d) => documentLink(row.number, d))}</ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.rows.some((r) => r.balance.outstanding < 0n) ? <p className="muted">{L.refundNote}</p> : null}
      <Pagination page={list.page} pageCount={list.pageCount} total={list.total} basePath="/contractor/premiums" query={{}} />
    </>
  );
}
