import type { Metadata } from 'next';
import Link from 'next/link';
import { ListTable, type ListColumn } from '@/components/list-table';
import { FilterChoices } from '@/app/_components/list-filters';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { latestConfirmationByGuarantee } from '@/domain/confirmations/confirmations-of-guarantee';
import { COUNT_CAP } from '@/domain/guarantees/keyset';
import { listContractorGuarantees } from '@/domain/guarantees/list';
import { CONDITIONS, listHref, parseListParams, DEFAULT_DIR, type ListParams, type Sort } from '@/domain/guarantees/list-params';
import { formatIsoDate, formatMomentDate } from '@/lib/dates';
import { lapseKindsOfGuarantees } from '@/domain/contracts/lapses';
import { JvMark } from './_components/jv-mark';
import { GUARANTEE_LABELS as L } from './labels';
import { LapseMark } from '@/components/lapse-mark';

export const metadata: Metadata = { title: L.listMeta };

const BASE = '/contractor/guarantees';

/** A sortable column's header: its link sorts by the column (or turns the order round), with aria-sort. */
function sortable(params: ListParams, sort: Sort, label: string, numeric?: boolean): Pick<ListColumn<unknown>, 'header' | 'label' | 'ariaSort' | 'headerClassName'> {
  const active = params.sort === sort;
  const nextDir = active ? (params.dir === 'asc' ? 'desc' : 'asc') : DEFAULT_DIR(sort);
  const href = listHref(BASE, params, { sort, dir: nextDir, after: undefined, before: undefined, page: 1 });
  return {
    header: (
      <Link href={href} aria-label={L.sortBy(label, nextDir)}>
        {label}
        {active ? <span aria-hidden="true">{params.dir === 'asc' ? '\u00a0▲' : '\u00a0▼'}</span> : null}
      </Link>
    ),
    label,
    ariaSort: active ? (params.dir === 'asc' ? 'ascending' : 'descending') : undefined,
    headerClassName: numeric ? 'num' : undefined,
  };
}

export default async function GuaranteesPage({ searchParams }: PageProps<'/contractor/guarantees'>) {
  const actor = await requirePageActor('contractor');
  const params = parseListParams(await searchParams);
  const db = await getDb();
  const list = await listContractorGuarantees(db, actor, params);
  // 発注者確認: one query for the page's rows, not one per row.
  const confirmed = await latestConfirmationByGuarantee(db, actor.organizationId, list.rows.map((r) => r.id));
  // The lapse watcher (decision 075): a 変更契約 an orderer's 契約台帳 now needs, marked in the 変更契約 column.
  const lapses = await lapseKindsOfGuarantees(db, actor, list.rows.map((r) => r.id));
  // A paper certificate has no key, so no orderer can confirm it: '—', not 未確認.
  const confirmedCell = (row: (typeof list.rows)[number]) => {
    if (row.deliveryMethod !== 'ELECTRONIC') return L.noKey;
    const at = confirmed.get(row.id);
    return at ? formatMomentDate(at) : L.unconfirmed;
  };
  const searching = Boolean(params.q);
  return (
    <>
      <h1>{L.listTitle}</h1>
      <ul className="flyer-notes">
        {L.notes.map((note) => (
          <li key={note}>{note}</li>
        ))}
      </ul>
      <p className="muted">{L.invoiceNote}</p>

      <div className="toolbar">
        <form action={BASE} method="get" role="search" className="search guarantee-search">
          <FilterChoices className="group" legend={L.condition} name="cond" values={CONDITIONS} labels={L.conditions} checked={params.cond} />
          <div className="field">
            <label htmlFor="guarantee-q">{L.searchBox}</label>
            <input id="guarantee-q" name="q" type="search" defaultValue={params.q} maxLength={100} aria-describedby="guarantee-q-hint" />
            <p className="hint" id="guarantee-q-hint">
              {L.searchHint}
            </p>
          </div>
          <button type="submit" className="button">
            {L.search}
          </button>
          {searching || params.sort !== 'issued' ? (
            <Link href={BASE} className="clear-link">
              {L.clear}
            </Link>
          ) : null}
        </form>
        <Link href="/contractor/premiums" className="button">
          {L.premiumsLink}
        </Link>
      </div>

      <ListTable
        className="table wide guarantee-list"
        caption={L.caption}
        sortLabel={L.sortOnPhone}
        columns={[
          { header: L.columns.delivery, cell: (row) => L.delivery[row.deliveryMethod] },
          { ...sortable(params, 'issued', L.columns.issuedOn), cell: (row) => formatIsoDate(row.issuedOn) },
          { ...sortable(params, 'number', L.columns.number), rowHeader: true, cell: (row) => <Link href={`${BASE}/${row.number}`}>{row.number}</Link> },
          {
            header: L.columns.kind,
            cell: (row) => (
              <>
                <abbr title={L.kindLong[row.kind]}>{L.kindShort[row.kind]}</abbr>
                <JvMark role={row.jvRole} />
              </>
            ),
          },
          {
            header: L.columns.changed,
            cell: (row) => {
              const kinds = lapses.get(row.id);
              if (!kinds) return row.changed ? L.changedMark : '';
              return (
                <>
                  {row.changed ? (
                    <>
                      {L.changedMark}
                      <br />
                    </>
                  ) : null}
                  <LapseMark kinds={kinds} />
                </>
              );
            },
          },
          { header: L.columns.status, primary: true, cell: (row) => (row.status === 'ACTIVE' ? L.status.ACTIVE : <strong className={`status-tag status-tag-${row.status}`}>{L.status[row.status]}</strong>) },
          { ...sortable(params, 'orderer', L.columns.orderer), primary: true, cell: (row) => row.ordererName },
          { ...sortable(params, 'project', L.columns.project), primary: true, grow: true, cell: (row) => row.projectName },
          { ...sortable(params, 'contract', L.columns.contract, true), primary: true, className: 'num', cell: (row) => row.contractAmount.toLocaleString('ja-JP') },
          { ...sortable(params, 'amount', L.columns.amount, true), primary: true, className: 'num', cell: (row) => row.guaranteeAmount.toLocaleString('ja-JP') },
          { header: L.columns.confirmed, cell: confirmedCell },
          {
            header: L.columns.key,
            cell: (row) =>
              row.jvRole === 'MEMBER' ? (
                L.keyByRepresentative
              ) : row.deliveryMethod === 'ELECTRONIC' ? (
                <Link href={`${BASE}/${row.number}/key`} className="button small" aria-label={L.showKeyFor(row.number)}>
                  {L.show}
                </Link>
              ) : (
                L.noKey
              ),
          },
        ]}
        rows={list.rows}
        rowKey={(row) => row.id}
        empty={searching ? L.emptySearch : L.empty}
      />

      <nav className="pagination" aria-label={L.paging}>
        <p className="muted">
          {L.total(Math.min(list.total, COUNT_CAP), list.total > COUNT_CAP)}
          {list.hasPrevious || list.hasNext ? `（${L.pageOf(list.page)}）` : null}
        </p>
        <ul>
          {list.hasPrevious ? (
            <>
              <li>
                <Link href={listHref(BASE, params, { after: undefined, before: undefined, page: 1 })}>{L.firstPage}</Link>
              </li>
              <li>
                <Link href={listHref(BASE, params, { before: list.first, after: undefined, page: Math.max(1, list.page - 1) })} rel="prev">
                  {L.previous}
                </Link>
              </li>
            </>
          ) : null}
          {list.hasNext ? (
            <li>
              <Link href={listHref(BASE, params, { after: list.last, before: undefined, page: list.page + 1 })} rel="next">
                {L.next}
              </Link>
            </li>
          ) : null}
        </ul>
      </nav>
    </>
  );
}
