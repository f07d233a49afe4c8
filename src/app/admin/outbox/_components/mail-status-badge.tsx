import type { MailStatus } from '@/generated/prisma/enums';
import { MAIL_STATUS_LABEL } from '../labels';

const CLASS: Record<MailStatus, string> = { PENDING: 'badge', SENT: 'badge on', FAILED: 'badge off' };

/** 送信待ち / 送信済 / 送信失敗, in words (the colour only repeats them). */
export function MailStatusBadge({ status }: { status: MailStatus }) {
  return <span className={CLASS[status]}>{MAIL_STATUS_LABEL[status]}</span>;
}
