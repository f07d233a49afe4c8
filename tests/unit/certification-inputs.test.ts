import { describe, expect, it } from 'vitest';
import { CERTIFICATION_USE_CASE_MESSAGES as M } from '@/domain/certifications/labels';
import { certificationDecidedMail, certificationRequestedMail, certificationWithdrawnMail } from '@/domain/certifications/mail-texts';
import { cleanFileName, decideCertificationSchema, isPdf, requestCertificationSchema } from '@/domain/certifications/schemas';

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
