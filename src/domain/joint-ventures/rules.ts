import { formatBasisPoints, parseBasisPoints, WHOLE_BASIS_POINTS } from '@/lib/percent';
import type { FieldErrors } from '../result';

/**
 * 共同企業体 (JV) rules, pure (decision 065): who may be a JV's members and how their shares are
 * written. A JV has 2 to 5 member companies (D2), exactly one of them its 代表者, and each a share
 * (出資比率 for 甲型, the 分担工事's share of the 請負金額 for 乙型) in 0.01 %, together 100.00 %.
 * Shares are kept as whole numbers of 0.01 % ("basis points": 6000 = 60.00 %), so sums are exact.
 */

export const MIN_MEMBERS = 2;
export const MAX_MEMBERS = 5;
/** 100.00 % in 0.01 %. */
export const FULL_SHARE = WHOLE_BASIS_POINTS;

export const JOINT_VENTURE_KINDS = ['SPECIFIC', 'REGULAR'] as const;
export type JointVentureKind = (typeof JOINT_VENTURE_KINDS)[number];
export const JOINT_VENTURE_MODES = ['JOINT', 'DIVIDED'] as const;
export type JointVentureMode = (typeof JOINT_VENTURE_MODES)[number];
export type JointVentureRole = 'REPRESENTATIVE' | 'MEMBER';

/** 6000 → 「60」, 3334 → 「33.34」, 3350 → 「33.5」: a share as people write it, without ％ (src/lib/percent.ts). */
export const formatShare: (basisPoints: number) => string = formatBasisPoints;

/**
 * 「60」, 「６０％」, 「33.34 %」 → the share in 0.01 % (6000, 3334); null unless a number of at most three
 * digits with at most two decimals (its range is checkJointVenture's).
 */
export const parseShare: (input: string) => number | null = parseBasisPoints;

export const JOINT_VENTURE_MESSAGES = {
  memberCount: `構成員は${MIN_MEMBERS}社以上${MAX_MEMBERS}社以内で登録してください。`,
  representative: '代表者を1社選択してください。',
  duplicate: '同じ会社が2回選ばれています。',
  share: '出資比率は0より大きい数で、小数第2位まで入力してください。',
  shareSum: (total: number) => `出資比率の合計が100％になるように入力してください（現在 ${formatShare(total)}％）。`,
  companyRequired: '会社を選択してください。',
  unknownCompany: '一覧にある会社を選んでください。',
  companyNotChosen: '一覧から会社を選んでください。',
  locked: 'この共同企業体は保証の申込に使われているため、名称・種類・施工方式・代表者・構成員・出資比率は変更できません。',
  stale: '他の画面でこの共同企業体が更新されました。入力内容を控えてから、画面を読み込み直してください。',
  closedBeforeFormed: (formedOn: string) => `解散日は結成日（${formedOn}）以後の日付を入力してください。`,
  formedAfterClosed: (closedOn: string) => `結成日は解散日（${closedOn}）以前の日付を入力してください。`,
} as const;

const M = JOINT_VENTURE_MESSAGES;

/** One member as the form gave it: its row in the members table (where its errors are shown). */
export interface MemberFacts {
  row: number;
  organizationId: string;
  role: JointVentureRole;
  /** In 0.01 %. */
  shareBasisPoints: number;
}

/** The field of a member's cell, as the form names it (conform's `members[0].share`). */
export const memberField = (row: number, field: 'organizationId' | 'share') => `members[${row}].${field}`;

/**
 * The members of a JV as a whole: their number, one 代表者, no company twice, each share in
 * (0, 100.00 %], and the shares summing to 100.00 % (checked once each share is right). Errors are at
 * the cell that holds them; the number and the sum at `members`, the 代表者 at `representative`.
 */
export function checkJointVenture(members: readonly MemberFacts[]): FieldErrors {
  const errors: FieldErrors = {};
  const add = (field: string, message: string) => {
    const list = (errors[field] ??= []);
    if (!list.includes(message)) list.push(message);
  };
  if (members.length < MIN_MEMBERS || members.length > MAX_MEMBERS) add('members', M.memberCount);
  if (members.filter((m) => m.role === 'REPRESENTATIVE').length !== 1) add('representative', M.representative);
  const seen = new Set<string>();
  for (const member of members) {
    if (seen.has(member.organizationId)) add(memberField(member.row, 'organizationId'), M.duplicate);
    seen.add(member.organizationId);
  }
  let sharesRight = true;
  for (const member of members) {
    if (!Number.isInteger(member.shareBasisPoints) || member.shareBasisPoints <= 0 || member.shareBasisPoints > FULL_SHARE) {
      add(memberField(member.row, 'share'), M.share);
      sharesRight = false;
    }
  }
  const total = members.reduce((sum, m) => sum + m.shareBasisPoints, 0);
  if (sharesRight && members.length > 0 && total !== FULL_SHARE) add('members', M.shareSum(total));
  return errors;
}

export const JOINT_VENTURE_WARNINGS = {
  representativeNotLargest: '特定建設工事共同企業体の代表者は、出資比率が構成員中最大であることが一般的です（国土交通省の基準）。',
  belowMinimum: (minimum: number) => `出資比率が均等割の10分の6（${formatShare(minimum)}％）を下回る構成員があります。`,
} as const;

/** 6/10 of an equal share among n members, in 0.01 % (n = 2: 30 %, 3: 20 %, 5: 12 %). */
export const minimumShare = (memberCount: number) => Math.ceil((FULL_SHARE * 6) / (10 * memberCount));

/**
 * What the officer is asked to look at again, never a refusal (the contract is already signed when
 * the surety sees it): the orderers' usual bidding rules for JVs (国土交通省's 共同企業体運用準則, as
 * 中国地方整備局 states them) — a 特定JV's 代表者 has the largest share, and no member has less than
 * 6/10 of an equal share.
 */
export function jointVentureWarnings(jv: { kind: JointVentureKind; members: readonly { role: JointVentureRole; shareBasisPoints: number }[] }): string[] {
  const warnings: string[] = [];
  const representative = jv.members.find((m) => m.role === 'REPRESENTATIVE');
  if (jv.kind === 'SPECIFIC' && representative && jv.members.some((m) => m.shareBasisPoints > representative.shareBasisPoints)) {
    warnings.push(JOINT_VENTURE_WARNINGS.representativeNotLargest);
  }
  if (jv.members.length > 0) {
    const minimum = minimumShare(jv.members.length);
    if (jv.members.some((m) => m.shareBasisPoints < minimum)) warnings.push(JOINT_VENTURE_WARNINGS.belowMinimum(minimum));
  }
  return warnings;
}
