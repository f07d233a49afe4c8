import type { GuaranteeStatus } from '@/generated/prisma/enums';
import { addDaysIso, dbDateToIso } from '@/lib/dates';

const isoOf = (value: Date | string) => (typeof value === 'string' ? value : dbDateToIso(value));

/**
 * A guarantee's status as users see it (pure). The database stores only what an officer decided:
 * ACTIVE or CANCELLED (解除). 期間満了 is computed here from the 保証期間（至） and today's date in
 * Asia/Tokyo, passed in, so it is right on the first request after midnight whether or not any job
 * ran: a guarantee is in force through its last day and 期間満了 from the next day on.
 * 解除 outranks 期間満了 (an officer's decision stays visible after the period ends).
 */
export function effectiveStatus(stored: GuaranteeStatus, guaranteeEnd: Date | string, todayIso: string): GuaranteeStatus {
  if (stored === 'CANCELLED') return 'CANCELLED';
  return isoOf(guaranteeEnd) < todayIso ? 'EXPIRED' : 'ACTIVE';
}

/** Days ahead in which an ending 保証期間 is announced to the orderers (mail and 確認済み一覧). */
export const PERIOD_ENDING_DAYS = 30;

export interface PeriodFacts {
  status: GuaranteeStatus;
  /** 保証期間（至） */
  guaranteeEnd: Date | string;
  /** 工期（至） */
  periodEnd: Date | string;
}

/**
 * 保証期間満了間近 (pure): the guarantee is in force, its 保証期間 ends within PERIOD_ENDING_DAYS of
 * today — today itself (its last day) through today + 30 days, both included — and the works (工期)
 * go on after it. That happens when the 工期 was extended without the guarantee (【注2】 records the
 * 工期 only): the orderer should know before the works are left without a guarantee. A guarantee
 * whose 工期 ends with it, or earlier, simply runs out and is not announced.
 */
export function isPeriodEnding(g: PeriodFacts, todayIso: string): boolean {
  if (effectiveStatus(g.status, g.guaranteeEnd, todayIso) !== 'ACTIVE') return false;
  const end = isoOf(g.guaranteeEnd);
  return end <= addDaysIso(todayIso, PERIOD_ENDING_DAYS) && isoOf(g.periodEnd) > end;
}

/** What the status banner shows (plain data: it crosses into client and server components alike). */
export interface StatusView {
  status: GuaranteeStatus;
  /** 保証期間（至）, YYYY-MM-DD. */
  guaranteeEnd: string;
  /** 工期（至）, YYYY-MM-DD. */
  periodEnd: string;
  /** ACTIVE and isPeriodEnding: the banner warns. */
  ending: boolean;
  /** 解除日, YYYY-MM-DD (CANCELLED only). */
  cancelledOn: string | null;
  cancelReason: string | null;
}

export function statusView(
  g: PeriodFacts & { cancelledOn: Date | string | null; cancelReason: string | null },
  todayIso: string,
): StatusView {
  const status = effectiveStatus(g.status, g.guaranteeEnd, todayIso);
  return {
    status,
    guaranteeEnd: isoOf(g.guaranteeEnd),
    periodEnd: isoOf(g.periodEnd),
    ending: isPeriodEnding(g, todayIso),
    cancelledOn: status === 'CANCELLED' && g.cancelledOn ? isoOf(g.cancelledOn) : null,
    cancelReason: status === 'CANCELLED' ? g.cancelReason : null,
  };
}
