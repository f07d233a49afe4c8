import { formatBasisPoints, parseBasisPoints, WHOLE_BASIS_POINTS } from '@/lib/percent';
import { hasControlCharacters } from '@/lib/text';
import type { FieldErrors } from '../result';

/**
 * 前払金の預託 of an application (issue 16, D7), pure: 一括 is the one 預託金融機関 of the application
 * (depositBank / depositBranch, as before issue 16); 分割預託 is one 前払金専用口座 per member of the JV,
 * each with its share of the 前払金 in 0.01 % (6000 = 60.00 %), together 100.00 %, the JV's own shares
 * when left blank. The form sends one row per member — `deposits[0].organizationId` (hidden),
 * `deposits[0].bank`, `deposits[0].branch`, `deposits[0].share` — and each error is at the cell that
 * holds it; what concerns the rows together (a member without a row, the sum) is at `deposits`.
 */

export const DEPOSIT_MODES = ['SINGLE', 'SPLIT'] as const;
export type DepositModeValue = (typeof DEPOSIT_MODES)[number];

/** Cell limits: the bank and the branch as the 一括 fields take them. */
export const DEPOSIT_TEXT_MAX = 100;
/** A share as typed: 「100.00％」 and a little room for spaces. */
export const DEPOSIT_SHARE_MAX = 10;

export const DEPOSIT_FIELD_LABEL = {
  organizationId: '構成員',
  bank: '預託金融機関（銀行）',
  branch: '支店',
  share: '割合（％）',
} as const;

export const DEPOSIT_MESSAGES = {
  bankRequired: '分割預託では、すべての構成員の預託金融機関を入力してください。',
  branchRequired: '分割預託では、すべての構成員の支店を入力してください。',
  memberMissing: '分割預託では、すべての構成員の預託金融機関を入力してください。',
  notMember: '分割預託の口座は、共同企業体の構成員ごとに1つ入力してください。',
  share: '割合は0より大きく100以下の数で、小数第2位まで入力してください。',
  shareSum: (total: number) => `割合の合計が100％になるように入力してください（現在 ${formatBasisPoints(total)}％）。`,
  tooLong: (label: string) => `${label}は${DEPOSIT_TEXT_MAX}文字以内で入力してください。`,
  shareTooLong: `割合は${DEPOSIT_SHARE_MAX}文字以内で入力してください。`,
  tooManyRows: '分割預託の口座が多すぎます。構成員ごとに1つ入力してください。',
  control: (label: string) => `${label}は改行せずに1行で入力してください（制御文字は使えません）。`,
  splitNeedsJointVenture: '分割預託は、共同企業体での申込の場合に選べます。',
} as const;

const M = DEPOSIT_MESSAGES;

/** A row of the table as posted (any cell may be missing or not text). */
export interface DepositRowInput {
  organizationId?: unknown;
  bank?: unknown;
  branch?: unknown;
  share?: unknown;
}

/** A member of the JV as the check needs it, in the JV's order (代表者 first). */
export interface DepositMember {
  organizationId: string;
  shareBasisPoints: number;
}

/** One 前払金専用口座 as stored (ApplicationDeposit). */
export interface DepositFacts {
  organizationId: string;
  bank: string;
  branch: string;
  shareBasisPoints: number;
  sortOrder: number;
}

/** The cell of a row where its error is shown (conform's name). */
export const depositField = (row: number, field: keyof typeof DEPOSIT_FIELD_LABEL) => `deposits[${row}].${field}`;

const textOf = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/**
 * The 分割預託 rows against the JV's members. A draft (`complete` false) keeps what is typed — a bank
 * or branch may still be blank — but each share typed must be a share and each row a member's; a
 * submission (`complete` true) needs every member once, each with a bank and a branch, and the shares
 * summing to 100.00 %. A blank share is the member's share of the JV. The deposits come back in the
 * JV's member order, whatever the order of the rows.
 */
export function checkDeposits(rows: readonly (DepositRowInput | null | undefined)[], members: readonly DepositMember[], { complete }: { complete: boolean }): { deposits: DepositFacts[]; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const add = (field: string, message: string) => {
    const list = (errors[field] ??= []);
    if (!list.includes(message)) list.push(message);
  };
  const order = new Map(members.map((m, i) => [m.organizationId, i]));
  const byMember = new Map<string, DepositFacts>();
  let sharesRight = true;

  rows.forEach((row, index) => {
    const organizationId = textOf(row?.organizationId);
    const bank = textOf(row?.bank);
    const branch = textOf(row?.branch);
    const shareText = textOf(row?.share);
    if (!organizationId && !bank && !branch && !shareText) return; // a blank row
    const member = members.find((m) => m.organizationId === organizationId);
    if (!member || byMember.has(organizationId)) {
      add('deposits', M.notMember);
      return;
    }
    for (const [field, value] of [['bank', bank], ['branch', branch]] as const) {
      const label = DEPOSIT_FIELD_LABEL[field];
      if (value.length > DEPOSIT_TEXT_MAX) add(depositField(index, field), M.tooLong(label));
      else if (hasControlCharacters(value)) add(depositField(index, field), M.control(label));
    }
    if (complete && !bank) add(depositField(index, 'bank'), M.bankRequired);
    if (complete && !branch) add(depositField(index, 'branch'), M.branchRequired);
    let share = member.shareBasisPoints;
    if (shareText.length > DEPOSIT_SHARE_MAX) {
      add(depositField(index, 'share'), M.shareTooLong);
      sharesRight = false;
    } else if (shareText) {
      const parsed = parseBasisPoints(shareText);
      if (parsed === null || parsed <= 0 || parsed > WHOLE_BASIS_POINTS) {
        add(depositField(index, 'share'), M.share);
        sharesRight = false;
      } else share = parsed;
    }
    byMember.set(organizationId, { organizationId, bank, branch, shareBasisPoints: share, sortOrder: order.get(organizationId)! });
  });

  const deposits = [...byMember.values()].sort((a, b) => a.sortOrder - b.sortOrder);
  if (complete) {
    if (members.some((m) => !byMember.has(m.organizationId))) add('deposits', M.memberMissing);
    else if (sharesRight) {
      const total = deposits.reduce((sum, d) => sum + d.shareBasisPoints, 0);
      if (total !== WHOLE_BASIS_POINTS) add('deposits', M.shareSum(total));
    }
  }
  return { deposits, errors };
}

/** The rows a 分割預託 table starts with: one per member, the JV's shares, bank and branch blank. */
export function defaultDepositRows(members: readonly DepositMember[]): { organizationId: string; bank: string; branch: string; share: string }[] {
  return members.map((m) => ({ organizationId: m.organizationId, bank: '', branch: '', share: formatBasisPoints(m.shareBasisPoints) }));
}

/** Shares of a split as typed so far: their sum in 0.01 %, or null while one is not a share (the form's sum line). */
export function depositShareTotal(shares: readonly string[]): number | null {
  let total = 0;
  for (const s of shares) {
    const bp = parseBasisPoints(s.trim());
    if (bp === null) return null;
    total += bp;
  }
  return total;
}

/**
 * What each 前払金専用口座 would receive of `amount` (参考: the officer's review): each share rounded
 * down to the yen, the remainder to the first row (the 代表者's, rows being in the JV's order), so the
 * parts add up to the amount exactly.
 */
export function splitAmount(amount: bigint, shares: readonly number[]): bigint[] {
  if (shares.length === 0) return [];
  const parts = shares.map((bp) => (amount * BigInt(bp)) / BigInt(WHOLE_BASIS_POINTS));
  const rest = amount - parts.reduce((sum, p) => sum + p, 0n);
  parts[0] = parts[0]! + rest;
  return parts;
}
