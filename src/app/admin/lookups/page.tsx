import type { Metadata } from 'next';
import Link from 'next/link';
import { liftLockAction } from '@/actions/admin-lookup-actions';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { listLookupAttempts } from '@/domain/lookup/attempt-list';
import { isLookupLogFiltered, LOOKUP_OUTCOMES, lookupLogHref, parseLookupLogParams } from '@/domain/lookup/attempt-list-params';
import { listLocks } from '@/domain/lookup/queries';
import { COUNT_CAP } from '@/domain/guarantees/keyset';
import { formatDateTime } from '@/lib/dates';
import { KeysetPagination } from '@/components/keyset-pagination';
import { ListTable } from '@/components/list-table';
import { firstParam } from '@/lib/search-params';
import { SavedMessage } from '@/app/_components/saved-message';
import { FilterSelect } from '@/app/_components/list-filters';
import { LOOKUP_LOG_LABELS as L, lockScopeLabel, lockSubjectLabel } from './labels';
import { LiftForm } from './lift-form';

export const metadata: Metadata = { title: L.meta };

const BASE = '/admin/lookups';

export default async function LookupLogPage({ searchParams }: PageProps<'/admin/lookups'>) {
  const actor = await requirePageActor('admin');
  const raw = await searchParams;
  const params = parseLookupLogParams(raw);
  const db = await getDb();
  const [locks, log] = await Promise.all([listLocks(db, actor), listLookupAttempts(db, actor, params)]);
  return (
    <>
      <h1>{L.title}</h1>
      <SavedMessage message={firstParam(raw, 'saved') === 'unlocked' ? L.unlocked : null} />
      <p className="lead">{L.lead}</p>

      <section className="panel" aria-labelledby="locks-title">
        <h2 id="locks-title">{L.locksTitle}</h2>
        <ListTable
          className="table"
          caption={L.locksTitle}
          columns={[
            { header: L.lockColumns.scope, cell: (lock) => lockScopeLabel(lock.about) },
            { header: L.lockColumns.subject, rowHeader: true, cell: (lock) => lockSubjectLabel(lock.about) },
            { header: L.lockColumns.failures, className: 'num', cell: (lock) => lock.failures },
            { header: L.lockColumns.until, cell: (lock) => formatDateTime(lock.until) },
            { header: L.lockColumns.action, cell: (lock) => <LiftForm action={liftLockAction} lockKey={lock.key} label={`${lockScopeLabel(lock.about)} ${lockSubjectLabel(lock.about)}`} /> },
          ]}
          rows={locks}
          rowKey={(lock) => lock.key}
          empty={L.noLocks}
        />
      </section>

      <section aria-labelledby="log-title">
        <h2 id="log-title">{L.logTitle}</h2>
        <p className="muted">{L.logLead}</p>
        <form action={BASE} method="get" role="search" className="search">
          <div className="field">
            <label htmlFor="log-number">{L.number}</label>
            <input id="log-number" name="number" type="search" defaultValue={params.number} maxLength={40} inputMode="numeric" aria-describedby="log-number-hint" />
            <p className="hint" id="log-number-hint">
              {L.numberHint}
            </p>
          </div>
          <div className="field">
            <label htmlFor="log-organization">{L.organization}</label>
            <input id="log-organization" name="organization" type="search" defaultValue={params.organization} maxLength={100} aria-describedby="log-organization-hint" />
            <p className="hint" id="log-organization-hint">
              {L.organizationHint}
            </p>
          </div>
          <FilterSelect id="log-outcome" name="outcome" label={L.outcome} values={LOOKUP_OUTCOMES} labels={L.outcomes} selected={params.outcome} allLabel={L.allOutcomes} />
          <button type="submit" className="button">
            {L.search}
          </button>
          {isLookupLogFiltered(params) ? (
            <Link href={BASE} className="button">
              {L.clear}
            </Link>
          ) : null}
        </form>
        <ListTable
          caption={L.logTitle}
          columns={[
            { header: L.columns.at, cell: (row) => formatDateTime(row.createdAt) },
            { header: L.columns.who, cell: (row) => (row.user ? `${row.user.name}（${row.user.loginId}）` : row.apiToken ? L.apiToken(row.apiToken.name) : L.none) },
            { header: L.columns.organization, cell: (row) => row.organization?.name ?? '—' },
            { header: L.columns.number, className: 'mono', cell: (row) => row.numberInput },
            { header: L.columns.outcome, cell: (row) => L.outcomes[row.outcome] },
            {
              header: L.columns.guarantee,
              cell: (row) => (row.guarantee ? <Link href={`/admin/guarantees/${row.guarantee.number.trim()}`}>{row.guarantee.number.trim()}</Link> : L.none),
            },
            { header: L.columns.address, className: 'mono', cell: (row) => row.clientAddress ?? '—' },
          ]}
          rows={log.rows}
          rowKey={(row) => row.id}
          empty={L.empty}
        />
        <KeysetPagination
          label={L.paging}
          total={L.total(Math.min(log.total, COUNT_CAP), log.total > COUNT_CAP)}
          page={L.pageOf(log.page)}
          firstHref={log.hasPrevious ? lookupLogHref(BASE, params, { after: undefined, before: undefined, page: 1 }) : undefined}
          previousHref={log.hasPrevious ? lookupLogHref(BASE, params, { before: log.first, after: undefined, page: Math.max(1, log.page - 1) }) : undefined}
          nextHref={log.hasNext ? lookupLogHref(BASE, params, { after: log.last, before: undefined, page: log.page + 1 }) : undefined}
          words={{ first: L.firstPage, previous: L.previous, next: L.next }}
        />
      </section>
    </>
  );
}
