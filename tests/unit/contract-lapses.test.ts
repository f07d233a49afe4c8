import { describe, expect, it } from 'vitest';
import { lapseContractorMail, lapseOrdererMail, lapseSentence } from '@/domain/contracts/lapse-labels';
import { neededChanges, satisfies, touchesOf, watchRevision, type LapseContract, type LapseGuarantee } from '@/domain/contracts/lapse-rules';

const contract: LapseContract = { contractAmount: 100_000_000n, periodEnd: '2027-03-31', advanceShareBp: 4000, performanceShareBp: 1000 };
const advance: LapseGuarantee = { kind: 'ADVANCE', guaranteeAmount: 40_000_000n, guaranteeEnd: '2027-03-31' };
const performance: LapseGuarantee = { kind: 'CONTRACT', guaranteeAmount: 10_000_000n, guaranteeEnd: '2027-03-31' };
const both = { periodEnd: true, amount: true };

describe('neededChanges (decision 075)', () => {
  it('needs nothing while the guarantee fits the contract, to the yen and the day', () => {
    expect(neededChanges(contract, advance)).toEqual([]);
    expect(neededChanges(contract, performance)).toEqual([]);
  });

  it('a 工期 extension: the 保証期間 to its new end', () => {
    expect(neededChanges({ ...contract, periodEnd: '2027-04-01' }, advance)).toEqual([{ kind: 'EXTEND_PERIOD', neededEnd: '2027-04-01', neededAmount: null }]);
  });

  it('a lower 請負金額: a 前払金 above its share must be lowered to at most the share (rounded down)', () => {
    expect(neededChanges({ ...contract, contractAmount: 99_999_999n }, advance)).toEqual([{ kind: 'LOWER_AMOUNT', neededEnd: null, neededAmount: 39_999_999n }]);
    // 中間前払金保証 as 072 reads it: within the 前払金 share.
    expect(neededChanges({ ...contract, contractAmount: 90_000_000n }, { ...advance, kind: 'INTERMEDIATE' })).toEqual([{ kind: 'LOWER_AMOUNT', neededEnd: null, neededAmount: 36_000_000n }]);
    // A higher price leaves the 前払金 within its share: nothing must change.
    expect(neededChanges({ ...contract, contractAmount: 120_000_000n }, advance)).toEqual([]);
  });

  it('a higher 請負金額: a 契約保証 below its share must be raised to at least the share (rounded up)', () => {
    expect(neededChanges({ ...contract, contractAmount: 100_000_001n }, performance)).toEqual([{ kind: 'RAISE_AMOUNT', neededEnd: null, neededAmount: 10_000_001n }]);
    expect(neededChanges({ ...contract, contractAmount: 90_000_000n }, performance)).toEqual([]);
  });

  it('a guarantee the contract marks 不要 needs no amount change', () => {
    expect(neededChanges({ ...contract, contractAmount: 1n, advanceShareBp: null }, advance)).toEqual([]);
    expect(neededChanges({ ...contract, contractAmount: 10n ** 12n, performanceShareBp: null }, performance)).toEqual([]);
  });

  it('both at once, period first', () => {
    expect(neededChanges({ ...contract, periodEnd: '2027-06-30', contractAmount: 200_000_000n }, performance).map((n) => n.kind)).toEqual(['EXTEND_PERIOD', 'RAISE_AMOUNT']);
  });
});

describe('satisfies: the 変更契約 that resolves a need', () => {
  it('the period reaching the needed end or past it; an amount reaching its bound', () => {
    const extend = { kind: 'EXTEND_PERIOD' as const, neededEnd: '2027-06-30', neededAmount: null };
    expect(satisfies(extend, { ...advance, guaranteeEnd: '2027-06-29' })).toBe(false);
    expect(satisfies(extend, { ...advance, guaranteeEnd: '2027-06-30' })).toBe(true);
    expect(satisfies(extend, { ...advance, guaranteeEnd: '2027-07-31' })).toBe(true);
    const raise = { kind: 'RAISE_AMOUNT' as const, neededEnd: null, neededAmount: 12_000_000n };
    expect(satisfies(raise, { ...performance, guaranteeAmount: 11_999_999n })).toBe(false);
    expect(satisfies(raise, { ...performance, guaranteeAmount: 12_000_000n })).toBe(true);
    const lower = { kind: 'LOWER_AMOUNT' as const, neededEnd: null, neededAmount: 32_000_000n };
    expect(satisfies(lower, { ...advance, guaranteeAmount: 32_000_001n })).toBe(false);
    expect(satisfies(lower, { ...advance, guaranteeAmount: 30_000_000n })).toBe(true);
  });
});

describe('watchRevision', () => {
  const extended = { ...contract, periodEnd: '2027-06-30' };

  it('raises a need only when the revision changed what it depends on', () => {
    expect(watchRevision({ contract: extended, guarantee: advance, live: true, touches: both, open: [] }).raise).toHaveLength(1);
    // A revision of the 工事名 alone does not turn a difference the contract always had into a lapse (072 shows it).
    expect(watchRevision({ contract: extended, guarantee: advance, live: true, touches: { periodEnd: false, amount: false }, open: [] }).raise).toEqual([]);
    expect(watchRevision({ contract: extended, guarantee: advance, live: true, touches: { periodEnd: false, amount: true }, open: [] }).raise).toEqual([]);
  });

  it('an open need asked again is not raised twice; a moved one is superseded; one no longer needed is withdrawn', () => {
    const open = [{ id: 'a', kind: 'EXTEND_PERIOD' as const, neededEnd: '2027-06-30', neededAmount: null }];
    expect(watchRevision({ contract: extended, guarantee: advance, live: true, touches: both, open })).toEqual({ raise: [], withdraw: [], supersede: [] });
    expect(watchRevision({ contract: { ...contract, periodEnd: '2027-09-30' }, guarantee: advance, live: true, touches: both, open })).toEqual({
      raise: [{ kind: 'EXTEND_PERIOD', neededEnd: '2027-09-30', neededAmount: null }],
      withdraw: [],
      supersede: ['a'],
    });
    expect(watchRevision({ contract, guarantee: advance, live: true, touches: both, open })).toEqual({ raise: [], withdraw: ['a'], supersede: [] });
  });

  it('a guarantee that can no longer be changed (解除, 期間満了) gets no new need, but a need no longer there is withdrawn', () => {
    expect(watchRevision({ contract: extended, guarantee: advance, live: false, touches: both, open: [] }).raise).toEqual([]);
    const open = [{ id: 'a', kind: 'EXTEND_PERIOD' as const, neededEnd: '2027-06-30', neededAmount: null }];
    expect(watchRevision({ contract, guarantee: advance, live: false, touches: both, open }).withdraw).toEqual(['a']);
  });

  it('touchesOf reads a revision’s changes', () => {
    expect(touchesOf([{ field: 'periodEnd' }])).toEqual({ periodEnd: true, amount: false });
    expect(touchesOf([{ field: 'contractAmount' }])).toEqual({ periodEnd: false, amount: true });
    expect(touchesOf([{ field: 'performanceShare' }, { field: 'projectName' }])).toEqual({ periodEnd: false, amount: true });
    expect(touchesOf([{ field: 'periodStart' }])).toEqual({ periodEnd: false, amount: false });
  });
});

describe('the words', () => {
  const extend = { kind: 'EXTEND_PERIOD' as const, neededEnd: '2027-06-30', neededAmount: null, guaranteeEnd: '2027-03-31', guaranteeAmount: 40_000_000n, contractAmount: 100_000_000n };
  const lower = { kind: 'LOWER_AMOUNT' as const, neededEnd: null, neededAmount: 32_000_000n, guaranteeEnd: '2027-03-31', guaranteeAmount: 40_000_000n, contractAmount: 80_000_000n };

  it('say why and which 変更契約, with dates in 和暦 and amounts in yen', () => {
    expect(lapseSentence(extend)).toBe('工期（至）が令和9年6月30日に延びたため、保証期間（至）令和9年3月31日を令和9年6月30日まで延長する変更契約が必要です。');
    expect(lapseSentence(lower)).toContain('保証金額40,000,000円を32,000,000円以下に減額する変更契約が必要です');
    expect(lapseSentence({ ...lower, kind: 'RAISE_AMOUNT', neededAmount: 12_000_000n, guaranteeAmount: 10_000_000n, contractAmount: 120_000_000n })).toBe(
      '請負金額が120,000,000円に変わったため、契約保証の保証金額10,000,000円を12,000,000円以上に増額する変更契約が必要です。',
    );
  });

  it('mail each side in its own words, never a key', () => {
    const facts = { ordererName: '大村市', contractNumber: 'K-1', projectName: '〇〇道路改良工事', guaranteeNumber: '1234567890', contractorName: '株式会社〇〇建設', suretyName: '西日本建設業保証株式会社', contractId: 'c1', lapses: [extend, lower] };
    const o = lapseOrdererMail(facts, 'TOLD');
    expect(o.bodyText).toContain('受注者にも同じ内容をお知らせしました。変更契約が登録されると、契約台帳の表示は消えます。');
    // The contractor not told: the orderer's mail says why, never that it was.
    const differs = lapseOrdererMail(facts, 'DIFFERS').bodyText;
    expect(differs).toContain('契約台帳の受注者と保証証書の受注者が異なるため、受注者にはお知らせしていません。照合が正しいかご確認ください。');
    const noAddress = lapseOrdererMail(facts, 'NO_ADDRESS').bodyText;
    expect(noAddress).toContain('受注者にはメールの宛先が登録されていないため、メールではお知らせしていません');
    for (const body of [differs, noAddress]) expect(body).not.toContain('受注者にも同じ内容をお知らせしました');
    expect(o.subject).toBe('【電子保証】保証の変更契約が必要です（〇〇道路改良工事）');
    expect(o.bodyText).toContain('契約番号　　：K-1');
    expect(o.bodyText).toContain('/orderer/contracts/c1');
    expect(o.bodyText).toContain(`・${lapseSentence(extend)}`);
    const c = lapseContractorMail(facts);
    expect(c.subject).toBe('【電子保証】保証の変更契約のお願い（〇〇道路改良工事）');
    expect(c.bodyText.startsWith('株式会社〇〇建設 様')).toBe(true);
    expect(c.bodyText).toContain('変更契約を保証会社にお申し込みください');
    expect(c.bodyText).not.toContain('K-1');
    for (const body of [o.bodyText, c.bodyText]) expect(body).not.toMatch(/認証キー/);
  });
});
