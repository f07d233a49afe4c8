import { describe, expect, it } from 'vitest';
import { destinationFor, renderSubject, type RouteRow } from '@/domain/guarantees/submission-route';

const keiyaku = { name: '財政部契約課', email: 'keiyakumain@city.omura.nagasaki.jp', active: true };
const OMURA: RouteRow[] = [
  { guaranteeKind: 'ADVANCE', target: 'WORKS_DEPARTMENT', department: null },
  { guaranteeKind: 'INTERMEDIATE', target: 'WORKS_DEPARTMENT', department: null },
  { guaranteeKind: 'CONTRACT', target: 'FIXED_DEPARTMENT', department: keiyaku },
];
const doboku = { name: '都市整備部土木課', email: 'doboku@omura.example.jp' };

describe('submission routing (大村市 as data)', () => {
  it('前払金・中間前払金 → the contract’s 工事担当課; 契約保証 → 財政部契約課', () => {
    expect(destinationFor('ADVANCE', OMURA, doboku)).toEqual({ ok: true, departmentName: '都市整備部土木課', email: 'doboku@omura.example.jp', rule: 'WORKS_DEPARTMENT' });
    expect(destinationFor('INTERMEDIATE', OMURA, doboku)).toMatchObject({ ok: true, email: 'doboku@omura.example.jp' });
    expect(destinationFor('CONTRACT', OMURA, doboku)).toEqual({ ok: true, departmentName: '財政部契約課', email: 'keiyakumain@city.omura.nagasaki.jp', rule: 'FIXED_DEPARTMENT' });
  });

  it('without a routing row the works department is used; a missing address is said plainly', () => {
    expect(destinationFor('ADVANCE', [], doboku)).toMatchObject({ ok: true, rule: 'DEFAULT' });
    expect(destinationFor('ADVANCE', OMURA, { name: '土木課', email: null })).toEqual({ ok: false, reason: expect.stringContaining('土木課）のメールアドレスが登録されていません') });
    expect(destinationFor('ADVANCE', OMURA, null)).toMatchObject({ ok: false });
    // A department an officer deactivated receives nothing.
    expect(destinationFor('ADVANCE', OMURA, { ...doboku, active: false })).toEqual({ ok: false, reason: expect.stringContaining('受付を停止') });
    expect(destinationFor('CONTRACT', [{ ...OMURA[2]!, department: { ...keiyaku, active: false } }], doboku)).toMatchObject({ ok: false });
  });

  it('fills the subject template', () => {
    expect(renderSubject('【電子保証】{区分} 保証契約番号{保証契約番号} {工事名}', { kind: 'CONTRACT', number: '1000000026', projectName: '〇〇道路改良工事', contractorName: '株式会社〇〇建設' })).toBe(
      '【電子保証】契約保証 保証契約番号1000000026 〇〇道路改良工事',
    );
    expect(renderSubject('{受注者}\n{不明}', { kind: 'ADVANCE', number: '1', projectName: 'x', contractorName: '〇〇建設' })).toBe('〇〇建設 {不明}');
  });
});
