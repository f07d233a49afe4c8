import { cidrContains, clientKeyOf, parseCidr, parseIp, type Cidr } from '@/lib/cidr';

/** A registered gateway range as the throttles use it (decision 041). */
export interface GatewayRule {
  id: string;
  cidr: Cidr;
  mode: 'BUDGET' | 'EXEMPT';
  failuresPerHour: number | null;
}

/**
 * How a client address is throttled:
 *   - `address`: the default per-address budget, under `key` (an IPv4 address itself, an IPv6
 *     client's /64, or the text as received when it is no address at all);
 *   - `range`: the budget of the registered range it lies in, shared by the whole range;
 *   - `exempt`: inside a range exempt from the address budget (the other budgets still hold);
 *   - `none`: no address known.
 */
export type AddressRule =
  | { kind: 'address'; key: string }
  | { kind: 'range'; rangeId: string; failuresPerHour: number }
  | { kind: 'exempt'; rangeId: string }
  | { kind: 'none' };

/** Parses stored ranges (their text was checked when saved); the most specific comes first. */
export function gatewayRules(rows: { id: string; cidr: string; mode: 'BUDGET' | 'EXEMPT'; failuresPerHour: number | null }[]): GatewayRule[] {
  const rules: GatewayRule[] = [];
  for (const row of rows) {
    const parsed = parseCidr(row.cidr);
    if (parsed.ok) rules.push({ id: row.id, cidr: parsed.cidr, mode: row.mode, failuresPerHour: row.failuresPerHour });
  }
  return rules.sort((a, b) => b.cidr.prefix - a.cidr.prefix || (a.id < b.id ? -1 : 1));
}

/** The rule for `address`: the most specific registered range that holds it, else the address's own budget. */
export function addressRuleOf(rules: GatewayRule[], address: string | null): AddressRule {
  if (address === null || address.trim() === '') return { kind: 'none' };
  const ip = parseIp(address);
  if (!ip) return { kind: 'address', key: address.slice(0, 64) };
  const rule = rules.find((r) => cidrContains(r.cidr, ip));
  if (!rule) return { kind: 'address', key: clientKeyOf(ip) };
  if (rule.mode === 'EXEMPT' || rule.failuresPerHour === null) return { kind: 'exempt', rangeId: rule.id };
  return { kind: 'range', rangeId: rule.id, failuresPerHour: rule.failuresPerHour };
}
