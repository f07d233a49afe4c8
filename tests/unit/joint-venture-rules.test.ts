import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkJointVenture,
  formatShare,
  FULL_SHARE,
  JOINT_VENTURE_MESSAGES as M,
  JOINT_VENTURE_WARNINGS as W,
  jointVentureWarnings,
  minimumShare,
  parseShare,
  type MemberFacts,
} from '@/domain/joint-ventures/rules';
import { formFieldErrors, jointVentureSchema } from '@/domain/joint-ventures/schemas';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const C = '33333333-3333-4333-8333-333333333333';
const D = '44444444-4444-4444-8444-444444444444';
const E = '55555555-5555-4555-8555-555555555555';
const F = '66666666-6666-4666-8666-666666666666';

const members = (...shares: number[]): MemberFacts[] =>
  shares.map((share, row) => ({ row, organizationId: [A, B, C, D, E, F][row]!, role: row === 0 ? 'REPRESENTATIVE' : 'MEMBER', shareBasisPoints: share }));

describe('shares in 0.01 %', () => {
  it('parses what officers type: 全角, ％ or %, spaces, up to two decimals', () => {
    expect(parseShare('60')).toBe(6000);
    expect(parseShare('６０％')).toBe(6000);
    expect(parseShare(' 33.34 % ')).toBe(3334);
    expect(parseShare('３３．３４')).toBe(3334);
    expect(parseShare('33.5')).toBe(3350);
    expect(parseShare('0.01')).toBe(1);
    expect(parseShare('100')).toBe(FULL_SHARE);
    expect(parseShare('0')).toBe(0);
  });

  it('refuses what is not a share as typed', () => {
    for (const text of ['', '％', '33.345', '1,000', '-5', '60%%', 'abc', '1e2', '.5', '5.', '1000']) expect(parseShare(text), text).toBeNull();
  });

  it('writes a share as people do, and reads back what it wrote', () => {
    expect(formatShare(6000)).toBe('60');
    expect(formatShare(3334)).toBe('33.34');
    expect(formatShare(3350)).toBe('33.5');
    expect(formatShare(1)).toBe('0.01');
    expect(formatShare(10_000)).toBe('100');
    expect(formatShare(9_999)).toBe('99.99');
    fc.assert(fc.property(fc.integer({ min: 0, max: 99_999 }), (bp) => parseShare(formatShare(bp)) === bp));
  });
});

describe('checkJointVenture', () => {
  it('accepts 2 to 5 members, one 代表者, shares summing to 100.00 %', () => {
    expect(checkJointVenture(members(6000, 4000))).toEqual({});
    expect(checkJointVenture(members(3334, 3333, 3333))).toEqual({});
    expect(checkJointVenture(members(2000, 2000, 2000, 2000, 2000))).toEqual({});
  });

  it('refuses one member, or six', () => {
    expect(checkJointVenture(members(10_000))).toEqual({ members: [M.memberCount] });
    expect(checkJointVenture(members(5000, 1000, 1000, 1000, 1000, 1000)).members).toEqual([M.memberCount]);
    expect(checkJointVenture([])).toEqual({ members: [M.memberCount], representative: [M.representative] });
  });

  it('wants exactly one 代表者', () => {
    const none = members(6000, 4000).map((m) => ({ ...m, role: 'MEMBER' as const }));
    expect(checkJointVenture(none)).toEqual({ representative: [M.representative] });
    const two = members(6000, 4000).map((m) => ({ ...m, role: 'REPRESENTATIVE' as const }));
    expect(checkJointVenture(two)).toEqual({ representative: [M.representative] });
  });

  it('names the row of a company chosen twice', () => {
    const twice = members(5000, 3000, 2000).map((m) => (m.row === 2 ? { ...m, organizationId: A } : m));
    expect(checkJointVenture(twice)).toEqual({ 'members[2].organizationId': [M.duplicate] });
  });

  it('names the cell of a share out of range, and leaves the sum until each share is right', () => {
    expect(checkJointVenture(members(10_000, 0))).toEqual({ 'members[1].share': [M.share] });
    expect(checkJointVenture(members(10_001, 4000))).toEqual({ 'members[0].share': [M.share] });
    expect(checkJointVenture(members(6000, 40.5))).toEqual({ 'members[1].share': [M.share] });
  });

  it('refuses a sum of 99.99 % or 100.01 %, saying what it is now', () => {
    expect(checkJointVenture(members(6000, 3999))).toEqual({ members: [M.shareSum(9999)] });
    expect(checkJointVenture(members(6000, 4001))).toEqual({ members: [M.shareSum(10_001)] });
    expect(M.shareSum(9999)).toBe('出資比率の合計が100％になるように入力してください（現在 99.99％）。');
    expect(M.shareSum(9000)).toContain('（現在 90％）');
  });
});

describe('jointVentureWarnings (shown, never refusing)', () => {
  const jv = (kind: 'SPECIFIC' | 'REGULAR', ...shares: number[]) => ({ kind, members: members(...shares) });

  it('a 特定JV whose 代表者 has not the largest share; a tie is not warned', () => {
    expect(jointVentureWarnings(jv('SPECIFIC', 4000, 6000))).toEqual([W.representativeNotLargest]);
    expect(jointVentureWarnings(jv('SPECIFIC', 5000, 5000))).toEqual([]);
    expect(jointVentureWarnings(jv('SPECIFIC', 6000, 4000))).toEqual([]);
    // A 経常JV has no such rule.
    expect(jointVentureWarnings(jv('REGULAR', 4000, 6000))).toEqual([]);
  });

  it('a member below 6/10 of an equal share: 30 % of 2, 20 % of 3, 15 % of 4, 12 % of 5', () => {
    expect([2, 3, 4, 5].map(minimumShare)).toEqual([3000, 2000, 1500, 1200]);
    expect(jointVentureWarnings(jv('REGULAR', 7000, 3000))).toEqual([]);
    expect(jointVentureWarnings(jv('REGULAR', 7001, 2999))).toEqual([W.belowMinimum(3000)]);
    expect(W.belowMinimum(3000)).toBe('出資比率が均等割の10分の6（30％）を下回る構成員があります。');
    expect(jointVentureWarnings(jv('REGULAR', 6000, 2000, 2000))).toEqual([]);
    expect(jointVentureWarnings(jv('REGULAR', 6100, 2000, 1900))).toEqual([W.belowMinimum(2000)]);
    expect(jointVentureWarnings(jv('REGULAR', 5200, 1200, 1200, 1200, 1200))).toEqual([]);
    expect(jointVentureWarnings(jv('REGULAR', 5300, 1200, 1200, 1200, 1100))).toEqual([W.belowMinimum(1200)]);
    expect(jointVentureWarnings(jv('SPECIFIC', 2000, 8000))).toEqual([W.representativeNotLargest, W.belowMinimum(3000)]);
  });
});

describe('the form schema', () => {
  const base = { name: '〇〇・△△特定建設工事共同企業体', kind: 'SPECIFIC', mode: 'JOINT' };

  it('reads the rows, skips blank ones, and puts the 代表者 first', () => {
    const parsed = jointVentureSchema.safeParse({
      ...base,
      representative: '2',
      members: [{ organizationId: B, share: '４０％' }, {}, { organizationId: A, share: '60' }, undefined],
    });
    expect(parsed.success).toBe(true);
    expect(parsed.data!.members).toEqual([
      { row: 2, organizationId: A, role: 'REPRESENTATIVE', shareBasisPoints: 6000 },
      { row: 0, organizationId: B, role: 'MEMBER', shareBasisPoints: 4000 },
    ]);
    expect(parsed.data!.formedOn).toBeUndefined();
  });

  it('answers at the cell, with conform’s names, and checks the members whatever else is wrong', () => {
    const parsed = jointVentureSchema.safeParse({
      name: '',
      kind: 'OTHER',
      mode: 'JOINT',
      representative: '0',
      members: [{ organizationId: A, share: '60' }, { share: '40' }, { organizationId: 'not-an-id', share: 'x' }],
    });
    expect(parsed.success).toBe(false);
    const errors = formFieldErrors(parsed.error!);
    expect(errors['members[1].organizationId']).toEqual([M.companyRequired]);
    expect(errors['members[2].organizationId']).toEqual([M.unknownCompany]);
    expect(errors['members[2].share']).toEqual([M.share]);
    expect(errors.name).toBeDefined();
    expect(errors.kind).toBeDefined();
  });

  it('puts a sum other than 100 % at the members, and a missing 代表者 at its radio buttons', () => {
    const sum = jointVentureSchema.safeParse({ ...base, representative: '0', members: [{ organizationId: A, share: '60' }, { organizationId: B, share: '30' }] });
    expect(formFieldErrors(sum.error!)).toEqual({ members: [M.shareSum(9000)] });
    const representative = jointVentureSchema.safeParse({ ...base, representative: '1', members: [{ organizationId: A, share: '60' }, {}, { organizationId: B, share: '40' }] });
    expect(formFieldErrors(representative.error!)).toEqual({ representative: [M.representative] });
  });

  it('refuses a control character in the name and takes line breaks in the note', () => {
    const members = [{ organizationId: A, share: '60' }, { organizationId: B, share: '40' }];
    expect(jointVentureSchema.safeParse({ ...base, name: 'JV\u0000', representative: '0', members }).success).toBe(false);
    expect(jointVentureSchema.safeParse({ ...base, note: '一行目\n二行目', representative: '0', members }).success).toBe(true);
  });

  it("a hostile post is refused in the form's own Japanese words, never zod's English (a field sent twice, a row or the members as a string, over-long cells, too many rows)", () => {
    const posts: Record<string, unknown>[] = [
      { representative: ['0', '1'], members: [{ organizationId: A, share: '60' }, { organizationId: B, share: '40' }] },
      { representative: '0', members: [{ organizationId: A, share: ['60', '40'] }, { organizationId: B, share: '40' }] },
      { representative: '0', members: 'foo' },
      { representative: '0', members: ['foo', { organizationId: B, share: '40' }] },
      { representative: '0', members: [{ organizationId: 'x'.repeat(200), share: '60' }, { organizationId: B, share: '4'.repeat(200) }] },
      { representative: 'xxx', members: [{ organizationId: A, share: '60' }, { organizationId: B, share: '40' }] },
      { representative: '0', members: Array.from({ length: 9 }, () => ({ organizationId: A, share: '10' })) },
      { representative: { a: 1 }, members: { 0: { organizationId: A } } },
    ];
    for (const post of posts) {
      const parsed = jointVentureSchema.safeParse({ ...base, ...post });
      expect(parsed.success, JSON.stringify(post).slice(0, 80)).toBe(false);
      const messages = Object.values(formFieldErrors(parsed.error!)).flat();
      expect(messages.length).toBeGreaterThan(0);
      for (const message of messages) expect(message, JSON.stringify(post).slice(0, 80)).not.toMatch(/[A-Za-z]{3,}/);
    }
  });
});

