import type { Metadata } from 'next';
import Link from 'next/link';
import { ListTable } from '@/components/list-table';
import { KeysetPagination } from '@/components/keyset-pagination';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { COUNT_CAP } from '@/domain/guarantees/keyset';
import { listContractorPremiums, type PremiumRow } from '@/domain/premium/list-contractor-premiums';
import { parsePremiumListParams, premiumListHref } from '@/domain/premium/premium-list-params';
import { formatYen } from '@/lib/money';
import { calculationAmountText } from '@/domain/premium/payments';
import type { PremiumDocumentRow } from '@/domain/premium/premium-documents';
import { formatListDate } from '@/lib/dates';
import { JvMark } from '../guarantees/_components/jv-mark';
import { GUARANTEE_LABELS as L } from '../guarantees/labels';
import styles from './premiums.module.css';

export const metadata: Metadata = { title: L.premiumsMeta };

const BASE = '/contractor/premiums';

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

/** 有効 plain; 解除 and 期間満了 marked (in words, not colour alone), with the date that decided it. */
function statusCell({ statusView: v }: PremiumRow) {
  if (v.status === 'ACTIVE') return L.status.ACTIVE;
  const date = v.status === 'CANCELLED' ? (v.cancelledOn ? L.statusDate.CANCELLED(v.cancelledOn) : null) : L.statusDate.EXPIRED(v.guaranteeEnd);
  return (
    <>
      <strong className={`status-tag status-tag-${v.status}`}>{L.status[v.status]}</strong>
      {date ? <span className={`muted ${styles.statusDate}`}>{date}</span> : null}
    </>
  );
}

function paymentState({ balance }: PremiumRow) {
  if (balance.outstanding > 0n) return L.paymentState.outstanding(formatYen(balance.outstanding));
  if (balance.outstanding < 0n) return L.paymentState.refund(formatYen(-balance.outstanding));
  return L.paymentState.settled;
}

export default async function PremiumsPage({ searchParams }: PageProps<'/contractor/premiums'>) {
  const actor = await requirePageActor('contractor');
  const params = parsePremiumListParams(await searchParams);
  const list = await listContractorPremiums(await getDb(), actor, params);
  return (
    <>
      <h1>{L.premiumsTitle}</h1>
      <p className="lead">{L.premiumsLead}</p>
      <p className="muted">{L.invoiceNote}</p>
      <p>
        <Link href="/contractor/guarantees">{L.backToList}</Link>
      </p>
      <ListTable
        caption={L.premiumsTitle}
        columns={[
          { header: L.premiumColumns.number, rowHeader: true, cell: (row) => <Link href={`/contractor/guarantees/${row.number}`}>{row.number}</Link> },
          {
            header: L.premiumColumns.kind,
            cell: (row) => (
              <>
                {L.kindShort[row.kind]}
                <JvMark role={row.jointVentureId ? 'REPRESENTATIVE' : null} />
              </>
            ),
          },
          { header: L.premiumColumns.status, primary: true, className: styles.state, cell: statusCell },
          { header: L.premiumColumns.orderer, primary: true, cell: (row) => row.orderer.certificateName ?? row.orderer.name },
          { header: L.premiumColumns.project, primary: true, grow: true, cell: (row) => row.projectName },
          { header: L.premiumColumns.premium, primary: true, headerClassName: 'num', className: 'num', cell: (row) => row.premiumYen.toLocaleString('ja-JP') },
          { header: L.premiumColumns.payment, primary: true, className: styles.state, cell: paymentState },
          { header: L.premiumColumns.documents, grow: true, cell: (row) => <ul className="plain">{row.documents.map((d) => documentLink(row.number, d))}</ul> },
        ]}
        rows={list.rows}
        rowKey={(row) => row.id}
        empty={L.noPremiums}
      />
      {list.rows.some((r) => r.balance.outstanding < 0n) ? <p className="muted">{L.refundNote}</p> : null}
      <KeysetPagination
        label={L.premiumsPaging}
        total={L.total(Math.min(list.total, COUNT_CAP), list.total > COUNT_CAP)}
        page={L.pageOf(list.page)}
        firstHref={list.hasPrevious ? BASE : undefined}
        previousHref={list.hasPrevious ? premiumListHref(BASE, { before: list.first, after: undefined, page: Math.max(1, list.page - 1) }) : undefined}
        nextHref={list.hasNext ? premiumListHref(BASE, { after: list.last, before: undefined, page: list.page + 1 }) : undefined}
        words={{ first: L.firstPage, previous: L.previous, next: L.next }}
      />
    </>
  );
}
