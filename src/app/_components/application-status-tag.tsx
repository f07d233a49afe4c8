import { APPLICATION_STATUS_LABEL } from '@/domain/applications/labels';
import type { ApplicationStatus } from '@/generated/prisma/enums';

export function ApplicationStatusTag({ status }: { status: ApplicationStatus }) {
  return <span className={`status status-${status}`}>{APPLICATION_STATUS_LABEL[status]}</span>;
}
