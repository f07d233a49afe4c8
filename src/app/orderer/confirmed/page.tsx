import type { Metadata } from 'next';
import Link from 'next/link';
import { ListTable } from '@/components/list-table';
import { KeysetPagination } from '@/components/keyset-pagination';
import { SearchForm } from '@/app/_components/search-form';
import { FilterChoices } from '@/app/_components/list-filters';
import { requirePageActor } from '@/auth/guards';
import { PrintButton } from '@/components/certificate/print-button';
import { getDb } from '@/db/client';
import type { ConfirmationMark } from '@/domain/confirmations/marks';
import { CONFIRMED_CONDITIONS, confirmedHref, confirmedPageHref, parseConfirmedParams } from '@/domain/confirmations/params';
import { listConfirmedCertificates } from '@/domain/confirmations/list-confirmed';
import { type ConfirmedRow } from '@/domain/confirmations/confirmed-row';
import { COUNT_CAP } from '@/domain/guarantees/keyset';
import { formatDateTime } from '@/lib/dates';
import styles from './confirmed.module.css';
import { CONFIRMED_LABELS as L } from './labels';

export const metadata: Metadata = { title: L.meta };

const BASE = '/orderer/confirmed';

const MARK_CLASS: Record<ConfirmationMark, string | undefined> = { CHANGED: styles.changed, RECORDED: styles.changed, CANCELLED: styles.ended, EXPIRED: styles.ended, ENDING: styles.changed };

function Marks({ row }: { row: ConfirmedRow }) {
  if (!row.marks.length) return L.noMark;
  return (
    <ul className={styles.marks} aria-label={L.marksFor(row.number)}>
      {row.marks.map((m) => (
        <li key={m}>
          <span className={`${styles.badge} ${MARK_CLASS[m] ?? ''}`}>{L.mark[m]}</span>
        </li>
      ))}
    </ul>
  );
}

/** The row's 契約台帳 cell: 未照合, or the matched contract (linked) with 食い違いなし or 要確認 N件. */
function ContractCell({ row }: { row: ConfirmedRow }) {
  const m = row.contractMatch;
  if (!m) return <span className={styles.department}>{L.contractMatch.unmatched}</span>;
  return (
    <>
      {m.problems ? <strong className={`${styles.badge} ${styles.changed} ${styles.nowrap}`}>{L.contractMatch.problems(m.problems)}</strong> : <span>{L.contractMatch.consistent}</span>}
      <Link href={`/orderer/contracts/${m.contractId}`} className={styles.who} aria-label={L.openContract(m.contractNumber)}>
        {m.contractNumber}
      </Link>
    </>
  );
}

/** 確認済み一覧: the certificates the clerk's organisation confirmed, searchable, printable, as CSV. */
export default async function ConfirmedPage({ searchParams }: PageProps<'/orderer/confirmed'>) {
  const actor = await requirePageActor('orderer');
  const params = parseConfirmedParams(await searchParams);
  const list = await listConfirmedCertificates(await getDb(), actor, params);
  const searching = Boolean(params.q);
  return (
    <div className={styles.page}>
      <h1>{L.title}</h1>
      <p className="lead" data-print-hide="">
        {L.lead}
      </p>

      <div className={`toolbar ${styles.toolbar}`} data-print-hide="">
        <SearchForm action={BASE} label={L.searchBox} q={params.q} active={searching || params.cond !== 'number'}>
          <FilterChoices className={styles.conditions} legend={L.condition} name="cond" values={CONFIRMED_CONDITIONS} labels={L.conditions} checked={params.cond} />
        </SearchForm>
        <div className={styles.actions}>
          <PrintButton label={L.print} />
          <a href={confirmedHref(`${BASE}/csv`, params)} className="button" download aria-describedby="confirmed-csv-hint">
            {L.csv}
          </a>
        </div>
      </div>
      <p className={styles.hint} data-print-hide="">
        {L.searchHint}
        <br />
        <span id="confirmed-csv-hint">{L.csvHint}</span>
      </p>
      <p className={styles.printOnly}>{L.printedAt(formatDateTime(new Date()))}</p>

      <ListTable
        wrapClassName={`table-wrap ${styles.wrap}`}
        className={`table wide ${styles.table}`}
        caption={
          <>
            {L.caption(actor.organizationName)}
            {searching ? L.searchCaption(L.conditions[params.cond], params.q) : null}
          </>
        }
        captionClassName={styles.caption}
        columns={[
          { header: L.columns.confirmedAt, cell: (row) => formatDateTime(row.confirmedAt) },
          {
            header: L.columns.confirmedBy,
            cell: (row) => (
              <>
                <span className={styles.who}>{row.userName ?? L.unknownUser}</span>
                <span className={styles.department}>{row.departmentName ?? L.noDepartment}</span>
              </>
            ),
          },
          {
            header: L.columns.number,
            rowHeader: true,
            cell: (row) => (
              <Link href={`/orderer/certificates/${row.number}`} aria-label={L.openCertificate(row.number)}>
                {row.number}
              </Link>
            ),
          },
          { header: L.columns.kind, cell: (row) => <abbr title={L.kindLong[row.kind]}>{L.kindShort[row.kind]}</abbr> },
          { header: L.columns.project, primary: true, grow: true, cell: (row) => row.projectName },
          { header: L.columns.contractor, primary: true, cell: (row) => row.contractorName },
          { header: L.columns.amount, primary: true, headerClassName: 'num', className: 'num', cell: (row) => row.guaranteeAmount.toLocaleString('ja-JP') },
          { header: L.columns.version, cell: (row) => L.version(row.confirmedVersion, row.latestVersion) },
          { header: L.columns.status, primary: true, cell: (row) => L.status[row.displayStatus] },
          { header: L.columns.marks, primary: true, cell: (row) => <Marks row={row} /> },
          { header: L.columns.contract, primary: true, cell: (row) => <ContractCell row={row} /> },
        ]}
        rows={list.rows}
        rowKey={(row) => row.guaranteeId}
        rowClassName={(row) => (row.marks.length ? styles.marked : undefined)}
        empty={searching ? L.emptySearch : L.empty}
      />

      <div className={styles.paging}>
        <KeysetPagination
          label={L.paging}
          total={L.total(Math.min(list.total, COUNT_CAP), list.total > COUNT_CAP)}
          page={L.pageOf(list.page)}
          firstHref={list.hasPrevious ? confirmedPageHref(BASE, params, { after: undefined, before: undefined, page: 1 }) : undefined}
          previousHref={list.hasPrevious ? confirmedPageHref(BASE, params, { before: list.first, after: undefined, page: Math.max(1, list.page - 1) }) : undefined}
          nextHref={list.hasNext ? confirmedPageHref(BASE, params, { after: list.last, before: undefined, page: list.page + 1 }) : undefined}
          words={{ first: L.firstPage, previous: L.previous, next: L.next }}
        />
      </div>
    </div>
  );
}
