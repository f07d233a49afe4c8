import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { issueApiToken } from '@/domain/api-tokens/issue-api-token';
import { isAppError } from '@/domain/errors';
import { removeGatewayRange } from '@/domain/gateways/remove-gateway-range';
import { saveGatewayRange } from '@/domain/gateways/save-gateway-range';
import { describeRecords, recordKey } from '@/domain/records/describe-records';
import { concludedGuarantee, makeCast, makeUser, must, officer, uid } from '../support/factories';

/**
 * 最近の操作's 対象 and 送信メール's 関連する記録 name each record as the officers know it (issue 14,
 * item 2). The rows are the ones the use cases wrote: every audit row and every mail a guarantee's story
 * leaves names a record, by its number or name, never by its id.
 */

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe('describeRecords', () => {
  it('names every record the audit rows and mails of a guarantee’s story point at', async () => {
    const db = await getDb();
    const admin = await officer(db);
    const cast = await makeCast();
    // A colleague with an address: the conclusion mails the company (a mail about the guarantee).
    await makeUser('CONTRACTOR', cast.contractor.actor.organizationId, undefined, { email: `tantou-${uid()}@example.jp` });
    const g = await concludedGuarantee(cast.contractor, cast.orderer);
    const token = must(await issueApiToken(db, admin, cast.orderer.id, { name: `会計システム${uid()}` }));

    const guarantee = await db.guarantee.findUniqueOrThrow({ where: { id: g.guaranteeId }, select: { applicationId: true, projectName: true } });
    const audit = await db.auditLog.findMany({
      where: { targetId: { in: [g.guaranteeId, guarantee.applicationId, token.id, cast.contractor.id, cast.clerk.id, cast.orderer.id, cast.orderer.departmentId] } },
    });
    const mails = await db.outboxMail.findMany({ where: { relatedId: { in: [g.guaranteeId, guarantee.applicationId] } } });
    const refs = [...audit.map((a) => ({ type: a.targetType, id: a.targetId })), ...mails.map((m) => ({ type: m.relatedType!, id: m.relatedId }))];
    // The story wrote rows about each kind of record it touched.
    expect(new Set(refs.map((r) => r.type))).toEqual(new Set(['guarantee', 'application', 'apiToken', 'user', 'organization', 'department']));

    const named = await describeRecords(db, admin, refs);
    for (const ref of refs) {
      const record = named.get(recordKey(ref));
      expect(record, `${ref.type} ${ref.id}`).toBeDefined();
      expect(record, `${ref.type} ${ref.id}`).not.toHaveProperty('gone');
      // Only the ids the screen needs for a link; the names themselves are never ids.
      for (const [field, value] of Object.entries(record!)) {
        if (field !== 'id' && !field.endsWith('Id') && typeof value === 'string') expect(value, `${ref.type}.${field}`).not.toMatch(UUID);
      }
    }
    expect(named.get(recordKey({ type: 'guarantee', id: g.guaranteeId }))).toEqual({ type: 'guarantee', number: g.number, projectName: guarantee.projectName });
    expect(named.get(recordKey({ type: 'application', id: guarantee.applicationId }))).toEqual({
      type: 'application',
      id: guarantee.applicationId,
      projectName: guarantee.projectName,
      number: g.number,
    });
    expect(named.get(recordKey({ type: 'user', id: cast.contractor.id }))).toMatchObject({ type: 'user', loginId: cast.contractor.loginId });
    expect(named.get(recordKey({ type: 'organization', id: cast.orderer.id }))).toMatchObject({ type: 'organization', kind: 'ORDERER', name: cast.orderer.name });
    expect(named.get(recordKey({ type: 'department', id: cast.orderer.departmentId }))).toMatchObject({
      type: 'department',
      organizationId: cast.orderer.id,
      organizationName: cast.orderer.name,
      name: '契約課',
    });
    expect(named.get(recordKey({ type: 'apiToken', id: token.id }))).toMatchObject({ type: 'apiToken', name: token.name, organizationId: cast.orderer.id });
  });

  it('says a removed record is gone, names a lookup lock by its kind, and leaves out what the portal never writes', async () => {
    const db = await getDb();
    const admin = await officer(db);
    const range = must(await saveGatewayRange(db, admin, undefined, { name: `テスト県 出口 ${uid()}`, cidr: '198.51.100.0/24', mode: 'EXEMPT' }));
    const kept = must(await saveGatewayRange(db, admin, undefined, { name: `テスト県 出口 ${uid()}`, cidr: '203.0.113.0/24', mode: 'EXEMPT' }));
    await removeGatewayRange(db, admin, range.id);

    const refs = [
      { type: 'gatewayRange', id: range.id },
      { type: 'gatewayRange', id: kept.id },
      { type: 'rateLimit', id: null },
      { type: 'guarantee', id: 'g-1' },
      { type: 'spaceship', id: range.id },
    ];
    const named = await describeRecords(db, admin, refs);
    expect(named.get(recordKey(refs[0]!))).toEqual({ type: 'gatewayRange', gone: true });
    expect(named.get(recordKey(refs[1]!))).toMatchObject({ type: 'gatewayRange', id: kept.id, cidr: '203.0.113.0/24' });
    expect(named.get(recordKey(refs[2]!))).toEqual({ type: 'rateLimit' });
    expect(named.get(recordKey(refs[3]!))).toEqual({ type: 'guarantee', gone: true });
    expect(named.has(recordKey(refs[4]!))).toBe(false);
    expect(await describeRecords(db, admin, [])).toEqual(new Map());
  });

  it('is for officers only', async () => {
    const db = await getDb();
    const cast = await makeCast();
    for (const actor of [cast.contractor.actor, cast.clerk.actor]) {
      const refused = await describeRecords(db, actor, [{ type: 'organization', id: cast.orderer.id }]).catch((error: unknown) => error);
      expect(isAppError(refused) && refused.code).toBe('FORBIDDEN');
    }
  });
});
