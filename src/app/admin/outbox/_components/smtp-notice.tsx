import { OUTBOX_LABELS as L } from '../labels';

/** Whether the outbox is being delivered at all: without SMTP_URL it is only a record to read. */
export function SmtpNotice({ configured }: { configured: boolean }) {
  return <p className={configured ? 'notice' : 'notice warn'}>{configured ? L.smtpOn : L.smtpOff}</p>;
}
