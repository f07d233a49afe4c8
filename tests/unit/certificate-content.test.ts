import { describe, expect, it } from 'vitest';
import { diffVersions } from '@/domain/certificates/diff';
import { buildCertificateContent, canonicalJson, contentDigest, holderOf, type CertificateSource } from '@/domain/certificates/content';

/**
 * A single company's certificate content, written out here in full (not from the shared samples, which
 * may change): its digest was computed before the content gained its optional JV, 分割預託 and 認定
 * members, and must never change — every stored version's digest and signature rest on it.
 */
const ISSUER = {
  address: '大阪市西区江戸堀1-9-1',
  companyName: '西日本建設業保証株式会社',
  representativeTitle: '取締役社長',
  representativeName: '藤田 一',
  termsUrl: 'https://www.wjcs.net/',
};

const single: CertificateSource = {
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
  issuer: ISSUER,
  branch: { name: '大阪支店', address: '大阪市西区江戸堀1-9-1', tel: '06-6543-2711', fax: '0120-304160' },
};

const contract: CertificateSource = {
  ...single,
  version: 2,
  changed: true,
  issuedOn: '2026-06-01',
  kind: 'CONTRACT',
  number: '2070004427',
  contractor: { address: '長崎県大村市△△町2番3号', name: '株式会社△△工務店' },
  guaranteeAmount: 10_000_000n,
  guaranteeStart: '',
  projectName: '△△橋補修工事',
  depositBank: null,
  branch: null,
};

const JV = {
  name: '〇〇・△△特定建設工事共同企業体',
  kind: 'SPECIFIC' as const,
  mode: 'JOINT' as const,
  representative: { address: '▲▲市▲▲区▲▲1丁目1番1号', name: '株式会社〇〇建設', share: '60' },
  members: [{ address: '長崎県大村市△△町2番3号', name: '株式会社△△工務店', share: '40' }],
};
const DEPOSITS = [
  { bank: '〇〇銀行', branch: '大村支店', holder: '株式会社〇〇建設', share: '60' },
  { bank: '△△信用金庫', branch: '本店営業部', holder: '株式会社△△工務店', share: '40' },
];
const CERTIFICATION = { number: '令和8年度第12号', certifiedOn: '2026-10-23', certifier: '大村市長' };

describe('certificate content: the optional JV, 分割預託 and 認定 members', () => {
  it('keeps a single company version byte for byte as before (digests computed before the change)', () => {
    expect(contentDigest(buildCertificateContent(single))).toBe('67e1ec1b85407c3c9b62b490a7e3900d3f662635442f983f174d947fcf310993');
    expect(contentDigest(buildCertificateContent(contract))).toBe('51cb754dc6aa7a4ae57eb5b020d9278b85e0a55d188ad19f397ce8b8e0ca39ea');
    const c = buildCertificateContent(single);
    expect(Object.keys(c)).not.toContain('jointVenture');
    expect(Object.keys(c)).not.toContain('deposits');
    expect(Object.keys(c)).not.toContain('intermediateCertification');
    expect(canonicalJson(c)).not.toMatch(/jointVenture|deposits|intermediateCertification/);
  });

  it('records the JV as 保証契約者 and the split deposits in place of one 預託金融機関', () => {
    const c = buildCertificateContent({ ...single, jointVenture: JV, deposits: DEPOSITS });
    expect(c.jointVenture).toEqual(JV);
    expect(c.deposits).toEqual(DEPOSITS);
    expect(c.depositBank).toBeNull();
    expect(c.contractor).toEqual(single.contractor);
    expect(contentDigest(c)).not.toBe(contentDigest(buildCertificateContent(single)));
    // The snapshot owns its data: changing the source afterwards changes nothing.
    const source = { ...single, jointVenture: structuredClone(JV), deposits: structuredClone(DEPOSITS) };
    const snap = buildCertificateContent(source);
    source.jointVenture.members[0]!.name = '別の会社';
    source.deposits[0]!.bank = '別の銀行';
    expect(snap.jointVenture?.members[0]?.name).toBe('株式会社△△工務店');
    expect(snap.deposits?.[0]?.bank).toBe('〇〇銀行');
  });

  it('has no 預託金融機関 of any kind on a 契約保証, and a JV with one account keeps depositBank', () => {
    const c = buildCertificateContent({ ...contract, jointVenture: JV, deposits: DEPOSITS });
    expect(c.deposits).toBeUndefined();
    expect(c.depositBank).toBeNull();
    expect(c.jointVenture?.name).toBe(JV.name);
    const one = buildCertificateContent({ ...single, jointVenture: JV, deposits: [] });
    expect(one.deposits).toBeUndefined();
    expect(one.depositBank).toEqual({ bank: '〇〇銀行', branch: '▲▲支店' });
  });

  it('records the 認定 on a 中間前払金保証 only', () => {
    const c = buildCertificateContent({ ...single, kind: 'INTERMEDIATE', intermediateCertification: CERTIFICATION });
    expect(c.intermediateCertification).toEqual(CERTIFICATION);
    expect(buildCertificateContent({ ...single, intermediateCertification: CERTIFICATION }).intermediateCertification).toBeUndefined();
    const withKey = canonicalJson(c);
    expect(withKey).toContain('"intermediateCertification":{"certifiedOn":"2026-10-23","certifier":"大村市長","number":"令和8年度第12号"}');
  });

  it('survives a round trip through JSON (the database column) with the same digest', () => {
    const c = buildCertificateContent({ ...single, kind: 'INTERMEDIATE', jointVenture: JV, deposits: DEPOSITS, intermediateCertification: CERTIFICATION });
    expect(contentDigest(JSON.parse(JSON.stringify(c)))).toBe(contentDigest(c));
  });
});

describe('holderOf', () => {
  it('names the JV with its 代表者, or the company alone', () => {
    expect(holderOf(buildCertificateContent(single))).toBe('株式会社〇〇建設');
    expect(holderOf(buildCertificateContent({ ...single, jointVenture: JV }))).toBe('〇〇・△△特定建設工事共同企業体（代表者 株式会社〇〇建設）');
  });
});

describe('版の比較 of a JV version', () => {
  it('writes the JV and the 分割預託 as the certificate does, unchanged between versions', () => {
    const before = buildCertificateContent({ ...single, jointVenture: JV, deposits: DEPOSITS });
    const after = buildCertificateContent({ ...single, version: 2, changed: true, jointVenture: JV, deposits: DEPOSITS, guaranteeAmount: 50_000_000n });
    const rows = Object.fromEntries(diffVersions(before, after).map((r) => [r.key, r]));
    expect(rows.contractor?.after).toBe('〇〇・△△特定建設工事共同企業体 代表者 ▲▲市▲▲区▲▲1丁目1番1号 株式会社〇〇建設 構成員 長崎県大村市△△町2番3号 株式会社△△工務店');
    expect(rows.contractor?.changed).toBe(false);
    expect(rows.depositBank?.after).toBe('（分割預託）〇〇銀行 大村支店 株式会社〇〇建設 60％、△△信用金庫 本店営業部 株式会社△△工務店 40％');
    expect(rows.guaranteeAmount?.changed).toBe(true);
    // A single company's rows are as they were.
    const plain = Object.fromEntries(diffVersions(buildCertificateContent(single), buildCertificateContent(single)).map((r) => [r.key, r]));
    expect(plain.contractor?.after).toBe('▲▲市▲▲区▲▲1丁目1番1号 株式会社〇〇建設');
    expect(plain.depositBank?.after).toBe('〇〇銀行 ▲▲支店');
  });
});
