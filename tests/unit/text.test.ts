import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstParam, MAX_PARAM_LENGTH } from '@/lib/search-params';
import { CONTROL_CHARACTER_MESSAGE, controlCharacterErrors, hasControlCharacters, MULTILINE_CONTROL_CHARACTER_MESSAGE, withoutControlCharacters } from '@/lib/text';

describe('the one rule for control characters', () => {
  it('refuses NUL, C0, DEL, C1 and the Unicode separators on one line; a multi-line field also takes TAB, LF and CR', () => {
    for (const c of ['\u0000', '\u0001', '\t', '\n', '\r', '\u001f', '\u007f', '\u0085', '\u009f', '\u2028', '\u2029']) {
      expect(hasControlCharacters(`氏名${c}`), JSON.stringify(c)).toBe(true);
    }
    for (const c of ['\t', '\n', '\r']) expect(hasControlCharacters(`理由${c}続き`, { multiline: true })).toBe(false);
    for (const c of ['\u0000', '\u000b', '\u000c', '\u007f', '\u2028']) expect(hasControlCharacters(`理由${c}`, { multiline: true })).toBe(true);
  });

  it('lets every printable text through: Japanese, 全角, emoji, surrogate pairs, spaces', () => {
    for (const text of ['株式会社〇〇建設', '大村\u3000太郎', '𠮷野家', '１２３', 'a b', '👍', '―〜']) expect(hasControlCharacters(text)).toBe(false);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const printable = [...text].every((c) => c.codePointAt(0)! > 0x9f || (c.codePointAt(0)! >= 0x20 && c.codePointAt(0)! < 0x7f));
        const separators = /[\u2028\u2029]/.test(text);
        expect(hasControlCharacters(text)).toBe(!printable || separators);
      }),
    );
  });

  it('removes them from a name kept (not typed), and the bidirectional controls only when asked', () => {
    expect(withoutControlCharacters('a\u0000b\tc\u2028d\u0085e')).toBe('abcde');
    expect(withoutControlCharacters('evil\u202Eexe.pdf')).toBe('evil\u202Eexe.pdf');
    expect(withoutControlCharacters('e\u202avil\u202Eexe\u2066\u2069\u200e\u200f\u061c.pdf\u0007', { bidi: true })).toBe('evilexe.pdf');
    // Typed text keeps them: the one rule for typed fields is unchanged.
    expect(hasControlCharacters('\u202e')).toBe(false);
    // The global patterns keep no state between calls.
    expect(withoutControlCharacters('\u202e\u202e', { bidi: true })).toBe('');
    expect(withoutControlCharacters('\u202e\u202e', { bidi: true })).toBe('');
  });

  it('names each field of a form that holds one, with the message of its kind', () => {
    const form = new FormData();
    form.set('name', '氏\u0000名');
    form.set('email', 'a@example.jp');
    form.set('reason', '一行目\n二行目');
    form.set('note', '一行目\u0000');
    form.append('grid[0]', '1\n');
    form.set('file', new Blob(['\u0000']), 'a.pdf');
    expect(controlCharacterErrors(form.entries(), ['reason', 'note'])).toEqual({
      name: [CONTROL_CHARACTER_MESSAGE],
      note: [MULTILINE_CONTROL_CHARACTER_MESSAGE],
      'grid[0]': [CONTROL_CHARACTER_MESSAGE],
    });
  });
});

describe('query values of the lists', () => {
  it('turn control characters into spaces, are cut to MAX_PARAM_LENGTH, and a blank one is none', () => {
    expect(firstParam({ q: '大村\u0000市' }, 'q')).toBe('大村 市');
    expect(firstParam({ q: ['a', 'b'] }, 'q')).toBe('a');
    expect(firstParam({ q: '\u0000\t' }, 'q')).toBeUndefined();
    expect(firstParam({ q: 'x'.repeat(5000) }, 'q')).toHaveLength(MAX_PARAM_LENGTH);
    expect(firstParam({}, 'q')).toBeUndefined();
  });
});
