/**
 * Every code an audit row can carry (pure). The writers are typed by these lists (writeAudit in
 * ./audit.ts, and the sign-in's own rows), so a new code is added here first; its Japanese name, which
 * the officers read in 最近の操作, goes in AUDIT_ACTION_LABEL / AUDIT_TARGET_LABEL (src/domain/labels.ts),
 * and tests/unit/code-labels.test.ts fails while one is missing.
 */

export const AUDIT_ACTIONS = [
  'api-token.issue',
  'api-token.revoke',
  'application.conclude',
  'application.draft',
  'application.resubmit',
  'application.return',
  'application.submit',
  'application.withdraw',
  'auth-key.reissue',
  'auth.sign-in',
  'auth.sign-in.disabled',
  'auth.sign-in.failed',
  'certification.certify',
  'certification.refuse',
  'certification.request',
  'certification.withdraw',
  'confirmation.later-version',
  'contract.create',
  'contract.import',
  'contract.match',
  'contract.match.reject',
  'contract.unmatch',
  'contract.update',
  'department.create',
  'department.update',
  'gateway-range.create',
  'gateway-range.remove',
  'gateway-range.update',
  'guarantee.cancel',
  'guarantee.change',
  'guarantee.period-ending-notice',
  'guarantee.submit-to-orderer',
  'joint-venture.close',
  'joint-venture.create',
  'joint-venture.update',
  'lookup.locked',
  'lookup.unlock',
  'mail.retry',
  'organization.create',
  'organization.update',
  'premium-rate-table.create',
  'premium.payment',
  'retention.sweep',
  'user.change-password',
  'user.create',
  'user.disable',
  'user.enable',
  'user.reset-password',
  'user.update',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What an audit row is about (its targetType); the id of that record is its targetId. */
export const AUDIT_TARGET_TYPES = [
  'apiToken',
  'application',
  // A 中間前払金の認定 (IntermediateCertification).
  'certification',
  'department',
  'gatewayRange',
  'guarantee',
  'jointVenture',
  'organization',
  'outboxMail',
  'premiumRateTable',
  // The lookup budgets' locks (lookup.unlock): no row of its own, the lock's key is in the details.
  'rateLimit',
  // The retention sweep (retention.sweep): no row of its own, what it removed is in the details.
  'retention',
  'user',
] as const;

export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

export const isAuditAction = (value: string): value is AuditAction => (AUDIT_ACTIONS as readonly string[]).includes(value);
export const isAuditTargetType = (value: string): value is AuditTargetType => (AUDIT_TARGET_TYPES as readonly string[]).includes(value);
