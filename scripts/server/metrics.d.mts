// Types of ./metrics.mjs for the app (src/lib/metrics.ts) and the tests.
import type { Counter, Gauge, Histogram, Registry } from 'prom-client';

export const LOOKUP_OUTCOMES: readonly ['found', 'not_found', 'invalid', 'refused', 'locked'];
export const LOOKUP_CALLERS: readonly ['user', 'token'];
export const LOCK_HOLDERS: readonly ['orderer', 'other_organization'];
export const DELIVERY_METHODS: readonly ['electronic', 'paper'];
export const MAIL_FAILURE_OUTCOMES: readonly ['retry', 'failed'];
export const HTTP_METHODS: readonly string[];
export const UNMATCHED_ROUTE: string;
export const ABORTED_STATUS: string;
export const DURATION_BUCKETS: number[];

export interface PortalMetrics {
  registry: Registry;
  httpDuration: Histogram<'route' | 'method' | 'code'>;
  lookups: Counter<'outcome' | 'caller'>;
  lookupLocks: Counter<'holder'>;
  conclusions: Counter<'delivery'>;
  mailsSent: Counter;
  mailFailures: Counter<'outcome'>;
  outboxPending: Gauge;
  outboxFailed: Gauge;
  outboxWithdrawnKeyNotices: Gauge;
  outboxOldestPendingAge: Gauge;
  databaseUp: Gauge;
  poolMax: Gauge<'database'>;
  poolTotal: Gauge<'database'>;
  poolIdle: Gauge<'database'>;
  poolWaiting: Gauge<'database'>;
}

export function portalMetrics(): PortalMetrics;
export function bounded<T extends string, F extends string>(value: unknown, allowed: readonly T[], fallback: F): T | F;
export function observeRequest(line: { route: string | null; method: string | undefined; status: number; ms: number; aborted?: boolean }): void;
