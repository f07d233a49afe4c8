import 'server-only';
import type { Tx } from '@/db/client';
import { enqueueMailToAll, organizationAddresses } from '@/domain/mail/outbox';
import { certificationDecidedMail, certificationRequestedMail, certificationWithdrawnMail, type CertificationMailFacts } from './mail-texts';

/**
 * Who hears of a 認定 (docs/research/issue-16.md B8), queued in the caller's transaction: the
 * certifying department — its address and its enabled staff with an address, each once — of a request
 * and of a withdrawal; the requesting company's enabled users of a decision. Nobody else: another
 * department of the same orderer, the officers, another company never get one.
 */

/** The department's own address and its enabled ORDERER users' addresses, each once, sorted. */
export async function departmentAddresses(tx: Tx, departmentId: string): Promise<string[]> {
  const dept = await tx.department.findUniqueOrThrow({ where: { id: departmentId }, select: { email: true, organizationId: true } });
  const users = await tx.user.findMany({
    where: { organizationId: dept.organizationId, departmentId, role: 'ORDERER', disabled: false, email: { not: null } },
    select: { email: true },
  });
  return [...new Set([dept.email, ...users.map((u) => u.email)].filter((a): a is string => Boolean(a?.trim())).map((a) => a.trim()))].sort();
}

async function factsOf(tx: Tx, certificationId: string) {
  const c = await tx.intermediateCertification.findUniqueOrThrow({
    where: { id: certificationId },
    select: {
      id: true,
      departmentId: true,
      contractorId: true,
      projectName: true,
      reportedOn: true,
      plannedProgressBp: true,
      actualProgressBp: true,
      workDoneAmount: true,
      requestedAmount: true,
      contractor: { select: { name: true } },
      orderer: { select: { name: true } },
      department: { select: { name: true } },
      advanceGuarantee: { select: { number: true } },
      _count: { select: { attachments: true } },
    },
  });
  const facts: CertificationMailFacts = {
    contractorName: c.contractor.name,
    ordererName: c.orderer.name,
    departmentName: c.department.name,
    projectName: c.projectName,
    advanceNumber: c.advanceGuarantee.number.trim(),
  };
  return { c, facts };
}

const related = (id: string) => ({ relatedType: 'certification' as const, relatedId: id });

export async function notifyRequested(tx: Tx, certificationId: string, reportedOn: string): Promise<string[]> {
  const { c, facts } = await factsOf(tx, certificationId);
  const mail = certificationRequestedMail(facts, {
    reportedOn,
    plannedProgressBp: c.plannedProgressBp,
    actualProgressBp: c.actualProgressBp,
    workDoneAmount: c.workDoneAmount,
    requestedAmount: c.requestedAmount,
    files: c._count.attachments,
  });
  return enqueueMailToAll(tx, await departmentAddresses(tx, c.departmentId), { template: 'certification-requested', ...mail, ...related(c.id) });
}

export async function notifyWithdrawn(tx: Tx, certificationId: string, byCancel: boolean): Promise<string[]> {
  const { c, facts } = await factsOf(tx, certificationId);
  const mail = certificationWithdrawnMail(facts, { byCancel });
  return enqueueMailToAll(tx, await departmentAddresses(tx, c.departmentId), { template: 'certification-withdrawn', ...mail, ...related(c.id) });
}

export async function notifyDecided(
  tx: Tx,
  certificationId: string,
  decision: { decision: 'CERTIFIED'; number: string; certifiedOn: string } | { decision: 'REFUSED'; reason: string },
): Promise<string[]> {
  const { c, facts } = await factsOf(tx, certificationId);
  const mail = certificationDecidedMail(facts, decision);
  return enqueueMailToAll(tx, await organizationAddresses(tx, c.contractorId, 'CONTRACTOR'), { template: 'certification-decided', ...mail, ...related(c.id) });
}
