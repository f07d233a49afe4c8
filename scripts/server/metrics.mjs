// The portal's metrics (decision on metrics, GET /api/metrics): one prom-client registry per process,
// shared by the front (./serve.mjs, loaded by node: request durations) and the app (src/lib/metrics.ts,
// bundled by Next: lookups, locks, conclusions, mail, and the gauges read at scrape time), through
// globalThis, as ./log.mjs shares the logger. prom-client is a server external package (next.config.ts),
// so both sides load the same module from node_modules too.
//
// Every label has a fixed, small set of values written here: never a number, a name, a key, a path or
// anything else a user typed (a route is its pattern from the build's manifest, `/verify/[digest]`).
import client from 'prom-client';

/** The values of each bounded label. */
export const LOOKUP_OUTCOMES = ['found', 'not_found', 'invalid', 'refused', 'locked'];
export const LOOKUP_CALLERS = ['user', 'token'];
export const LOCK_HOLDERS = ['orderer', 'other_organization'];
export const DELIVERY_METHODS = ['electronic', 'paper'];
export const MAIL_FAILURE_OUTCOMES = ['retry', 'failed'];
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
/** The route label of a request whose path matched no route of the build (a 404, a malformed path). */
export const UNMATCHED_ROUTE = 'unmatched';
/** The status label of a request whose client went away before the response was done (nginx's). */
export const ABORTED_STATUS = '499';

/** Seconds: from a static file (a few ms) to a slow PDF or CSV (seconds). */
export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

function createMetrics() {
  const registry = new client.Registry();
  const registers = [registry];
  // The Node process's own (CPU, memory, heap, event loop lag, handles, GC), as every Node exporter has them.
  client.collectDefaultMetrics({ register: registry });

  const metrics = {
    registry,
    httpDuration: new client.Histogram({
      name: 'portal_http_request_duration_seconds',
      help: 'Time from a request reaching the front to its response being done, by route pattern, method and status code.',
      labelNames: ['route', 'method', 'code'],
      buckets: DURATION_BUCKETS,
      registers,
    }),
    lookups: new client.Counter({
      name: 'portal_lookups_total',
      help: 'Certificate lookups (電子証書の確認) by outcome: found, not_found, invalid (malformed input, no attempt spent), refused (a budget of the caller, organisation or address is spent), locked (the number is locked for the caller), and by caller (user: the page, token: the API).',
      labelNames: ['outcome', 'caller'],
      registers,
    }),
    lookupLocks: new client.Counter({
      name: 'portal_lookup_locks_total',
      help: "Lookup locks set: a number's budget spent by a failure. holder=orderer: the orderer named on the certificate (the certificate is locked; the contractor and the officers are mailed); other_organization: another organisation's own budget for the number.",
      labelNames: ['holder'],
      registers,
    }),
    conclusions: new client.Counter({
      name: 'portal_conclusions_total',
      help: 'Guarantees concluded (締結), committed, by delivery method of the certificate.',
      labelNames: ['delivery'],
      registers,
    }),
    mailsSent: new client.Counter({
      name: 'portal_mails_sent_total',
      help: 'Mails of the outbox accepted by the SMTP server.',
      registers,
    }),
    mailFailures: new client.Counter({
      name: 'portal_mail_send_failures_total',
      help: 'Failed attempts to send a mail of the outbox: retry (tried again later) or failed (the last attempt: the mail is FAILED, see /admin/outbox).',
      labelNames: ['outcome'],
      registers,
    }),
    outboxPending: new client.Gauge({
      name: 'portal_outbox_pending_mails',
      help: 'Mails in the outbox waiting to be sent (PENDING), read at scrape time.',
      registers,
    }),
    outboxFailed: new client.Gauge({
      name: 'portal_outbox_failed_mails',
      help: 'Mails in the outbox given up after the last attempt (FAILED) that an officer may resend (not the withdrawn key notices), read at scrape time.',
      registers,
    }),
    outboxWithdrawnKeyNotices: new client.Gauge({
      name: 'portal_outbox_withdrawn_key_notices',
      help: 'Key notices withdrawn by a reissued authentication key (FAILED on purpose, never resent), read at scrape time.',
      registers,
    }),
    outboxOldestPendingAge: new client.Gauge({
      name: 'portal_outbox_oldest_pending_age_seconds',
      help: 'Age of the oldest PENDING mail of the outbox (0 when none), read at scrape time.',
      registers,
    }),
    databaseUp: new client.Gauge({
      name: 'portal_database_up',
      help: "1 when this scrape's outbox query answered within its bound, else 0 (the outbox gauges are then left out).",
      registers,
    }),
    poolMax: new client.Gauge({
      name: 'portal_db_pool_max_connections',
      help: 'Most connections the database pool opens (DATABASE_POOL_SIZE on PostgreSQL; the embedded PGlite has one).',
      labelNames: ['database'],
      registers,
    }),
    poolTotal: new client.Gauge({
      name: 'portal_db_pool_connections',
      help: 'Connections the database pool holds open now (in use and idle).',
      labelNames: ['database'],
      registers,
    }),
    poolIdle: new client.Gauge({
      name: 'portal_db_pool_idle_connections',
      help: 'Open connections of the pool not in use now (PostgreSQL only).',
      labelNames: ['database'],
      registers,
    }),
    poolWaiting: new client.Gauge({
      name: 'portal_db_pool_waiting_requests',
      help: 'Queries waiting for a connection of the pool now (PostgreSQL only).',
      labelNames: ['database'],
      registers,
    }),
  };

  // Every series of a counter exists from the start at 0, so that rate() and alerts see its first increase.
  for (const outcome of LOOKUP_OUTCOMES) for (const caller of LOOKUP_CALLERS) metrics.lookups.inc({ outcome, caller }, 0);
  for (const holder of LOCK_HOLDERS) metrics.lookupLocks.inc({ holder }, 0);
  for (const delivery of DELIVERY_METHODS) metrics.conclusions.inc({ delivery }, 0);
  for (const outcome of MAIL_FAILURE_OUTCOMES) metrics.mailFailures.inc({ outcome }, 0);
  return metrics;
}

const ROOT = Symbol.for('portal.metrics');

/** The process's metrics: made on first use, shared by the front and the app. */
export function portalMetrics() {
  globalThis[ROOT] ??= createMetrics();
  return globalThis[ROOT];
}

/** One of `allowed`, else `fallback`: a label never carries a value from outside the list. */
export function bounded(value, allowed, fallback) {
  return allowed.includes(value) ? value : fallback;
}

/**
 * Records a request's duration from the front's request line (./front.mjs requestLine): its route
 * pattern (or `unmatched`), its method (or `other`), its status code (499 when the client went away).
 */
export function observeRequest({ route, method, status, ms, aborted }) {
  const code = aborted ? ABORTED_STATUS : Number.isInteger(status) && status >= 100 && status <= 599 ? String(status) : 'other';
  portalMetrics().httpDuration.observe({ route: route ?? UNMATCHED_ROUTE, method: bounded(method, HTTP_METHODS, 'other'), code }, ms / 1000);
}
