import { formatYen } from '@/lib/money';
import { formatIsoDate } from '@/lib/dates';
import type { ChangeField } from './rules';

const AMOUNT_FIELDS: ReadonlySet<string> = new Set<ChangeField>(['guaranteeAmount', 'contractAmount']);
const DATE_FIELDS: ReadonlySet<string> = new Set<ChangeField>(['periodStart', 'periodEnd', 'guaranteeStart', 'guaranteeEnd']);

/** A term's stored value (yen digits, ISO date) as the history, the diff and the mails write it. */
export function formatTermValue(field: string, raw: string): string {
  if (AMOUNT_FIELDS.has(field) && /^\d+$/.test(raw)) return `${formatYen(BigInt(raw))}円`;
  if (DATE_FIELDS.has(field) && /^\d{4}-\d{2}-\d{2}$/.test(raw)) return formatIsoDate(raw);
  return raw;
}

/** 「123,000円（追加）」/「5,000円（返戻）」/「0円」 for a signed premium difference. */
export function formatPremiumDifference(difference: bigint): string {
  if (difference > 0n) return `${formatYen(difference)}円（追加保証料）`;
  if (difference < 0n) return `${formatYen(-difference)}円（返戻）`;
  return '0円（差額なし）';
}
