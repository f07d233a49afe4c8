import type { WorkType } from '@/generated/prisma/enums';
import { MAX_YEN } from '@/domain/applications/fields';
import { APPLICATION_FIELD_LABEL } from '@/domain/applications/labels';
import { checkApplicationRules, combinedExcess, type OrdererRuleSet } from '@/domain/applications/rules';
import { applicationSchema } from '@/domain/applications/schemas';
import { CERTIFICATE_TEXT, type CertificateContent } from '@/domain/certificates/content';
import { computePremium, periodDays, type PremiumComputation, type PremiumLine, type RateTableInput } from '@/domain/premium/calculate';
import { formatYen } from '@/lib/money';
import { fail, ok, type FieldErrors, type Result } from '@/domain/result';
import { isValidIsoDate } from '@/lib/dates';

/**
 * 変更契約: what a change contract does to a guarantee and its electronic certificate (pure: no
 * database, no clock). The officer's screens and transactions call `decideChange` and store what it
 * returns; they never decide themselves whether a certificate is issued.
 *
 * The flyer's notes, printed on every certificate:
 *   【注1】 保証金額の増減等の変更があった場合は(変更)と表示し、変更後の内容を記載します。
 *   【注2】 保証期間については、工期の変更に伴って自動的に変更されますので、実際の保証証書は発行しません。
 *   【注3】 請負金額のみの変更の保証証書は発行を省略させていただきます。
 *
 * The seven terms a change contract may change: 保証金額 (guaranteeAmount), 請負金額 (contractAmount),
 * 工期（自）/（至） (periodStart/periodEnd), 保証期間（自）/（至） (guaranteeStart/guaranteeEnd), 工事名
 * (projectName). A proposed value equal to the current one is no change; a proposal that changes
 * nothing is refused.
 *
 * When a 保証期間 change "follows" the 工期 (【注2】 自動的に変更): an edge of the 保証期間 (自 or 至)
 * that changes follows the 工期 when the same edge of the 工期 changes too, in the same direction,
 * and the 保証期間's edge lands either on the new 工期 edge (「工期末日まで」) or keeps its old distance
 * from it (a guarantee that ran a month past the works still runs a month past them). Coverage of the
 * new 工期 is a separate rule (below): a 保証期間 that no longer covers the 工期 is an error, not a
 * classification. Anything else — a 保証期間 change with no 工期 change, moved further than the 工期,
 * or against its direction — is a change of the guarantee itself, hence 【注1】.
 *
 * Decision table (first matching row wins; "any" = changed or not):
 *
 * | 保証金額 | 工事名 | 保証期間                       | 工期 | 請負金額 | result                  |
 * |---------|--------|-------------------------------|------|----------|-------------------------|
 * | changed | any    | any                           | any  | any      | NEW_VERSION 【注1】       |
 * | any     | changed| any                           | any  | any      | NEW_VERSION 【注1】       |
 * | —       | —      | an edge not following 工期     | any  | any      | NEW_VERSION 【注1】       |
 * | —       | —      | changed, following 工期        | changed | any   | RECORD_ONLY 【注2】       |
 * | —       | —      | —                             | changed | any   | RECORD_ONLY 【注2】       |
 * | —       | —      | —                             | —    | changed  | RECORD_ONLY 【注3】       |
 * | —       | —      | —                             | —    | —        | error: nothing changes  |
 *
 * Why each row:
 * - 【注1】 wins every combination: once a certificate is issued it must show all the content after
 *   the change (変更後の内容を記載), so the new version also carries the new 請負金額, 工事末日 and
 *   保証期間 that came with it. When in doubt the rules issue: an unneeded version costs a PDF; a
 *   missing one leaves the orderer holding a certificate that no longer says what is guaranteed.
 * - 工期 only (保証期間 unchanged, e.g. the works end earlier, or start later within the 保証期間):
 *   RECORD_ONLY under 【注2】. The certificate's 工事末日 is then out of date, but 【注2】 says changes
 *   driven by the 工期 issue no certificate, and a 工期 change that does not even move the 保証期間
 *   changes less than one that does; the orderer holds the change contract itself, and the recorded
 *   change (with its field-by-field difference) is in the history. 工期（自） is not on the certificate at all.
 * - 工期 and 請負金額 together (no 注1 term): RECORD_ONLY. Neither change alone issues a certificate
 *   (【注2】, 【注3】), so together they do not either; the note recorded is 【注2】 because 【注3】 speaks
 *   of 請負金額のみ (only), which this is not.
 * - 請負金額 only: RECORD_ONLY under 【注3】.
 *
 * Checks (Japanese messages keyed by the field to change; nothing is classified while any fails):
 * - dates are calendar dates (YYYY-MM-DD); amounts are 1 yen or more (and below 1 兆円); 工事名 is
 *   not empty and passes the application form's rule; a reason (変更理由) is given; the change
 *   contract's date (変更契約日) is not after the certificate's issue date;
 * - after the change, as on application (applications/rules.ts, `checkApplicationRules`, reused, not
 *   rewritten): 保証金額 ≤ 請負金額, 工期（至） not before 工期（自）, 保証期間 covering 工期 day-exact,
 *   and — only when an `orderer` is passed — the orderer's limits per kind (前払金 ≤ 4/10, 契約保証
 *   ≥ 1/10, …: rows of the orderer, not code). Amount rules are checked only when an amount changes and
 *   date rules only when a date changes: a change contract does not re-judge what was concluded under
 *   limits the orderer may have edited since.
 * - with `sameContract` (issue 16): a 中間前払金保証 from a 認定 is checked as its application was (its
 *   保証期間 may start after 工期（自）; 前払金 + 中間前払金 within the combined limit), and a 前払金保証
 *   whose 中間前払金保証 exists keeps the same combined bound.
 *
 * Premium: `recomputePremium` is true when the 保証金額 or the 保証期間 changes (the premium's two
 * inputs); `premiumDifference` and `changedPremium` turn a new computation (computePremium) into the
 * amount to collect or return, line by line.
 */

export const CHANGE_FIELDS = [
  'guaranteeAmount',
  'contractAmount',
  'periodStart',
  'periodEnd',
  'guaranteeStart',
  'guaranteeEnd',
  'projectName',
] as const;
export type ChangeField = (typeof CHANGE_FIELDS)[number];

/** The fields' names as the change form, the history and the messages write them. */
export const CHANGE_FIELD_LABEL: Record<ChangeField, string> = {
  guaranteeAmount: APPLICATION_FIELD_LABEL.guaranteeAmount,
  contractAmount: APPLICATION_FIELD_LABEL.contractAmount,
  periodStart: APPLICATION_FIELD_LABEL.periodStart,
  periodEnd: APPLICATION_FIELD_LABEL.periodEnd,
  guaranteeStart: APPLICATION_FIELD_LABEL.guaranteeStart,
  guaranteeEnd: APPLICATION_FIELD_LABEL.guaranteeEnd,
  projectName: APPLICATION_FIELD_LABEL.projectName,
};

export const CHANGE_META_LABEL = { changeDate: '変更契約日', reason: '変更理由', issuedOn: '証書発行日' } as const;

export type ReasonNote = '注1' | '注2' | '注3';

/** The flyer's wording of each note, for the history ("証書を発行しない理由"). */
export const REASON_NOTE_TEXT: Record<ReasonNote, string> = {
  注1: CERTIFICATE_TEXT.notes[0],
  注2: CERTIFICATE_TEXT.notes[1],
  注3: CERTIFICATE_TEXT.notes[2],
};

/** The terms of a guarantee a change contract may change (money in yen, dates YYYY-MM-DD). */
export interface GuaranteeTerms {
  guaranteeAmount: bigint;
  contractAmount: bigint;
  periodStart: string;
  periodEnd: string;
  guaranteeStart: string;
  guaranteeEnd: string;
  projectName: string;
}

/** The guarantee as it stands: its latest certificate version and the facts the certificate does not hold. */
export interface CurrentGuarantee {
  content: CertificateContent;
  /** 工期 as recorded now (the certificate shows only its end, 工事末日, which a 【注2】 change leaves stale). */
  periodStart: string;
  periodEnd: string;
  /**
   * Terms recorded by record-only changes since the latest version (【注2】 保証期間, 【注3】 請負金額),
   * when they differ from the certificate; absent: the certificate's.
   */
  recorded?: { contractAmount?: bigint; guaranteeStart?: string; guaranteeEnd?: string };
  /** The conclusion's date and the latest recorded 変更契約日: a change contract is not dated before them. */
  concludedOn?: string;
  lastChangeDate?: string;
}

export interface ChangeProposal {
  /** The new values; a field left out (or equal to the current value) does not change. */
  changes: Partial<GuaranteeTerms>;
  /** 変更契約日 (YYYY-MM-DD). */
  changeDate: string;
  /** 変更理由, kept with the record. */
  reason: string;
}

export interface ChangeOptions {
  /** 証書発行日 of the new version, should one be issued (today in Asia/Tokyo, passed in: no clock here). */
  issuedOn: string;
  /** The orderer's limits, checked on the amounts after the change (applications/rules.ts). */
  orderer?: { rules: OrdererRuleSet; workType: WorkType };
  /**
   * The other guarantee of the same contract (issue 16, D16), as the application's check sees it:
   * - a 中間前払金保証 concluded from a 認定: the 認定 (its 保証期間 starts on the 認定日, after 工期（自）)
   *   and the 前払金保証's current 保証金額;
   * - a 前払金保証 with 中間前払金保証 concluded on its 認定: their 保証金額 (summed).
   * 前払金 + 中間前払金 is then checked against the orderer's combined limit when an amount changes.
   */
  sameContract?: SameContract;
}

export type SameContract = { certificationId: string; advanceGuaranteeAmount: bigint } | { intermediateGuaranteeAmount: bigint };

/** The 前払金保証's side of the combined limit: its 保証金額 raised (or the 請負金額 lowered) past the bound. */
export const combinedWithIntermediateMessage = (orderer: string, ratio: string, bound: bigint, intermediate: bigint) =>
  `${orderer}の前払金と中間前払金の合計は、請負金額の${ratio}（${formatYen(bound)}円）以下にしてください（中間前払金保証 ${formatYen(intermediate)}円）。`;

/** One line of the field-by-field difference: values as the certificate stores them (yen digits, ISO dates). */
export interface FieldChange {
  field: ChangeField;
  label: string;
  before: string;
  after: string;
}

interface DecisionBase {
  /** The changed fields, in CHANGE_FIELDS order. */
  fields: FieldChange[];
  before: GuaranteeTerms;
  after: GuaranteeTerms;
  /** 保証金額 or 保証期間 changed: the premium is computed again (see premiumDifference). */
  recomputePremium: boolean;
  changeDate: string;
  reason: string;
}

export type ChangeDecision =
  | (DecisionBase & { kind: 'NEW_VERSION'; reasonNote: '注1'; newContent: CertificateContent })
  | (DecisionBase & { kind: 'RECORD_ONLY'; reasonNote: '注2' | '注3'; newContent?: undefined });

export interface ChangeClassification {
  kind: 'NEW_VERSION' | 'RECORD_ONLY';
  reasonNote: ReasonNote;
}

// ───────────────────────────── terms ─────────────────────────────

/** The guarantee's terms now: the recorded facts where record-only changes moved them, else the certificate's. */
export function currentTerms(current: CurrentGuarantee): GuaranteeTerms {
  const c = current.content;
  return {
    guaranteeAmount: BigInt(c.guaranteeAmount),
    contractAmount: current.recorded?.contractAmount ?? BigInt(c.contractAmount),
    periodStart: current.periodStart,
    periodEnd: current.periodEnd,
    guaranteeStart: current.recorded?.guaranteeStart ?? c.guaranteePeriod.from,
    guaranteeEnd: current.recorded?.guaranteeEnd ?? c.guaranteePeriod.to,
    projectName: c.projectName,
  };
}

const normalizeName = (name: string) => name.trim().normalize('NFC');

const show = (value: bigint | string) => (typeof value === 'bigint' ? value.toString() : value);

/** The fields whose value differs, in CHANGE_FIELDS order. */
export function changedFields(before: GuaranteeTerms, after: GuaranteeTerms): ChangeField[] {
  return CHANGE_FIELDS.filter((f) => before[f] !== after[f]);
}

const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/**
 * Whether the change of one edge of the 保証期間 follows the change of the same edge of the 工期
 * (【注2】): the 工期 edge changed too, the two moved the same way, and the 保証期間 edge is now the
 * new 工期 edge or keeps its old distance from it. False when the 保証期間 edge did not change.
 */
export function followsWorksPeriod(edge: 'start' | 'end', before: GuaranteeTerms, after: GuaranteeTerms): boolean {
  const g = edge === 'start' ? 'guaranteeStart' : 'guaranteeEnd';
  const p = edge === 'start' ? 'periodStart' : 'periodEnd';
  if (before[g] === after[g] || before[p] === after[p]) return false;
  const guaranteeMove = dayNumber(after[g]) - dayNumber(before[g]);
  const worksMove = dayNumber(after[p]) - dayNumber(before[p]);
  if (Math.sign(guaranteeMove) !== Math.sign(worksMove)) return false;
  const onEdge = after[g] === after[p];
  const sameDistance = dayNumber(after[g]) - dayNumber(after[p]) === dayNumber(before[g]) - dayNumber(before[p]);
  return onEdge || sameDistance;
}

/** The decision table of the doc comment, on two consistent sets of terms; null when nothing changed. */
export function classifyChange(before: GuaranteeTerms, after: GuaranteeTerms): ChangeClassification | null {
  const changed = new Set(changedFields(before, after));
  if (changed.size === 0) return null;
  const unexplainedPeriod =
    (changed.has('guaranteeStart') && !followsWorksPeriod('start', before, after)) ||
    (changed.has('guaranteeEnd') && !followsWorksPeriod('end', before, after));
  if (changed.has('guaranteeAmount') || changed.has('projectName') || unexplainedPeriod) {
    return { kind: 'NEW_VERSION', reasonNote: '注1' };
  }
  const worksDriven = ['periodStart', 'periodEnd', 'guaranteeStart', 'guaranteeEnd'].some((f) => changed.has(f as ChangeField));
  return { kind: 'RECORD_ONLY', reasonNote: worksDriven ? '注2' : '注3' };
}

/** The content of the next version: the terms after the change, marked (変更); everything else as it was. */
export function nextVersionContent(content: CertificateContent, after: GuaranteeTerms, issuedOn: string): CertificateContent {
  return {
    ...structuredClone(content),
    version: content.version + 1,
    changed: true,
    issuedOn,
    guaranteeAmount: after.guaranteeAmount.toString(),
    guaranteePeriod: { from: after.guaranteeStart, to: after.guaranteeEnd },
    projectEndDate: after.periodEnd,
    projectName: after.projectName,
    contractAmount: after.contractAmount.toString(),
  };
}

// ───────────────────────────── the decision ─────────────────────────────

const AMOUNT_FIELDS = ['guaranteeAmount', 'contractAmount'] as const;
const DATE_FIELDS = ['periodStart', 'periodEnd', 'guaranteeStart', 'guaranteeEnd'] as const;
/** Keys of checkApplicationRules' errors, by the kind of change that makes them relevant. */
const AMOUNT_RULE_KEYS = new Set(['guaranteeAmount', 'contractAmount']);
const DATE_RULE_KEYS = new Set(['periodStart', 'periodEnd', 'guaranteeStart', 'guaranteeEnd', 'contractDate']);

/** An orderer with no limits and no electronic rules: checkApplicationRules then checks consistency only. */
const NO_LIMITS: OrdererRuleSet = { name: '', electronicFrom: null, electronicWorkTypes: [], limits: [] };

const dateMessage = (label: string) => `${label}は 2026-04-01 の形で、存在する日付を入力してください。`;

/**
 * Decides a change contract: refused with Japanese messages per field, or classified (doc comment)
 * with the field-by-field difference, the terms after the change and, for 【注1】, the next version's content.
 * The current guarantee's dates must be calendar dates (stored data; a RangeError otherwise).
 */
export function decideChange(current: CurrentGuarantee, proposal: ChangeProposal, options: ChangeOptions): Result<ChangeDecision> {
  const before = currentTerms(current);
  for (const f of DATE_FIELDS) {
    if (!isValidIsoDate(before[f])) throw new RangeError(`decideChange: current ${f} ${before[f]}`);
  }

  const errors: FieldErrors = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  const c = proposal.changes;

  for (const f of AMOUNT_FIELDS) {
    const v = c[f];
    if (v === undefined) continue;
    if (v < 1n) add(f, `${CHANGE_FIELD_LABEL[f]}は1円以上で入力してください。`);
    else if (v > MAX_YEN) add(f, `${CHANGE_FIELD_LABEL[f]}が大きすぎます。`);
  }
  for (const f of DATE_FIELDS) {
    const v = c[f];
    if (v !== undefined && !isValidIsoDate(v)) add(f, dateMessage(CHANGE_FIELD_LABEL[f]));
  }
  let projectName = before.projectName;
  if (c.projectName !== undefined) {
    const parsed = applicationSchema.shape.projectName.safeParse(c.projectName);
    if (!parsed.success) for (const issue of parsed.error.issues) add('projectName', issue.message);
    else if (!parsed.data) add('projectName', `${CHANGE_FIELD_LABEL.projectName}を入力してください。`);
    else projectName = normalizeName(parsed.data);
  }

  const changeDateValid = isValidIsoDate(proposal.changeDate);
  if (!changeDateValid) add('changeDate', dateMessage(CHANGE_META_LABEL.changeDate));
  if (!isValidIsoDate(options.issuedOn)) add('issuedOn', dateMessage(CHANGE_META_LABEL.issuedOn));
  else if (changeDateValid && proposal.changeDate > options.issuedOn) {
    add('changeDate', `${CHANGE_META_LABEL.changeDate}は${CHANGE_META_LABEL.issuedOn}（${options.issuedOn.replaceAll('-', '/')}）以前の日付にしてください。`);
  }
  if (changeDateValid) {
    const afterChange = Boolean(current.lastChangeDate && (!current.concludedOn || current.lastChangeDate > current.concludedOn));
    const floor = afterChange ? current.lastChangeDate : current.concludedOn;
    if (floor && proposal.changeDate < floor) {
      const shown = floor.replaceAll('-', '/');
      add('changeDate', afterChange ? `${CHANGE_META_LABEL.changeDate}は、前回の変更契約日（${shown}）以降の日付にしてください。` : `${CHANGE_META_LABEL.changeDate}は、保証契約の締結日（${shown}）以降の日付にしてください。`);
    }
  }
  const reason = proposal.reason.trim();
  if (!reason) add('reason', `${CHANGE_META_LABEL.reason}を入力してください。`);
  if (Object.keys(errors).length > 0) return fail(errors);

  const after: GuaranteeTerms = {
    guaranteeAmount: c.guaranteeAmount ?? before.guaranteeAmount,
    contractAmount: c.contractAmount ?? before.contractAmount,
    periodStart: c.periodStart ?? before.periodStart,
    periodEnd: c.periodEnd ?? before.periodEnd,
    guaranteeStart: c.guaranteeStart ?? before.guaranteeStart,
    guaranteeEnd: c.guaranteeEnd ?? before.guaranteeEnd,
    projectName,
  };
  const changed = changedFields(before, after);
  const classification = classifyChange(before, after);
  if (!classification) {
    return fail({ '': ['変更する項目がありません（入力された内容はすべて現在の内容と同じです）。'] });
  }

  // The application's consistency rules and the orderer's limits, on the terms after the change.
  const amountChanged = changed.some((f) => f === 'guaranteeAmount' || f === 'contractAmount');
  const dateChanged = changed.some((f) => (DATE_FIELDS as readonly string[]).includes(f));
  const rules = options.orderer?.rules ?? NO_LIMITS;
  const linked = options.sameContract;
  const ruleErrors = checkApplicationRules(
    {
      guaranteeKind: current.content.kind,
      workType: options.orderer?.workType ?? 'WORKS',
      // The contract date and the delivery method were settled when the guarantee was concluded.
      contractDate: after.periodStart,
      deliveryMethod: 'PAPER',
      periodStart: after.periodStart,
      periodEnd: after.periodEnd,
      contractAmount: after.contractAmount,
      guaranteeAmount: after.guaranteeAmount,
      guaranteeStart: after.guaranteeStart,
      guaranteeEnd: after.guaranteeEnd,
      ...(linked && 'certificationId' in linked ? { certificationId: linked.certificationId, advanceGuaranteeAmount: linked.advanceGuaranteeAmount } : {}),
    },
    rules,
  );
  if (linked && 'intermediateGuaranteeAmount' in linked && current.content.kind === 'ADVANCE') {
    const excess = combinedExcess(rules, { contractAmount: after.contractAmount, guaranteeAmount: linked.intermediateGuaranteeAmount, advanceGuaranteeAmount: after.guaranteeAmount });
    if (excess) (ruleErrors.guaranteeAmount ??= []).push(combinedWithIntermediateMessage(rules.name, excess.ratio, excess.bound, linked.intermediateGuaranteeAmount));
  }
  for (const [key, messages] of Object.entries(ruleErrors)) {
    const relevant = (AMOUNT_RULE_KEYS.has(key) && amountChanged) || (DATE_RULE_KEYS.has(key) && dateChanged);
    if (relevant) for (const m of messages) add(key, m);
  }
  if (Object.keys(errors).length > 0) return fail(errors);

  const base: DecisionBase = {
    fields: changed.map((f) => ({ field: f, label: CHANGE_FIELD_LABEL[f], before: show(before[f]), after: show(after[f]) })),
    before,
    after,
    recomputePremium: changed.some((f) => f === 'guaranteeAmount' || f === 'guaranteeStart' || f === 'guaranteeEnd'),
    changeDate: proposal.changeDate,
    reason,
  };
  if (classification.kind === 'NEW_VERSION') {
    return ok({ ...base, kind: 'NEW_VERSION', reasonNote: '注1', newContent: nextVersionContent(current.content, after, options.issuedOn) });
  }
  return ok({ ...base, kind: 'RECORD_ONLY', reasonNote: classification.reasonNote === '注3' ? '注3' : '注2' });
}

// ───────────────────────────── premium ─────────────────────────────

export interface PremiumDifference {
  oldPremiumYen: bigint;
  newPremiumYen: bigint;
  /** new − old: positive → 追加保証料 to collect, negative → to return (返戻), 0 → nothing. */
  differenceYen: bigint;
  direction: 'ADDITIONAL' | 'REFUND' | 'NONE';
  /** The new computation's lines (its total read 変更後保証料), then 変更前保証料 and 差額. */
  lines: PremiumLine[];
  tableId?: string;
  isDemo: boolean;
}

/**
 * The premium difference of a change: the new computation (computePremium on the terms after the
 * change) against the premium already charged. Whether a negative difference is refunded is the
 * surety's business rule, not decided here: the direction and the lines say what it is.
 */
export function premiumDifference(oldPremium: bigint, newComputation: PremiumComputation): PremiumDifference {
  if (oldPremium < 0n) throw new RangeError('premiumDifference: negative premium');
  const differenceYen = newComputation.premiumYen - oldPremium;
  const direction = differenceYen > 0n ? 'ADDITIONAL' : differenceYen < 0n ? 'REFUND' : 'NONE';
  const lastIndex = newComputation.lines.length - 1;
  const lines: PremiumLine[] = newComputation.lines.map((line, i) =>
    i === lastIndex && line.label === '保証料' ? { ...line, label: '変更後保証料' } : { ...line },
  );
  lines.push({ label: '変更前保証料', amount: formatYen(oldPremium) });
  lines.push({
    label: direction === 'ADDITIONAL' ? '差額（追加保証料）' : direction === 'REFUND' ? '差額（返戻）' : '差額',
    detail: `${formatYen(newComputation.premiumYen)}円 − ${formatYen(oldPremium)}円`,
    amount: formatYen(differenceYen < 0n ? -differenceYen : differenceYen),
  });
  return {
    oldPremiumYen: oldPremium,
    newPremiumYen: newComputation.premiumYen,
    differenceYen,
    direction,
    lines,
    ...(newComputation.tableId ? { tableId: newComputation.tableId } : {}),
    isDemo: newComputation.isDemo,
  };
}

/** computePremium on the terms after the change (保証金額, 保証期間 in days), then premiumDifference. */
export function changedPremium(table: RateTableInput, oldPremium: bigint, after: GuaranteeTerms): PremiumDifference {
  const computation = computePremium(table, {
    guaranteeAmount: after.guaranteeAmount,
    periodDays: periodDays(after.guaranteeStart, after.guaranteeEnd),
  });
  return premiumDifference(oldPremium, computation);
}
