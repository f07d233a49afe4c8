// The 中間前払金認定調書's content as the 認定 keeps it (src/domain/certifications/document.ts): built
// from the 認定's facts, stored as JSON and read back through its schema. The PDF drawn from it is
// tested with the other PDFs (tests/unit/pdf.test.ts).
import { describe, expect, it } from 'vitest';
import {
  buildCertificationDocument,
  certificationDocumentSchema,
  certificationFiscalYear,
  holderLines,
  type CertificationDocumentSource,
} from '@/domain/certifications/document';
import { certificationDocument, jvCertificationDocument } from '../support/certification-samples';

/** The sample document's facts (tests/support/certification-samples.ts) as a use case would pass them. */
const source: CertificationDocumentSource = {
  serial: 12,
  certifiedAt: new Date('2026-10-23T01:15:00.000Z'),
  requestedAt: new Date('2026-10-16T00:30:00.000Z'),
  holder: { company: { name: '株式会社〇〇建設', address: '▲▲市▲▲区▲▲1丁目1番1号' } },
  certifier: { name: '大村市長', department: '都市整備部土木課' },
  clerk: '大村 土木',
  contract: {
    projectName: '〇〇道路改良工事',
    projectLocation: '大村市〇〇町地内',
    contractDate: '2026-04-10',
    periodStart: '2026-04-11',
    periodEnd: '2027-03-31',
    contractAmount: 100_000_000n,
  },
  advanceGuarantee: { number: '2070004426', amount: 40_000_000n },
  reportedOn: '2026-10-15',
  plannedProgressBp: 4800,
  actualProgressBp: 5150,
  workDoneAmount: 56_000_000n,
  requestedAmount: 20_000_000n,
  limits: { intermediate: { numerator: 2, denominator: 10 }, combined: { numerator: 6, denominator: 10 } },
  note: null,
  portalName: '電子保証ポータル',
};

describe('the 認定調書 content (buildCertificationDocument)', () => {
  it('builds the sample document the PDF tests render, from the 認定 facts', () => {
    expect(buildCertificationDocument(source)).toEqual(certificationDocument);
  });

  it('the number, the 認定日 and the request day are Tokyo days: a 認定 at 3月31日 23:30 is the old 年度', () => {
    const doc = buildCertificationDocument({ ...source, serial: 48, certifiedAt: new Date('2027-03-31T14:30:00Z'), requestedAt: new Date('2027-03-24T15:10:00Z') });
    expect(doc.number).toBe('令和8年度第48号');
    expect(doc.certifiedOn).toBe('2027-03-31');
    expect(doc.requestedOn).toBe('2027-03-25');
    expect(buildCertificationDocument({ ...source, serial: 1, certifiedAt: new Date('2027-03-31T15:00:00Z') }).number).toBe('令和9年度第1号');
    expect(certificationFiscalYear(new Date('2027-03-31T14:59:59Z'))).toBe(2026); // 3月31日 23:59:59 in Tokyo
    expect(certificationFiscalYear(new Date('2027-03-31T15:00:00Z'))).toBe(2027); // 4月1日 0:00 in Tokyo
  });

  it('a JV is addressed by its name, its 代表者 under it; a company by its address and name', () => {
    expect(holderLines({ company: { name: '株式会社〇〇建設', address: '▲▲市▲▲区▲▲1丁目1番1号' }, jointVenture: { name: '〇〇・△△特定建設工事共同企業体' } })).toEqual(jvCertificationDocument.holder);
    expect(holderLines(source.holder)).toEqual(certificationDocument.holder);
  });

  it('the share of the 出来高 is rounded down: 49.999 % never prints as 50 %', () => {
    expect(buildCertificationDocument({ ...source, workDoneAmount: 49_999_000n }).workDoneShare).toBe('49.99');
    expect(buildCertificationDocument({ ...source, workDoneAmount: 50_000_000n }).workDoneShare).toBe('50');
  });

  it('survives the JSON column: stored and read back through the schema, it is the same document', () => {
    for (const doc of [certificationDocument, jvCertificationDocument, buildCertificationDocument({ ...source, limits: { intermediate: null, combined: null } })]) {
      const stored: unknown = JSON.parse(JSON.stringify(doc));
      expect(certificationDocumentSchema.parse(stored)).toEqual(doc);
    }
  });

  it('the schema refuses what the builder never writes: another format, a number amount, a bad date, an unknown member', () => {
    const bad = (patch: object) => certificationDocumentSchema.safeParse({ ...certificationDocument, ...patch }).success;
    expect(bad({})).toBe(true);
    expect(bad({ format: 2 })).toBe(false);
    expect(bad({ requestedAmount: 20_000_000 })).toBe(false);
    expect(bad({ requestedAmount: '20,000,000' })).toBe(false);
    expect(bad({ certifiedOn: '2026-02-30' })).toBe(false);
    expect(bad({ certifiedAt: '2026-10-23' })).toBe(false);
    expect(bad({ plannedProgress: '48.005' })).toBe(false);
    expect(bad({ signature: 'x' })).toBe(false);
    expect(bad({ contract: { ...certificationDocument.contract, contractAmount: 100_000_000n } })).toBe(false);
  });
});
