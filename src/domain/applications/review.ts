import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { writeAudit } from '@/domain/audit';
import { AppError } from '@/domain/errors';
import { fail, ok, type Result } from '@/domain/result';
import { assertAdmin } from '@/domain/system';
import { toFieldErrors } from '@/domain/zod-errors';
import { certificationNumberLabel } from '@/domain/certifications/rules';
import { jointVentureWarnings, type JointVentureKind, type JointVentureMode } from '@/domain/joint-ventures/rules';
import { dbDateToIso } from '@/lib/dates';
import { formatBasisPoints } from '@/lib/percent';
import { splitAmount } from './deposits';
import type { ApplicationDetail } from './queries';
import { returnSchema } from './schemas';
import { CHANGED_SINCE_READ, refusal } from './status';

/** 差戻し: the officer sends a submitted application back with a reason the contractor reads. */
export async function returnApplication(
  db: Db,
  actor: Actor,
  id: string,
  input: unknown,
  expectedRevision?: number,
): Promise<Result<{ id: string }>> {
  assertAdmin(actor);
  const parsed = returnSchema.safeParse(input);
  if (!parsed.success) return fail(toFieldErrors(parsed.error));
  return db.$transaction(async (tx) => {
    const existing = await tx.application.findUnique({ where: { id } });
    if (!existing) throw new AppError('NOT_FOUND', `application ${id}`);
    if (existing.status === 'SUBMITTED' && expectedRevision !== undefined && expectedRevision !== existing.revision) {
      return fail({ '': [CHANGED_SINCE_READ] });
    }
    const updated = await tx.application.updateMany({
      where: { id, status: 'SUBMITTED' },
      data: { status: 'RETURNED', returnReason: parsed.data.reason, returnedAt: new Date(), revision: { increment: 1 } },
    });
    if (updated.count !== 1) {
      const current = await tx.application.findUniqueOrThrow({ where: { id } });
      return fail({ '': [refusal(current.status)] });
    }
    await writeAudit(tx, actor, 'application.return', { type: 'application', id }, { reason: parsed.data.reason });
    return ok({ id });
  });
}

/** What the officer reads of an application's JV, 分割預託 and 認定 (issue 16, B6 申込審査), as plain data. */
export interface ApplicationReviewExtras {
  jointVenture: {
    name: string;
    kind: JointVentureKind;
    mode: JointVentureMode;
    members: { name: string; role: 'REPRESENTATIVE' | 'MEMBER'; share: string }[];
    warnings: string[];
  } | null;
  /** 分割預託: each account with its share and, for reference, its part of the 保証金額. */
  deposits: { memberName: string; bank: string; branch: string; share: string; amount: bigint | null }[] | null;
  /** INTERMEDIATE only: the 認定, or `none` (with whether the orderer requires one). */
  certification:
    | { kind: 'certified'; id: string; number: string | null; certifiedOn: string | null; certifier: string; department: string; decidedBy: string | null; reportedOn: string; plannedProgress: string; actualProgress: string; workDoneAmount: bigint; requestedAmount: bigint; contractAmount: bigint; advance: { number: string; amount: bigint } | null }
    | { kind: 'none'; ordererName: string | null; required: boolean }
    | null;
}

/** The JV (members, shares and the bidding-rule warnings), the 分割預託 and the 認定 of an application. */
export function applicationReviewExtras(app: ApplicationDetail): ApplicationReviewExtras {
  const jv = app.jointVenture;
  const members = jv?.members ?? [];
  const deposits =
    app.depositMode === 'SPLIT' && app.deposits.length > 0
      ? (() => {
          const parts = app.guaranteeAmount === null ? null : splitAmount(app.guaranteeAmount, app.deposits.map((d) => d.shareBasisPoints));
          return app.deposits.map((d, i) => ({ memberName: d.organization.name, bank: d.bank, branch: d.branch, share: formatBasisPoints(d.shareBasisPoints), amount: parts?.[i] ?? null }));
        })()
      : null;
  let certification: ApplicationReviewExtras['certification'] = null;
  if (app.guaranteeKind === 'INTERMEDIATE') {
    const c = app.certification;
    certification = c
      ? {
          kind: 'certified',
          id: c.id,
          number: c.fiscalYear !== null && c.serial !== null ? certificationNumberLabel(c.fiscalYear, c.serial) : null,
          certifiedOn: c.certifiedOn ? dbDateToIso(c.certifiedOn) : null,
          certifier: c.orderer.certificateName ?? c.orderer.name,
          department: c.department.name,
          decidedBy: c.decidedBy?.name ?? null,
          reportedOn: dbDateToIso(c.reportedOn),
          plannedProgress: formatBasisPoints(c.plannedProgressBp),
          actualProgress: formatBasisPoints(c.actualProgressBp),
          workDoneAmount: c.workDoneAmount,
          requestedAmount: c.requestedAmount,
          contractAmount: c.contractAmount,
          advance: app.advanceGuarantee ? { number: app.advanceGuarantee.number, amount: app.advanceGuarantee.guaranteeAmount } : null,
        }
      : { kind: 'none', ordererName: app.orderer?.name ?? null, required: app.orderer?.ordererRules?.intermediateRequiresCertification ?? false };
  }
  return {
    jointVenture: jv
      ? {
          name: jv.name,
          kind: jv.kind,
          mode: jv.mode,
          members: members.map((m) => ({ name: m.organization.name, role: m.role, share: formatBasisPoints(m.shareBasisPoints) })),
          warnings: jointVentureWarnings({ kind: jv.kind, members }),
        }
      : null,
    deposits,
    certification,
  };
}
