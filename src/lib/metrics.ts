/**
 * The portal's counters (GET /api/metrics; decision on metrics): thin calls over the process's one
 * prom-client registry (scripts/server/metrics.mjs, shared with the front, which times each request).
 * Each label takes one of a few fixed values: never a number, a name, a key or anything a user typed.
 * A count is made after the fact it counts is committed.
 */
import { portalMetrics, type PortalMetrics } from '../../scripts/server/metrics.mjs';

export type LookupMetricOutcome = 'found' | 'not_found' | 'invalid' | 'refused' | 'locked';
export type LookupMetricCaller = 'user' | 'token';

export const metrics = (): PortalMetrics => portalMetrics();

/** A lookup answered (lookupCertificate). */
export function countLookup(outcome: LookupMetricOutcome, caller: LookupMetricCaller): void {
  portalMetrics().lookups.inc({ outcome, caller });
}

/** A failure spent a number's budget: the named orderer's (the certificate is locked) or another organisation's own. */
export function countLookupLock(holder: 'orderer' | 'other_organization'): void {
  portalMetrics().lookupLocks.inc({ holder });
}

/** A conclusion committed (concludeApplication). */
export function countConclusion(delivery: 'ELECTRONIC' | 'PAPER'): void {
  portalMetrics().conclusions.inc({ delivery: delivery === 'ELECTRONIC' ? 'electronic' : 'paper' });
}

/** One mail of the outbox accepted by the SMTP server. */
export function countMailSent(): void {
  portalMetrics().mailsSent.inc();
}

/** One failed attempt to send a mail: tried again later, or given up (FAILED). */
export function countMailFailure(outcome: 'retry' | 'failed'): void {
  portalMetrics().mailFailures.inc({ outcome });
}
