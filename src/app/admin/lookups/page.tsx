import type { Metadata } from 'next';
import Link from 'next/link';
import { liftLockAction } from '@/actions/admin-lookup-actions';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { listLocks, searchLookupAttempts } from '@/domain/lookup/queries';
import { LookupOutcome } from '@/generated/prisma/enums';
import { formatDateTime } from '@/lib/dates';
import { ListTable } from '@/components/list-table';
import { firstParam, pageParam } from '@/lib/search-params';
import { SavedMessage } from '@/app/_components/saved-message';
import { FilterSelect } from '@/app/_components/list-filters';
import { LOOKUP_LOG_LABELS as L, lockScopeLabel, lockSubjectLabel } from './labels';
import { LiftForm } from './lift-form';

export const metadata: Metadata = { title: L.meta };

const OUTCOMES = Object.values(LookupOutcome);
const isOutcome = (v: string | undefined): v is LookupOutcome => OUTCOMES.some((o) => o === v);

export default async function LookupLogPage({ searchParams }: PageProps<'/admin/lookups'>) {
  const actor = await requirePageActor('admin');
  const params = await searchParams;
  const number = firstParam(params, 'number');
  const organization = firstParam(params, 'organization');
  const outcomeParam = firstParam(params, 'outcome');
  const outcome = isOutcome(outcomeParam) ? outcomeParam : undefined;
  const db = await getDb();
  const [locks, log] = await Promise.all([listLocks(db, actor), searchLookupAttempts(db, actor, { number, organization, outcome, page: pageParam(params) })]);
  return (
    <>
      <h1>{L.title}</h1>
      <SavedMessage message={firstParam(params, 'saved') === 'unlocked' ? L.unlocked : null} />
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
        <form action="/admin/lookups" method="get" role="search" className="search">
          <div className="field">
            <label htmlFor="log-number">{L.number}</label>
            <input id="log-number" name="number" type="search" defaultValue={number ?? ''} maxLength={20} inputMode="numeric" />
          </div>
          <div className="field">
            <label htmlFor="log-organization">{L.organization}</label>
            <input id="log-organization" name="organization" type="search" defaultValue={organization ?? ''} maxLength={100} />
          </div>
          <FilterSelect id="log-outcome" name="outcome" label={L.outcome} values={OUTCOMES} labels={L.outcomes} selected={outcome} allLabel={L.allOutcomes} />
          <button type="submit" className="button">
            {L.search}
          </button>
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
          pagination={{ page: log.page, pageCount: log.pageCount, total: log.total, basePath: '/admin/lookups', query: { number, organization, outcome } }}
        />
      </section>
    </>
  );
}
