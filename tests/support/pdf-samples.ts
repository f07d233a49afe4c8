// The documents of the flyer, as sample data for the PDF tests (tests/unit/pdf.test.ts) and the bench
// (tests/bench/pdf.ts, which varies them per render). Fixed dates and digests: identical input,
// identical bytes — the baselines in tests/fixtures/pdf/ are these documents.
import { createHash } from 'node:crypto';
import type { KeyNoticeData } from '@/pdf/key-notice';
import type { PremiumReceiptData } from '@/pdf/premium-receipt';
import type { PremiumStatementData } from '@/pdf/premium-statement';
import type { VerificationRecordData } from '@/pdf/verification-record';

export const issuer = {
  address: '大阪市西成区立売堀2丁目1番2号',
  companyName: '西日本建設業保証株式会社',
  representativeTitle: '取締役社長',
  representativeName: '藤田 一',
};
export const branch = { name: '大阪支店', tel: '06-6543-2711', fax: '0120-304160' };
export const LOOKUP_URL = 'https://portal.example.jp/orderer/lookup?number=2070004426';
export const NOTICE_DIGEST = createHash('sha256').update('電子証書 2070004426 第1版').digest('hex');
export const NOTICE_VERIFY_URL = `https://portal.example.jp/verify/${NOTICE_DIGEST}`;

export const notice: KeyNoticeData = {
  kindLabel: '前払金保証',
  number: '2070004426',
  key: '7KQ4XM9PWA',
  projectName: '〇〇道路改良工事',
  ordererName: '〇〇県知事',
  suretyName: '西日本建設業保証株式会社',
  issuer,
  branch,
  lookupUrl: LOOKUP_URL,
  issuedAt: new Date('2026-04-01T01:30:00Z'),
  verification: { digest: NOTICE_DIGEST, url: NOTICE_VERIFY_URL },
};

export const statement: PremiumStatementData = {
  issuedOn: '2026-04-01',
  number: '2070004426',
  kindLabel: '前払金保証',
  contractor: { name: '株式会社〇〇建設', address: '▲▲市▲▲区▲▲1丁目1番1号' },
  projectName: '〇〇道路改良工事',
  ordererName: '〇〇県知事',
  guaranteeAmount: 40_000_000n,
  guaranteePeriod: { from: '2026-04-01', to: '2027-03-31' },
  periodDays: 365,
  lines: [
    { label: '1円〜100,000,000円の部分', detail: '40,000,000円 × 0.2300%（181日〜365日）', amount: '92,000' },
    { label: '小計', amount: '92,000' },
    { label: '端数処理', detail: '100円未満切り捨て', amount: '92,000' },
    { label: '保証料', amount: '92,000' },
  ],
  premiumYen: 92_000n,
  isDemo: true,
  issuer,
  branch,
  createdAt: new Date('2026-04-01T01:30:00Z'),
};

export const receipt: PremiumReceiptData = {
  receiptNumber: '2070004426-01',
  issuedOn: '2026-04-10',
  contractor: { name: '株式会社〇〇建設', address: '▲▲市▲▲区▲▲1丁目1番1号' },
  amount: 99_000n,
  number: '2070004426',
  kindLabel: '前払金保証',
  projectName: '〇〇道路改良工事',
  ordererName: '〇〇県知事',
  paidOn: '2026-04-08',
  methodLabel: '銀行振込',
  lines: [
    { label: '保証料計算書', detail: '2026/04/01 発行', amount: '92,000' },
    { label: '変更保証料計算書（返戻）', detail: '2026/04/05 発行', amount: '△3,000' },
    { label: '変更保証料計算書（追加保証料）', detail: '2026/04/07 発行', amount: '10,000' },
  ],
  issuer,
  branch,
  createdAt: new Date('2026-04-10T01:30:00Z'),
};

export const RECORD_DIGEST = createHash('sha256').update('電子証書 2070004426 第2版').digest('hex');

export const record: VerificationRecordData = {
  confirmationId: '3f2a9c1b-0d4e-4c1a-9b7e-2f1c3d4e5f60',
  checkedAt: new Date('2026-11-25T05:05:00Z'), // 14:05 in Tokyo
  checker: { name: '山田 太郎', organization: '大村市', department: '建設部 土木課' },
  number: '2070004426',
  kindLabel: '前払金保証',
  projectName: '〇〇道路改良工事',
  contractorName: '株式会社〇〇建設',
  obligeeName: '大村市長',
  guaranteeAmount: 40_000_000n,
  guaranteePeriod: { from: '2026-04-01', to: '2027-03-31' },
  version: 2,
  versionChanged: true,
  versionIssuedOn: '2026-10-01',
  statusLabel: '有効',
  digest: RECORD_DIGEST,
  issuer: { ...issuer },
  portalName: '電子保証ポータル',
  verifyUrl: `https://portal.example.jp/verify/${RECORD_DIGEST}`,
};

/** 200 characters: the longest 工事名 the application form accepts. */
export const LONG_PROJECT_NAME = `令和八年度${'〇〇市道△△線道路改良工事（第１工区）及び付帯する排水施設整備工事'.repeat(6)}`.slice(0, 200);
