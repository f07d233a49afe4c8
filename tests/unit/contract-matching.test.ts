import { describe, expect, it } from 'vitest';
import { FINDING_TEXT } from '@/domain/contracts/match-labels';
import { checkConsistency, foldForMatch, suggestMatches, type MatchContract, type MatchedGuarantee } from '@/domain/contracts/matching';

/** 契約台帳 ↔ 保証証書 (issue 17, decision 072): suggestions and the consistency check, pure. */

const CONTRACT: MatchContract = {
  projectName: '〇〇道路改良工事',
  contractorName: '株式会社〇〇建設',
  contractAmount: 40_000_000n,
  periodStart: '2026-04-02',
  periodEnd: '2027-03-15',
  advanceShareBp: 4000,
  performanceShareBp: 1000,
};

const candidate = (number: string, patch: Partial<{ projectName: string; contractorName: string; contractAmount: bigint }> = {}) => ({
  guaranteeId: `g-${number}`,
  number,
  projectName: CONTRACT.projectName,
  contractorName: CONTRACT.contractorName,
  contractAmount: CONTRACT.contractAmount,
  ...patch,
});

const guarantee = (patch: Partial<MatchedGuarantee> = {}): MatchedGuarantee => ({
  ...candidate('1000000018'),
  kind: 'ADVANCE',
  guaranteeAmount: 16_000_000n,
  guaranteeStart: '2026-04-02',
  guaranteeEnd: '2027-03-15',
  status: 'ACTIVE',
  cancelledOn: null,
  latestVersion: 1,
  confirmedVersion: 1,
  ...patch,
});

describe('foldForMatch', () => {
  it('folds 全角/半角, removes every space (全角 too), lower-cases Latin letters and writes out ㈱/(株)/（有）', () => {
    expect(foldForMatch('　〇〇道路 改良工事（Ｒ８） ')).toBe(foldForMatch('〇〇道路改良工事(r8)'));
    expect(foldForMatch('㈱〇〇建設')).toBe(foldForMatch('株式会社 〇〇建設'));
    expect(foldForMatch('（株）〇〇建設')).toBe('株式会社〇〇建設');
    expect(foldForMatch('（有）△△工務店')).toBe('有限会社△△工務店');
    expect(foldForMatch('〇〇建設')).not.toBe(foldForMatch('株式会社〇〇建設'));
  });
});

describe('suggestMatches', () => {
  it('suggests candidates agreeing on two or three of 工事名, 受注者, 請負金額; all three first, then by number', () => {
    const all = candidate('1000000026', { projectName: '〇〇道路改良工事 ', contractorName: '㈱〇〇建設' });
    const noAmount = candidate('1000000018', { contractAmount: 44_000_000n });
    const otherName = candidate('1000000034', { projectName: '△△橋梁補修工事' });
    const one = candidate('1000000042', { projectName: '△△橋梁補修工事', contractorName: '株式会社△△工務店' });
    const none = candidate('1000000059', { projectName: '別', contractorName: '別', contractAmount: 1n });
    const out = suggestMatches(CONTRACT, [none, otherName, one, noAmount, all]);
    expect(out.map((s) => [s.candidate.number, s.score])).toEqual([
      ['1000000026', 3],
      ['1000000018', 2],
      ['1000000034', 2],
    ]);
    expect(out[1]?.agrees).toEqual({ projectName: true, contractorName: true, contractAmount: false });
  });

  it('a candidate turned down for the contract is not suggested again; at most five are shown', () => {
    const many = Array.from({ length: 8 }, (_, i) => candidate(`10000000${10 + i}`));
    expect(suggestMatches(CONTRACT, many)).toHaveLength(5);
    expect(suggestMatches(CONTRACT, many.slice(0, 2), new Set(['g-1000000010'])).map((s) => s.candidate.number)).toEqual(['1000000011']);
  });
});

describe('checkConsistency', () => {
  const TODAY = '2026-06-01';
  const codes = (g: MatchedGuarantee, c: MatchContract = CONTRACT, today = TODAY) => checkConsistency(c, g, today).map((f) => f.code);

  it('a guarantee that agrees in everything finds nothing (names compared folded)', () => {
    expect(checkConsistency(CONTRACT, guarantee({ projectName: '〇〇道路改良工事　', contractorName: '㈱〇〇建設' }), TODAY)).toEqual([]);
    // 前払金 exactly at the share, 契約保証 exactly at it: within.
    expect(codes(guarantee({ guaranteeAmount: 16_000_000n }))).toEqual([]);
    expect(codes(guarantee({ kind: 'CONTRACT', guaranteeAmount: 4_000_000n }))).toEqual([]);
  });

  it('請負金額 differing, 保証期間 not covering the 工期 at either end, each in one sentence', () => {
    const found = checkConsistency(CONTRACT, guarantee({ contractAmount: 44_000_000n, guaranteeStart: '2026-04-03' }), TODAY);
    expect(found.map((f) => f.text)).toEqual([
      FINDING_TEXT.amount(40_000_000n, 44_000_000n),
      '保証期間（2026/04/03〜2027/03/15）が工期（2026/04/02〜2027/03/15）を覆っていません。',
    ]);
    expect(found[0]?.text).toBe('請負金額が異なります（契約台帳 40,000,000円、保証証書 44,000,000円）。');
    expect(codes(guarantee({ guaranteeEnd: '2027-03-14' }))).toEqual(['period']);
    // A 中間前払金保証 starts at its 認定: only its end is checked.
    expect(codes(guarantee({ kind: 'INTERMEDIATE', guaranteeAmount: 8_000_000n, guaranteeStart: '2026-10-01' }))).toEqual([]);
  });

  it('保証金額 against the shares: 前払金 above its share, 契約保証 below its share, a kind the contract does not require', () => {
    const over = checkConsistency(CONTRACT, guarantee({ guaranteeAmount: 16_000_001n }), TODAY);
    expect(over.map((f) => f.text)).toEqual(['保証金額（16,000,001円）が前払金の上限（請負金額の10分の4、16,000,000円）を超えています。']);
    const short = checkConsistency(CONTRACT, guarantee({ kind: 'CONTRACT', guaranteeAmount: 3_999_999n }), TODAY);
    expect(short.map((f) => f.text)).toEqual(['保証金額（3,999,999円）が契約保証に必要な額（請負金額の10分の1、4,000,000円）に足りません。']);
    expect(codes(guarantee(), { ...CONTRACT, advanceShareBp: null })).toEqual(['advanceNotRequired']);
    expect(codes(guarantee({ kind: 'CONTRACT', guaranteeAmount: 4_000_000n }), { ...CONTRACT, performanceShareBp: null })).toEqual(['performanceNotRequired']);
    // A share in 0.01 %: 1 yen of 請負金額 × 33.33 % is compared exactly, not rounded first.
    const odd = { ...CONTRACT, contractAmount: 10_001n, advanceShareBp: 3333 };
    expect(codes(guarantee({ contractAmount: 10_001n, guaranteeAmount: 3_333n }), odd)).toEqual([]);
    expect(codes(guarantee({ contractAmount: 10_001n, guaranteeAmount: 3_334n }), odd)).toEqual(['advanceOver']);
  });

  it('工事名 and 受注者 differing after folding', () => {
    expect(checkConsistency(CONTRACT, guarantee({ projectName: '〇〇道路改良工事（その2）', contractorName: '株式会社△△工務店' }), TODAY).map((f) => f.text)).toEqual([
      '工事名が異なります（契約台帳「〇〇道路改良工事」、保証証書「〇〇道路改良工事（その2）」）。',
      '受注者が異なります（契約台帳「株式会社〇〇建設」、保証証書「株式会社△△工務店」）。',
    ]);
  });

  it('a change not confirmed (a problem), a change confirmed (a fact), 解除, 保証期間 over during the 工期 and after it', () => {
    expect(checkConsistency(CONTRACT, guarantee({ latestVersion: 3, confirmedVersion: 2 }), TODAY)).toEqual([
      { code: 'changedUnconfirmed', problem: true, text: '確認した後に変更契約があり、最新の第3版は未確認です（確認済みは第2版）。' },
    ]);
    expect(checkConsistency(CONTRACT, guarantee({ latestVersion: 2, confirmedVersion: 2 }), TODAY)).toEqual([{ code: 'changed', problem: false, text: FINDING_TEXT.changed(2) }]);
    expect(checkConsistency(CONTRACT, guarantee({ status: 'CANCELLED', cancelledOn: '2026-05-20' }), TODAY).map((f) => f.text)).toEqual(['保証契約は解除されています（解除日 2026/05/20）。']);
    const endsEarly = guarantee({ guaranteeEnd: '2026-05-31' });
    expect(checkConsistency(CONTRACT, endsEarly, TODAY).map((f) => [f.code, f.problem])).toEqual([
      ['period', true],
      ['ended', true],
    ]);
    expect(checkConsistency(CONTRACT, guarantee(), '2027-04-01')).toEqual([{ code: 'ended', problem: false, text: '保証期間は2027/03/15で終了しています。' }]);
  });
});
