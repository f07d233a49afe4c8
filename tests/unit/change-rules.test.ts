import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_YEN } from '@/domain/applications/fields';
import { INTERMEDIATE_MESSAGES, type OrdererRuleSet } from '@/domain/applications/rules';
import { buildCertificateContent, contentDigest, type CertificateContent, type CertificateSource } from '@/domain/certificates/content';
import {
  CHANGE_FIELDS,
  changedPremium,
  classifyChange,
  combinedWithIntermediateMessage,
  currentTerms,
  decideChange,
  followsWorksPeriod,
  premiumDifference,
  REASON_NOTE_TEXT,
  type ChangeDecision,
  type ChangeOptions,
  type CurrentGuarantee,
  type GuaranteeTerms,
} from '@/domain/changes/rules';
import { computePremium, type RateTableInput } from '@/domain/premium/calculate';
import type { Result } from '@/domain/result';
import { certificateSource, OMURA_RULES } from '../support/samples';

// ───────────────────────────── fixtures ─────────────────────────────

const source = certificateSource();

function guarantee(overrides: Partial<CertificateSource> = {}, facts: Partial<Omit<CurrentGuarantee, 'content'>> = {}): CurrentGuarantee {
  const content = buildCertificateContent({ ...source, ...overrides });
  return { content, periodStart: '2026-05-02', periodEnd: content.projectEndDate, ...facts };
}

const OPTIONS: ChangeOptions = { issuedOn: '2026-09-01', orderer: { rules: OMURA_RULES, workType: 'WORKS' } };

function decide(changes: Partial<GuaranteeTerms>, g = guarantee(), options: Partial<ChangeOptions> = {}, meta: { changeDate?: string; reason?: string } = {}) {
  return decideChange(g, { changes, changeDate: meta.changeDate ?? '2026-08-20', reason: meta.reason ?? '設計変更による' }, { ...OPTIONS, ...options });
}

function decided(result: Result<ChangeDecision>): ChangeDecision {
  if (!result.ok) throw new Error(`expected a decision, got ${JSON.stringify(result.fieldErrors)}`);
  return result.value;
}

function errorsOf(result: Result<ChangeDecision>) {
  if (result.ok) throw new Error(`expected errors, got ${result.value.kind}`);
  return result.fieldErrors;
}

const outcome = (result: Result<ChangeDecision>) => (result.ok ? `${result.value.kind} ${result.value.reasonNote}` : 'ERROR');

// ───────────────────────────── every combination ─────────────────────────────

/**
 * The columns of the table, in this order: 保証金額 請負金額 工期（自） 工期（至） 保証期間（自） 保証期間（至） 工事名.
 * Written out here, not taken from the module, so that a reordering there cannot pass unnoticed.
 */
const COLUMNS = ['guaranteeAmount', 'contractAmount', 'periodStart', 'periodEnd', 'guaranteeStart', 'guaranteeEnd', 'projectName'] as const;
type Column = (typeof COLUMNS)[number];

/**
 * The decision table, independent of the implementation: one pattern per row over the columns above
 * ('1' changed, '0' unchanged, '*' either), first match wins. In the generated changes a 保証期間 edge
 * follows the 工期 exactly when the same 工期 edge changes too (see `valuesFor`).
 */
const TABLE: readonly [pattern: string, expected: string][] = [
  ['1******', 'NEW_VERSION 注1'], // 【注1】 保証金額の増減
  ['******1', 'NEW_VERSION 注1'], // 工事名: certificate content
  ['**0*1**', 'NEW_VERSION 注1'], // 保証期間（自） with no 工期（自） change: not 工期-driven
  ['***0*1*', 'NEW_VERSION 注1'], // 保証期間（至） with no 工期（至） change
  ['0*1***0', 'RECORD_ONLY 注2'], // 工期（自） (with or without the 保証期間 following, with or without 請負金額)
  ['0**1**0', 'RECORD_ONLY 注2'], // 工期（至）, likewise
  ['0100000', 'RECORD_ONLY 注3'], // 【注3】 請負金額のみ
  ['0000000', 'ERROR'], // nothing changes
];

const matches = (pattern: string, bits: string) => [...pattern].every((p, i) => p === '*' || p === bits[i]);
const expectedFor = (bits: string) => TABLE.find(([pattern]) => matches(pattern, bits))?.[1];

/** The new values of a combination: every one valid, and coverage of the 工期 kept in all 128 combinations. */
function valuesFor(set: ReadonlySet<Column>): Partial<GuaranteeTerms> {
  const v: Partial<GuaranteeTerms> = {};
  if (set.has('guaranteeAmount')) v.guaranteeAmount = 30_000_000n;
  if (set.has('contractAmount')) v.contractAmount = 120_000_000n;
  if (set.has('periodStart')) v.periodStart = '2026-06-01'; // the works start later
  if (set.has('periodEnd')) v.periodEnd = '2027-02-26'; // the works end earlier
  // A 保証期間 edge moves onto the new 工期 edge when that edge moved; otherwise it widens on its own.
  if (set.has('guaranteeStart')) v.guaranteeStart = set.has('periodStart') ? '2026-06-01' : '2026-05-01';
  if (set.has('guaranteeEnd')) v.guaranteeEnd = set.has('periodEnd') ? '2027-02-26' : '2027-04-30';
  if (set.has('projectName')) v.projectName = '〇〇道路改良工事（その2）';
  return v;
}

const combinations = Array.from({ length: 2 ** COLUMNS.length }, (_, mask) => {
  const set = new Set(COLUMNS.filter((_, i) => (mask >> (COLUMNS.length - 1 - i)) & 1));
  const bits = COLUMNS.map((c) => (set.has(c) ? '1' : '0')).join('');
  return { bits, set, expected: expectedFor(bits) };
});

describe('変更契約: every combination of changed fields (2^7)', () => {
  it('the table is complete and its counts are the ones worked out by hand', () => {
    expect(COLUMNS).toEqual(CHANGE_FIELDS);
    expect(combinations).toHaveLength(128);
    for (const c of combinations) expect(c.expected, c.bits).toBeDefined();
    const count = (e: string) => combinations.filter((c) => c.expected === e).length;
    // Not 注1: no 保証金額, no 工事名, 保証期間（自）⇒工期（自）, 保証期間（至）⇒工期（至）: 2 (請負金額) × 3 × 3 = 18 sets.
    expect(count('NEW_VERSION 注1')).toBe(110);
    expect(count('RECORD_ONLY 注2')).toBe(16);
    expect(count('RECORD_ONLY 注3')).toBe(1);
    expect(count('ERROR')).toBe(1);
  });

  it.each(combinations.map((c) => [c.bits, c] as const))('%s', (_bits, { set, expected }) => {
    const g = guarantee();
    const result = decide(valuesFor(set), g);
    expect(outcome(result)).toBe(expected);
    if (!result.ok) {
      expect(result.fieldErrors['']?.[0]).toContain('変更する項目がありません');
      return;
    }
    const d = result.value;
    expect(d.fields.map((f) => f.field)).toEqual(COLUMNS.filter((c) => set.has(c)));
    expect(d.recomputePremium).toBe(set.has('guaranteeAmount') || set.has('guaranteeStart') || set.has('guaranteeEnd'));
    if (d.kind === 'RECORD_ONLY') {
      expect(d.newContent).toBeUndefined();
      return;
    }
    // The new version shows every term after the change, 注1's or not.
    const after = { ...currentTerms(g), ...valuesFor(set) };
    expect(d.newContent.guaranteeAmount).toBe(after.guaranteeAmount.toString());
    expect(d.newContent.contractAmount).toBe(after.contractAmount.toString());
    expect(d.newContent.guaranteePeriod).toEqual({ from: after.guaranteeStart, to: after.guaranteeEnd });
    expect(d.newContent.projectEndDate).toBe(after.periodEnd);
    expect(d.newContent.projectName).toBe(after.projectName);
  });

  it('the same classification without the orderer’s limits', () => {
    for (const c of combinations) {
      expect(outcome(decide(valuesFor(c.set), guarantee(), { orderer: undefined })), c.bits).toBe(c.expected);
    }
  });
});

// ───────────────────────────── boundaries of 【注2】 ─────────────────────────────

describe('【注2】 保証期間 following the 工期, to the day', () => {
  it('works extended: 保証期間（至） exactly on the new 工期（至） is 注2; one day short is refused', () => {
    expect(outcome(decide({ periodEnd: '2027-06-30', guaranteeEnd: '2027-06-30' }))).toBe('RECORD_ONLY 注2');
    const short = errorsOf(decide({ periodEnd: '2027-06-30', guaranteeEnd: '2027-06-29' }));
    expect(short.guaranteeEnd?.[0]).toBe('保証期間は工期を含むように入力してください（保証期間（至）を工期（至）2027年6月30日以降に）。');
    // The 工期 alone cannot outrun the 保証期間.
    expect(errorsOf(decide({ periodEnd: '2027-06-30' })).guaranteeEnd?.[0]).toContain('工期を含む');
  });

  it('works shortened: exactly on the new end is 注2; one day before it is refused', () => {
    expect(outcome(decide({ periodEnd: '2027-02-26', guaranteeEnd: '2027-02-26' }))).toBe('RECORD_ONLY 注2');
    expect(errorsOf(decide({ periodEnd: '2027-02-26', guaranteeEnd: '2027-02-25' })).guaranteeEnd?.[0]).toContain('2027年2月26日以降');
    // The 工期 alone, still covered: record only (工事末日 goes stale on the certificate, the record has it).
    expect(outcome(decide({ periodEnd: '2027-02-26' }))).toBe('RECORD_ONLY 注2');
  });

  it('works start: exactly covering is 注2, one day late is refused', () => {
    expect(outcome(decide({ periodStart: '2026-05-01', guaranteeStart: '2026-05-01' }))).toBe('RECORD_ONLY 注2');
    expect(errorsOf(decide({ periodStart: '2026-05-01' })).guaranteeStart?.[0]).toBe(
      '保証期間は工期を含むように入力してください（保証期間（自）を工期（自）2026年5月1日以前に）。',
    );
    expect(outcome(decide({ periodStart: '2026-05-03' }))).toBe('RECORD_ONLY 注2');
  });

  it('a 保証期間 moved further than the 工期 explains is 注1', () => {
    expect(outcome(decide({ periodEnd: '2027-06-30', guaranteeEnd: '2027-07-31' }))).toBe('NEW_VERSION 注1');
    expect(outcome(decide({ periodEnd: '2027-06-30', guaranteeEnd: '2027-07-01' }))).toBe('NEW_VERSION 注1');
  });

  it('a 保証期間 that keeps its distance from the 工期 follows it', () => {
    // The guarantee ran 30 days past the works (2027-03-31 → 2027-04-30).
    const g = guarantee({ guaranteeEnd: '2027-04-30' });
    expect(outcome(decide({ periodEnd: '2027-06-30', guaranteeEnd: '2027-07-30' }, g))).toBe('RECORD_ONLY 注2');
    expect(outcome(decide({ periodEnd: '2027-06-30', guaranteeEnd: '2027-06-30' }, g))).toBe('RECORD_ONLY 注2');
    expect(outcome(decide({ periodEnd: '2027-06-30', guaranteeEnd: '2027-07-31' }, g))).toBe('NEW_VERSION 注1');
    // Works later, guarantee earlier (onto the new end): not the 工期's doing.
    expect(outcome(decide({ periodEnd: '2027-04-15', guaranteeEnd: '2027-04-15' }, g))).toBe('NEW_VERSION 注1');
    // The 保証期間 shortened on its own, still covering: 注1.
    expect(outcome(decide({ guaranteeEnd: '2027-03-31' }, g))).toBe('NEW_VERSION 注1');
  });

  it('an edge follows only its own edge of the 工期', () => {
    expect(outcome(decide({ periodStart: '2026-06-01', guaranteeEnd: '2027-04-30' }))).toBe('NEW_VERSION 注1');
    expect(outcome(decide({ periodEnd: '2027-02-26', guaranteeStart: '2026-05-01' }))).toBe('NEW_VERSION 注1');
    const before = currentTerms(guarantee());
    expect(followsWorksPeriod('end', before, { ...before, periodEnd: '2027-02-26', guaranteeEnd: '2027-02-26' })).toBe(true);
    expect(followsWorksPeriod('start', before, { ...before, periodEnd: '2027-02-26', guaranteeEnd: '2027-02-26' })).toBe(false);
    expect(followsWorksPeriod('end', before, before)).toBe(false);
  });

  it('classifyChange is the table on consistent terms; null when nothing changes', () => {
    const before = currentTerms(guarantee());
    expect(classifyChange(before, before)).toBeNull();
    expect(classifyChange(before, { ...before, contractAmount: 1n })).toEqual({ kind: 'RECORD_ONLY', reasonNote: '注3' });
    expect(classifyChange(before, { ...before, contractAmount: 1n, periodEnd: '2027-01-01' })).toEqual({ kind: 'RECORD_ONLY', reasonNote: '注2' });
  });

  it('the notes are the flyer’s words', () => {
    expect(REASON_NOTE_TEXT['注2']).toBe('【注2】 保証期間については、工期の変更に伴って自動的に変更されますので、実際の保証証書は発行しません。');
    expect(REASON_NOTE_TEXT['注3']).toBe('【注3】 請負金額のみの変更の保証証書は発行を省略させていただきます。');
  });
});

// ───────────────────────────── the new version ─────────────────────────────

describe('the new version (【注1】)', () => {
  it('version + 1, (変更), issued on the date passed in; everything not changed is kept', () => {
    const g = guarantee();
    const frozen = structuredClone(g.content);
    const d = decided(decide({ guaranteeAmount: 30_000_000n }, g));
    if (d.kind !== 'NEW_VERSION') throw new Error(d.kind);
    expect(d.reasonNote).toBe('注1');
    expect(d.newContent.version).toBe(2);
    expect(d.newContent.changed).toBe(true);
    expect(d.newContent.issuedOn).toBe('2026-09-01');
    expect(d.newContent.guaranteeAmount).toBe('30000000');
    const { version: _v, changed: _c, issuedOn: _i, guaranteeAmount: _g, ...rest } = d.newContent;
    const { version: _v0, changed: _c0, issuedOn: _i0, guaranteeAmount: _g0, ...rest0 } = frozen;
    expect(rest).toEqual(rest0);
    expect(g.content).toEqual(frozen); // the old version is not touched
    expect(d.newContent.contractor).not.toBe(g.content.contractor); // nor shared
    expect(d.fields).toEqual([{ field: 'guaranteeAmount', label: '保証金額', before: '40000000', after: '30000000' }]);
    expect(d.changeDate).toBe('2026-08-20');
    expect(d.reason).toBe('設計変更による');
    expect(contentDigest(d.newContent)).not.toBe(contentDigest(g.content));
  });

  it('a third version counts from the second', () => {
    const g = guarantee({ version: 2, changed: true, guaranteeAmount: 30_000_000n });
    const d = decided(decide({ projectName: '〇〇道路改良工事（その2）' }, g));
    expect(d.newContent?.version).toBe(3);
    expect(d.newContent?.projectName).toBe('〇〇道路改良工事（その2）');
  });

  it('terms recorded by earlier record-only changes (注2, 注3) appear on the next version', () => {
    const g = guarantee({}, { periodEnd: '2027-06-30', recorded: { contractAmount: 120_000_000n, guaranteeEnd: '2027-06-30' } });
    const d = decided(decide({ guaranteeAmount: 48_000_000n }, g));
    expect(d.kind).toBe('NEW_VERSION');
    expect(d.fields.map((f) => f.field)).toEqual(['guaranteeAmount']); // compared with the record, not the stale certificate
    expect(d.newContent?.contractAmount).toBe('120000000');
    expect(d.newContent?.projectEndDate).toBe('2027-06-30');
    expect(d.newContent?.guaranteePeriod).toEqual({ from: '2026-05-02', to: '2027-06-30' });
    // 48,000,000 = 4/10 of the recorded 120,000,000: the limit uses the recorded 請負金額.
    expect(errorsOf(decide({ guaranteeAmount: 48_000_001n }, g)).guaranteeAmount?.[0]).toContain('4/10（48,000,000円）以下');
  });

  it('工事名 is compared and stored trimmed (NFC)', () => {
    expect(errorsOf(decide({ projectName: ' 〇〇道路改良工事 ' }))['']).toBeDefined();
    expect(decided(decide({ projectName: ' 〇〇道路改良工事（その2） ' })).newContent?.projectName).toBe('〇〇道路改良工事（その2）');
  });
});

// ───────────────────────────── refusals ─────────────────────────────

describe('invalid changes are refused in Japanese', () => {
  it('a 変更契約日 before the conclusion or before the last recorded change', () => {
    const g = guarantee({}, { concludedOn: '2026-05-01' });
    expect(errorsOf(decide({ contractAmount: 110_000_000n }, g, {}, { changeDate: '2026-04-30' })).changeDate).toEqual([
      '変更契約日は、保証契約の締結日（2026/05/01）以降の日付にしてください。',
    ]);
    const changedBefore = guarantee({}, { concludedOn: '2026-05-01', lastChangeDate: '2026-07-01' });
    expect(errorsOf(decide({ contractAmount: 110_000_000n }, changedBefore, {}, { changeDate: '2026-06-30' })).changeDate).toEqual([
      '変更契約日は、前回の変更契約日（2026/07/01）以降の日付にしてください。',
    ]);
    expect(outcome(decide({ contractAmount: 110_000_000n }, changedBefore, {}, { changeDate: '2026-07-01' }))).toBe('RECORD_ONLY 注3');
  });

  it('nothing changes', () => {
    expect(errorsOf(decide({}))).toEqual({ '': ['変更する項目がありません（入力された内容はすべて現在の内容と同じです）。'] });
    expect(errorsOf(decide({ guaranteeAmount: 40_000_000n, periodEnd: '2027-03-31' }))['']).toHaveLength(1);
  });

  it('amounts: at least 1 yen, not absurd, 保証金額 ≤ 請負金額 after the change', () => {
    expect(errorsOf(decide({ guaranteeAmount: 0n })).guaranteeAmount).toEqual(['保証金額は1円以上で入力してください。']);
    expect(errorsOf(decide({ contractAmount: -5n })).contractAmount).toEqual(['請負金額は1円以上で入力してください。']);
    expect(errorsOf(decide({ contractAmount: MAX_YEN + 1n })).contractAmount).toEqual(['請負金額が大きすぎます。']);
    expect(errorsOf(decide({ guaranteeAmount: 100_000_001n }, guarantee(), { orderer: undefined })).guaranteeAmount).toEqual([
      '保証金額は請負金額以下にしてください。',
    ]);
    expect(errorsOf(decide({ contractAmount: 39_999_999n }, guarantee(), { orderer: undefined })).guaranteeAmount).toEqual([
      '保証金額は請負金額以下にしてください。',
    ]);
    expect(outcome(decide({ guaranteeAmount: 1n }))).toBe('NEW_VERSION 注1');
    expect(outcome(decide({ guaranteeAmount: 100_000_000n }, guarantee(), { orderer: undefined }))).toBe('NEW_VERSION 注1');
  });

  it('the orderer’s limits come from its rows (applications/rules), only when passed and only when an amount changes', () => {
    expect(errorsOf(decide({ guaranteeAmount: 40_000_001n })).guaranteeAmount?.[0]).toBe(
      '大村市の前払金保証の保証金額は、請負金額の4/10（40,000,000円）以下にしてください。',
    );
    expect(outcome(decide({ guaranteeAmount: 40_000_001n }, guarantee(), { orderer: undefined }))).toBe('NEW_VERSION 注1');
    expect(errorsOf(decide({ contractAmount: 99_999_999n })).guaranteeAmount?.[0]).toContain('4/10（39,999,999円）以下');
    expect(errorsOf(decide({ guaranteeAmount: 30_000_001n }, guarantee(), { orderer: { rules: OMURA_RULES, workType: 'CONSULTING' } })).guaranteeAmount?.[0]).toContain(
      '3/10',
    );

    // 契約保証 ≥ 1/10: a larger 請負金額 needs a larger 保証金額 — and that is 注1.
    const contract = guarantee({ kind: 'CONTRACT', guaranteeAmount: 10_000_000n, depositBank: null });
    expect(errorsOf(decide({ contractAmount: 150_000_000n }, contract)).guaranteeAmount?.[0]).toBe(
      '大村市の契約保証の保証金額は、請負金額の1/10（15,000,000円）以上にしてください。',
    );
    expect(outcome(decide({ contractAmount: 150_000_000n, guaranteeAmount: 15_000_000n }, contract))).toBe('NEW_VERSION 注1');
    expect(outcome(decide({ contractAmount: 150_000_000n }, contract, { orderer: undefined }))).toBe('RECORD_ONLY 注3');

    // Limits edited since the conclusion do not block a change that moves no amount.
    const stricter: OrdererRuleSet = { ...OMURA_RULES, limits: [{ guaranteeKind: 'CONTRACT', workType: null, bound: 'MIN', numerator: 2, denominator: 10 }] };
    expect(outcome(decide({ periodEnd: '2027-02-26' }, contract, { orderer: { rules: stricter, workType: 'WORKS' } }))).toBe('RECORD_ONLY 注2');
    expect(errorsOf(decide({ contractAmount: 100_000_001n }, contract, { orderer: { rules: stricter, workType: 'WORKS' } })).guaranteeAmount).toHaveLength(1);
  });

  it('dates: calendar dates only, 工期 in order, 保証期間 in order', () => {
    expect(errorsOf(decide({ periodEnd: '2027-02-30' })).periodEnd).toEqual(['工期（至）は 2026-04-01 の形で、存在する日付を入力してください。']);
    expect(errorsOf(decide({ guaranteeStart: '2026/05/01' })).guaranteeStart?.[0]).toContain('存在する日付');
    expect(errorsOf(decide({ guaranteeEnd: '' })).guaranteeEnd?.[0]).toContain('保証期間（至）');
    expect(errorsOf(decide({ periodStart: '2027-04-01' })).periodEnd?.[0]).toBe('工期（至）は工期（自）以降の日付にしてください。');
    expect(errorsOf(decide({ guaranteeStart: '2027-04-01', guaranteeEnd: '2027-03-31' }, guarantee())).guaranteeEnd?.[0]).toBe(
      '保証期間（至）は保証期間（自）以降の日付にしてください。',
    );
  });

  it('工事名, 変更契約日, 変更理由, 証書発行日', () => {
    expect(errorsOf(decide({ projectName: '   ' })).projectName).toEqual(['工事名を入力してください。']);
    expect(errorsOf(decide({ projectName: '一行目\n二行目' })).projectName?.[0]).toBe('工事名は改行せずに1行で入力してください。');
    expect(errorsOf(decide({ projectName: '工'.repeat(201) })).projectName?.[0]).toBe('工事名は200文字以内で入力してください。');
    expect(errorsOf(decide({ guaranteeAmount: 30_000_000n }, guarantee(), {}, { reason: ' ' })).reason).toEqual(['変更理由を入力してください。']);
    expect(errorsOf(decide({ guaranteeAmount: 30_000_000n }, guarantee(), {}, { changeDate: '2026-13-01' })).changeDate?.[0]).toContain('変更契約日は');
    expect(errorsOf(decide({ guaranteeAmount: 30_000_000n }, guarantee(), {}, { changeDate: '2026-09-02' })).changeDate).toEqual([
      '変更契約日は証書発行日（2026/09/01）以前の日付にしてください。',
    ]);
    expect(outcome(decide({ guaranteeAmount: 30_000_000n }, guarantee(), {}, { changeDate: '2026-09-01' }))).toBe('NEW_VERSION 注1');
    expect(errorsOf(decide({ guaranteeAmount: 30_000_000n }, guarantee(), { issuedOn: 'today' })).issuedOn?.[0]).toContain('証書発行日');
  });

  it('every problem at once, each at its field', () => {
    const e = errorsOf(decideChange(guarantee(), { changes: { guaranteeAmount: 0n, periodEnd: 'x', projectName: '' }, changeDate: '', reason: '' }, OPTIONS));
    expect(Object.keys(e).sort()).toEqual(['changeDate', 'guaranteeAmount', 'periodEnd', 'projectName', 'reason']);
  });

  it('corrupt stored dates are a programming error, not a user message', () => {
    expect(() => decide({ guaranteeAmount: 1n }, guarantee({}, { periodStart: '2026-02-30' }))).toThrow(RangeError);
  });
});

// ───────────────────────────── premium ─────────────────────────────

const RATES: RateTableInput = {
  id: 'table-1',
  guaranteeKind: 'ADVANCE',
  effectiveFrom: '2026-04-01',
  minimumPremium: 1_000n,
  roundingUnit: 10,
  rounding: 'FLOOR',
  isDemo: true,
  brackets: [
    { amountFrom: 0n, amountTo: null, periodFromDays: 1, periodToDays: 366, ratePpm: 2_000 },
    { amountFrom: 0n, amountTo: null, periodFromDays: 366, periodToDays: null, ratePpm: 3_000 },
  ],
};

describe('premium difference', () => {
  it('recomputePremium: 保証金額 or 保証期間 changed', () => {
    expect(decided(decide({ guaranteeAmount: 30_000_000n })).recomputePremium).toBe(true);
    expect(decided(decide({ periodEnd: '2027-02-26', guaranteeEnd: '2027-02-26' })).recomputePremium).toBe(true);
    expect(decided(decide({ periodEnd: '2027-02-26' })).recomputePremium).toBe(false);
    expect(decided(decide({ contractAmount: 120_000_000n, projectName: '別工事' })).recomputePremium).toBe(false);
  });

  it('uses computePremium; collect, return or nothing, line by line', () => {
    // 2026-05-02 … 2027-03-31 is 334 days: 0.2000%.
    const oldPremium = computePremium(RATES, { guaranteeAmount: 40_000_000n, periodDays: 334 }).premiumYen;
    expect(oldPremium).toBe(80_000n);

    const up = decided(decide({ periodEnd: '2027-06-30', guaranteeEnd: '2027-06-30' }));
    const more = changedPremium(RATES, oldPremium, up.after); // 425 days: 0.3000%
    expect(more).toMatchObject({ oldPremiumYen: 80_000n, newPremiumYen: 120_000n, differenceYen: 40_000n, direction: 'ADDITIONAL', tableId: 'table-1', isDemo: true });
    expect(more.lines.map((l) => l.label)).toEqual(['全額の部分', '小計', '端数処理', '変更後保証料', '変更前保証料', '差額（追加保証料）']);
    expect(more.lines.at(-1)).toEqual({ label: '差額（追加保証料）', detail: '120,000円 − 80,000円', amount: '40,000' });

    const down = changedPremium(RATES, oldPremium, decided(decide({ guaranteeAmount: 30_000_000n })).after);
    expect(down).toMatchObject({ newPremiumYen: 60_000n, differenceYen: -20_000n, direction: 'REFUND' });
    expect(down.lines.at(-1)).toMatchObject({ label: '差額（返戻）', amount: '20,000' });

    const same = premiumDifference(80_000n, computePremium(RATES, { guaranteeAmount: 40_000_000n, periodDays: 334 }));
    expect(same).toMatchObject({ differenceYen: 0n, direction: 'NONE' });
    expect(same.lines.at(-1)).toMatchObject({ label: '差額', amount: '0' });
    expect(() => premiumDifference(-1n, computePremium(RATES, { guaranteeAmount: 1n, periodDays: 1 }))).toThrow(RangeError);
  });

  it('the minimum premium line survives into the difference', () => {
    const d = premiumDifference(1_000n, computePremium(RATES, { guaranteeAmount: 1_000n, periodDays: 10 }));
    expect(d.lines.map((l) => l.label)).toContain('最低保証料');
    expect(d.direction).toBe('NONE');
  });
});

// ───────────────────────────── properties ─────────────────────────────

const CURRENTS = [
  guarantee(),
  guarantee({ guaranteeEnd: '2027-04-30', guaranteeStart: '2026-05-01' }),
  guarantee({ kind: 'CONTRACT', guaranteeAmount: 10_000_000n, depositBank: null, version: 3, changed: true }),
];

const proposals = fc.record(
  {
    guaranteeAmount: fc.constantFrom(0n, 1n, 10_000_000n, 30_000_000n, 40_000_000n, 40_000_001n, 100_000_000n, 120_000_000n),
    contractAmount: fc.constantFrom(1n, 40_000_000n, 100_000_000n, 120_000_000n),
    periodStart: fc.constantFrom('2026-04-01', '2026-05-01', '2026-05-02', '2026-06-01', '2026-02-30'),
    periodEnd: fc.constantFrom('2027-02-26', '2027-03-31', '2027-06-30'),
    guaranteeStart: fc.constantFrom('2026-04-01', '2026-05-01', '2026-05-02', '2026-06-01'),
    guaranteeEnd: fc.constantFrom('2027-02-26', '2027-03-31', '2027-04-30', '2027-06-30', '2027-07-30'),
    projectName: fc.constantFrom('〇〇道路改良工事', ' 〇〇道路改良工事 ', '〇〇道路改良工事（その2）', ''),
  },
  { requiredKeys: [] },
);
const withOrderer = fc.boolean();
const JAPANESE = /[ぁ-んァ-ヶ一-龠]/;

describe('properties', () => {
  it('no change → an error, whatever subset of the current values is proposed again', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CURRENTS), fc.subarray([...CHANGE_FIELDS]), withOrderer, (g, fields, lim) => {
        const now = currentTerms(g);
        const changes = Object.fromEntries(fields.map((f) => [f, now[f]])) as Partial<GuaranteeTerms>;
        const r = decide(changes, g, lim ? {} : { orderer: undefined });
        expect(r.ok).toBe(false);
        expect(errorsOf(r)['']?.[0]).toContain('変更する項目がありません');
      }),
    );
  });

  it('RECORD_ONLY never carries content; NEW_VERSION is (変更), version + 1, another digest, the rest kept', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CURRENTS), proposals, withOrderer, (g, changes, lim) => {
        const r = decide(changes, g, lim ? {} : { orderer: undefined });
        if (!r.ok) {
          for (const messages of Object.values(r.fieldErrors)) for (const m of messages) expect(m).toMatch(JAPANESE);
          return;
        }
        const d = r.value;
        expect(d.fields.length).toBeGreaterThan(0);
        for (const f of d.fields) expect(f.before).not.toBe(f.after);
        // The terms after the change are consistent.
        expect(d.after.guaranteeAmount <= d.after.contractAmount).toBe(true);
        expect(d.after.guaranteeStart <= d.after.periodStart && d.after.periodEnd <= d.after.guaranteeEnd).toBe(true);
        if (d.kind === 'RECORD_ONLY') {
          expect(d.newContent).toBeUndefined();
          expect('newContent' in d).toBe(false);
          expect(['注2', '注3']).toContain(d.reasonNote);
          return;
        }
        expect(d.reasonNote).toBe('注1');
        expect(d.newContent.changed).toBe(true);
        expect(d.newContent.version).toBe(g.content.version + 1);
        expect(d.newContent.issuedOn).toBe(OPTIONS.issuedOn);
        expect(contentDigest(d.newContent)).not.toBe(contentDigest(g.content));
        const changedKeys = new Set(['version', 'changed', 'issuedOn', 'guaranteeAmount', 'guaranteePeriod', 'projectEndDate', 'projectName', 'contractAmount']);
        for (const key of Object.keys(g.content) as (keyof CertificateContent)[]) {
          if (!changedKeys.has(key)) expect(d.newContent[key]).toEqual(g.content[key]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a decision never depends on the order or on fields proposed with their current value', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CURRENTS), proposals, fc.subarray([...CHANGE_FIELDS]), (g, changes, same) => {
        const now = currentTerms(g);
        const padded = { ...Object.fromEntries(same.map((f) => [f, now[f]])), ...changes } as Partial<GuaranteeTerms>;
        expect(outcome(decide(padded, g))).toBe(outcome(decide(changes, g)));
      }),
    );
  });
});

// ───────────────────────────── the same contract's other guarantee (issue 16) ─────────────────────────────

describe('a 変更契約 of a 前払金保証 or of its 中間前払金保証 (sameContract)', () => {
  // Only the combined limit (6/10), so that no per-kind limit answers first.
  const COMBINED: OrdererRuleSet = { ...OMURA_RULES, limits: [], combinedLimit: { numerator: 6, denominator: 10 } };
  const withCombined: Partial<ChangeOptions> = { orderer: { rules: COMBINED, workType: 'WORKS' } };
  /** A 中間前払金保証 concluded from a 認定 given on 2026-11-02: its 保証期間 starts then, after 工期（自） 2026-05-02. */
  const intermediate = () => guarantee({ kind: 'INTERMEDIATE', guaranteeAmount: 20_000_000n, guaranteeStart: '2026-11-02' });
  const fromCertification = { certificationId: 'c0ffee00-0000-4000-8000-000000000001', advanceGuaranteeAmount: 40_000_000n };
  const extension = { periodEnd: '2027-06-30', guaranteeEnd: '2027-06-30' };

  it('a 工期延長 of a 中間前払金保証 from a 認定 is recorded (注2): its 保証期間 starts on the 認定日, as on application', () => {
    expect(outcome(decide(extension, intermediate(), { ...withCombined, sameContract: fromCertification }))).toBe('RECORD_ONLY 注2');
    // Without the 認定 the same guarantee would have to cover 工期（自）.
    expect(errorsOf(decide(extension, intermediate(), withCombined)).guaranteeStart).toHaveLength(1);
  });

  it('前払金 + 中間前払金 stays within the combined limit when the 中間前払金保証 changes', () => {
    const raised = errorsOf(decide({ guaranteeAmount: 25_000_000n }, intermediate(), { ...withCombined, sameContract: fromCertification }));
    expect(raised.guaranteeAmount).toEqual([INTERMEDIATE_MESSAGES.combined('大村市', '6/10', 60_000_000n, 40_000_000n)]);
    // Lowering the 請負金額 lowers the bound: 40,000,000 + 20,000,000 > 6/10 of 90,000,000.
    const lowered = errorsOf(decide({ contractAmount: 90_000_000n }, intermediate(), { ...withCombined, sameContract: fromCertification }));
    expect(lowered.guaranteeAmount).toEqual([INTERMEDIATE_MESSAGES.combined('大村市', '6/10', 54_000_000n, 40_000_000n)]);
    expect(outcome(decide({ guaranteeAmount: 19_000_000n }, intermediate(), { ...withCombined, sameContract: fromCertification }))).toBe('NEW_VERSION 注1');
  });

  it('前払金 + 中間前払金 stays within the combined limit when the 前払金保証 changes', () => {
    const sameContract = { intermediateGuaranteeAmount: 20_000_000n };
    const raised = errorsOf(decide({ guaranteeAmount: 45_000_000n }, guarantee(), { ...withCombined, sameContract }));
    expect(raised.guaranteeAmount).toEqual([combinedWithIntermediateMessage('大村市', '6/10', 60_000_000n, 20_000_000n)]);
    const lowered = errorsOf(decide({ contractAmount: 90_000_000n }, guarantee(), { ...withCombined, sameContract }));
    expect(lowered.guaranteeAmount).toEqual([combinedWithIntermediateMessage('大村市', '6/10', 54_000_000n, 20_000_000n)]);
    // Within the bound, or with no 中間前払金保証, the change is decided as before.
    expect(outcome(decide({ guaranteeAmount: 39_000_000n }, guarantee(), { ...withCombined, sameContract }))).toBe('NEW_VERSION 注1');
    expect(outcome(decide({ guaranteeAmount: 45_000_000n }, guarantee(), withCombined))).toBe('NEW_VERSION 注1');
    // A date-only change does not re-judge the amounts.
    expect(outcome(decide({ periodEnd: '2027-02-28' }, guarantee(), { orderer: { rules: COMBINED, workType: 'WORKS' }, sameContract: { intermediateGuaranteeAmount: 30_000_000n } }))).toBe('RECORD_ONLY 注2');
  });
});
