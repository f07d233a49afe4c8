/**
 * The one rule for control characters in typed text (decision 043). A single-line field takes no
 * control character at all: C0 (NUL, TAB, line breaks…), DEL, C1, and the Unicode line and paragraph
 * separators. A multi-line field (a reason, a note) also takes TAB, LF and CR. PostgreSQL refuses NUL
 * in text (22021), and the rest would break a certificate line, a mail header or a CSV row.
 */
const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const MULTI_LINE_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/;

/** Every single-line control character, for replacing (global). */
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * The bidirectional formatting characters: the embeddings and overrides (U+202A–202E), the isolates
 * (U+2066–2069) and the marks (U+200E, U+200F, U+061C). Typed text keeps them (a name in Arabic may
 * need them), but a name that someone else opens must show what it is: 「evil\u202Eexe.pdf」 reads as
 * 「evilfdp.exe」. Removed, with the control characters, from an uploaded file's name
 * (`withoutControlCharacters(name, { bidi: true })`), and nowhere else.
 */
export const BIDI_CONTROL_CHARACTERS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The value without its single-line control characters (and the bidirectional ones when asked): for names kept, not typed. */
export function withoutControlCharacters(value: string, { bidi = false } = {}): string {
  const clean = value.replace(CONTROL_CHARACTERS, '');
  return bidi ? clean.replace(BIDI_CONTROL_CHARACTERS, '') : clean;
}

export function hasControlCharacters(value: string, { multiline = false } = {}): boolean {
  return (multiline ? MULTI_LINE_FORBIDDEN : SINGLE_LINE_FORBIDDEN).test(value);
}

/** The field's message: it names what is wrong and what to do. */
export const CONTROL_CHARACTER_MESSAGE = '改行・タブなどの制御文字は入力できません。文字だけを入力し直してください。';
export const MULTILINE_CONTROL_CHARACTER_MESSAGE = '使用できない制御文字が含まれています。文字と改行だけを入力し直してください。';

/**
 * Every text entry of a submitted form with a control character, as field errors ({ name: [message] }).
 * `multiline` names the fields that may hold line breaks. Files are not text and are not looked at.
 */
export function controlCharacterErrors(entries: Iterable<[string, unknown]>, multiline: readonly string[] = []): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const [name, value] of entries) {
    if (typeof value !== 'string' || errors[name]) continue;
    // conform names list items as `field[0]` and nested ones `a.b`: the rule follows the field's own name.
    const base = name.replace(/\[\d+\]$/, '');
    const isMultiline = multiline.includes(base);
    if (hasControlCharacters(value, { multiline: isMultiline })) {
      errors[name] = [isMultiline ? MULTILINE_CONTROL_CHARACTER_MESSAGE : CONTROL_CHARACTER_MESSAGE];
    }
  }
  return errors;
}
