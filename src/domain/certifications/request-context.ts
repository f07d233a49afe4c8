import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { AppError } from '@/domain/errors';
import { checkContractNumber } from '@/domain/guarantees/contract-number';
import { assertRole } from '@/domain/system';
import { dbDateToIso, todayInTokyo } from '@/lib/dates';
import { CERTIFICATION_USE_CASE_MESSAGES as M } from './labels';
import { loadCertificationRules } from './orderer-rules';
import { findOwnGuarantee, guaranteeRefusal, hasLiveCertification } from './own-guarantee';
import { halfOfContract, halfPeriodDate, periodDays, requestableAmount } from './rules';

/**
 * What the request form shows before anything is typed (docs/research/issue-16.md B6): the contract of
 * the company's own 前払金保証 read-only, the day the 工期's half passes, the smallest 出来高 and the
 * largest 請求予定額. `refusal` says why no request can be made on it (the words requestCertification
 * would answer), so the page says so instead of offering a form that can only be refused.
 * Another company's number, or none, is NOT_FOUND (decision 007).
 */
export async function certificationRequestContext(db: Db, actor: Actor, numberInput: string, now = new Date()) {
  assertRole(actor, 'CONTRACTOR', 'certificationRequestContext');
  const number = checkContractNumber(numberInput);
  if (!number.ok) throw new AppError('NOT_FOUND', `guarantee ${numberInput}`);
  const g = await findOwnGuarantee(db, actor.organizationId, number.number);
  if (!g) throw new AppError('NOT_FOUND', `guarantee ${number.number} of ${actor.organizationId}`);
  const today = todayInTokyo(now);
  const periodStart = dbDateToIso(g.periodStart);
  const periodEnd = dbDateToIso(g.periodEnd);
  const refused = guaranteeRefusal(g, today);
  let refusal: string | null = refused ? M[refused] : null;
  if (!refusal && (await hasLiveCertification(db, g.id))) refusal = M.liveExists;
  const loaded = await loadCertificationRules(db, g.ordererId);
  refusal ??= loaded ? null : M.ordererInactive;
  const rules = loaded ?? { intermediateLimit: null, combinedLimit: null };
  return {
    number: g.number.trim(),
    refusal,
    ordererName: g.orderer.name,
    projectName: g.projectName,
    projectLocation: g.application.projectLocation ?? '',
    contractDate: g.application.contractDate ? dbDateToIso(g.application.contractDate) : null,
    periodStart,
    periodEnd,
    periodDays: periodDays(periodStart, periodEnd),
    halfDate: halfPeriodDate(periodStart, periodEnd),
    contractAmount: g.contractAmount,
    advanceAmount: g.guaranteeAmount,
    halfOfContract: halfOfContract(g.contractAmount),
    requestable: requestableAmount({ contractAmount: g.contractAmount, advanceAmount: g.guaranteeAmount, intermediateLimit: rules.intermediateLimit, combinedLimit: rules.combinedLimit }),
    intermediateLimit: rules.intermediateLimit,
    combinedLimit: rules.combinedLimit,
  };
}

export type CertificationRequestContext = Awaited<ReturnType<typeof certificationRequestContext>>;

/** Whether the guarantee page offers 「中間前払金の認定を請求」: an ADVANCE 有効 工事 guarantee of the company with no live 認定. */
export async function canRequestCertification(db: Db, actor: Actor, number: string, now = new Date()): Promise<boolean> {
  try {
    return (await certificationRequestContext(db, actor, number, now)).refusal === null;
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return false;
    throw error;
  }
}
