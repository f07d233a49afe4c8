import { describe, expect, it } from 'vitest';
import { normalizeLoginId } from '@/domain/auth/login-id';
import { clientAddressFrom } from '@/lib/client-address';
import { formatListDate, isValidIsoDate, isoDateToDb, todayInTokyo } from '@/lib/dates';
import { toHalfWidth } from '@/lib/normalize';

describe('toHalfWidth', () => {
  it('folds 全角 digits, separators and letters', () => {
    expect(toHalfWidth('４０，０００，０００')).toBe('40,000,000');
    expect(toHalfWidth('　ＡＢＣ１２３　')).toBe('ABC123');
  });
});

describe('normalizeLoginId', () => {
  it('ignores case, 全角 and surrounding spaces', () => {
    expect(normalizeLoginId(' ＭＡＲＵ０１ ')).toBe('maru01');
  });
});

describe('dates', () => {
  it('accepts real calendar dates only', () => {
    expect(isValidIsoDate('2026-04-01')).toBe(true);
    expect(isValidIsoDate('2026-02-30')).toBe(false);
    expect(isValidIsoDate('2026-4-1')).toBe(false);
  });
  it('formats a stored calendar date as 2026/04/01 whatever the zone', () => {
    expect(formatListDate(isoDateToDb('2026-04-01'))).toBe('2026/04/01');
  });
  it("gives today's date in Asia/Tokyo, not UTC", () => {
    // 2026-03-31 16:00 UTC is already 2026-04-01 01:00 in Tokyo.
    expect(todayInTokyo(new Date('2026-03-31T16:00:00Z'))).toBe('2026-04-01');
    expect(todayInTokyo(new Date('2026-03-31T14:59:59Z'))).toBe('2026-03-31');
  });
  it("agrees with Intl's Asia/Tokyo date every three hours over years around now, and across year ends", () => {
    const intl = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' });
    for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2031, 0, 1); t += 3 * 3_600_000 - 1) {
      const at = new Date(t);
      expect(todayInTokyo(at)).toBe(intl.format(at));
    }
    expect(todayInTokyo(new Date('2026-12-31T14:59:59.999Z'))).toBe('2026-12-31');
    expect(todayInTokyo(new Date('2026-12-31T15:00:00.000Z'))).toBe('2027-01-01');
  });
});

describe('clientAddressFrom', () => {
  const proof = () => process.env.PORTAL_FRONT_SECRET ?? '';
  it("reads only the front's header, and only with the front's proof", () => {
    expect(clientAddressFrom(new Headers({ 'x-portal-client-address': '10.0.0.7', 'x-portal-front': proof(), 'x-forwarded-for': '6.6.6.6' }))).toBe('10.0.0.7');
    // Without the front (next start, next dev) or with a guessed proof, a client-sent header chooses nothing.
    expect(clientAddressFrom(new Headers({ 'x-portal-client-address': '10.0.0.7' }))).toBeNull();
    expect(clientAddressFrom(new Headers({ 'x-portal-client-address': '10.0.0.7', 'x-portal-front': 'guess' }))).toBeNull();
    expect(clientAddressFrom(new Headers({ 'x-forwarded-for': '6.6.6.6', 'x-real-ip': '6.6.6.7' }))).toBeNull();
    expect(clientAddressFrom(new Headers())).toBeNull();
  });

  it('believes nothing when the process has no front secret', () => {
    const saved = process.env.PORTAL_FRONT_SECRET;
    delete process.env.PORTAL_FRONT_SECRET;
    try {
      expect(clientAddressFrom(new Headers({ 'x-portal-client-address': '10.0.0.7', 'x-portal-front': '' }))).toBeNull();
      expect(clientAddressFrom(new Headers({ 'x-portal-client-address': '10.0.0.7', 'x-portal-front': 'undefined' }))).toBeNull();
    } finally {
      process.env.PORTAL_FRONT_SECRET = saved;
    }
  });
});
