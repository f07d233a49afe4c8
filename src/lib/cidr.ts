/**
 * IP addresses and CIDR ranges, IPv4 and IPv6, as plain data (no Node API: the officers' form checks
 * a range in the browser with the same code). An IPv4-mapped IPv6 address (::ffff:192.0.2.1, as a
 * dual-stack socket reports an IPv4 peer) is the IPv4 address it maps. Text is read strictly: no
 * leading zeros in IPv4 parts (010 could mean octal), no zone ids, no surrounding brackets.
 */
export type IpFamily = 4 | 6;

export interface IpAddress {
  family: IpFamily;
  /** The address as an unsigned integer of 32 (IPv4) or 128 (IPv6) bits. */
  value: bigint;
}

export interface Cidr {
  family: IpFamily;
  /** The network address (host bits all zero). */
  network: bigint;
  prefix: number;
}

export type CidrError = 'format' | 'prefix' | 'host-bits';

const BITS: Record<IpFamily, number> = { 4: 32, 6: 128 };
const MAPPED_PREFIX = 0xffffn << 32n; // ::ffff:0:0/96

function parseIpv4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function parseIpv6(text: string): bigint | null {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return null;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (half: string): number[] | null => {
    if (half === '') return [];
    const groups: number[] = [];
    const parts = half.split(':');
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      if (i === parts.length - 1 && part.includes('.')) {
        const v4 = parseIpv4(part);
        if (v4 === null) return null;
        groups.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else if (/^[0-9a-fA-F]{1,4}$/.test(part)) {
        groups.push(Number.parseInt(part, 16));
      } else return null;
    }
    return groups;
  };
  const head = groupsOf(halves[0]!);
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : [];
  if (!head || !tail) return null;
  // An embedded IPv4 part may only end the address.
  if (halves.length === 2 && halves[0]!.includes('.')) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

/** An IPv4 or IPv6 address, or null when the text is not one. IPv4-mapped IPv6 comes back as IPv4. */
export function parseIp(text: string): IpAddress | null {
  const t = text.trim();
  if (t.length === 0 || t.length > 45) return null;
  if (!t.includes(':')) {
    const v4 = parseIpv4(t);
    return v4 === null ? null : { family: 4, value: v4 };
  }
  const v6 = parseIpv6(t);
  if (v6 === null) return null;
  if (v6 >> 32n === 0xffffn) return { family: 4, value: v6 & 0xffffffffn };
  return { family: 6, value: v6 };
}

/** The usual text of an address: dotted IPv4; IPv6 in lower case with the longest zero run as :: (RFC 5952). */
export function formatIp(address: IpAddress): string {
  if (address.family === 4) {
    return [24n, 16n, 8n, 0n].map((shift) => String((address.value >> shift) & 0xffn)).join('.');
  }
  const groups = Array.from({ length: 8 }, (_, i) => Number((address.value >> BigInt(112 - 16 * i)) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1; // a single zero group is not shortened
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

const mask = (family: IpFamily, prefix: number) => {
  const bits = BigInt(BITS[family]);
  return ((1n << bits) - 1n) ^ ((1n << (bits - BigInt(prefix))) - 1n);
};

/**
 * A range written `address/prefix` (an address alone is the range of that one address). Refused:
 * text that is not an address (`format`), a prefix beyond 32 or 128 (`prefix`), and an address with
 * host bits set (`host-bits`: 192.0.2.1/24 — the range is written with its first address,
 * 192.0.2.0/24). An IPv4-mapped IPv6 range (::ffff:192.0.2.0/120) is the IPv4 range it maps.
 */
export function parseCidr(text: string): { ok: true; cidr: Cidr } | { ok: false; error: CidrError } {
  const t = text.trim();
  const slash = t.indexOf('/');
  const addressText = slash < 0 ? t : t.slice(0, slash);
  const prefixText = slash < 0 ? null : t.slice(slash + 1);
  const raw = addressText.includes(':') ? parseIpv6(addressText) : parseIpv4(addressText);
  if (raw === null) return { ok: false, error: 'format' };
  let family: IpFamily = addressText.includes(':') ? 6 : 4;
  if (prefixText !== null && !/^(0|[1-9]\d{0,2})$/.test(prefixText)) return { ok: false, error: 'prefix' };
  let prefix = prefixText === null ? BITS[family] : Number(prefixText);
  if (prefix > BITS[family]) return { ok: false, error: 'prefix' };
  let value = raw;
  if (family === 6 && raw >> 32n === 0xffffn && prefix >= 96) {
    family = 4;
    value = raw & 0xffffffffn;
    prefix -= 96;
  } else if (family === 6 && prefix < 96 && (MAPPED_PREFIX & mask(6, prefix)) === raw) {
    // A range reaching beyond ::ffff:0:0/96 would mix IPv4-mapped and IPv6 addresses: write it as two.
    return { ok: false, error: 'prefix' };
  }
  if ((value & mask(family, prefix)) !== value) return { ok: false, error: 'host-bits' };
  return { ok: true, cidr: { family, network: value, prefix } };
}

/** The range's usual text: `network/prefix`. */
export function formatCidr(cidr: Cidr): string {
  return `${formatIp({ family: cidr.family, value: cidr.network })}/${cidr.prefix}`;
}

/** The range with host bits cleared (the suggestion for a `host-bits` refusal). */
export function networkOf(address: IpAddress, prefix: number): Cidr {
  return { family: address.family, network: address.value & mask(address.family, prefix), prefix };
}

/** Whether the address lies in the range (an IPv4 address never lies in an IPv6 range, nor the reverse). */
export function cidrContains(cidr: Cidr, address: IpAddress): boolean {
  return cidr.family === address.family && (address.value & mask(cidr.family, cidr.prefix)) === cidr.network;
}

/** The number of addresses in the range. */
export function cidrSize(cidr: Cidr): bigint {
  return 1n << BigInt(BITS[cidr.family] - cidr.prefix);
}

/**
 * What one client is, for a per-address budget: an IPv4 address itself; for IPv6 its /64, which a
 * single subscriber normally holds whole (one budget per address would let it rotate through 2^64).
 */
export function clientKeyOf(address: IpAddress): string {
  return address.family === 4 ? formatIp(address) : formatCidr(networkOf(address, 64));
}
