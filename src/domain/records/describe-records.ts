import 'server-only';
import type { Db } from '@/db/client';
import type { GuaranteeKind, OrganizationKind } from '@/generated/prisma/enums';
import type { Actor } from '../actor';
import { isAuditTargetType, type AuditTargetType } from '../audit-codes';
import { isMailRelatedType, type MailRelatedType } from '../mail/templates';
import { assertAdmin } from '../system';

/**
 * The records an audit row or a queued mail points at (a type and an id), by the names the officers
 * know them by: a guarantee by its 保証契約番号, an application by its 工事名, an account by its name and
 * お客様ID, an organisation or a 共同企業体 by its name… (最近の操作's 対象, 送信メール's 関連する記録). Officers only.
 */

export type RecordType = AuditTargetType | MailRelatedType;

export interface RecordRef {
  type: string;
  id: string | null;
}

export type DescribedRecord =
  | { type: 'guarantee'; number: string; projectName: string }
  | { type: 'application'; id: string; projectName: string | null; number: string | null }
  | { type: 'user'; id: string; name: string; loginId: string }
  | { type: 'organization'; id: string; kind: OrganizationKind; name: string }
  | { type: 'department'; id: string; organizationId: string; organizationName: string; name: string }
  | { type: 'premiumRateTable'; id: string; guaranteeKind: GuaranteeKind; effectiveFrom: Date }
  | { type: 'gatewayRange'; id: string; name: string; cidr: string }
  | { type: 'jointVenture'; id: string; name: string }
  | { type: 'certification'; id: string; projectName: string; number: string | null }
  | { type: 'apiToken'; id: string; organizationId: string; organizationName: string; name: string }
  | { type: 'outboxMail'; id: string; subject: string }
  /** A lookup lock (no row of its own): named by the kind of record only. */
  | { type: 'rateLimit' }
  /** The retention sweep (no row of its own): named by the kind of record only. */
  | { type: 'retention' }
  /** The record is gone (a gateway range removed) or the reference names none. */
  | { type: RecordType; gone: true };

/** The key of a reference in describeRecords' answer. */
export const recordKey = (ref: RecordRef) => `${ref.type}:${ref.id ?? ''}`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const isRecordType = (type: string): type is RecordType => isAuditTargetType(type) || isMailRelatedType(type);

/**
 * Each reference's record, by recordKey; a reference of a type the portal never writes is left out
 * (the screen shows nothing for it). One query per type of record, whatever the number of rows.
 */
export async function describeRecords(db: Db, actor: Actor, refs: readonly RecordRef[]): Promise<Map<string, DescribedRecord>> {
  assertAdmin(actor);
  const ids = (type: RecordType) => [...new Set(refs.filter((r) => r.type === type && r.id && UUID.test(r.id)).map((r) => r.id!))];
  const found = new Map<string, DescribedRecord>();
  const put = (type: RecordType, id: string, record: DescribedRecord) => found.set(recordKey({ type, id }), record);

  const [guarantees, applications, users, organizations, departments, rateTables, ranges, tokens, mails, jointVentures, certifications] = await Promise.all([
    ids('guarantee').length ? db.guarantee.findMany({ where: { id: { in: ids('guarantee') } }, select: { id: true, number: true, projectName: true } }) : [],
    ids('application').length
      ? db.application.findMany({ where: { id: { in: ids('application') } }, select: { id: true, projectName: true, guarantee: { select: { number: true } } } })
      : [],
    ids('user').length ? db.user.findMany({ where: { id: { in: ids('user') } }, select: { id: true, name: true, loginId: true } }) : [],
    ids('organization').length ? db.organization.findMany({ where: { id: { in: ids('organization') } }, select: { id: true, kind: true, name: true } }) : [],
    ids('department').length
      ? db.department.findMany({ where: { id: { in: ids('department') } }, select: { id: true, name: true, organizationId: true, organization: { select: { name: true } } } })
      : [],
    ids('premiumRateTable').length
      ? db.premiumRateTable.findMany({ where: { id: { in: ids('premiumRateTable') } }, select: { id: true, guaranteeKind: true, effectiveFrom: true } })
      : [],
    ids('gatewayRange').length ? db.gatewayRange.findMany({ where: { id: { in: ids('gatewayRange') } }, select: { id: true, name: true, cidr: true } }) : [],
    ids('apiToken').length
      ? db.apiToken.findMany({ where: { id: { in: ids('apiToken') } }, select: { id: true, name: true, organizationId: true, organization: { select: { name: true } } } })
      : [],
    ids('outboxMail').length ? db.outboxMail.findMany({ where: { id: { in: ids('outboxMail') } }, select: { id: true, subject: true } }) : [],
    ids('jointVenture').length ? db.jointVenture.findMany({ where: { id: { in: ids('jointVenture') } }, select: { id: true, name: true } }) : [],
    ids('certification').length
      ? db.intermediateCertification.findMany({ where: { id: { in: ids('certification') } }, select: { id: true, projectName: true, documentContent: true } })
      : [],
  ]);

  for (const g of guarantees) put('guarantee', g.id, { type: 'guarantee', number: g.number.trim(), projectName: g.projectName });
  for (const a of applications) put('application', a.id, { type: 'application', id: a.id, projectName: a.projectName, number: a.guarantee?.number.trim() ?? null });
  for (const u of users) put('user', u.id, { type: 'user', id: u.id, name: u.name, loginId: u.loginId });
  for (const o of organizations) put('organization', o.id, { type: 'organization', id: o.id, kind: o.kind, name: o.name });
  for (const d of departments) {
    put('department', d.id, { type: 'department', id: d.id, organizationId: d.organizationId, organizationName: d.organization.name, name: d.name });
  }
  for (const t of rateTables) put('premiumRateTable', t.id, { type: 'premiumRateTable', id: t.id, guaranteeKind: t.guaranteeKind, effectiveFrom: t.effectiveFrom });
  for (const r of ranges) put('gatewayRange', r.id, { type: 'gatewayRange', id: r.id, name: r.name, cidr: r.cidr });
  for (const t of tokens) {
    put('apiToken', t.id, { type: 'apiToken', id: t.id, organizationId: t.organizationId, organizationName: t.organization.name, name: t.name });
  }
  for (const m of mails) put('outboxMail', m.id, { type: 'outboxMail', id: m.id, subject: m.subject });
  for (const j of jointVentures) put('jointVenture', j.id, { type: 'jointVenture', id: j.id, name: j.name });
  for (const c of certifications) {
    const number = (c.documentContent as { number?: unknown } | null)?.number;
    put('certification', c.id, { type: 'certification', id: c.id, projectName: c.projectName, number: typeof number === 'string' ? number : null });
  }

  for (const ref of refs) {
    if (!isRecordType(ref.type) || found.has(recordKey(ref))) continue;
    found.set(recordKey(ref), ref.type === 'rateLimit' ? { type: 'rateLimit' } : ref.type === 'retention' ? { type: 'retention' } : { type: ref.type, gone: true });
  }
  return found;
}
