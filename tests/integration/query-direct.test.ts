import { afterEach, describe, expect, it, vi } from 'vitest';
import { getDbHandle, queryDirect } from '@/db/client';

// queryDirect (decision 064): the lookup's statement sent on a pooled PostgreSQL connection beside
// Prisma, or through Prisma on PGlite. Either way a row reads as Prisma would have read it — above all a
// timestamp without time zone, stored in UTC, whatever the process's own time zone is.

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe('queryDirect', () => {
  it('reads timestamps as the UTC moments they hold, in a process running on Tokyo time', async () => {
    const { prisma } = await getDbHandle();
    process.env.TZ = 'Asia/Tokyo';
    const [row] = await queryDirect<{ t: Date; n: number; b: boolean; j: { a: string[] }; u: string; arr: string[] }>(
      prisma,
      `SELECT CAST($1 AS timestamp(3)) AS t, CAST($2 AS integer) AS n, CAST($3 AS boolean) AS b, CAST($4 AS jsonb) AS j, CAST($5 AS uuid) AS u, CAST($6 AS text[]) AS arr`,
      ['2026-12-06T01:02:03.456Z', 7, true, JSON.stringify({ a: ['保証'] }), '00000000-0000-4000-8000-000000000001', ['x', 'y']],
    );
    expect(row!.t).toEqual(new Date('2026-12-06T01:02:03.456Z'));
    expect(row).toMatchObject({ n: 7, b: true, j: { a: ['保証'] }, u: '00000000-0000-4000-8000-000000000001', arr: ['x', 'y'] });
  });

  it('passes NULLs and refuses nothing Prisma would accept', async () => {
    const { prisma } = await getDbHandle();
    const [row] = await queryDirect<{ t: Date | null; s: string | null }>(prisma, 'SELECT CAST($1 AS timestamp(3)) AS t, CAST($2 AS text) AS s', [null, null]);
    expect(row).toEqual({ t: null, s: null });
  });

  it('is sent on the pool by another copy of this module too, as Next bundles one per entry (through Prisma on PGlite)', async () => {
    const handle = await getDbHandle();
    vi.resetModules();
    const copy = await import('@/db/client');
    expect(copy.queryDirect).not.toBe(queryDirect);
    const throughPrisma = vi.spyOn(handle.prisma, '$queryRawUnsafe');
    try {
      const [row] = await copy.queryDirect<{ n: number }>(handle.prisma, 'SELECT CAST($1 AS integer) AS n', [5]);
      expect(row).toEqual({ n: 5 });
      expect(throughPrisma).toHaveBeenCalledTimes(handle.kind === 'postgres' ? 0 : 1);
    } finally {
      throughPrisma.mockRestore();
    }
  });
});
