import { describe, expect, it } from 'vitest';
import { buildCertificateContent } from '@/domain/certificates/content';
import { diffVersions, versionPair } from '@/domain/certificates/diff';
import { formatPremiumDifference, formatTermValue } from '@/domain/changes/format';
import { nextVersionContent } from '@/domain/changes/rules';
import { certificateSource } from '../support/samples';

const source = certificateSource({
  contractor: { address: '大村市玖島1丁目1番1号', name: '株式会社大村建設' },
  issuer: { address: '大阪市', companyName: '西日本建設業保証株式会社', representativeTitle: '取締役社長', representativeName: '藤田 一', termsUrl: 'https://example.jp/' },
  branch: null,
});

describe('diffVersions: every line of the certificate, as written on it', () => {
  const v1 = buildCertificateContent(source);
  const v2 = nextVersionContent(
    v1,
    { guaranteeAmount: 45_000_000n, contractAmount: 120_000_000n, periodStart: '2026-05-02', periodEnd: '2027-03-31', guaranteeStart: '2026-05-02', guaranteeEnd: '2027-03-31', projectName: '〇〇道路改良工事' },
    '2026-11-24',
  );

  it('marks exactly the lines that differ, in 円 and 和暦', () => {
    const rows = diffVersions(v1, v2);
    expect(rows.filter((r) => r.changed).map((r) => [r.label, r.before, r.after])).toEqual([
      ['証書発行日', '令和 8年 5月 1日', '令和 8年11月24日'],
      ['保証金額', '40,000,000円', '45,000,000円'],
      ['請負金額', '100,000,000円', '120,000,000円'],
    ]);
    expect(rows.find((r) => r.key === 'guaranteePeriod')).toMatchObject({ changed: false, after: '令和 8年 5月 2日 から 令和 9年 3月31日 まで' });
  });

  it('the same version against itself: nothing changed', () => {
    expect(diffVersions(v1, v1).some((r) => r.changed)).toBe(false);
  });
});

describe('versionPair: which two versions ?from=&to= compare', () => {
  it('defaults to the latest against the one before; orders the pair; ignores junk', () => {
    expect(versionPair([1], undefined, undefined)).toBeNull();
    expect(versionPair([3, 1, 2], undefined, undefined)).toEqual({ from: 2, to: 3 });
    expect(versionPair([1, 2, 3], '3', '1')).toEqual({ from: 1, to: 3 });
    expect(versionPair([1, 2, 3], '1', undefined)).toEqual({ from: 1, to: 3 });
    expect(versionPair([1, 2, 3], 'x', '9')).toEqual({ from: 2, to: 3 });
    expect(versionPair([1, 2, 3], '2', '2')).toEqual({ from: 1, to: 2 });
    expect(versionPair([1, 2, 3], '1', '1')).toEqual({ from: 1, to: 2 });
  });
});

describe('formatting of terms and premium differences', () => {
  it('yen digits with 円, ISO dates with slashes, other text as it is', () => {
    expect(formatTermValue('guaranteeAmount', '45000000')).toBe('45,000,000円');
    expect(formatTermValue('periodEnd', '2027-05-31')).toBe('2027/05/31');
    expect(formatTermValue('projectName', '2027-05-31')).toBe('2027-05-31');
  });
  it('says which way the money goes', () => {
    expect(formatPremiumDifference(3_000n)).toBe('3,000円（追加保証料）');
    expect(formatPremiumDifference(-2_500n)).toBe('2,500円（返戻）');
    expect(formatPremiumDifference(0n)).toBe('0円（差額なし）');
  });
});
