import type { Metadata } from 'next';
import { retryMailAction } from '@/actions/admin-outbox-actions';
import { requirePageActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { attachmentTypeLabel } from '@/domain/labels';
import { getOutboxMail } from '@/domain/mail/outbox';
import { isMailTemplate } from '@/domain/mail/templates';
import { describeRecords, recordKey } from '@/domain/records/describe-records';
import { formatDateTime } from '@/lib/dates';
import { smtpConfigured } from '@/mail/transport';
import { Breadcrumbs } from '@/app/_components/breadcrumbs';
import { ListTable } from '@/components/list-table';
import { orNotFound, requireUuid } from '@/auth/not-found';
import { firstParam } from '@/lib/search-params';
import { SavedMessage } from '@/app/_components/saved-message';
import { RecordLink } from '../../_components/record-link';
import { COMMON_LABELS as C } from '../../labels';
import { MailStatusBadge } from '../_components/mail-status-badge';
import { RetryForm } from '../_components/retry-form';
import { SmtpNotice } from '../_components/smtp-notice';
import { MAIL_TEMPLATE_LABEL, OUTBOX_LABELS as L } from '../labels';

export const metadata: Metadata = { title: L.detailMeta };

const SAVED: Record<string, string> = { retried: L.retry.done };

export default async function OutboxMailPage({ params, searchParams }: PageProps<'/admin/outbox/[id]'>) {
  const actor = await requirePageActor('admin');
  const { id } = await params;
  const saved = firstParam(await searchParams, 'saved');
  const db = await getDb();
  const mail = await orNotFound(getOutboxMail(db, actor, requireUuid(id)));
  const related = mail.relatedType ? { type: mail.relatedType, id: mail.relatedId } : null;
  const relatedRecord = related ? (await describeRecords(db, actor, [related])).get(recordKey(related)) : undefined;
  return (
    <>
      <Breadcrumbs items={[{ href: '/admin/outbox', label: L.listTitle }]} />
      <h1>{L.detailTitle}</h1>
      <SavedMessage message={saved ? (SAVED[saved] ?? null) : null} />
      <SmtpNotice configured={smtpConfigured()} />

      <section className="panel" aria-labelledby="delivery-heading">
        <h2 id="delivery-heading">{L.details.heading}</h2>
        <dl className="details">
          <dt>{L.details.status}</dt>
          <dd>
            <MailStatusBadge status={mail.status} />
          </dd>
          <dt>{L.details.createdAt}</dt>
          <dd>{formatDateTime(mail.createdAt)}</dd>
          <dt>{L.details.sentAt}</dt>
          <dd>{mail.sentAt ? formatDateTime(mail.sentAt) : L.none}</dd>
          <dt>{L.details.attempts}</dt>
          <dd>{C.count(mail.attempts)}</dd>
          {mail.status === 'PENDING' ? (
            <>
              <dt>{L.details.nextAttemptAt}</dt>
              <dd>{formatDateTime(mail.nextAttemptAt)}</dd>
            </>
          ) : null}
          <dt>{L.details.lastError}</dt>
          <dd className="pre-wrap">{mail.lastError ?? L.none}</dd>
          <dt>{L.details.template}</dt>
          <dd>{isMailTemplate(mail.template) ? MAIL_TEMPLATE_LABEL[mail.template] : L.otherTemplate}</dd>
          <dt>{L.details.related}</dt>
          <dd>
            <RecordLink record={relatedRecord} />
          </dd>
        </dl>
      </section>

      <section className="panel" aria-labelledby="message-heading">
        <h2 id="message-heading">{L.message.heading}</h2>
        <dl className="details">
          <dt>{L.message.to}</dt>
          <dd className="pre-wrap">{mail.to.join('\n')}</dd>
          <dt>{L.message.cc}</dt>
          <dd className="pre-wrap">{mail.cc.length ? mail.cc.join('\n') : L.none}</dd>
          <dt>{L.message.subject}</dt>
          <dd>{mail.subject}</dd>
        </dl>
        <h3>{L.message.body}</h3>
        <pre className="pre-wrap">{mail.bodyText}</pre>
      </section>

      <section className="panel" aria-labelledby="attachments-heading">
        <h2 id="attachments-heading">{L.attachments.heading}</h2>
        <ListTable
          className="table"
          caption={L.attachments.caption}
          columns={[
            {
              header: L.attachments.name,
              rowHeader: true,
              cell: (a) =>
                a.sealed ? (
                  <>
                    {a.filename}
                    <br />
                    <span className="muted">{L.attachments.sealed}</span>
                  </>
                ) : (
                  // A download, not a page: a plain link (the route answers with the file).
                  <a href={`/admin/outbox/${mail.id}/attachments/${a.id}`} download={a.filename} aria-label={L.attachments.download(a.filename)}>
                    {a.filename}
                  </a>
                ),
            },
            { header: L.attachments.type, cell: (a) => attachmentTypeLabel(a.contentType, a.filename) },
            { header: L.attachments.size, className: 'num', cell: (a) => L.size(a.size) },
          ]}
          rows={mail.attachments}
          rowKey={(a) => a.id}
          empty={L.attachments.none}
        />
      </section>

      {mail.status === 'FAILED' ? (
        <section className="panel" aria-labelledby="retry-heading">
          <h2 id="retry-heading">{L.retry.heading}</h2>
          {mail.retryable ? <RetryForm action={retryMailAction.bind(null, mail.id)} /> : <p>{L.retry.withdrawn}</p>}
        </section>
      ) : null}
    </>
  );
}
