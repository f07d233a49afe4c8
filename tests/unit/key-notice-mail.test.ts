import { describe, expect, it } from 'vitest';
import { keyNoticeFilename, keyNoticeFingerprint, keyNoticeMail, type KeyNoticeMailValues } from '@/domain/guarantees/key-notice-mail';
import { KEY_NOTICE_WITHDRAWN } from '@/domain/guarantees/messages';
import { stillMoving, submissionState, type SubmissionMail } from '@/domain/guarantees/submission-state';

const values: KeyNoticeMailValues = {
  ordererName: '大村市',
  departmentName: '都市整備部土木課',
  email: 'doboku@omura.example.jp',
  contractorName: '株式会社〇〇建設',
  kind: 'ADVANCE',
  number: '2070004426',
  projectName: '〇〇道路改良工事',
  suretyName: '西日本建設業保証株式会社',
  senderName: '建設 一郎',
  subject: '【電子保証】前払金保証 保証契約番号2070004426 〇〇道路改良工事',
  lookupUrl: 'https://portal.example.jp/orderer/lookup?number=2070004426',
};

describe('the mail of 「発注者へ送信」 (keyNoticeMail): what the preview shows and the outbox queues', () => {
  it('to the department, with the orderer’s subject, the guarantee, where to look, who sent it, and the key notice PDF', () => {
    const mail = keyNoticeMail(values);
    expect(mail.to).toEqual(['doboku@omura.example.jp']);
    expect(mail.subject).toBe(values.subject);
    expect(mail.bodyText.split('\n')[0]).toBe('大村市 都市整備部土木課 御中');
    for (const line of ['区分　　　　：前払金保証', '保証契約番号：2070004426', '工事名　　　：〇〇道路改良工事', '保証機関　　：西日本建設業保証株式会社', `閲覧ページ：${values.lookupUrl}`]) {
      expect(mail.bodyText).toContain(line);
    }
    expect(mail.bodyText).toContain('※このメールは 建設 一郎（株式会社〇〇建設）の操作により、電子保証ポータルから送信しています。');
    expect(mail.attachmentNames).toEqual(['認証キー等のお知らせ_2070004426.pdf']);
    expect(keyNoticeFilename('2070004426')).toBe(mail.attachmentNames[0]);
  });

  it('the fingerprint changes with anything the mail says and with the key its PDF holds, and only then', () => {
    const mail = keyNoticeMail(values);
    const base = keyNoticeFingerprint(mail, 'key-1');
    expect(keyNoticeFingerprint(keyNoticeMail({ ...values }), 'key-1')).toBe(base);
    expect(keyNoticeFingerprint(mail, 'key-2')).not.toBe(base);
    for (const change of [{ email: 'keiyaku@omura.example.jp' }, { subject: '別の件名' }, { projectName: '△△トンネル工事' }, { senderName: '建設 二郎' }, { number: '2070004434' }]) {
      expect(keyNoticeFingerprint(keyNoticeMail({ ...values, ...change }), 'key-1'), JSON.stringify(change)).not.toBe(base);
    }
  });
});

describe('where a sending stands, as the contractor is told (submissionState)', () => {
  const at = new Date('2026-12-05T01:31:00Z');
  const next = new Date('2026-12-05T01:33:00Z');
  const mail = (m: Partial<SubmissionMail>): SubmissionMail => ({ status: 'PENDING', attempts: 0, sentAt: null, nextAttemptAt: at, lastError: null, ...m });

  it('送信待ち, then 送信済み with its time; a failed attempt waits for the next one', () => {
    expect(submissionState(mail({}))).toEqual({ kind: 'queued' });
    expect(submissionState(mail({ status: 'SENT', attempts: 1, sentAt: at }))).toEqual({ kind: 'sent', at });
    expect(submissionState(mail({ attempts: 2, nextAttemptAt: next, lastError: '[ECONNREFUSED] connect' }))).toEqual({ kind: 'retrying', nextAttemptAt: next });
  });

  it('given up after the last attempt, told apart from a notice withdrawn by a reissued key; no mail: unknown', () => {
    expect(submissionState(mail({ status: 'FAILED', attempts: 8, lastError: '[EENVELOPE 550] mailbox unavailable' }))).toEqual({ kind: 'gaveUp' });
    expect(submissionState(mail({ status: 'FAILED', lastError: KEY_NOTICE_WITHDRAWN }))).toEqual({ kind: 'withdrawn' });
    expect(submissionState(null)).toEqual({ kind: 'unknown' });
  });

  it('only 送信待ち (first try or retry) may still change by itself', () => {
    expect(stillMoving({ kind: 'queued' })).toBe(true);
    expect(stillMoving({ kind: 'retrying', nextAttemptAt: next })).toBe(true);
    for (const kind of ['gaveUp', 'withdrawn', 'unknown'] as const) expect(stillMoving({ kind })).toBe(false);
    expect(stillMoving({ kind: 'sent', at })).toBe(false);
  });
});
