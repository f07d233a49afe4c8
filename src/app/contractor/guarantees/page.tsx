import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { latestConfirmationByGuarantee } from '@/domain/confirmations/queries';
import { COUNT_CAP, listContractorGuarantees } from '@/domain/guarantees/list';
import { CONDITIONS, listHref, parseListParams, DEFAULT_DIR, type ListParams, type Sort } from '@/domain/guarantees/list-params';
import { formatIsoDate, formatMomentDate } from '@/lib/dates';
import { GUARANTEE_LABELS as L } from './labels';

export const metadata: Metadata = { title: L.listMeta };

const BASE = '/contractor/guarantees';

function SortHeader({ params, sort, label, numeric }: { params: ListParams; sort: Sort; label: string; numeric?: boolean }) {
  const active = params.sort === sort;
  const nextDir = active ? (params.dir === 'asc' ? 'desc' : 'asc') : DEFAULT_DIR(sort);
  const href = listHref(BASE, params, { sort, dir: nextDir, after: undefined, before: undefined, page: 1 });
  return (
    <th scope="col" aria-sort={active ? (params.dir === 'asc' ? 'ascending' : 'descending') : undefined} className={numeric ? 'num' : undefined}>
      <Link href={href} aria-label={L.sortBy(label, nextDir)}>
        {label}
        {active ? <span aria-hidden="true">{params.dir === 'asc' ? ' ▲' : ' ▼'}</span> : null}
      </Link>
    </th>
  );
}

export default async function GuaranteesPage({ searchParams }: PageProps<'/contractor/guarantees'>) {
  const actor = await requirePageActor('contractor');
  const params = parseListParams(await searchParams);
  const db = await getDb();
  const list = await listContractorGuarantees(db, actor, params);
  // 発注者確認: one query for the page's rows, not one per row.
  const confirmed = await latestConfirmationByGuarantee(db, actor.organizationId, list.rows.map((r) => r.id));
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
          <fieldset className="group">
            <legend>{L.condition}</legend>
            <div className="checks">
              {CONDITIONS.map((c) => (
                <label key={c}>
                  <input type="radio" name="cond" value={c} defaultChecked={params.cond === c} />
                  {L.conditions[c]}
                </label>
              ))}
            </div>
          </fieldset>
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

      {list.rows.length === 0 ? (
        <p className="empty">{searching ? L.emptySearch : L.empty}</p>
      ) : (
        <div className="table-wrap">
          <table className="table wide guarantee-list">
            <caption className="visually-hidden">{L.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{L.columns.delivery}</th>
                <SortHeader params={params} sort="issued" label={L.columns.issuedOn} />
                <SortHeader params={params} sort="number" label={L.columns.number} />
                <th scope="col">{L.columns.kind}</th>
                <th scope="col">{L.columns.changed}</th>
                <th scope="col">{L.columns.status}</th>
                <SortHeader params={params} sort="orderer" label={L.columns.orderer} />
                <SortHeader params={params} sort="project" label={L.columns.project} />
                <SortHeader params={params} sort="contract" label={L.columns.contract} numeric />
                <SortHeader params={params} sort="amount" label={L.columns.amount} numeric />
                <th scope="col">{L.columns.confirmed}</th>
                <th scope="col">{L.columns.key}</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((row) => (
                <tr key={row.id}>
                  <td>{L.delivery[row.deliveryMethod]}</td>
                  <td>{formatIsoDate(row.issuedOn)}</td>
                  <th scope="row">
                    <Link href={`${BASE}/${row.number}`}>{row.number}</Link>
                  </th>
                  <td>
                    <abbr title={L.kindLong[row.kind]}>{L.kindShort[row.kind]}</abbr>
                  </td>
                  <td>{row.changed ? L.changedMark : ''}</td>
                  <td>{row.status === 'ACTIVE' ? L.status.ACTIVE : <strong className={`status-tag status-tag-${row.status}`}>{L.status[row.status]}</strong>}</td>
                  <td>{row.ordererName}</td>
                  <td>{row.projectName}</td>
                  <td className="num">{row.contractAmount.toLocaleString('ja-JP')}</td>
                  <td className="num">{row.guaranteeAmount.toLocaleString('ja-JP')}</td>
                  <td>{confirmedCell(row)}</td>
                  <td>
                    {row.deliveryMethod === 'ELECTRONIC' ? (
                      <Link href={`${BASE}/${row.number}/key`} className="button small" aria-label={L.showKeyFor(row.number)}>
                        {L.show}
                      </Link>
                    ) : (
                      L.noKey
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <nav className="pagination" aria-label={L.paging}>
        <p className="muted">
          {L.total(Math.min(list.total, COUNT_CAP), list.total > COUNT_CAP)}
          {list.hasPrevious || list.hasNext ? `（${L.pageOf(params.page)}）` : null}
        </p>
        <ul>
          {list.hasPrevious ? (
            <>
              <li>
                <Link href={listHref(BASE, params, { after: undefined, before: undefined, page: 1 })}>{L.firstPage}</Link>
              </li>
              <li>
                <Link href={listHref(BASE, params, { before: list.first, after: undefined, page: Math.max(1, params.page - 1) })} rel="prev">
                  {L.previous}
                </Link>
              </li>
            </>
          ) : null}
          {list.hasNext ? (
            <li>
              <Link href={listHref(BASE, params, { after: list.last, before: undefined, page: params.page + 1 })} rel="next">
                {L.next}
              </Link>
            </li>
          ) : null}
        </ul>
      </nav>
    </>
  );
}
