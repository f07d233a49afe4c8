import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { basisPointsOf, formatBasisPoints, parseBasisPoints } from '@/lib/percent';

describe('percent in basis points of 0.01 %', () => {
  it.each([
    ['48', 4800],
    ['48.5', 4850],
    ['48.50', 4850],
    ['０', 0],
    ['１００', 10_000],
    ['４８．５％', 4850],
    [' 33.34 % ', 3334],
    ['0.01', 1],
    ['999.99', 99_999],
  ])('reads 「%s」 as %i', (input, bp) => {
    expect(parseBasisPoints(input)).toBe(bp);
  });

  it.each(['', '%', '48.505', '-1', '1,000', '1e2', '.5', '48.', 'abc', '1000'])('refuses 「%s」', (input) => {
    expect(parseBasisPoints(input)).toBeNull();
  });

  it('writes percent as people do, trailing zeros dropped', () => {
    expect(formatBasisPoints(4800)).toBe('48');
    expect(formatBasisPoints(4850)).toBe('48.5');
    expect(formatBasisPoints(3334)).toBe('33.34');
    expect(formatBasisPoints(1)).toBe('0.01');
    expect(formatBasisPoints(0)).toBe('0');
    expect(formatBasisPoints(10_000)).toBe('100');
    expect(formatBasisPoints(-250)).toBe('-2.5');
  });

  it('what it writes reads back the same', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999 }), (bp) => {
        expect(parseBasisPoints(formatBasisPoints(bp))).toBe(bp);
      }),
    );
  });

  it('a share of a whole is rounded down, never up to a bound it misses', () => {
    expect(basisPointsOf(56_000_000n, 100_000_000n)).toBe(5600);
    expect(basisPointsOf(49_999_999n, 100_000_000n)).toBe(4999);
    expect(basisPointsOf(50_000_000n, 100_000_000n)).toBe(5000);
    expect(basisPointsOf(1n, 3n)).toBe(3333);
    expect(basisPointsOf(-1n, 3n)).toBe(-3334);
    expect(basisPointsOf(5n, 0n)).toBeNull();
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 12n }), (part, whole) => {
        const bp = BigInt(basisPointsOf(part, whole)!);
        expect(bp * whole <= part * 10_000n).toBe(true);
        expect((bp + 1n) * whole > part * 10_000n).toBe(true);
      }),
    );
  });
});
