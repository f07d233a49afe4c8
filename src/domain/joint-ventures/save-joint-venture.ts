import 'server-only';
import type { Db, Tx } from '@/db/client';
import { dbDateToIso, formatIsoDate, isoDateToDb } from '@/lib/dates';
import type { Actor } from '../actor';
import { writeAudit } from '../audit';
import { AppError } from '../errors';
import { fail, ok, type FieldErrors, type Result } from '../result';
import { enqueueMailToAll, organizationAddresses } from '../mail/outbox';
import { assertAdmin } from '../system';
import { jointVentureRegisteredMail, type RegisteredJointVenture } from './mail-texts';
import { JOINT_VENTURE_MESSAGES as M, memberField, type MemberFacts } from './rules';
import { formFieldErrors, jointVentureSchema, type JointVentureValues } from './schemas';

export interface SaveJointVentureOptions {
  /** The revision the form was loaded at: a save over someone else's newer one is refused. */
  expectedRevision?: number;
}

/** A member as stored and audited. */
const memberRow = (m: MemberFacts, sortOrder: number) => ({ organizationId: m.organizationId, role: m.role, shareBasisPoints: m.shareBasisPoints, sortOrder });

/** The members' companies must be contractors, active — or already members of this JV (a member stays when disabled). */
async function checkCompanies(tx: Tx, members: readonly MemberFacts[], jointVentureId: string | undefined): Promise<FieldErrors> {
  const ids = members.map((m) => m.organizationId);
  const found = await tx.organization.findMany({
    where: {
      id: { in: ids },
      kind: 'CONTRACTOR',
      OR: [{ active: true }, ...(jointVentureId ? [{ jointVentureMemberships: { some: { jointVentureId } } }] : [])],
    },
    select: { id: true },
  });
  const known = new Set(found.map((o) => o.id));
  const errors: FieldErrors = {};
  for (const m of members) if (!known.has(m.organizationId)) errors[memberField(m.row, 'organizationId')] = [M.unknownCompany];
  return errors;
}

/**
 * What locking fixes (D10) besides the name, kind and mode: who the members are, with their roles and
 * shares, in their order — the certificate prints the 構成員 in it, so a reordering is a change too.
 */
const lockedKey = (name: string, members: readonly { organizationId: string; role: string; shareBasisPoints: number }[]) =>
  JSON.stringify([name, members.map((m) => `${m.organizationId}:${m.role}:${m.shareBasisPoints}`)]);

/**
 * 「共同企業体登録のお知らせ」 (issue 16 B8), queued in the registration's transaction: one mail per member
 * company, to its enabled users with an address only (never another company's addresses), in the
 * 代表者's or the 構成員's words. Only a registration mails; an edit or 解散 does not (B11).
 */
async function notifyRegistered(tx: Tx, actor: Actor, jointVentureId: string, v: JointVentureValues): Promise<string[]> {
  const companies = await tx.organization.findMany({ where: { id: { in: v.members.map((m) => m.organizationId) } }, select: { id: true, name: true } });
  const nameOf = new Map(companies.map((c) => [c.id, c.name]));
  const surety = await tx.organization.findUniqueOrThrow({ where: { id: actor.organizationId }, select: { name: true, issuer: { select: { companyName: true } } } });
  const jv: RegisteredJointVenture = {
    name: v.name,
    kind: v.kind,
    mode: v.mode,
    formedOn: v.formedOn ?? null,
    members: v.members.map((m) => ({ name: nameOf.get(m.organizationId) ?? '', role: m.role, shareBasisPoints: m.shareBasisPoints })),
    suretyName: surety.issuer?.companyName ?? surety.name,
  };
  const mailIds: string[] = [];
  for (const m of v.members) {
    const to = await organizationAddresses(tx, m.organizationId, 'CONTRACTOR');
    const mail = jointVentureRegisteredMail(jv, { companyName: nameOf.get(m.organizationId) ?? '', role: m.role });
    mailIds.push(...(await enqueueMailToAll(tx, to, { template: 'joint-venture-registered', ...mail, relatedType: 'jointVenture', relatedId: jointVentureId })));
  }
  return mailIds;
}

function columns(v: JointVentureValues) {
  return {
    name: v.name,
    nameKana: v.nameKana ?? null,
    kind: v.kind,
    mode: v.mode,
    formedOn: v.formedOn ? isoDateToDb(v.formedOn) : null,
    note: v.note ?? null,
  };
}

/**
 * Registers a 共同企業体 (id undefined) or changes one (officers only; decision 065). `input` is the
 * form's values as posted (strings, the members table's rows): this use case parses them, whoever
 * calls it. The JV and its members are written in one transaction with the audit row
 * (joint-venture.create / joint-venture.update with what it was and what it became); a registration
 * also queues each member company's 「共同企業体登録のお知らせ」 in that transaction. Once an
 * application has named the JV (lockedAt), its name, 種類, 施工方式, 代表者, members and shares stay as
 * they are.
 */
export async function saveJointVenture(
  db: Db,
  actor: Actor,
  id: string | undefined,
  input: unknown,
  options: SaveJointVentureOptions = {},
): Promise<Result<{ id: string }>> {
  assertAdmin(actor);
  const parsed = jointVentureSchema.safeParse(input);
  if (!parsed.success) return fail(formFieldErrors(parsed.error));
  const v = parsed.data;
  const members = v.members.map(memberRow);
  const audited = { ...columns(v), formedOn: v.formedOn ?? null, members: members.map(({ sortOrder: _s, ...m }) => m) };

  return db.$transaction(async (tx) => {
    if (!id) {
      const companyErrors = await checkCompanies(tx, v.members, undefined);
      if (Object.keys(companyErrors).length > 0) return fail(companyErrors);
      const created = await tx.jointVenture.create({ data: { ...columns(v), members: { create: members } }, select: { id: true } });
      const mailIds = await notifyRegistered(tx, actor, created.id, v);
      await writeAudit(tx, actor, 'joint-venture.create', { type: 'jointVenture', id: created.id }, { ...audited, mailIds });
      return ok(created);
    }

    // The JV's row is locked before it is read: the first submitted application locks the JV
    // (UPDATE … SET lockedAt WHERE lockedAt IS NULL, the revision bumped) and waits for this edit to
    // commit, or this edit waits for it and then reads it locked — an edit never lands after the lock.
    await tx.$queryRaw`SELECT "id" FROM "JointVenture" WHERE "id" = CAST(${id} AS uuid) FOR UPDATE`;
    const existing = await tx.jointVenture.findUnique({
      where: { id },
      select: {
        name: true,
        nameKana: true,
        kind: true,
        mode: true,
        formedOn: true,
        closedOn: true,
        note: true,
        lockedAt: true,
        revision: true,
        members: { orderBy: { sortOrder: 'asc' }, select: { organizationId: true, role: true, shareBasisPoints: true } },
      },
    });
    if (!existing) throw new AppError('NOT_FOUND', `joint venture ${id}`);
    const membersChanged = lockedKey('', existing.members) !== lockedKey('', members);
    const changed = { name: existing.name !== v.name, kind: existing.kind !== v.kind, mode: existing.mode !== v.mode, members: membersChanged };
    const lockedChange = Object.values(changed).some(Boolean);
    if (existing.lockedAt && lockedChange) {
      return fail(Object.fromEntries(Object.entries(changed).flatMap(([field, differs]) => (differs ? [[field, [M.locked]]] : []))));
    }
    // Said after the lock: a form loaded before the JV was locked is told why, not only that it is stale.
    if (options.expectedRevision !== undefined && options.expectedRevision !== existing.revision) return fail({ '': [M.stale] });
    const companyErrors = await checkCompanies(tx, v.members, id);
    if (Object.keys(companyErrors).length > 0) return fail(companyErrors);
    if (existing.closedOn && v.formedOn && isoDateToDb(v.formedOn) > existing.closedOn) {
      return fail({ formedOn: [M.formedAfterClosed(formatIsoDate(dbDateToIso(existing.closedOn)))] });
    }

    // Written only over what was read: the same revision and, when the locked fields change, still unlocked.
    const updated = await tx.jointVenture.updateMany({
      where: { id, revision: existing.revision, ...(lockedChange ? { lockedAt: null } : {}) },
      data: { ...columns(v), revision: { increment: 1 } },
    });
    if (updated.count !== 1) return fail({ '': [M.stale] });
    if (membersChanged || existing.members.some((m, i) => m.organizationId !== members[i]?.organizationId)) {
      await tx.jointVentureMember.deleteMany({ where: { jointVentureId: id } });
      await tx.jointVentureMember.createMany({ data: members.map((m) => ({ ...m, jointVentureId: id })) });
    }
    const before = {
      name: existing.name,
      nameKana: existing.nameKana,
      kind: existing.kind,
      mode: existing.mode,
      formedOn: existing.formedOn ? dbDateToIso(existing.formedOn) : null,
      note: existing.note,
      members: existing.members,
    };
    await writeAudit(tx, actor, 'joint-venture.update', { type: 'jointVenture', id }, { before, after: audited });
    return ok({ id });
  });
}
