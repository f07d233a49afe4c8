import type { OrdererRuleSet } from '@/domain/applications/rules';
import type { CertificateSource } from '@/domain/certificates/content';
import { DEMO_BRANCH, DEMO_ISSUER } from '@/demo/surety';

/** 大村市's rules as the demo data stores them: 電子交付 from 2026-04-01, the standard contract's limits. */
export const OMURA_RULES: OrdererRuleSet = {
  name: '大村市',
  electronicFrom: '2026-04-01',
  electronicWorkTypes: ['WORKS', 'CONSULTING'],
  limits: [
    { guaranteeKind: 'ADVANCE', workType: 'WORKS', bound: 'MAX', numerator: 4, denominator: 10 },
    { guaranteeKind: 'ADVANCE', workType: 'CONSULTING', bound: 'MAX', numerator: 3, denominator: 10 },
    { guaranteeKind: 'INTERMEDIATE', workType: null, bound: 'MAX', numerator: 2, denominator: 10 },
    { guaranteeKind: 'CONTRACT', workType: null, bound: 'MIN', numerator: 1, denominator: 10 },
  ],
};

/** The flyer's 前払金保証 of 〇〇道路改良工事 as a certificate's source data; `overrides` change any part. */
export function certificateSource(overrides: Partial<CertificateSource> = {}): CertificateSource {
  return {
    version: 1,
    changed: false,
    issuedOn: '2026-05-01',
    kind: 'ADVANCE',
    number: '2070004426',
    contractor: { address: '▲▲市▲▲区▲▲1丁目1番1号', name: '株式会社〇〇建設' },
    obligeeName: '大村市長',
    guaranteeAmount: 40_000_000n,
    guaranteeStart: '2026-05-02',
    guaranteeEnd: '2027-03-31',
    periodEnd: '2027-03-31',
    projectName: '〇〇道路改良工事',
    contractAmount: 100_000_000n,
    depositBank: { bank: '〇〇銀行', branch: '▲▲支店' },
    issuer: DEMO_ISSUER,
    branch: { name: DEMO_BRANCH.name, address: DEMO_BRANCH.address, tel: DEMO_BRANCH.tel, fax: DEMO_BRANCH.fax },
    ...overrides,
  };
}
