import { describe, expect, it } from 'vitest';
import { checkDeposits, defaultDepositRows, depositShareTotal, DEPOSIT_MESSAGES as M, splitAmount } from '@/domain/applications/deposits';
import { missingFields } from '@/domain/applications/rules';
import { applicationSchema } from '@/domain/applications/schemas';

/** 分割預託 (issue 16, D7): one 前払金専用口座 per JV member, shares summing to 100.00 %. */

const LEAD = '11111111-1111-4111-8111-111111111111';
const PARTNER = '22222222-2222-4222-8222-222222222222';
const THIRD = '33333333-3333-4333-8333-333333333333';
const members = [
  { organizationId: LEAD, shareBasisPoints: 6000 },
  { organizationId: PARTNER, shareBasisPoints: 4000 },
];
const row = (organizationId: string, patch: Record<string, unknown> = {}) => ({ organizationId, bank: '〇〇銀行', branch: '大村支店', share: '', ...patch });
const complete = { complete: true };

describe('checkDeposits', () => {
  it('one row per member with bank and branch: the JV shares by default, returned in the JV order', () => {
    const { deposits, errors } = checkDeposits([row(PARTNER, { bank: '△△信用金庫' }), row(LEAD)], members, complete);
    expect(errors).toEqual({});
    expect(deposits).toEqual([
      { organizationId: LEAD, bank: '〇〇銀行', branch: '大村支店', shareBasisPoints: 6000, sortOrder: 0 },
      { organizationId: PARTNER, bank: '△△信用金庫', branch: '大村支店', shareBasisPoints: 4000, sortOrder: 1 },
    ]);
  });

  it('typed shares (全角, ％, two decimals) replace the JV shares and must sum to 100 %', () => {
    expect(checkDeposits([row(LEAD, { share: '５５．５％' }), row(PARTNER, { share: '44.5' })], members, complete).errors).toEqual({});
    expect(checkDeposits([row(LEAD, { share: '60' }), row(PARTNER, { share: '39.99' })], members, complete).errors).toEqual({ deposits: [M.shareSum(9999)] });
    expect(checkDeposits([row(LEAD, { share: '60' }), row(PARTNER, { share: '40.01' })], members, complete).errors).toEqual({ deposits: [M.shareSum(10001)] });
    expect(M.shareSum(9999)).toBe('割合の合計が100％になるように入力してください（現在 99.99％）。');
  });

  it('a share of 0, above 100, with three decimals or not a number is refused at its cell (and no sum is given)', () => {
    for (const share of ['0', '100.01', '33.333', '六十', '-10']) {
      expect(checkDeposits([row(LEAD, { share }), row(PARTNER)], members, complete).errors).toEqual({ 'deposits[0].share': [M.share] });
    }
  });

  it('a submission needs every member, each with bank and branch, at the row that lacks it', () => {
    expect(checkDeposits([row(LEAD)], members, complete).errors).toEqual({ deposits: [M.memberMissing] });
    expect(checkDeposits([row(LEAD), row(PARTNER, { bank: ' ', branch: '' })], members, complete).errors).toEqual({
      'deposits[1].bank': [M.bankRequired],
      'deposits[1].branch': [M.branchRequired],
    });
  });

  it('a draft keeps blank banks and missing rows, but not a bad share or another company', () => {
    expect(checkDeposits([row(LEAD, { bank: '', branch: '' })], members, { complete: false })).toEqual({
      deposits: [{ organizationId: LEAD, bank: '', branch: '', shareBasisPoints: 6000, sortOrder: 0 }],
      errors: {},
    });
    expect(checkDeposits([row(LEAD, { share: '0' })], members, { complete: false }).errors).toEqual({ 'deposits[0].share': [M.share] });
    expect(checkDeposits([row(THIRD)], members, { complete: false }).errors).toEqual({ deposits: [M.notMember] });
  });

  it('no other organisation, no member twice; blank rows and broken rows are ignored', () => {
    expect(checkDeposits([row(LEAD), row(PARTNER), row(THIRD)], members, complete).errors).toEqual({ deposits: [M.notMember] });
    expect(checkDeposits([row(LEAD), row(LEAD), row(PARTNER)], members, complete).errors).toEqual({ deposits: [M.notMember] });
    expect(checkDeposits([row(LEAD), null, {}, { bank: 1 }, row(PARTNER)], members, complete).errors).toEqual({});
  });

  it('bank and branch: 100 characters, one line', () => {
    expect(checkDeposits([row(LEAD, { bank: 'あ'.repeat(101) }), row(PARTNER)], members, complete).errors['deposits[0].bank']).toEqual([M.tooLong('預託金融機関（銀行）')]);
    expect(checkDeposits([row(LEAD), row(PARTNER, { branch: '大村\n支店' })], members, complete).errors['deposits[1].branch']).toEqual([M.control('支店')]);
  });

  it('the form starts from the JV shares; the sum line reads what is typed', () => {
    expect(defaultDepositRows(members)).toEqual([
      { organizationId: LEAD, bank: '', branch: '', share: '60' },
      { organizationId: PARTNER, bank: '', branch: '', share: '40' },
    ]);
    expect(depositShareTotal(['60', '４０'])).toBe(10000);
    expect(depositShareTotal(['60', ''])).toBeNull();
  });
});

describe('the application form with a JV', () => {
  it('分割預託 needs no 一括 bank; 一括 still does', () => {
    const base = { guaranteeKind: 'ADVANCE' as const, jointVentureId: LEAD };
    expect(missingFields({ ...base, depositMode: 'SPLIT' })).not.toHaveProperty('depositBank');
    expect(missingFields({ ...base, depositMode: 'SINGLE' })).toHaveProperty('depositBank');
    // Without a JV a posted SPLIT does not excuse the bank (the use case refuses SPLIT itself).
    expect(missingFields({ guaranteeKind: 'ADVANCE', depositMode: 'SPLIT' })).toHaveProperty('depositBank');
  });

  it('the schema reads broken rows as blank, never with an English message', () => {
    const parsed = applicationSchema.safeParse({ deposits: [{ bank: ['a', 'b'] }, 'row', { share: '60' }] });
    expect(parsed.success && parsed.data.deposits).toEqual([{ bank: undefined }, null, { share: '60' }]);
    const mode = applicationSchema.safeParse({ depositMode: 'HALF' });
    expect(mode.success ? null : mode.error.issues[0]!.message).toBe('前払金の預託を選択してください。');
    const jv = applicationSchema.safeParse({ jointVentureId: 'not-a-uuid' });
    expect(jv.success ? null : jv.error.issues[0]!.message).toBe('申込者を選択してください。');
  });
});

describe('hostile 分割預託 input is refused with the right reason, never dropped', () => {
  it('a long cell reaches the check and is refused at its cell as too long (not blanked)', () => {
    const posted = applicationSchema.safeParse({ deposits: [{ organizationId: LEAD, bank: 'あ'.repeat(1001), branch: '大村支店', share: '6'.repeat(1001) }, row(PARTNER)] });
    expect(posted.success).toBe(true);
    const rows = posted.success ? (posted.data.deposits ?? []) : [];
    expect(rows[0]?.bank).toHaveLength(1001);
    const { errors } = checkDeposits(rows, members, { complete: false });
    expect(errors['deposits[0].bank']).toEqual([M.tooLong('預託金融機関（銀行）')]);
    expect(errors['deposits[0].share']).toEqual([M.shareTooLong]);
    // A draft too: the long share is not taken as the JV's 60 %.
    expect(checkDeposits([row(LEAD, { share: ' '.repeat(3) + '6'.repeat(20) }), row(PARTNER)], members, { complete: false }).errors).toEqual({ 'deposits[0].share': [M.shareTooLong] });
  });

  it('more rows than the form has are refused at the table, in Japanese', () => {
    const tooMany = applicationSchema.safeParse({ deposits: Array.from({ length: 7 }, () => row(LEAD)) });
    expect(tooMany.success).toBe(false);
    expect(tooMany.success ? null : tooMany.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['deposits', M.tooManyRows]]);
    expect(applicationSchema.safeParse({ deposits: Array.from({ length: 6 }, () => ({})) }).success).toBe(true);
  });
});

describe('splitAmount (the review\'s 参考 per member)', () => {
  it('floors each share and gives the remainder to the 代表者 (first row): the parts add up', () => {
    expect(splitAmount(120_000_000n, [6000, 4000])).toEqual([72_000_000n, 48_000_000n]);
    expect(splitAmount(100n, [3334, 3333, 3333])).toEqual([34n, 33n, 33n]);
    expect(splitAmount(1n, [5000, 5000])).toEqual([1n, 0n]);
    expect(splitAmount(10_000_001n, [3333, 3333, 3334]).reduce((a, b) => a + b, 0n)).toBe(10_000_001n);
    expect(splitAmount(5n, [])).toEqual([]);
  });
});
