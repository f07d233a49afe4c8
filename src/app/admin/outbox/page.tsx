import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { COUNT_CAP } from '@/domain/guarantees/keyset';
import { listOutbox } from '@/domain/mail/outbox-list';
import { isOutboxFiltered, MAIL_STATUSES, outboxListHref, parseOutboxListParams } from '@/domain/mail/outbox-list-params';
import { formatDateTime } from '@/lib/dates';
import { smtpConfigured } from '@/mail/transport';
import { KeysetPagination } from '@/components/keyset-pagination';
import { ListTable } from '@/components/list-table';
import { SearchForm } from '@/app/_components/search-form';
import { FilterSelect } from '@/app/_components/list-filters';
import { COMMON_LABELS as C } from '../labels';
import { MailStatusBadge } from './_components/mail-status-badge';
import { SmtpNotice } from './_components/smtp-notice';
import { OUTBOX_LABELS as L } from './labels';

export const metadata: Metadata = { title: L.listMeta };

const BASE = '/admin/outbox';

export default async function OutboxPage({ searchParams }: PageProps<'/admin/outbox'>) {
  const actor = await requirePageActor('admin');
  const params = parseOutboxListParams(await searchParams);
  const list = await listOutbox(await getDb(), actor, params);
  return (
    <>
      <h1>{L.listTitle}</h1>
      <p className="lead">{L.lead}</p>
      <SmtpNotice configured={smtpConfigured()} />
      <div className="toolbar">
        <SearchForm action={BASE} label={L.searchLabel} q={params.q} active={isOutboxFiltered(params)}>
          <FilterSelect id="list-status" name="status" label={L.statusFilter} values={MAIL_STATUSES} labels={L.status} selected={params.status} allLabel={L.allStatuses} />
        </SearchForm>
      </div>
      <ListTable
        caption={L.caption}
        columns={[
          { header: L.columns.createdAt, cell: (row) => formatDateTime(row.createdAt) },
          {
            header: L.columns.to,
            className: 'email',
            cell: (row) => (
              <>
                {row.to[0] ?? L.none}
                {row.to.length + row.cc.length > 1 ? `（${L.more(row.to.length + row.cc.length - 1)}）` : null}
              </>
            ),
          },
          { header: L.columns.subject, rowHeader: true, grow: true, cell: (row) => <Link href={`/admin/outbox/${row.id}`}>{row.subject}</Link> },
          { header: L.columns.status, primary: true, cell: (row) => <MailStatusBadge status={row.status} /> },
          { header: L.columns.attempts, className: 'num', cell: (row) => C.count(row.attempts) },
        ]}
        rows={list.rows}
        rowKey={(row) => row.id}
        empty={L.empty}
      />
      <KeysetPagination
        label={L.paging}
        total={L.total(Math.min(list.total, COUNT_CAP), list.total > COUNT_CAP)}
        page={L.pageOf(list.page)}
        firstHref={list.hasPrevious ? outboxListHref(BASE, params, { after: undefined, before: undefined, page: 1 }) : undefined}
        previousHref={list.hasPrevious ? outboxListHref(BASE, params, { before: list.first, after: undefined, page: Math.max(1, list.page - 1) }) : undefined}
        nextHref={list.hasNext ? outboxListHref(BASE, params, { after: list.last, before: undefined, page: list.page + 1 }) : undefined}
        words={{ first: L.firstPage, previous: L.previous, next: L.next }}
      />
    </>
  );
}
