import { describe, expect, it } from 'vitest';
import { contractorSchema, departmentSchema, ordererSchema } from '@/domain/organizations/schemas';
import { passwordChangeSchema, userCreateSchema } from '@/domain/users/schemas';
import { toFieldErrors } from '@/domain/zod-errors';

const errorsOf = (result: { success: boolean; error?: unknown }) =>
  result.success ? {} : toFieldErrors(result.error as Parameters<typeof toFieldErrors>[0]);

describe('contractorSchema', () => {
  it('gives a Japanese error at each bad field', () => {
    const errors = errorsOf(contractorSchema.safeParse({ name: '  ', address: '▲▲市', postalCode: '12-34' }));
    expect(errors.name).toEqual(['会社名を入力してください。']);
    expect(errors.postalCode?.[0]).toMatch(/郵便番号/);
    expect(errors.address).toBeUndefined();
  });
  it('accepts 全角 postal codes and phone numbers', () => {
    const parsed = contractorSchema.parse({ name: '株式会社〇〇建設', address: '▲▲市', postalCode: '１００－０００１', phone: '０６－１２３４－５６７８' });
    expect(parsed.postalCode).toBe('100-0001');
    expect(parsed.phone).toBe('06-1234-5678');
  });
});

describe('ordererSchema', () => {
  const base = { name: '大村市', certificateName: '大村市長', subjectTemplate: '{保証契約番号}' };
  it('accepts fractions for limits, 全角 too', () => {
    const parsed = ordererSchema.parse({ ...base, limitAdvanceWorks: '４／１０', limitContractMin: '1/10' });
    expect(parsed.limitAdvanceWorks).toBe('4/10');
    expect(parsed.routeAdvance).toBe('WORKS_DEPARTMENT');
  });
  it('refuses a limit above 1 or a zero denominator', () => {
    expect(errorsOf(ordererSchema.safeParse({ ...base, limitIntermediate: '11/10' })).limitIntermediate).toBeDefined();
    expect(errorsOf(ordererSchema.safeParse({ ...base, limitIntermediate: '1/0' })).limitIntermediate).toBeDefined();
    expect(errorsOf(ordererSchema.safeParse({ ...base, limitIntermediate: '40%' })).limitIntermediate).toBeDefined();
  });
  it('refuses an impossible date', () => {
    expect(errorsOf(ordererSchema.safeParse({ ...base, electronicFrom: '2026-13-01' })).electronicFrom).toBeDefined();
  });
});

describe('departmentSchema', () => {
  it('checks the mail address', () => {
    expect(errorsOf(departmentSchema.safeParse({ name: '契約課', kind: 'CONTRACT_SECTION', email: 'not-mail' })).email).toEqual([
      'メールアドレスの形式が正しくありません。',
    ]);
  });
});

describe('userCreateSchema', () => {
  it('normalises the お客様ID and rejects odd characters', () => {
    const ok = userCreateSchema.parse({ loginId: 'ＭＡＲＵ０３', name: '建設 三郎', role: 'CONTRACTOR', organizationId: '0b7e1bde-4c3f-4e0e-9a7c-1d2f3a4b5c6d' });
    expect(ok.loginId).toBe('maru03');
    expect(errorsOf(userCreateSchema.safeParse({ loginId: 'a b', name: 'x', role: 'CONTRACTOR', organizationId: 'x' })).loginId).toBeDefined();
  });
});

describe('passwordChangeSchema', () => {
  it('wants 12 characters and a matching confirmation', () => {
    const errors = errorsOf(passwordChangeSchema.safeParse({ currentPassword: 'x', newPassword: 'short', confirmPassword: 'other' }));
    expect(errors.newPassword).toEqual(['パスワードは12文字以上にしてください。']);
    const mismatch = errorsOf(passwordChangeSchema.safeParse({ currentPassword: 'x', newPassword: 'long-enough-pass', confirmPassword: 'long-enough-pasS' }));
    expect(mismatch.confirmPassword).toEqual(['新しいパスワードと確認用の入力が一致しません。']);
  });
});
