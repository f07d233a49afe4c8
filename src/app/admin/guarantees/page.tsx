import type { Metadata } from 'next';
import Link from 'next/link';
import { FilterSelect } from '@/app/_components/list-filters';
import { requirePageActor } from '@/auth/guards';
import { KeysetPagination } from '@/components/keyset-pagination';
import { ListTable, type ListColumn } from '@/components/list-table';
import { getDb } from '@/db/client';
import { COUNT_CAP } from '@/domain/guarantees/keyset';
import { listOfficerGuarantees, type OfficerGuaranteeRow } from '@/domain/guarantees/officer-list';
import {
  byEndOnly,
  chosenOrder,
  defaultDir,
  isFiltered,
  OFFICER_STATES,
  officerListHref,
  parseOfficerListParams,
  PAYMENT_FILTERS,
  type OfficerListParams,
  type OfficerSort,
} from '@/domain/guarantees/officer-list-params';
import { formatIsoDate } from '@/lib/dates';
import { formatYen } from '@/lib/money';
import styles from './guarantee-list.module.css';
import { OFFICER_GUARANTEE_LIST_LABELS as L } from './list-labels';

export const metadata: Metadata = { title: L.meta };

const BASE = '/admin/guarantees';

/** A sortable column's header: its link sorts by the column (or turns the order round), with aria-sort. */
function sortable(params: OfficerListParams, sort: OfficerSort, label: string): Pick<ListColumn<unknown>, 'header' | 'label' | 'ariaSort'> {
  // 期間満了 and 満了間近 are listed by 保証期間（至） only: the other headers are words there.
  if (byEndOnly(params.state) && sort !== 'end') return { header: label };
  const active = params.sort === sort;
  const nextDir = active ? (params.dir === 'asc' ? 'desc' : 'asc') : defaultDir(sort, params.state);
  const href = officerListHref(BASE, params, { sort, dir: nextDir, after: undefined, before: undefined, page: 1 });
  return {
    header: (
      <Link href={href} aria-label={L.sortBy(label, nextDir)}>
        {label}
        {active ? <span aria-hidden="true">{params.dir === 'asc' ? '\u00a0▲' : '\u00a0▼'}</span> : null}
      </Link>
    ),
    // On a phone's cards the value is shown under the header's plain words.
    label,
    ariaSort: active ? (params.dir === 'asc' ? 'ascending' : 'descending') : undefined,
  };
}

function StatusCell({ row }: { row: OfficerGuaranteeRow }) {
  if (row.status !== 'ACTIVE') return <strong className="status-tag">{L.status[row.status]}</strong>;
  return (
    <>
      {L.status.ACTIVE}
      {row.ending ? <> <strong className="status-tag">{L.ending}</strong></> : null}
      {/* The lapse watcher (decision 075): an orderer's 契約台帳 needs a 変更契約; 保証の管理 says which. */}
      {row.lapseOpen ? <> <strong className="status-tag">{L.lapse}</strong></> : null}
    </>
  );
}

function PremiumCell({ outstanding }: { outstanding: bigint }) {
  if (outstanding > 0n) return <strong>{L.premium.unpaid(formatYen(outstanding))}</strong>;
  if (outstanding < 0n) return <>{L.premium.refund(formatYen(-outstanding))}</>;
  return <>{L.premium.settled}</>;
}

export default async function OfficerGuaranteesPage({ searchParams }: PageProps<'/admin/guarantees'>) {
  const actor = await requirePageActor('admin');
  const params = parseOfficerListParams(await searchParams);
  const list = await listOfficerGuarantees(await getDb(), actor, params);
  const filtered = isFiltered(params);
  const order = chosenOrder(params);
  const F = L.fields;
  return (
    <>
      <h1>{L.title}</h1>
      <p className="lead">{L.lead}</p>

      <form action={BASE} method="get" role="search" aria-label={L.searchTitle} className={styles.search}>
        <div className="field">
          <label htmlFor="guarantees-number">{F.number}</label>
          <input id="guarantees-number" name="number" type="search" defaultValue={params.number} maxLength={20} aria-describedby="guarantees-number-hint" />
          <p className="hint" id="guarantees-number-hint">
            {L.hints.number}
          </p>
        </div>
        {(['project', 'contractor', 'orderer'] as const).map((name) => (
          <div className="field" key={name}>
            <label htmlFor={`guarantees-${name}`}>{F[name]}</label>
            <input id={`guarantees-${name}`} name={name} type="search" defaultValue={params[name]} maxLength={100} aria-describedby={`guarantees-${name}-hint`} />
            <p className="hint" id={`guarantees-${name}-hint`}>
              {L.hints.text}
            </p>
          </div>
        ))}
        <FilterSelect id="guarantees-state" name="state" label={F.state} values={OFFICER_STATES} labels={L.states} selected={params.state} allLabel={L.all} />
        <FilterSelect id="guarantees-payment" name="payment" label={F.payment} values={PAYMENT_FILTERS} labels={L.payments} selected={params.payment} allLabel={L.all} />
        {/* An order chosen by its header stays with a new search (which starts again at page 1). */}
        {order.sort ? <input type="hidden" name="sort" value={order.sort} /> : null}
        {order.dir ? <input type="hidden" name="dir" value={order.dir} /> : null}
        <div className={styles.buttons}>
          <button type="submit" className="button">
            {L.search}
          </button>
          {filtered ? (
            <Link href={BASE} className="clear-link">
              {L.clear}
            </Link>
          ) : null}
        </div>
      </form>

      <ListTable
        caption={L.caption}
        columns={[
          { ...sortable(params, 'number', L.columns.number), rowHeader: true, cell: (row) => <Link href={`${BASE}/${row.number}`}>{row.number}</Link> },
          { ...sortable(params, 'issued', L.columns.issuedOn), cell: (row) => formatIsoDate(row.issuedOn) },
          { header: L.columns.kind, cell: (row) => <abbr title={L.kindLong[row.kind]}>{L.kindShort[row.kind]}</abbr> },
          { header: L.columns.status, primary: true, cell: (row) => <StatusCell row={row} /> },
          { ...sortable(params, 'end', L.columns.guaranteeEnd), cell: (row) => formatIsoDate(row.guaranteeEnd) },
          { header: L.columns.contractor, primary: true, cell: (row) => row.contractorName },
          { header: L.columns.orderer, primary: true, cell: (row) => row.ordererName },
          { header: L.columns.project, primary: true, grow: true, cell: (row) => row.projectName },
          { header: L.columns.amount, headerClassName: 'num', className: 'num', cell: (row) => formatYen(row.guaranteeAmount) },
          { header: L.columns.premium, primary: true, cell: (row) => <PremiumCell outstanding={row.premiumOutstanding} /> },
        ]}
        sortLabel={L.sortOnPhone}
        rows={list.rows}
        rowKey={(row) => row.id}
        empty={filtered ? L.emptySearch : L.empty}
      />

      <KeysetPagination
        label={L.paging}
        total={L.total(Math.min(list.total, COUNT_CAP), list.total > COUNT_CAP)}
        page={L.pageOf(list.page)}
        firstHref={list.hasPrevious ? officerListHref(BASE, params, { after: undefined, before: undefined, page: 1 }) : undefined}
        previousHref={list.hasPrevious ? officerListHref(BASE, params, { before: list.first, after: undefined, page: Math.max(1, list.page - 1) }) : undefined}
        nextHref={list.hasNext ? officerListHref(BASE, params, { after: list.last, before: undefined, page: list.page + 1 }) : undefined}
        words={{ first: L.firstPage, previous: L.previous, next: L.next }}
      />
    </>
  );
}
