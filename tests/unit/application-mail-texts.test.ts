import { describe, expect, it } from 'vitest';
import { applicationSubmittedMail, type Arrived } from '@/domain/applications/mail-texts';
import { DELIVERY_METHOD_LABEL } from '@/domain/applications/labels';
import { GUARANTEE_KIND_LABEL } from '@/domain/labels';

const arrived: Arrived = {
  resubmitted: false,
  contractorName: '株式会社〇〇建設',
  kind: 'ADVANCE',
  ordererName: '大村市',
  projectName: '〇〇道路改良工事',
  contractAmount: 100_000_000n,
  guaranteeAmount: 40_000_000n,
  deliveryMethod: 'ELECTRONIC',
  at: '2026/12/05 10:00',
};

describe('the officers\' mail when an application arrives', () => {
  it('names who applied for what, when, and where to review it; one line of subject', () => {
    const mail = applicationSubmittedMail(arrived);
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.subject).toContain('株式会社〇〇建設');
    expect(mail.subject).toContain('〇〇道路改良工事');
    for (const fact of ['大村市', GUARANTEE_KIND_LABEL.ADVANCE, '100,000,000円', '40,000,000円', DELIVERY_METHOD_LABEL.ELECTRONIC, '2026/12/05 10:00', '申込審査']) {
      expect(mail.bodyText).toContain(fact);
    }
    expect(mail.bodyText).toMatch(/^電子保証ポータル：https?:\/\/\S+\/login$/m);
  });

  it('a resubmission after 差戻し says so, in the subject and the body', () => {
    const first = applicationSubmittedMail(arrived);
    const again = applicationSubmittedMail({ ...arrived, resubmitted: true });
    expect(again.subject).not.toBe(first.subject);
    expect(again.subject).toContain('再申込み');
    expect(again.bodyText).toContain('差戻した');
    expect(first.bodyText).not.toContain('差戻した');
  });
});
