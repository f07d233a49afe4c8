import type { Metadata } from 'next';
import { recordPaymentAction } from '@/actions/admin-payment-actions';
import { Breadcrumbs } from '@/app/_components/breadcrumbs';
import { orNotFound } from '@/auth/not-found';
import { firstParam } from '@/lib/search-params';
import { SavedMessage } from '@/app/_components/saved-message';
import { ListTable } from '@/components/list-table';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { GUARANTEE_KIND_LABEL, GUARANTEE_STATUS_LABEL } from '@/domain/labels';
import { formatYen } from '@/lib/money';
import { calculationAmountText } from '@/domain/premium/payments';
import { getGuaranteePremiums } from '@/domain/premium/premium-documents';
import { dbDateToIso, formatListDate, todayInTokyo } from '@/lib/dates';
import { PAYMENT_LABELS as L } from './labels';
import { PaymentForm } from './payment-form';

export const metadata: Metadata = { title: L.meta };

export default async function PaymentPage({ params, searchParams }: PageProps<'/admin/guarantees/[number]/payment'>) {
  const actor = await requirePageActor('admin');
  const { number } = await params;
  const { guarantee: g, documents, balance } = await orNotFound(getGuaranteePremiums(await getDb(), actor, number));
  const saved = firstParam(await searchParams, 'saved');
  const pdfHref = (id: string) => `/admin/guarantees/${g.number}/premium/${id}`;
  // Under each document's title and in its link's name: the receipt's number, or the change's date.
  const rows = documents.map((d) => ({ ...d, extra: d.receiptNumber ? L.receiptNo(d.receiptNumber) : d.changeDate ? L.changeOn(formatListDate(d.changeDate)) : null }));
  return (
    <>
      <Breadcrumbs
        items={[
          { href: '/admin/guarantees', label: L.breadcrumbs.guarantees },
          { href: `/admin/guarantees/${g.number}`, label: L.breadcrumbs.guarantee(g.number) },
        ]}
      />
      <h1>{L.title(g.number)}</h1>
      <SavedMessage message={saved ? L.saved[saved] : null} />
      <p className="lead">{L.lead}</p>

      <section className="panel" aria-labelledby="guarantee-title">
        <h2 id="guarantee-title">{L.guaranteeTitle}</h2>
        <dl className="details">
          <dt>{L.guarantee.number}</dt>
          <dd>{g.number}</dd>
          <dt>{L.guarantee.kind}</dt>
          <dd>{GUARANTEE_KIND_LABEL[g.kind]}</dd>
          <dt>{L.guarantee.contractor}</dt>
          <dd>{g.contractor.name}</dd>
          <dt>{L.guarantee.orderer}</dt>
          <dd>{g.orderer.certificateName ?? g.orderer.name}</dd>
          <dt>{L.guarantee.project}</dt>
          <dd>{g.projectName}</dd>
          <dt>{L.guarantee.issuedOn}</dt>
          <dd>{formatListDate(g.issuedOn)}</dd>
          <dt>{L.guarantee.status}</dt>
          <dd>{GUARANTEE_STATUS_LABEL[g.status]}</dd>
        </dl>
      </section>

      <section className="panel" aria-labelledby="documents-title">
        <h2 id="documents-title">{L.documentsTitle}</h2>
        <ListTable
          className="table"
          caption={L.documentsCaption}
          columns={[
            {
              header: L.columns.title,
              rowHeader: true,
              cell: (d) => (
                <>
                  {d.title}
                  {d.extra ? <div className="muted">{d.extra}</div> : null}
                </>
              ),
            },
            { header: L.columns.issuedOn, cell: (d) => formatListDate(d.issuedOn) },
            { header: L.columns.amount, headerClassName: 'num', className: 'num', cell: (d) => (d.kind === 'RECEIPT' ? formatYen(d.amount) : calculationAmountText(d)) },
            { header: L.columns.paidOn, cell: (d) => (d.paidOn ? formatListDate(d.paidOn) : L.none) },
            { header: L.columns.method, cell: (d) => d.methodLabel || L.none },
            {
              header: L.columns.pdf,
              cell: (d) => (
                <a href={pdfHref(d.id)} download aria-label={L.pdfFor(d.title, formatListDate(d.issuedOn), d.extra)}>
                  {L.pdf}
                </a>
              ),
            },
          ]}
          rows={rows}
          rowKey={(d) => d.id}
          empty={L.noDocuments}
        />
      </section>

      <section className="panel" aria-labelledby="balance-title">
        <h2 id="balance-title">{L.balanceTitle}</h2>
        <dl className="details">
          <dt>{L.balance.due}</dt>
          <dd>{L.yen(formatYen(balance.due))}</dd>
          <dt>{L.balance.paid}</dt>
          <dd>{L.yen(formatYen(balance.paid))}</dd>
          {balance.outstanding < 0n ? (
            <>
              <dt>{L.balance.refund}</dt>
              <dd>
                <strong>{L.yen(formatYen(-balance.outstanding))}</strong>
              </dd>
            </>
          ) : (
            <>
              <dt>{L.balance.outstanding}</dt>
              <dd>
                <strong>{L.yen(formatYen(balance.outstanding))}</strong>
              </dd>
            </>
          )}
        </dl>
        {balance.outstanding <= 0n ? <p className="notice ok">{L.settled}</p> : null}
        {balance.outstanding < 0n ? <p className="notice warn">{L.refundNote}</p> : null}
      </section>

      {balance.outstanding > 0n ? (
        <section className="panel" aria-labelledby="payment-title">
          <h2 id="payment-title">{L.formTitle}</h2>
          <p className="hint">{L.formLead}</p>
          <PaymentForm action={recordPaymentAction.bind(null, g.id)} today={todayInTokyo()} concludedOn={dbDateToIso(g.issuedOn)} />
        </section>
      ) : null}
    </>
  );
}
