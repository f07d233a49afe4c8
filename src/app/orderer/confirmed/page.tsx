import type { Metadata } from 'next';
import Link from 'next/link';
import { Pagination } from '@/app/_components/pagination';
import { SearchForm } from '@/app/_components/search-form';
import { requirePageActor } from '@/auth/guards';
import { PrintButton } from '@/components/certificate/print-button';
import { getDb } from '@/db/client';
import type { ConfirmationMark } from '@/domain/confirmations/marks';
import { CONFIRMED_CONDITIONS, confirmedHref, confirmedSearch, parseConfirmedParams } from '@/domain/confirmations/params';
import { listConfirmedCertificates } from '@/domain/confirmations/queries';
import { formatDateTime } from '@/lib/dates';
import styles from './confirmed.module.css';
import { CONFIRMED_LABELS as L } from './labels';

export const metadata: Metadata = { title: L.meta };

const BASE = '/orderer/confirmed';

const MARK_CLASS: Record<ConfirmationMark, string | undefined> = { CHANGED: styles.changed, RECORDED: styles.changed, CANCELLED: styles.ended, EXPIRED: styles.ended, ENDING: styles.changed };

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
          <fieldset className={styles.conditions}>
            <legend>{L.condition}</legend>
            <div className="checks">
              {CONFIRMED_CONDITIONS.map((c) => (
                <label key={c}>
                  <input type="radio" name="cond" value={c} defaultChecked={params.cond === c} />
                  {L.conditions[c]}
                </label>
              ))}
            </div>
          </fieldset>
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

      {list.rows.length === 0 ? (
        <p className="empty">{searching ? L.emptySearch : L.empty}</p>
      ) : (
        <div className={`table-wrap ${styles.wrap}`}>
          <table className={`table wide ${styles.table}`}>
            <caption className={styles.caption}>
              {L.caption(actor.organizationName)}
              {searching ? L.searchCaption(L.conditions[params.cond], params.q) : null}
            </caption>
            <thead>
              <tr>
                <th scope="col">{L.columns.confirmedAt}</th>
                <th scope="col">{L.columns.confirmedBy}</th>
                <th scope="col">{L.columns.number}</th>
                <th scope="col">{L.columns.kind}</th>
                <th scope="col">{L.columns.project}</th>
                <th scope="col">{L.columns.contractor}</th>
                <th scope="col" className="num">
                  {L.columns.amount}
                </th>
                <th scope="col">{L.columns.version}</th>
                <th scope="col">{L.columns.status}</th>
                <th scope="col">{L.columns.marks}</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((row) => (
                <tr key={row.guaranteeId} className={row.marks.length ? styles.marked : undefined}>
                  <td>{formatDateTime(row.confirmedAt)}</td>
                  <td>
                    <span className={styles.who}>{row.userName ?? L.unknownUser}</span>
                    <span className={styles.department}>{row.departmentName ?? L.noDepartment}</span>
                  </td>
                  <th scope="row">
                    <Link href={`/orderer/certificates/${row.number}`} aria-label={L.openCertificate(row.number)}>
                      {row.number}
                    </Link>
                  </th>
                  <td>
                    <abbr title={L.kindLong[row.kind]}>{L.kindShort[row.kind]}</abbr>
                  </td>
                  <td>{row.projectName}</td>
                  <td>{row.contractorName}</td>
                  <td className="num">{row.guaranteeAmount.toLocaleString('ja-JP')}</td>
                  <td>{L.version(row.confirmedVersion, row.latestVersion)}</td>
                  <td>{L.status[row.displayStatus]}</td>
                  <td>
                    {row.marks.length ? (
                      <ul className={styles.marks} aria-label={L.marksFor(row.number)}>
                        {row.marks.map((m) => (
                          <li key={m}>
                            <span className={`${styles.badge} ${MARK_CLASS[m] ?? ''}`}>{L.mark[m]}</span>
                          </li>
                        ))}
                      </ul>
                    ) : (
                      L.noMark
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <div className={styles.paging}>
        <Pagination page={list.page} pageCount={list.pageCount} total={list.total} basePath={BASE} query={confirmedSearch(params)} />
      </div>
    </div>
  );
}
