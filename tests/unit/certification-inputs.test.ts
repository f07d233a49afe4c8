import { describe, expect, it } from 'vitest';
import { CERTIFICATION_USE_CASE_MESSAGES as M } from '@/domain/certifications/labels';
import { certificationDecidedMail, certificationRequestedMail, certificationWithdrawnMail } from '@/domain/certifications/mail-texts';
import { cleanFileName, decideCertificationSchema, isPdf, requestCertificationSchema, withdrawCertificationSchema } from '@/domain/certifications/schemas';

/** The 認定's inputs as forms send them, and its mails' words (decision 067). */

const pdf = new TextEncoder().encode('%PDF-1.7\n');
const valid = {
  guaranteeNumber: '2070004426',
  reportedOn: '令和8年10月15日',
  plannedProgress: '４８．５％',
  actualProgress: '51.5',
  workDoneAmount: '５６，０００，０００円',
  requestedAmount: '20,000,000',
  noPartialPayment: 'on',
  files: [{ name: '報告書.pdf', type: 'application/pdf', bytes: pdf }],
};

describe('the request form', () => {
  it('reads dates, percentages and yen as people type them', () => {
    const parsed = requestCertificationSchema.parse(valid);
    expect(parsed).toMatchObject({ reportedOn: '2026-10-15', plannedProgress: 4850, actualProgress: 5150, workDoneAmount: 56_000_000n, requestedAmount: 20_000_000n, noPartialPayment: true, note: null });
    expect(requestCertificationSchema.parse({ ...valid, noPartialPayment: undefined }).noPartialPayment).toBe(false);
  });

  it('file names: no path, no control characters, at most 200 characters with .pdf kept', () => {
    expect(cleanFileName('C:\\Users\\me\\報告書.pdf')).toBe('報告書.pdf');
    expect(cleanFileName('/tmp/a\u0007b.pdf')).toBe('ab.pdf');
    const long = cleanFileName(`${'あ'.repeat(300)}.pdf`);
    expect(long).toHaveLength(200);
    expect(long.endsWith('.pdf')).toBe(true);
  });

  it('file names are cut by code points: never half a surrogate pair (the audit row\'s jsonb refuses one)', () => {
    const wellFormed = (s: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
    // 200 code points (201 UTF-16 units): kept whole.
    expect(cleanFileName(`${'a'.repeat(195)}😀.pdf`)).toBe(`${'a'.repeat(195)}😀.pdf`);
    // 201 code points: cut after the first emoji, not inside the second.
    expect(cleanFileName(`${'a'.repeat(195)}😀😀.pdf`)).toBe(`${'a'.repeat(195)}😀.pdf`);
    for (let n = 190; n <= 200; n++) {
      const name = cleanFileName(`${'a'.repeat(n)}${'𠮷'.repeat(10)}.pdf`);
      expect(wellFormed(name), String(n)).toBe(true);
      expect(Array.from(name).length).toBeLessThanOrEqual(200);
      expect(name.endsWith('.pdf')).toBe(true);
    }
    const parsed = requestCertificationSchema.parse({ ...valid, files: [{ name: `${'a'.repeat(195)}😀😀.pdf`, type: 'application/pdf', bytes: pdf }] });
    expect(JSON.stringify(parsed.files.map((f) => f.name))).not.toMatch(/\\ud[89a-f]/i);
    // A lone surrogate sent as such (not through a form) is replaced, never stored.
    expect(cleanFileName('a\ud83d.pdf')).toBe('a\ufffd.pdf');
  });

  it('file names lose the bidirectional controls that make a name read as another (evil\u202Eexe.pdf)', () => {
    expect(cleanFileName('evil\u202Eexe.pdf')).toBe('evilexe.pdf');
    for (const c of ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c']) {
      expect(cleanFileName(`報告${c}書.pdf`), JSON.stringify(c)).toBe('報告書.pdf');
    }
    const parsed = requestCertificationSchema.parse({ ...valid, files: [{ name: 'evil\u202Eexe.pdf', type: 'application/pdf', bytes: pdf }] });
    expect(parsed.files[0]!.name).toBe('evilexe.pdf');
  });

  it('.pdf is checked on the whole name: a long name ending in .exe is not cut into a PDF', () => {
    const name = `${'a'.repeat(296)}.exe`;
    const r = requestCertificationSchema.safeParse({ ...valid, files: [{ name, type: 'application/pdf', bytes: pdf }] });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['files', M.fileNotPdf(cleanFileName(name))]]);
    // A long .pdf is cut and kept.
    expect(requestCertificationSchema.parse({ ...valid, files: [{ name: `${'a'.repeat(296)}.pdf`, type: 'application/pdf', bytes: pdf }] }).files[0]!.name).toHaveLength(200);
  });

  it('a name over 1000 characters or a declared type over 200: Japanese, at files', () => {
    const errors = (f: { name: string; type: string }) => requestCertificationSchema.safeParse({ ...valid, files: [{ ...f, bytes: pdf }] }).error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(errors({ name: `${'あ'.repeat(1001)}.pdf`, type: 'application/pdf' })).toEqual([['files', M.fileNameLength]]);
    expect(errors({ name: '報告書.pdf', type: `application/${'x'.repeat(200)}` })).toEqual([['files', M.fileNotPdf('報告書.pdf')]]);
    // Whatever the shape, no zod default (English) message.
    for (const files of [[{ name: 1, type: '', bytes: pdf }], [{ name: 'a.pdf', type: null, bytes: pdf }], [{ name: 'a.pdf', type: '', bytes: 'x' }], ['a.pdf'], null]) {
      for (const issue of requestCertificationSchema.safeParse({ ...valid, files }).error!.issues) expect(issue.message, JSON.stringify(files)).toMatch(/[ぁ-んァ-ヶ一-龠]/);
    }
  });

  it('a PDF by name, declared type (when given) and its first bytes', () => {
    expect(isPdf({ name: 'a.PDF', type: '', bytes: pdf })).toBe(true);
    expect(isPdf({ name: 'a.pdf', type: 'application/octet-stream', bytes: pdf })).toBe(false);
    expect(isPdf({ name: 'a.txt', type: 'application/pdf', bytes: pdf })).toBe(false);
    expect(isPdf({ name: 'a.pdf', type: 'application/pdf', bytes: new TextEncoder().encode('%PDF') })).toBe(false);
  });

  it('refuses what is malformed at its field, never throwing', () => {
    const r = requestCertificationSchema.safeParse({ ...valid, plannedProgress: '101', workDoneAmount: 'abc', files: [] });
    expect(r.success).toBe(false);
    const fields = new Set(r.error!.issues.map((i) => String(i.path[0])));
    expect(fields).toEqual(new Set(['plannedProgress', 'workDoneAmount', 'files']));
    expect(requestCertificationSchema.safeParse(null).success).toBe(false);
    expect(requestCertificationSchema.safeParse({ ...valid, files: [{ name: 'a.pdf', type: 'application/pdf', bytes: 'text' }] }).success).toBe(false);
  });
});

describe('the decision form', () => {
  it('認定 with an optional one-line 付記; 不認定 with its reason', () => {
    expect(decideCertificationSchema.parse({ decision: 'CERTIFY', note: '' })).toMatchObject({ decision: 'CERTIFY', note: null });
    expect(decideCertificationSchema.safeParse({ decision: 'CERTIFY', note: '一行目\n二行目' }).error?.issues[0]?.message).toBe(M.decisionNoteControl);
    expect(decideCertificationSchema.safeParse({ decision: 'REFUSE' }).error?.issues[0]?.message).toBe(M.refusalReasonRequired);
    expect(decideCertificationSchema.parse({ decision: 'REFUSE', note: '理由\n詳細', expectedRevision: '2' })).toMatchObject({ note: '理由\n詳細', expectedRevision: 2 });
    expect(decideCertificationSchema.safeParse({ decision: 'MAYBE' }).success).toBe(false);
  });

  it('不認定の理由 with a control character is told so by its own name', () => {
    expect(decideCertificationSchema.safeParse({ decision: 'REFUSE', note: '理由\u0000' }).error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['note', M.refusalReasonControl]]);
    expect(M.refusalReasonControl).toContain('不認定の理由');
  });

  it('a revision that is no number reads as absent (as every edit form\'s revisionOf); never an English message', () => {
    for (const expectedRevision of ['abc', '', '1.5', '-1', 'NaN', NaN, Infinity, 1.5, -1, {}, null, '9'.repeat(20)]) {
      expect(decideCertificationSchema.parse({ decision: 'CERTIFY', expectedRevision }).expectedRevision, String(expectedRevision)).toBeUndefined();
      expect(withdrawCertificationSchema.parse({ expectedRevision }).expectedRevision).toBeUndefined();
    }
    expect(decideCertificationSchema.parse({ decision: 'REFUSE', note: '理由', expectedRevision: ' 3 ' }).expectedRevision).toBe(3);
    expect(withdrawCertificationSchema.parse({ expectedRevision: 2 }).expectedRevision).toBe(2);
    expect(withdrawCertificationSchema.parse({}).expectedRevision).toBeUndefined();
  });
});

describe('the mails', () => {
  const facts = { contractorName: '株式会社〇〇建設', ordererName: '大村市', departmentName: '都市整備部土木課', projectName: '〇〇道路改良工事', advanceNumber: '2070004426' };

  it('to the department: 【電子保証】 subjects, the facts, where to sign in, no attachment', () => {
    const requested = certificationRequestedMail(facts, { reportedOn: '2026-10-15', plannedProgressBp: 4800, actualProgressBp: 5150, workDoneAmount: 56_000_000n, requestedAmount: 20_000_000n, files: 2 });
    expect(requested.subject).toBe('【電子保証】中間前払金の認定請求がありました（〇〇道路改良工事）');
    expect(requested.bodyText).toContain('大村市 都市整備部土木課 御中');
    expect(requested.bodyText).toContain('20,000,000円');
    expect(requested.bodyText).toContain('48％・51.5％');
    expect(requested.bodyText).toMatch(/ログイン画面：https?:\/\/.+\/login/);
    expect(certificationWithdrawnMail(facts, { byCancel: true }).bodyText).toContain('前払金保証の契約が解除されたため');
    expect(certificationWithdrawnMail(facts, { byCancel: false }).subject).toBe('【電子保証】中間前払金の認定請求が取り下げられました（〇〇道路改良工事）');
  });

  it('to the contractor: the number, or the reason', () => {
    const yes = certificationDecidedMail(facts, { decision: 'CERTIFIED', number: '令和8年度第12号', certifiedOn: '2026-10-23' });
    expect(yes.subject).toBe('中間前払金の認定のお知らせ（令和8年度第12号）');
    expect(yes.bodyText).toContain('株式会社〇〇建設 様');
    const no = certificationDecidedMail(facts, { decision: 'REFUSED', reason: '出来高の根拠が不足しています。' });
    expect(no.subject).toBe('中間前払金の不認定のお知らせ（〇〇道路改良工事）');
    expect(no.bodyText).toContain('出来高の根拠が不足しています。');
  });
});
