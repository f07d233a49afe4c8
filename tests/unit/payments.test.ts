import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { termsAfterChanges } from '@/domain/premium/change-statement';
import { receiptIssuedMail } from '@/domain/premium/mail-texts';
import { paymentSchema } from '@/domain/premium/payment-schema';
import { DATE_INPUT_MESSAGES } from '@/lib/date-input-messages';
import {
  calculationAmountText,
  checkPayment,
  coveredCalculations,
  PAYMENT_MESSAGES,
  premiumBalance,
  premiumDocumentTitle,
  readReceiptContent,
  receiptLines,
  receiptNumber,
  type PremiumDocumentFacts,
  type ReceiptContent,
} from '@/domain/premium/payments';
import { toFieldErrors } from '@/domain/zod-errors';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const calc = (n: number, amount: bigint, changeId: string | null = null) => ({ id: id(n), kind: 'CALCULATION' as const, amount, changeId, issuedOn: '2026-04-01' });

function receipt(n: number, amount: bigint, covered: string[]): PremiumDocumentFacts & { lines: ReceiptContent } {
  return {
    id: id(n),
    kind: 'RECEIPT',
    amount,
    changeId: null,
    lines: {
      receiptNumber: receiptNumber('2070004426', 1),
      contractor: { name: '株式会社〇〇建設', address: '▲▲市' },
      projectName: '〇〇道路改良工事',
      ordererName: '大村市長',
      covered: covered.map((documentId) => ({ documentId, title: '保証料計算書', issuedOn: '2026-04-01', amount: '0' })),
      issuer: { address: '大阪市', companyName: '西日本建設業保証株式会社', representativeTitle: '取締役社長', representativeName: '藤田 一' },
      branch: null,
    },
  };
}

const context = { outstanding: 123_000n, today: '2026-11-25', concludedOn: '2026-04-01' };

describe('premiumBalance', () => {
  it('is Σ calculations − Σ receipts, and lists the calculations no receipt covers', () => {
    const docs = [calc(1, 92_000n), receipt(2, 92_000n, [id(1)]), calc(3, -3_000n, id(90)), calc(4, 10_000n, id(91))];
    const b = premiumBalance(docs);
    expect(b).toMatchObject({ due: 99_000n, paid: 92_000n, outstanding: 7_000n });
    expect(b.uncovered.map((d) => d.id)).toEqual([id(3), id(4)]);
  });

  it('a 返戻 larger than what is left gives a negative outstanding (nothing to pay)', () => {
    const b = premiumBalance([calc(1, 92_000n), receipt(2, 92_000n, [id(1)]), calc(3, -3_000n, id(90))]);
    expect(b.outstanding).toBe(-3_000n);
    expect(checkPayment({ paidOn: '2026-11-25', amount: 3_000n }, { ...context, outstanding: b.outstanding })).toEqual({ '': [PAYMENT_MESSAGES.nothingOutstanding] });
  });

  it('refuses a receipt whose stored content is not a receipt', () => {
    expect(() => premiumBalance([calc(1, 1n), { id: id(2), kind: 'RECEIPT', amount: 1n, changeId: null, lines: [{ label: '保証料', amount: '1' }] }])).toThrow();
  });

  it('property: paying exactly the outstanding amount each time always settles the guarantee', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -50_000n, max: 200_000n }), { minLength: 1, maxLength: 8 }), (amounts) => {
        const docs: (PremiumDocumentFacts & { lines?: unknown })[] = [];
        let n = 1;
        for (const amount of amounts) {
          docs.push(calc(n++, amount, docs.length > 0 ? id(1000 + n) : null));
          const b = premiumBalance(docs);
          if (checkPayment({ paidOn: '2026-05-01', amount: b.outstanding }, { ...context, outstanding: b.outstanding }) === null) {
            docs.push(receipt(n++, b.outstanding, b.uncovered.map((d) => d.id)));
            const after = premiumBalance(docs);
            expect(after.outstanding).toBe(0n);
            expect(after.uncovered).toEqual([]);
          } else expect(b.outstanding <= 0n).toBe(true);
        }
      }),
    );
  });
});

describe('checkPayment', () => {
  it('accepts exactly the outstanding amount on a date between the conclusion and today', () => {
    expect(checkPayment({ paidOn: '2026-04-01', amount: 123_000n }, context)).toBeNull();
    expect(checkPayment({ paidOn: '2026-11-25', amount: 123_000n }, context)).toBeNull();
  });

  it('refuses a different amount at the amount field with the difference', () => {
    expect(checkPayment({ paidOn: '2026-05-01', amount: 120_000n }, context)).toEqual({
      amount: ['入金額が未払いの保証料 123,000円と一致しません（差額 3,000円 不足）。'],
    });
    expect(checkPayment({ paidOn: '2026-05-01', amount: 1_123_000n }, context)).toEqual({
      amount: ['入金額が未払いの保証料 123,000円と一致しません（差額 1,000,000円 超過）。'],
    });
  });

  it('refuses a date in the future or before the conclusion, with the amount checked as well', () => {
    expect(checkPayment({ paidOn: '2026-11-26', amount: 123_000n }, context)).toEqual({ paidOn: [PAYMENT_MESSAGES.future] });
    expect(checkPayment({ paidOn: '2026-03-31', amount: 1n }, context)).toEqual({
      paidOn: ['入金日は保証契約の締結日（2026/04/01）以降の日付を入力してください。'],
      amount: [PAYMENT_MESSAGES.mismatch(123_000n, 1n)],
    });
  });

  it('refuses anything when nothing is outstanding', () => {
    expect(checkPayment({ paidOn: '2026-05-01', amount: 0n }, { ...context, outstanding: 0n })).toEqual({ '': ['未払いの保証料はありません。'] });
  });
});

describe('paymentSchema', () => {
  const parse = (input: Record<string, unknown>) => paymentSchema.safeParse(input);

  it('accepts 全角 digits, commas and 円, and 2026/4/1 or 2026年4月1日', () => {
    expect(parse({ paidOn: '2026/4/1', amount: '１２３，０００円', method: 'BANK_TRANSFER' })).toEqual({
      success: true,
      data: { paidOn: '2026-04-01', amount: 123_000n, method: 'BANK_TRANSFER' },
    });
    expect(parse({ paidOn: '２０２６年４月１日', amount: '92000', method: 'CASH' }).data).toMatchObject({ paidOn: '2026-04-01', amount: 92_000n });
  });

  it('names each missing or malformed field in Japanese', () => {
    const missing = parse({});
    expect(missing.success).toBe(false);
    expect(toFieldErrors(missing.error!)).toEqual({
      paidOn: ['入金日を入力してください。'],
      amount: ['入金額を入力してください。'],
      method: ['入金方法を選択してください。'],
    });
    const bad = parse({ paidOn: '2026-02-30', amount: '-5', method: 'CHEQUE' });
    expect(toFieldErrors(bad.error!)).toEqual({
      paidOn: [DATE_INPUT_MESSAGES.day('入金日', 2026, 2, 28)],
      amount: ['入金額は円単位の数字で入力してください（例: 40,000,000）。'],
      method: ['入金方法を選択してください。'],
    });
    expect(toFieldErrors(parse({ paidOn: '2026-04-01', amount: '0', method: 'CASH' }).error!)).toEqual({ amount: ['入金額は1円以上で入力してください。'] });
  });
});

describe('receipt numbers, titles and lines', () => {
  it('numbers receipts per guarantee', () => {
    expect(receiptNumber('2070004426', 1)).toBe('2070004426-01');
    expect(receiptNumber('2070004426', 12)).toBe('2070004426-12');
    expect(receiptNumber('2070004426', 100)).toBe('2070004426-100');
    expect(() => receiptNumber('2070004426', 0)).toThrow(RangeError);
  });

  it('titles a change calculation 変更保証料計算書 and shows a negative one as 返戻, never as an amount to pay', () => {
    expect(premiumDocumentTitle({ kind: 'CALCULATION', changeId: null })).toBe('保証料計算書');
    expect(premiumDocumentTitle({ kind: 'CALCULATION', changeId: id(9) })).toBe('変更保証料計算書');
    expect(premiumDocumentTitle({ kind: 'RECEIPT', changeId: null })).toBe('保証料領収証');
    expect(calculationAmountText(calc(1, 92_000n))).toBe('92,000');
    expect(calculationAmountText(calc(2, 10_000n, id(9)))).toBe('追加保証料 10,000');
    expect(calculationAmountText(calc(3, -3_000n, id(9)))).toBe('返戻 3,000');
  });

  it('stores what a receipt covers and prints it, a 返戻 as △', () => {
    const covered = coveredCalculations([calc(1, 92_000n), calc(2, -3_000n, id(9)), calc(3, 10_000n, id(10))]);
    expect(covered[1]).toEqual({ documentId: id(2), title: '変更保証料計算書', issuedOn: '2026-04-01', amount: '-3000' });
    expect(receiptLines(covered)).toEqual([
      { label: '保証料計算書', detail: '2026/04/01 発行', amount: '92,000' },
      { label: '変更保証料計算書（返戻）', detail: '2026/04/01 発行', amount: '△3,000' },
      { label: '変更保証料計算書（追加保証料）', detail: '2026/04/01 発行', amount: '10,000' },
    ]);
    const content = receipt(5, 99_000n, [id(1)]).lines;
    expect(readReceiptContent(JSON.parse(JSON.stringify(content)))).toEqual(content);
  });
});

describe('termsAfterChanges (変更保証料計算書)', () => {
  const base = { guaranteeAmount: 40_000_000n, guaranteeStart: '2026-04-11', guaranteeEnd: '2027-03-31', projectName: '〇〇道路改良工事' };

  it('applies each change in order: later values win, other fields are ignored', () => {
    const changes = [
      { fields: [{ field: 'guaranteeEnd', label: '保証期間（至）', before: '2027-03-31', after: '2027-06-30' }] },
      {
        fields: [
          { field: 'guaranteeAmount', label: '保証金額', before: '40000000', after: '48000000' },
          { field: 'contractAmount', label: '請負金額', before: '100000000', after: '120000000' },
          { field: 'projectName', label: '工事名', before: '〇〇道路改良工事', after: '〇〇道路改良工事（その2）' },
        ],
      },
    ];
    expect(termsAfterChanges(base, changes)).toEqual({ guaranteeAmount: 48_000_000n, guaranteeStart: '2026-04-11', guaranteeEnd: '2027-06-30', projectName: '〇〇道路改良工事（その2）' });
    expect(termsAfterChanges(base, [])).toEqual(base);
  });
});

describe('receiptIssuedMail', () => {
  it('says where to read the receipt, with the receipt number and amount', () => {
    const mail = receiptIssuedMail({
      contractorName: '株式会社〇〇建設',
      suretyName: '西日本建設業保証株式会社',
      number: '2070004426',
      projectName: '〇〇道路改良工事',
      receiptNumber: '2070004426-01',
      amount: 92_000n,
      paidOnJapanese: '令和 8年 4月 1日',
    });
    expect(mail.subject).toBe('保証料領収証発行のお知らせ（保証契約番号 2070004426）');
    for (const text of ['株式会社〇〇建設 様', '2070004426-01', '92,000円', '令和 8年 4月 1日', '「保証料一覧」', '/login']) expect(mail.bodyText).toContain(text);
  });
});
