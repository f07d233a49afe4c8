import type { Metadata } from 'next';
import Link from 'next/link';
import { FilterChoices } from '@/app/_components/list-filters';
import { SearchForm } from '@/app/_components/search-form';
import { requirePageActor } from '@/auth/guards';
import { KeysetPagination } from '@/components/keyset-pagination';
import { ListTable } from '@/components/list-table';
import { getDb } from '@/db/client';
import { shareText } from '@/domain/contracts/labels';
import { CONTRACT_CONDITIONS, contractPageHref, contractSearchHref, parseContractListParams } from '@/domain/contracts/list-params';
import { lapseKindsOfContracts } from '@/domain/contracts/lapses';
import { marksOfContracts } from '@/domain/contracts/match-queries';
import { listContracts } from '@/domain/contracts/queries';
import { COUNT_CAP } from '@/domain/guarantees/keyset';
import { formatSlashDate } from '@/lib/date-input';
import { todayInTokyo } from '@/lib/dates';
import { formatYen } from '@/lib/money';
import { ReportTabs } from './_components/report-tabs';
import { CONTRACT_LABELS as L } from './labels';
import { LapseMark } from '@/components/lapse-mark';

export const metadata: Metadata = { title: L.meta };

const BASE = '/orderer/contracts';

/** 契約台帳: the orderer's contracts, newest 契約日 first, searched and keyset-paged; entry by hand or from a file. */
export default async function ContractsPage({ searchParams }: PageProps<'/orderer/contracts'>) {
  const actor = await requirePageActor('orderer');
  const params = parseContractListParams(await searchParams);
  const db = await getDb();
  const list = await listContracts(db, actor, params);
  const marks = await marksOfContracts(db, actor, list.rows.map((row) => row.id), todayInTokyo());
  // The lapse watcher (decision 075): a guarantee change this contract's revision made necessary.
  const lapses = await lapseKindsOfContracts(db, actor, list.rows.map((row) => row.id));
  const findingsMark = (id: string) => {
    const found = marks.get(id);
    if (!found) return <span className="hint">{L.findingsMark.unmatched}</span>;
    const F = L.findingsMark;
    if (found.problems) return <strong>{found.partial ? F.partialSome(found.problems) : F.some(found.problems)}</strong>;
    return <span>{found.partial ? F.partialNone : F.none}</span>;
  };
  const mark = (id: string) => {
    const kinds = lapses.get(id);
    return kinds ? (
      <>
        {findingsMark(id)}
        <br />
        <LapseMark kinds={kinds} />
      </>
    ) : (
      findingsMark(id)
    );
  };
  const searching = Boolean(params.q);
  return (
    <>
      <h1>{L.title}</h1>
      <ReportTabs current="register" />
      <p className="lead">{L.lead}</p>
      <div className="actions">
        <Link href={`${BASE}/new`} className="button primary">
          {L.newContract}
        </Link>
        <Link href={`${BASE}/import`} className="button">
          {L.importFile}
        </Link>
        <a href={contractSearchHref(`${BASE}/csv`, params)} className="button" download aria-describedby="contracts-csv-hint">
          {L.csv}
        </a>
      </div>
      <div className="toolbar">
        <SearchForm action={BASE} label={L.searchBox} q={params.q} active={searching || params.cond !== 'number'}>
          <FilterChoices legend={L.condition} name="cond" values={CONTRACT_CONDITIONS} labels={L.conditions} checked={params.cond} />
        </SearchForm>
      </div>
      <p className="muted">
        {L.searchHint}
        <br />
        <span id="contracts-csv-hint">{L.csvHint}</span>
      </p>
      <ListTable
        caption={
          <>
            {L.caption(actor.organizationName)}
            {searching ? L.searchCaption(L.conditions[params.cond], params.q) : null}
          </>
        }
        columns={[
          {
            header: L.columns.contractNumber,
            rowHeader: true,
            cell: (row) => (
              <Link href={`${BASE}/${row.id}`} aria-label={L.openContract(row.contractNumber)}>
                {row.contractNumber}
              </Link>
            ),
          },
          { header: L.columns.projectName, primary: true, grow: true, cell: (row) => row.projectName },
          { header: L.columns.contractorName, primary: true, cell: (row) => row.contractorName },
          { header: L.columns.contractAmount, primary: true, headerClassName: 'num', className: 'num', cell: (row) => formatYen(row.contractAmount) },
          { header: L.columns.contractDate, cell: (row) => formatSlashDate(row.contractDate) },
          { header: L.columns.period, cell: (row) => L.period(formatSlashDate(row.periodStart), formatSlashDate(row.periodEnd)) },
          {
            header: L.columns.guarantees,
            cell: (row) => L.guarantees(row.advanceShareBp === null ? null : shareText(row.advanceShareBp), row.performanceShareBp === null ? null : shareText(row.performanceShareBp)),
          },
          { header: L.columns.matching, cell: (row) => mark(row.id) },
        ]}
        rows={list.rows}
        rowKey={(row) => row.id}
        empty={searching ? L.emptySearch : L.empty}
      />
      <KeysetPagination
        label={L.paging}
        total={L.total(Math.min(list.total, COUNT_CAP), list.total > COUNT_CAP)}
        page={L.pageOf(list.page)}
        firstHref={list.hasPrevious ? contractPageHref(BASE, params, { after: undefined, before: undefined, page: 1 }) : undefined}
        previousHref={list.hasPrevious ? contractPageHref(BASE, params, { before: list.first, after: undefined, page: Math.max(1, list.page - 1) }) : undefined}
        nextHref={list.hasNext ? contractPageHref(BASE, params, { after: list.last, before: undefined, page: list.page + 1 }) : undefined}
        words={{ first: L.firstPage, previous: L.previous, next: L.next }}
      />
    </>
  );
}
