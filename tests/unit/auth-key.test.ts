import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authKeyMatches, generateAuthKey, hashAuthKey, sealAuthKey, unsealAuthKey } from '@/domain/guarantees/auth-key';
import { formatAuthKey, isWellFormedAuthKey, KEY_ALPHABET, KEY_LENGTH, normalizeAuthKey } from '@/lib/auth-key-format';

const SECRET = 'unit-test-secret-0123456789abcdef';

describe('認証キー', () => {
  it('alphabet has no look-alikes', () => {
    for (const ch of '01OIL') expect(KEY_ALPHABET).not.toContain(ch);
    expect(new Set(KEY_ALPHABET).size).toBe(KEY_ALPHABET.length);
  });

  it('generated keys are 10 characters of the alphabet, spread over every symbol', () => {
    const seen = new Set<string>();
    const keys = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const key = generateAuthKey();
      expect(key).toHaveLength(KEY_LENGTH);
      expect(isWellFormedAuthKey(key)).toBe(true);
      for (const ch of key) seen.add(ch);
      keys.add(key);
    }
    expect(seen.size).toBe(KEY_ALPHABET.length);
    expect(keys.size).toBe(2000);
  });

  it('displays in groups 4-4-2', () => {
    expect(formatAuthKey('7KQ4XM9PWA')).toBe('7KQ4-XM9P-WA');
  });

  it('normalises case, 全角, spaces and hyphens', () => {
    for (const typed of ['7kq4-xm9p-wa', '７ＫＱ４－ＸＭ９Ｐ－ＷＡ', ' 7KQ4 XM9P WA ', '7KQ4ーXM9PーWA', '７ｋｑ４　ｘｍ９ｐ　ｗａ']) {
      expect(normalizeAuthKey(typed)).toBe('7KQ4XM9PWA');
    }
  });

  it('matches only the right key, in any typed form', () => {
    const key = generateAuthKey();
    const hash = hashAuthKey(SECRET, key);
    expect(hash).not.toContain(key);
    expect(authKeyMatches(SECRET, formatAuthKey(key).toLowerCase(), hash)).toBe(true);
    expect(authKeyMatches(SECRET, key, null)).toBe(false);
    expect(authKeyMatches('another-secret-0123456789abcdef', key, hash)).toBe(false);
    const other = key.slice(0, 9) + (key[9] === 'A' ? 'B' : 'A');
    expect(authKeyMatches(SECRET, other, hash)).toBe(false);
  });

  it('property: hostile input never matches and never throws', () => {
    const hash = hashAuthKey(SECRET, generateAuthKey());
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (typed) => {
        expect(authKeyMatches(SECRET, typed, hash)).toBe(false);
      }),
    );
  });

  it('seal round-trips, bound to the guarantee', () => {
    const key = generateAuthKey();
    const sealed = sealAuthKey(SECRET, key, 'g-1');
    expect(sealed).not.toContain(key);
    expect(unsealAuthKey(SECRET, sealed, 'g-1')).toBe(key);
    expect(() => unsealAuthKey(SECRET, sealed, 'g-2')).toThrow();
    expect(() => unsealAuthKey('another-secret-0123456789abcdef', sealed, 'g-1')).toThrow();
  });
});
