import type { Metadata } from 'next';
import { liftLockAction } from '@/actions/admin-lookup-actions';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { listLocks, searchLookupAttempts } from '@/domain/lookup/admin';
import { LookupOutcome } from '@/generated/prisma/enums';
import { formatDateTime } from '@/lib/dates';
import { Pagination } from '@/app/_components/pagination';
import { firstParam, pageParam } from '@/lib/search-params';
import { SavedMessage } from '@/app/_components/saved-message';
import { LOOKUP_LOG_LABELS as L } from './labels';
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
        {locks.length === 0 ? (
          <p className="empty">{L.noLocks}</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{L.locksTitle}</caption>
              <thead>
                <tr>
                  {Object.values(L.lockColumns).map((c) => (
                    <th key={c} scope="col">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {locks.map((lock) => (
                  <tr key={lock.key}>
                    <td>{L.scope[lock.scope]}</td>
                    <th scope="row" className="mono">
                      {lock.subject}
                    </th>
                    <td className="num">{lock.failures}</td>
                    <td>{formatDateTime(lock.until)}</td>
                    <td>
                      <LiftForm action={liftLockAction} lockKey={lock.key} label={`${L.scope[lock.scope]} ${lock.subject}`} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
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
          <div className="field">
            <label htmlFor="log-outcome">{L.outcome}</label>
            <select id="log-outcome" name="outcome" defaultValue={outcome ?? ''}>
              <option value="">{L.allOutcomes}</option>
              {OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {L.outcomes[o]}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button">
            {L.search}
          </button>
        </form>
        {log.rows.length === 0 ? (
          <p className="empty">{L.empty}</p>
        ) : (
          <div className="table-wrap">
            <table className="table wide">
              <caption className="visually-hidden">{L.logTitle}</caption>
              <thead>
                <tr>
                  {Object.values(L.columns).map((c) => (
                    <th key={c} scope="col">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {log.rows.map((row) => (
                  <tr key={row.id}>
                    <td>{formatDateTime(row.createdAt)}</td>
                    <td>{row.user ? `${row.user.name}（${row.user.loginId}）` : row.apiToken ? `API: ${row.apiToken.name}` : '—'}</td>
                    <td>{row.organization?.name ?? '—'}</td>
                    <td className="mono">{row.numberInput}</td>
                    <td>{L.outcomes[row.outcome]}</td>
                    <td>{row.guarantee?.number ?? '—'}</td>
                    <td className="mono">{row.clientAddress ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination page={log.page} pageCount={log.pageCount} total={log.total} basePath="/admin/lookups" query={{ number, organization, outcome }} />
      </section>
    </>
  );
}
