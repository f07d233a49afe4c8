import { describe, expect, it } from 'vitest';
import { bearerMatches } from '@/lib/bearer';

const TOKEN = 'a-token-of-forty-characters-0123456789AB';
const request = (authorization?: string) => new Request('http://localhost/x', { headers: authorization === undefined ? {} : { authorization } });

describe('bearerMatches', () => {
  it('the exact token after "Bearer " (the scheme without case, spaces around it) passes', () => {
    for (const header of [`Bearer ${TOKEN}`, `bearer ${TOKEN}`, `BEARER   ${TOKEN}  `]) expect(bearerMatches(request(header), TOKEN, 32), header).toBe(true);
  });

  it('anything else fails: no header, another scheme, another token, a prefix, a longer one, two words', () => {
    for (const header of [undefined, '', TOKEN, `Basic ${TOKEN}`, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Bearer ${TOKEN} extra`, `Bearer`, `Bearer `, `Bearer\t${TOKEN}`]) {
      expect(bearerMatches(request(header), TOKEN, 32), String(header)).toBe(false);
    }
  });

  it('no expected token, or one shorter than the minimum, lets nothing through (not even itself)', () => {
    for (const expected of [undefined, null, '', 'short']) expect(bearerMatches(request(`Bearer ${expected}`), expected, 1 + (expected?.length ?? 0)), String(expected)).toBe(false);
    expect(bearerMatches(request(`Bearer ${TOKEN}`), TOKEN, TOKEN.length + 1)).toBe(false);
    expect(bearerMatches(request(`Bearer ${TOKEN}`), TOKEN, TOKEN.length)).toBe(true);
  });
});
