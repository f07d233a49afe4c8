import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, verifyPassword } from '@/domain/auth/passwords';

describe('passwords', () => {
  it('hashes with argon2id and verifies', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(hash, 'wrong')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
  });
  it('generates unambiguous random passwords', () => {
    const a = generatePassword();
    expect(a).toHaveLength(16);
    expect(a).not.toMatch(/[0O1Il]/);
    expect(generatePassword()).not.toBe(a);
  });
});
