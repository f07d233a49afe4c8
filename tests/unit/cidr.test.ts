import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cidrContains, cidrSize, clientKeyOf, formatCidr, formatIp, parseCidr, parseIp, type Cidr } from '@/lib/cidr';

const ip = (text: string) => {
  const parsed = parseIp(text);
  if (!parsed) throw new Error(`not an address: ${text}`);
  return parsed;
};
const range = (text: string): Cidr => {
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new Error(`not a range: ${text} (${parsed.error})`);
  return parsed.cidr;
};

describe('addresses', () => {
  it('reads IPv4 and IPv6 and writes them in their usual form', () => {
    expect(formatIp(ip('192.0.2.1'))).toBe('192.0.2.1');
    expect(formatIp(ip(' 2001:DB8:0:0:0:0:0:1 '))).toBe('2001:db8::1');
    expect(formatIp(ip('2001:db8:0:1:0:0:0:1'))).toBe('2001:db8:0:1::1');
    expect(formatIp(ip('2001:db8:0:0:1:0:0:1'))).toBe('2001:db8::1:0:0:1');
    expect(formatIp(ip('2001:db8:1:2:3:4:5:6'))).toBe('2001:db8:1:2:3:4:5:6');
    expect(formatIp(ip('2001:db8:0:1:2:3:4:5'))).toBe('2001:db8:0:1:2:3:4:5');
    expect(formatIp(ip('::'))).toBe('::');
    expect(formatIp(ip('::1'))).toBe('::1');
    expect(formatIp(ip('fe80::'))).toBe('fe80::');
    expect(formatIp(ip('64:ff9b::192.0.2.33'))).toBe('64:ff9b::c000:221');
  });

  it('an IPv4-mapped IPv6 address is the IPv4 address', () => {
    expect(ip('::ffff:192.0.2.1')).toEqual(ip('192.0.2.1'));
    expect(ip('::FFFF:c000:0201')).toEqual({ family: 4, value: 0xc0000201n });
    expect(ip('0:0:0:0:0:ffff:10.1.2.3').family).toBe(4);
    // ::ffff:0:1.2.3.4 (IPv4-translated) and ::1.2.3.4 (deprecated IPv4-compatible) are IPv6.
    expect(ip('::ffff:0:1.2.3.4').family).toBe(6);
    expect(ip('::1.2.3.4').family).toBe(6);
  });

  it('refuses what is not an address', () => {
    for (const bad of ['', ' ', '1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', '1.2.3.-4', '1.2.3.4/32', 'a.b.c.d', ':::', '1::2::3', '12345::', '1:2:3:4:5:6:7:8:9',
      '1:2:3:4:5:6:7', 'fe80::1%eth0', '[::1]', '::1.2.3', '1.2.3.4::', 'g::1', '１.２.３.４', 'localhost', '1:2:3:4:5:6:7::8']) {
      expect(parseIp(bad), bad).toBeNull();
    }
    expect(parseIp('1:2:3:4:5:6:7::')).not.toBeNull(); // :: may stand for one zero group
  });

  it('property: every address reads back from its text', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }), (value) => {
      expect(ip(formatIp({ family: 4, value }))).toEqual({ family: 4, value });
    }));;
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), (value) => {
        if (value >> 32n === 0xffffn) return; // IPv4-mapped: read back as IPv4 (above)
        expect(ip(formatIp({ family: 6, value }))).toEqual({ family: 6, value });
      }),
    );
    fc.assert(
      fc.property(fc.ipV4(), (text) => {
        expect(formatIp(ip(text))).toBe(text);
      }),
    );
    fc.assert(
      fc.property(fc.ipV6(), (text) => {
        expect(parseIp(text), text).not.toBeNull();
      }),
    );
  });
});

describe('ranges', () => {
  it('reads a range, and an address alone as the range of that address', () => {
    expect(formatCidr(range('10.0.0.0/8'))).toBe('10.0.0.0/8');
    expect(formatCidr(range('203.0.113.7'))).toBe('203.0.113.7/32');
    expect(formatCidr(range('2001:DB8::/32'))).toBe('2001:db8::/32');
    expect(formatCidr(range('2001:db8::1'))).toBe('2001:db8::1/128');
    expect(formatCidr(range('::ffff:192.0.2.0/120'))).toBe('192.0.2.0/24');
    expect(cidrSize(range('192.0.2.0/24'))).toBe(256n);
  });

  it('refuses a bad prefix, host bits, and what is not a range', () => {
    expect(parseCidr('10.0.0.0/33')).toEqual({ ok: false, error: 'prefix' });
    expect(parseCidr('2001:db8::/129')).toEqual({ ok: false, error: 'prefix' });
    expect(parseCidr('10.0.0.0/')).toEqual({ ok: false, error: 'prefix' });
    expect(parseCidr('10.0.0.0/08')).toEqual({ ok: false, error: 'prefix' });
    expect(parseCidr('10.0.0.0/-1')).toEqual({ ok: false, error: 'prefix' });
    expect(parseCidr('::/80')).toEqual({ ok: false, error: 'prefix' }); // would mix IPv4-mapped and IPv6
    expect(parseCidr('192.0.2.1/24')).toEqual({ ok: false, error: 'host-bits' });
    expect(parseCidr('2001:db8::1/64')).toEqual({ ok: false, error: 'host-bits' });
    for (const bad of ['', '/24', '10.0.0/24', 'example.jp/24', '10.0.0.0 /24', '10.0.0.0/24/1']) expect(parseCidr(bad), bad).toMatchObject({ ok: false });
  });

  it('matches the addresses of the range and no other, IPv4-mapped addresses as IPv4', () => {
    const r = range('198.51.100.0/22');
    for (const inside of ['198.51.100.0', '198.51.101.77', '198.51.103.255', '::ffff:198.51.102.1']) expect(cidrContains(r, ip(inside)), inside).toBe(true);
    for (const outside of ['198.51.99.255', '198.51.104.0', '::198.51.100.1', '2001:db8::1']) expect(cidrContains(r, ip(outside)), outside).toBe(false);
    const v6 = range('2001:db8:abcd::/48');
    expect(cidrContains(v6, ip('2001:db8:abcd:ffff::1'))).toBe(true);
    expect(cidrContains(v6, ip('2001:db8:abce::1'))).toBe(false);
    expect(cidrContains(v6, ip('10.0.0.1'))).toBe(false);
    expect(cidrContains(range('0.0.0.0/0'), ip('203.0.113.9'))).toBe(true);
  });

  it('property: an address is in a range exactly when it lies between the first and the last address', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }), fc.integer({ min: 0, max: 32 }), fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }), (base, prefix, probe) => {
        const size = 1n << BigInt(32 - prefix);
        const network = (base / size) * size;
        const cidr = range(`${formatIp({ family: 4, value: network })}/${prefix}`);
        expect(cidrContains(cidr, { family: 4, value: probe })).toBe(probe >= network && probe < network + size);
      }),
    );
  });
});

describe('one client, one key', () => {
  it('an IPv4 address is its own key; an IPv6 address is keyed by its /64', () => {
    expect(clientKeyOf(ip('::ffff:192.0.2.1'))).toBe('192.0.2.1');
    expect(clientKeyOf(ip('2001:db8:1:2:aaaa:bbbb:cccc:dddd'))).toBe('2001:db8:1:2::/64');
    expect(clientKeyOf(ip('2001:db8:1:2::9'))).toBe(clientKeyOf(ip('2001:db8:1:2:ffff::1')));
  });
});
