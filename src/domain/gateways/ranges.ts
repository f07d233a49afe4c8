import 'server-only';
import type { Db } from '@/db/client';
import { addressRuleOf, gatewayRules, type AddressRule, type GatewayRule } from './match';

/**
 * The registered gateway ranges, read at most every RANGES_TTL_MS per instance (every sign-in and
 * lookup asks): a change made on this instance applies at once (forgetGatewayRanges), on other
 * instances within that time.
 */
export const RANGES_TTL_MS = 10_000;

/**
 * On globalThis: Next bundles this module once per entry, and the officers' action that changes a range
 * must clear the cache the lookup's and the sign-in's copies read (a map per copy would keep the old
 * ranges there for up to RANGES_TTL_MS).
 */
const CACHE = Symbol.for('portal.gatewayRanges');
const holder = globalThis as typeof globalThis & { [CACHE]?: WeakMap<object, { at: number; rules: Promise<GatewayRule[]> }> };
const cache = (holder[CACHE] ??= new WeakMap());

function rulesOf(db: Db): Promise<GatewayRule[]> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < RANGES_TTL_MS) return hit.rules;
  const rules = db.gatewayRange.findMany({ select: { id: true, cidr: true, mode: true, failuresPerHour: true } }).then(gatewayRules);
  cache.set(db, { at: Date.now(), rules });
  rules.catch(() => cache.delete(db)); // a failed read is not kept
  return rules;
}

/** After a range is added, changed or removed: the next request reads them again. */
export function forgetGatewayRanges(db: Db): void {
  cache.delete(db);
}

/** How the client `address` is throttled (see AddressRule). */
export async function addressRule(db: Db, address: string | null): Promise<AddressRule> {
  return addressRuleOf(await rulesOf(db), address);
}
