import type { ApplicationStatus } from '@/generated/prisma/enums';

/**
 * The application's life: DRAFT → SUBMITTED → (RETURNED → SUBMITTED)* → CONCLUDED, and WITHDRAWN
 * from any state before CONCLUDED. Every transition is a conditional UPDATE on the current status
 * (see the use cases), so two requests can never both make the same transition.
 */
export const EDITABLE: readonly ApplicationStatus[] = ['DRAFT', 'RETURNED'];
export const WITHDRAWABLE: readonly ApplicationStatus[] = ['DRAFT', 'SUBMITTED', 'RETURNED'];
export const REVIEWABLE: readonly ApplicationStatus[] = ['SUBMITTED'];

export const canEdit = (s: ApplicationStatus) => EDITABLE.includes(s);
export const canWithdraw = (s: ApplicationStatus) => WITHDRAWABLE.includes(s);
export const canReview = (s: ApplicationStatus) => REVIEWABLE.includes(s);

/** Why a transition is refused, in Japanese, from the status the application is actually in. */
export function refusal(status: ApplicationStatus): string {
  switch (status) {
    case 'SUBMITTED':
      return 'この申込は申込済（審査中）です。変更する場合は取り下げてから新たに申し込むか、差戻しをお待ちください。';
    case 'CONCLUDED':
      return 'この申込はすでに保証契約が締結されています。';
    case 'WITHDRAWN':
      return 'この申込は取り下げられています。';
    case 'RETURNED':
      return 'この申込は差し戻されています。';
    case 'DRAFT':
      return 'この申込はまだ申し込まれていません（下書き）。';
  }
}

/** The officer acted on a page older than the application (it was returned and resubmitted meanwhile). */
export const CHANGED_SINCE_READ = '申込内容が更新されています。画面を読み込み直して、内容と保証料を確認してください。';
