import { z } from 'zod';
import { formatYen } from '@/lib/money';
import { formatIsoDate } from '@/lib/dates';
import { shareText } from './labels';

/**
 * 契約台帳 ↔ 保証証書 (issue 17, decision 072): the Japanese texts of matching and of the consistency
 * check. Pure: the use cases, the contract's page and the tests read the same sentences.
 */

/** The guarantee kinds as the matching texts name them. */
export const MATCH_KIND_LABEL = { ADVANCE: '前払金保証', INTERMEDIATE: '中間前払金保証', CONTRACT: '契約保証' } as const;

export const MATCH_MESSAGES = {
  numberFormat: '保証契約番号は10桁の数字で入力してください。',
  notConfirmed: 'この番号の保証証書は、貴団体の確認済み一覧にありません。',
  guaranteeTaken: 'この保証証書は、すでに別の契約（契約番号 {number}）に照合されています。',
  contractTaken: 'この契約は、すでに別の保証証書に照合されています。照合を解除してから選んでください。',
  /** A contract holds one certificate of each kind (decision 072 amended): the kind and the certificate it holds named. */
  kindTaken: (kind: string, number: string) => `この契約には、すでに${kind}の保証証書（保証契約番号 ${number}）が照合されています。${kind}を選び直すには、その照合を解除してから選んでください。`,
  notMatched: 'この契約は保証証書に照合されていません。',
  stale: '照合の状態が変わりました。画面を読み込み直してください。',
} as const;

const yen = (v: bigint) => `${formatYen(v)}円`;
const range = (a: string, b: string) => `${formatIsoDate(a)}〜${formatIsoDate(b)}`;

/** Each finding of the consistency check as one sentence. */
export const FINDING_TEXT = {
  amount: (contract: bigint, guarantee: bigint) => `請負金額が異なります（契約台帳 ${yen(contract)}、保証証書 ${yen(guarantee)}）。`,
  period: (start: string, end: string, periodStart: string, periodEnd: string) =>
    `保証期間（${range(start, end)}）が工期（${range(periodStart, periodEnd)}）を覆っていません。`,
  advanceNotRequired: () => 'この契約の前払金は契約台帳で「不要」とされていますが、前払金の保証証書が照合されています。',
  advanceOver: (amount: bigint, bp: number, bound: bigint) => `保証金額（${yen(amount)}）が前払金の上限（請負金額の${shareText(bp)}、${yen(bound)}）を超えています。`,
  performanceNotRequired: () => 'この契約の契約保証は契約台帳で「不要」とされていますが、契約保証の保証証書が照合されています。',
  performanceShort: (amount: bigint, bp: number, bound: bigint) => `保証金額（${yen(amount)}）が契約保証に必要な額（請負金額の${shareText(bp)}、${yen(bound)}）に足りません。`,
  projectName: (contract: string, guarantee: string) => `工事名が異なります（契約台帳「${contract}」、保証証書「${guarantee}」）。`,
  contractorName: (contract: string, guarantee: string) => `受注者が異なります（契約台帳「${contract}」、保証証書「${guarantee}」）。`,
  changedUnconfirmed: (latest: number, confirmed: number) => `確認した後に変更契約があり、最新の第${latest}版は未確認です（確認済みは第${confirmed}版）。`,
  changed: (latest: number) => `保証に変更契約があります（第${latest}版まで確認済み）。`,
  cancelled: (on: string | null) => `保証契約は解除されています${on ? `（解除日 ${formatIsoDate(on)}）` : ''}。`,
  ended: (end: string) => `保証期間は${formatIsoDate(end)}で終了しています。`,
} as const;

/** 保証契約番号 as the clerk types it: 全角 digits, spaces and hyphens allowed, 10 digits (the use case reads it again). */
export const matchFormSchema = z.object({
  guaranteeNumber: z
    .string({ error: MATCH_MESSAGES.numberFormat })
    .trim()
    .refine((v) => /^\d{10}$/.test(v.normalize('NFKC').replace(/[\s-]/gu, '')), { message: MATCH_MESSAGES.numberFormat }),
});
