import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import type { CertificateContent } from '@/domain/certificates/content';
import { seedDemo } from '@/demo/seed';
import { HALF_PASSED_FROM } from '@/demo/term-dates';
import { createTestGuarantees } from '@/demo/test-guarantees';
import { todayInTokyo } from '@/lib/dates';

/**
 * The browser tests' own guarantees (POST /api/test-support/guarantees) for issue 16: a JV's, with its
 * 構成員 and 分割預託, and a 中間前払金保証 concluded from a 認定 — through the use cases, on the demo data.
 */

const contentOf = async (number: string) => {
  const db = await getDb();
  const g = await db.guarantee.findUniqueOrThrow({ where: { number }, include: { versions: true, members: true } });
  return { g, content: g.versions[0]!.content as unknown as CertificateContent };
};

describe('createTestGuarantees for issue 16', () => {
  it('makes a JV of the applicant and five companies in all, its guarantee with five 分割預託 rows', async () => {
    const db = await getDb();
    await seedDemo(db);
    const made = await createTestGuarantees(db, { count: 1, project: 'JV試験工事', jointVenture: { newMembers: 4 } });
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    expect(made.jointVenture).toMatch(/特定建設工事共同企業体$/);
    const { g, content } = await contentOf(made.guarantees[0]!.number!);
    expect(g.members).toHaveLength(4);
    expect(content.jointVenture?.name).toBe(made.jointVenture);
    expect(content.jointVenture?.members).toHaveLength(4);
    expect(content.deposits?.map((d) => d.share)).toEqual(['30', '20', '20', '15', '15']);
    // 一括 on request; a member list that is not 2–5 different companies is a 422.
    const single = await createTestGuarantees(db, { count: 1, project: 'JV一括', jointVenture: { newMembers: 1, split: false } });
    expect(single.ok && (await contentOf(single.guarantees[0]!.number!)).content.deposits).toBeUndefined();
    expect(await createTestGuarantees(db, { count: 1, project: 'JV過多', jointVenture: { newMembers: 4, members: ['maru02'] } })).toMatchObject({ ok: false, status: 422 });
  });

  it.skipIf(todayInTokyo() < HALF_PASSED_FROM)('makes a 中間前払金保証 from a 認定 certified by doboku01', async () => {
    const db = await getDb();
    await seedDemo(db);
    const made = await createTestGuarantees(db, { count: 1, project: '中間試験工事', term: 'halfPassed', fromCertification: true });
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    const intermediate = made.guarantees[0]!.intermediateNumber!;
    const { g, content } = await contentOf(intermediate);
    expect(g.kind).toBe('INTERMEDIATE');
    expect(g.certificationId).not.toBeNull();
    expect(content.intermediateCertification).toMatchObject({ certifier: '大村市長' });
    expect(content.intermediateCertification?.number).toMatch(/^令和\d+年度第\d+号$/);
  });
});
