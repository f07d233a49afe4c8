import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { listOutbox, MAIL_STATUSES } from '@/domain/mail/outbox';
import { formatDateTime } from '@/lib/dates';
import { smtpConfigured } from '@/mail/transport';
import { ListTable } from '@/components/list-table';
import { firstParam, pageParam } from '@/lib/search-params';
import { SearchForm } from '@/app/_components/search-form';
import { FilterSelect } from '@/app/_components/list-filters';
import { COMMON_LABELS as C } from '../labels';
import { MailStatusBadge } from './_components/mail-status-badge';
import { SmtpNotice } from './_components/smtp-notice';
import { OUTBOX_LABELS as L } from './labels';

export const metadata: Metadata = { title: L.listMeta };

type Status = (typeof MAIL_STATUSES)[number];
const isStatus = (value: string | undefined): value is Status => MAIL_STATUSES.some((s) => s === value);

export default async function OutboxPage({ searchParams }: PageProps<'/admin/outbox'>) {
  const actor = await requirePageActor('admin');
  const params = await searchParams;
  const q = firstParam(params, 'q');
  const statusParam = firstParam(params, 'status');
  const status = isStatus(statusParam) ? statusParam : undefined;
  const list = await listOutbox(await getDb(), actor, { page: pageParam(params), status, q });
  return (
    <>
      <h1>{L.listTitle}</h1>
      <p className="lead">{L.lead}</p>
      <SmtpNotice configured={smtpConfigured()} />
      <div className="toolbar">
        <SearchForm action="/admin/outbox" label={L.searchLabel} q={q} active={Boolean(q || status)}>
          <FilterSelect id="list-status" name="status" label={L.statusFilter} values={MAIL_STATUSES} labels={L.status} selected={status} allLabel={L.allStatuses} />
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
        pagination={{ page: list.page, pageCount: list.pageCount, total: list.total, basePath: '/admin/outbox', query: { status, q } }}
      />
    </>
  );
}
