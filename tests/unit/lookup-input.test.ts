import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOOKUP_LABELS as L } from '@/app/orderer/lookup/labels';
import { contractNumberFromSerial } from '@/domain/guarantees/contract-number';
import { authKeyError, checkLookupInput, contractNumberError } from '@/domain/lookup/input-check';
import { LOOKUP_MESSAGES as M } from '@/domain/lookup/messages';
import { checkAuthKey, isWellFormedAuthKey, KEY_ALPHABET, KEY_LENGTH, KEY_UNUSED, normalizeAuthKey } from '@/lib/auth-key-format';

// The shape of what a clerk types on 電子証書の確認 (domain/lookup/input-check.ts): the server's rule
// and the page's, as typed and as sent.

const NUMBER = contractNumberFromSerial(207_000_442n);
const typo = NUMBER.slice(0, 9) + String((Number(NUMBER[9]) + 1) % 10);

describe('the characters of a key', () => {
  it('KEY_UNUSED is exactly what 0–9 and A–Z lack in the alphabet', () => {
    const all = [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
    expect(all.filter((ch) => !KEY_ALPHABET.includes(ch)).sort()).toEqual([...KEY_UNUSED].sort());
  });

  it('the message and the page hint name every character never used, each once, with how it is read', () => {
    const message = M.keyUnused(['0']);
    for (const ch of KEY_UNUSED) {
      expect(L.keyHint).toContain(ch);
      expect(message).toContain(`${ch}（`);
    }
    expect(message).toBe('認証キーに使われない文字「0」が含まれています。認証キーには0（ゼロ）・O（オー）・1（イチ）・I（アイ）・L（エル）は使われていません。');
  });
});

describe('checkAuthKey', () => {
  it('accepts the key in any typed form', () => {
    for (const typed of ['7KQ4XM9PWA', '7kq4-xm9p-wa', '７ＫＱ４－ＸＭ９Ｐ－ＷＡ', ' 7KQ4 XM9P WA ']) expect(checkAuthKey(typed)).toEqual({ ok: true, key: '7KQ4XM9PWA' });
  });

  it('names each unused character once, as typed, even when the length is right', () => {
    expect(checkAuthKey('0KQ4-XM9P-WA')).toEqual({ ok: false, reason: 'UNUSED', typed: ['0'] });
    expect(checkAuthKey('7kq4-xm9p-wl')).toEqual({ ok: false, reason: 'UNUSED', typed: ['l'] });
    expect(checkAuthKey('０ＯＫ4-0M9P-WA')).toEqual({ ok: false, reason: 'UNUSED', typed: ['０', 'Ｏ'] });
    expect(checkAuthKey('1I0')).toEqual({ ok: false, reason: 'UNUSED', typed: ['1', 'I', '0'] });
  });

  it('an unused character first, then any other character, then the length', () => {
    expect(checkAuthKey('7KQ4#XM9P0')).toEqual({ ok: false, reason: 'UNUSED', typed: ['0'] });
    expect(checkAuthKey('7KQ4#XM9PあA')).toEqual({ ok: false, reason: 'OTHER', typed: ['#', 'あ'] });
    expect(checkAuthKey('7KQ4-XM9P')).toEqual({ ok: false, reason: 'LENGTH', length: 8 });
    expect(checkAuthKey('7KQ4-XM9P-WAB')).toEqual({ ok: false, reason: 'LENGTH', length: 11 });
    expect(checkAuthKey(' - ')).toEqual({ ok: false, reason: 'EMPTY' });
  });

  it('property: never throws, and is ok exactly when the folded key is well formed', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 30 }), fc.stringMatching(/^[0-9A-Za-z０-９Ａ-Ｚ\- ]{8,14}$/)), (typed) => {
        const check = checkAuthKey(typed);
        expect(check.ok).toBe(isWellFormedAuthKey(normalizeAuthKey(typed)));
        if (check.ok) expect(check.key).toBe(normalizeAuthKey(typed));
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...KEY_ALPHABET), { minLength: KEY_LENGTH, maxLength: KEY_LENGTH }), (chars) => {
        expect(checkAuthKey(chars.join('').toLowerCase())).toEqual({ ok: true, key: chars.join('') });
      }),
    );
  });
});

describe('the messages of a key', () => {
  it('says which character was typed', () => {
    expect(authKeyError('0KQ4-XM9P-WA')).toBe(M.keyUnused(['0']));
    expect(M.keyUnused(['0', 'ｌ'])).toContain('文字「0」「ｌ」が含まれています');
    expect(authKeyError('7KQ4-XM9P-W#')).toBe(M.keyOther(['#']));
    expect(M.keyOther(['#'])).toContain('「#」');
    expect(authKeyError('ABC')).toBe(M.keyLength(3));
    expect(M.keyLength(3)).toContain('3文字');
  });

  it('names a character that cannot be seen instead of quoting it', () => {
    expect(authKeyError('7KQ4\u200bXM9P-WA')).toBe(M.keyOther(['\u200b']));
    expect(M.keyOther(['\u200b'])).toBe('認証キーに使えない文字（画面に表示されない文字）が含まれています。認証キーは英字と数字の10文字です。');
    expect(M.keyOther(['#', '\u0007'])).toContain('文字「#」と、画面に表示されない文字が含まれています');
  });
});

describe('as typed and as sent', () => {
  it('the number: nothing while it is short and all digits; at once when a character cannot belong or 10 digits fail the check', () => {
    for (const partial of ['', '2', '207000', '２０７０-００', NUMBER.slice(0, 9)]) expect(contractNumberError(partial, 'typing'), partial).toBeNull();
    expect(contractNumberError(typo, 'typing')).toBe(M.numberCheckDigit);
    expect(contractNumberError('2070a', 'typing')).toBe(M.numberFormat);
    expect(contractNumberError(NUMBER, 'typing')).toBeNull();
    expect(contractNumberError('', 'sent')).toBe(M.numberRequired);
    expect(contractNumberError(NUMBER.slice(0, 9), 'sent')).toBe(M.numberFormat);
  });

  it('the key: nothing while it is short; at once for a character never used, any other, or an 11th character', () => {
    for (const partial of ['', '7', '7KQ4-', '7KQ4-XM9P-W']) expect(authKeyError(partial, 'typing'), partial).toBeNull();
    expect(authKeyError('7KQ0', 'typing')).toBe(M.keyUnused(['0']));
    expect(authKeyError('7KQ!', 'typing')).toBe(M.keyOther(['!']));
    expect(authKeyError('7KQ4-XM9P-WAB', 'typing')).toBe(M.keyLength(11));
    expect(authKeyError('', 'sent')).toBe(M.keyRequired);
    expect(authKeyError('7KQ4-XM9P-W', 'sent')).toBe(M.keyLength(9));
  });

  it('checkLookupInput: both stored forms, or every field in error', () => {
    expect(checkLookupInput({ number: NUMBER, key: '7kq4 xm9p wa' })).toEqual({ ok: true, number: NUMBER, key: '7KQ4XM9PWA' });
    expect(checkLookupInput({ number: typo, key: '0KQ4XM9PWA' })).toEqual({ ok: false, fieldErrors: { number: [M.numberCheckDigit], key: [M.keyUnused(['0'])] } });
    expect(checkLookupInput({ number: '', key: '' })).toEqual({ ok: false, fieldErrors: { number: [M.numberRequired], key: [M.keyRequired] } });
  });
});
