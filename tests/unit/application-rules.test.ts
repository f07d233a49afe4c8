import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseYen } from '@/domain/applications/fields';
import { APPLICATION_FIELD_LABEL } from '@/domain/applications/labels';
import { DATE_INPUT_MESSAGES } from '@/lib/date-input-messages';
import {
  aboveContractMessage,
  amountBounds,
  checkApplicationRules,
  combinedExcess,
  electronicEligibility,
  INTERMEDIATE_MESSAGES,
  missingFields,
  type ApplicationFacts,
  type OrdererRuleSet,
} from '@/domain/applications/rules';
import { applicationSchema } from '@/domain/applications/schemas';
import { OMURA_RULES } from '../support/samples';

const base: ApplicationFacts = {
  guaranteeKind: 'ADVANCE',
  workType: 'WORKS',
  contractDate: '2026-05-01',
  periodStart: '2026-05-02',
  periodEnd: '2027-03-31',
  contractAmount: 100_000_000n,
  guaranteeAmount: 40_000_000n,
  guaranteeStart: '2026-05-02',
  guaranteeEnd: '2027-03-31',
  depositBank: '〇〇銀行',
  depositBranch: '▲▲支店',
  deliveryMethod: 'ELECTRONIC',
};
const check = (patch: Partial<ApplicationFacts>, orderer = OMURA_RULES) => checkApplicationRules({ ...base, ...patch }, orderer);

describe('application rules (大村市 as data)', () => {
  it('a good application passes', () => {
    expect(check({})).toEqual({});
  });

  it('前払金 ≤ 4/10 for 工事 and ≤ 3/10 for コンサル, to the yen', () => {
    expect(check({ guaranteeAmount: 40_000_001n }).guaranteeAmount?.[0]).toContain('4/10（40,000,000円）以下');
    expect(check({ workType: 'CONSULTING', guaranteeAmount: 30_000_000n })).toEqual({});
    expect(check({ workType: 'CONSULTING', guaranteeAmount: 30_000_001n }).guaranteeAmount?.[0]).toContain('3/10（30,000,000円）以下');
  });

  it('中間前払金 ≤ 2/10 for every kind of work; 契約保証 ≥ 1/10 rounded up', () => {
    expect(check({ guaranteeKind: 'INTERMEDIATE', guaranteeAmount: 20_000_000n })).toEqual({});
    expect(check({ guaranteeKind: 'INTERMEDIATE', guaranteeAmount: 20_000_001n }).guaranteeAmount).toHaveLength(1);
    expect(check({ guaranteeKind: 'CONTRACT', guaranteeAmount: 10_000_000n })).toEqual({});
    expect(check({ guaranteeKind: 'CONTRACT', guaranteeAmount: 9_999_999n }).guaranteeAmount?.[0]).toContain('1/10（10,000,000円）以上');
    // 1/10 of 10,000,001 is 1,000,000.1: the smallest allowed amount is 1,000,001 yen.
    expect(amountBounds(OMURA_RULES, 'CONTRACT', 'WORKS', 10_000_001n)).toEqual([{ bound: 'MIN', numerator: 1, denominator: 10, yen: 1_000_001n }]);
    expect(check({ guaranteeKind: 'CONTRACT', contractAmount: 10_000_001n, guaranteeAmount: 1_000_000n }).guaranteeAmount).toHaveLength(1);
  });

  it('保証金額 never above 請負金額; the message names the 請負金額 and the orderer\'s bound for the kind', () => {
    // 200,000,000 typed for a 前払金保証 of 工事 on 100,000,000: both numbers to meet, in yen, and whose limit it is.
    const advance = check({ guaranteeAmount: 300_000_000n }).guaranteeAmount;
    expect(advance).toEqual([aboveContractMessage(OMURA_RULES, 'ADVANCE', 100_000_000n, amountBounds(OMURA_RULES, 'ADVANCE', 'WORKS', 100_000_000n))]);
    expect(advance![0]).toMatch(/請負金額（100,000,000円）以下/);
    expect(advance![0]).toMatch(/大村市の前払金保証の上限（請負金額の4\/10、40,000,000円）以下/);
    // コンサル: the limit for that kind of work.
    expect(check({ workType: 'CONSULTING', guaranteeAmount: 100_000_001n }).guaranteeAmount![0]).toMatch(/上限（請負金額の3\/10、30,000,000円）以下/);
    // 契約保証: a lower bound, said as one.
    const contract = check({ guaranteeKind: 'CONTRACT', guaranteeAmount: 100_000_001n }).guaranteeAmount;
    expect(contract).toHaveLength(1);
    expect(contract![0]).toMatch(/請負金額（100,000,000円）以下、かつ大村市の契約保証の下限（請負金額の1\/10、10,000,000円）以上/);
    // No bound for the kind (another orderer): the rule alone, no word of a limit.
    const none: OrdererRuleSet = { ...OMURA_RULES, limits: [] };
    const plain = check({ guaranteeAmount: 100_000_001n }, none).guaranteeAmount![0]!;
    expect(plain).not.toMatch(/上限|下限|大村市/);
    expect(plain).toBe(aboveContractMessage(none, 'ADVANCE', 100_000_000n, []));
  });

  it('the above-請負金額 message: both bounds in order, a bound that allows the whole 請負金額 left out', () => {
    const both: OrdererRuleSet = {
      ...OMURA_RULES,
      limits: [
        { guaranteeKind: 'ADVANCE', workType: null, bound: 'MAX', numerator: 4, denominator: 10 },
        { guaranteeKind: 'ADVANCE', workType: null, bound: 'MIN', numerator: 1, denominator: 10 },
      ],
    };
    const text = aboveContractMessage(both, 'ADVANCE', 50_000_000n, amountBounds(both, 'ADVANCE', 'WORKS', 50_000_000n));
    expect(text).toMatch(/下限（請負金額の1\/10、5,000,000円）以上・上限（請負金額の4\/10、20,000,000円）以下/);
    const whole: OrdererRuleSet = { ...OMURA_RULES, limits: [{ guaranteeKind: 'ADVANCE', workType: null, bound: 'MAX', numerator: 10, denominator: 10 }] };
    expect(aboveContractMessage(whole, 'ADVANCE', 50_000_000n, amountBounds(whole, 'ADVANCE', 'WORKS', 50_000_000n))).toBe(aboveContractMessage(whole, 'ADVANCE', 50_000_000n, []));
  });

  it('保証期間 must cover 工期 (both ends, day-exact)', () => {
    expect(check({ guaranteeEnd: '2027-03-30' }).guaranteeEnd?.[0]).toContain('工期を含む');
    expect(check({ guaranteeStart: '2026-05-03' }).guaranteeStart?.[0]).toContain('工期を含む');
    expect(check({ guaranteeStart: '2026-05-01', guaranteeEnd: '2027-04-30' })).toEqual({});
    expect(check({ periodEnd: '2026-05-01' }).periodEnd).toBeDefined();
    expect(check({ guaranteeEnd: '2026-05-01' }).guaranteeEnd?.[0]).toContain('保証期間（自）以降');
    expect(check({ contractDate: '2026-05-03' }).contractDate).toBeDefined();
  });

  it('電子交付 is refused with the rule named: 契約日 before 2026-04-01, or another kind of work', () => {
    const early = check({ contractDate: '2026-03-31', periodStart: '2026-04-01', guaranteeStart: '2026-04-01' });
    expect(early.deliveryMethod?.[0]).toContain('大村市の電子交付の対象は、2026年4月1日以降に契約を締結した工事・建設コンサルタント業務です。');
    expect(early.deliveryMethod?.[0]).toContain('「書面」を選択してください');
    expect(check({ contractDate: '2026-04-01', periodStart: '2026-04-01', guaranteeStart: '2026-04-01' })).toEqual({});
    expect(check({ workType: 'SURVEY' }).deliveryMethod?.[0]).toContain('測量業務は対象外');
    // 書面 stays possible for both.
    expect(check({ contractDate: '2026-03-31', periodStart: '2026-04-01', guaranteeStart: '2026-04-01', deliveryMethod: 'PAPER' })).toEqual({});
    expect(check({ workType: 'SURVEY', deliveryMethod: 'PAPER' })).toEqual({});
  });

  it('another orderer with other rules: only data changes', () => {
    const other: OrdererRuleSet = {
      name: '〇〇県',
      electronicFrom: '2027-01-01',
      electronicWorkTypes: ['WORKS'],
      limits: [{ guaranteeKind: 'ADVANCE', workType: null, bound: 'MAX', numerator: 1, denominator: 2 }],
    };
    expect(check({ guaranteeAmount: 50_000_000n, deliveryMethod: 'PAPER' }, other)).toEqual({});
    expect(check({ guaranteeAmount: 50_000_001n, deliveryMethod: 'PAPER' }, other).guaranteeAmount?.[0]).toContain('〇〇県の前払金保証の保証金額は、請負金額の1/2');
    expect(check({}, other).deliveryMethod?.[0]).toContain('2027年1月1日以降');
    expect(electronicEligibility({ ...other, electronicFrom: null }, base)).toEqual({
      ok: false,
      message: '〇〇県は電子証書（電子交付）の受付を行っていません。「書面」を選択してください。',
    });
  });

  it('a submission names every missing field; 預託金融機関 only for advance payments', () => {
    const errors = missingFields({});
    expect(Object.keys(errors)).toHaveLength(14);
    expect(errors.guaranteeKind).toEqual(['区分を選択してください。']);
    expect(errors.projectName).toEqual(['工事名を入力してください。']);
    expect(missingFields({ guaranteeKind: 'ADVANCE' }).depositBank).toBeDefined();
    expect(missingFields({ guaranteeKind: 'INTERMEDIATE' }).depositBranch).toBeDefined();
    expect(missingFields({ guaranteeKind: 'CONTRACT' }).depositBank).toBeUndefined();
  });
});

describe('field parsing', () => {
  it('amounts: 全角 digits and separators', () => {
    expect(parseYen('４０，０００，０００')).toBe(40_000_000n);
    expect(parseYen('40,000,000円')).toBe(40_000_000n);
    expect(parseYen(' 1 000 ')).toBe(1000n);
    for (const bad of ['', '1.5', '-1', '１e9', '四千万', '0x10']) expect(parseYen(bad)).toBeNull();
  });

  it('dates: every date field reads 西暦 and 和暦 as typed (tests/unit/date-input.test.ts has the forms); impossible dates refused', () => {
    const dates = (input: string) => applicationSchema.safeParse({ contractDate: input, guaranteeEnd: input });
    for (const input of ['2026-04-01', '2026/4/1', '２０２６／０４／０１', '2026年4月1日', 'R8.4.1', '令和8年4月1日', '令和８年４月１日']) {
      expect(dates(input).data).toMatchObject({ contractDate: '2026-04-01', guaranteeEnd: '2026-04-01' });
    }
    expect(dates('2026-02-30').error?.issues.map((i) => i.message)).toEqual([
      DATE_INPUT_MESSAGES.day(APPLICATION_FIELD_LABEL.contractDate, 2026, 2, 28),
      DATE_INPUT_MESSAGES.day(APPLICATION_FIELD_LABEL.guaranteeEnd, 2026, 2, 28),
    ]);
  });

  it('schema: Japanese errors at the field, never a throw', () => {
    const r = applicationSchema.safeParse({ contractAmount: 'abc', contractDate: '2026-13-01', guaranteeKind: 'X' });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    expect(paths.sort()).toEqual(['contractAmount', 'contractDate', 'guaranteeKind']);
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...Object.keys(applicationSchema.shape)), fc.oneof(fc.string({ maxLength: 300 }), fc.integer(), fc.constant(null))), (input) => {
        const parsed = applicationSchema.safeParse(input);
        if (!parsed.success) for (const issue of parsed.error.issues) expect(issue.message).toMatch(/[ぁ-んァ-ヶ一-龠]/);
      }),
    );
  });
});

describe('中間前払金 from a 認定 (issue 16, D15, D16)', () => {
  const RULED: OrdererRuleSet = { ...OMURA_RULES, intermediateRequiresCertification: true, combinedLimit: { numerator: 6, denominator: 10 } };
  const intermediate = (patch: Partial<ApplicationFacts> = {}, orderer = RULED) =>
    check({ guaranteeKind: 'INTERMEDIATE', guaranteeAmount: 20_000_000n, certificationId: 'c', advanceGuaranteeAmount: 40_000_000n, ...patch }, orderer);

  it('with the rule, no 認定 is refused at 中間前払金の認定 with the orderer named; without the rule it passes', () => {
    expect(intermediate({ certificationId: undefined, advanceGuaranteeAmount: undefined })).toEqual({ certificationId: [INTERMEDIATE_MESSAGES.certificationRequired('大村市')] });
    expect(INTERMEDIATE_MESSAGES.certificationRequired('大村市')).toBe('大村市の中間前払金保証は、発注者の認定（中間前払金認定調書）が必要です。「中間前払金の認定」から認定を請求してください。');
    expect(intermediate({ certificationId: undefined, advanceGuaranteeAmount: undefined }, OMURA_RULES)).toEqual({});
    expect(intermediate({ certificationId: undefined, advanceGuaranteeAmount: undefined }, { ...RULED, intermediateRequiresCertification: false })).toEqual({});
    // The rule concerns 中間前払金 only.
    expect(check({ guaranteeKind: 'ADVANCE' }, RULED)).toEqual({});
  });

  it('前払金 + 中間前払金 ≤ 6/10 of 請負金額: exactly the bound passes, one yen over is refused naming both amounts', () => {
    expect(intermediate({ advanceGuaranteeAmount: 40_000_000n, guaranteeAmount: 20_000_000n })).toEqual({});
    expect(intermediate({ advanceGuaranteeAmount: 40_000_001n, guaranteeAmount: 20_000_000n })).toEqual({
      guaranteeAmount: ['大村市の前払金と中間前払金の合計は、請負金額の6/10（60,000,000円）以下にしてください（前払金保証 40,000,001円）。'],
    });
    // 2/10 and 6/10 both: each names its own bound.
    expect(intermediate({ advanceGuaranteeAmount: 45_000_000n, guaranteeAmount: 20_000_001n }).guaranteeAmount).toEqual([
      expect.stringContaining('2/10（20,000,000円）以下'),
      expect.stringContaining('6/10（60,000,000円）以下'),
    ]);
    // The bound rounds down: 6/10 of 100,000,003 is 60,000,001.8.
    expect(combinedExcess(RULED, { contractAmount: 100_000_003n, guaranteeAmount: 20_000_000n, advanceGuaranteeAmount: 40_000_001n })).toBeNull();
    expect(combinedExcess(RULED, { contractAmount: 100_000_003n, guaranteeAmount: 20_000_000n, advanceGuaranteeAmount: 40_000_002n })).toEqual({ ratio: '6/10', bound: 60_000_001n, advance: 40_000_002n });
  });

  it('a rule-less orderer, or no 前払金保証 known, checks no combined limit', () => {
    expect(intermediate({ advanceGuaranteeAmount: 80_000_000n }, OMURA_RULES)).toEqual({});
    expect(intermediate({ advanceGuaranteeAmount: undefined }, RULED)).toEqual({});
    expect(combinedExcess({ combinedLimit: null }, { contractAmount: 1n, guaranteeAmount: 1n, advanceGuaranteeAmount: 1n })).toBeNull();
  });

  it('中間前払金 is for 工事 only, refused at 区分 for the other kinds of work', () => {
    expect(intermediate({ workType: 'CONSULTING' })).toEqual({ guaranteeKind: [INTERMEDIATE_MESSAGES.worksOnly] });
    expect(check({ guaranteeKind: 'INTERMEDIATE', workType: 'SURVEY', guaranteeAmount: 20_000_000n }).guaranteeKind).toEqual([INTERMEDIATE_MESSAGES.worksOnly]);
  });

  it('from a 認定 the 保証期間 starts at the 認定 (after 工期（自）); its end must still cover the 工期', () => {
    expect(intermediate({ guaranteeStart: '2026-10-23' })).toEqual({});
    expect(intermediate({ guaranteeStart: '2026-10-23', guaranteeEnd: '2027-03-30' })).toHaveProperty('guaranteeEnd');
    // Without a 認定 the rule of every application holds.
    expect(check({ guaranteeKind: 'INTERMEDIATE', guaranteeAmount: 20_000_000n, guaranteeStart: '2026-10-23' })).toHaveProperty('guaranteeStart');
  });
});
