import { describe, expect, it } from 'vitest';
import { guaranteeCancelledMail, periodEndingContractorMail } from '@/domain/guarantees/mail-texts';

const subject = {
  contractorName: '株式会社〇〇建設',
  suretyName: '西日本建設業保証株式会社',
  number: '2070004426',
  kind: 'ADVANCE',
  projectName: '〇〇道路改良工事',
  ordererName: '大村市長',
} as const;
const cancelled = { cancelledOn: '2026-12-05', reason: '工事の中止による契約解除' };

describe('保証契約解除のお知らせ (guaranteeCancelledMail): what is no longer to be submitted follows the delivery method', () => {
  it('電子交付: the 認証キー is no longer to be submitted, the key notice is withdrawn, an orderer confirming it sees 解除', () => {
    const { subject: title, bodyText } = guaranteeCancelledMail({ ...subject, deliveryMethod: 'ELECTRONIC' }, cancelled);
    expect(title).toBe('保証契約解除のお知らせ（保証契約番号 2070004426）');
    expect(bodyText).toContain('下記の保証契約を 2026/12/05 付けで解除しました。');
    expect(bodyText).toContain('解除の理由　：工事の中止による契約解除');
    expect(bodyText).toContain('この保証契約の認証キーは、今後発注者へ提出しないでください');
    expect(bodyText).toContain('「認証キー等のお知らせ」のダウンロード・発注者への送信・認証キーの再発行はできなくなりました');
    expect(bodyText).toContain('発注者が電子証書を確認すると、「解除」と表示されます。');
    expect(bodyText).toContain('※このメールには認証キーを記載していません。');
    expect(bodyText).not.toContain('書面');
  });

  it('書面: the paper 保証証書 is no longer valid and not to be submitted; nothing about a key or an electronic certificate', () => {
    const { subject: title, bodyText } = guaranteeCancelledMail({ ...subject, deliveryMethod: 'PAPER' }, cancelled);
    expect(title).toBe('保証契約解除のお知らせ（保証契約番号 2070004426）');
    expect(bodyText).toContain('下記の保証契約を 2026/12/05 付けで解除しました。');
    expect(bodyText).toContain('解除の理由　：工事の中止による契約解除');
    expect(bodyText).toContain('この保証契約の保証証書（書面）は、解除により効力を失いました。今後、発注者へ提出しないでください。');
    expect(bodyText).not.toContain('認証キー');
    expect(bodyText).not.toContain('電子証書');
    expect(bodyText).toContain('※このメールは送信専用です。');
  });
});

describe('保証期間満了間近のお知らせ to the contractor (periodEndingContractorMail)', () => {
  const ending = { guaranteeEnd: '2026-12-31', periodEnd: '2027-03-31' };
  it('names the end of the 保証期間 and the 工期, and asks for a 変更契約', () => {
    const { subject: title, bodyText } = periodEndingContractorMail({ ...subject, deliveryMethod: 'ELECTRONIC' }, ending);
    expect(title).toBe('保証期間満了間近のお知らせ（保証契約番号 2070004426）');
    expect(bodyText).toContain('2026/12/31 までです');
    expect(bodyText).toContain('変更契約の手続き');
    expect(bodyText).toContain('※このメールには認証キーを記載していません。');
  });
  it('書面: says nothing of a key', () => {
    expect(periodEndingContractorMail({ ...subject, deliveryMethod: 'PAPER' }, ending).bodyText).not.toContain('認証キー');
  });
});
