import { expect } from 'vitest';
import { getDb } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { matchContract } from '@/domain/contracts/match-contract';
import { saveContract } from '@/domain/contracts/save-contract';
import { getKeyPage } from '@/domain/guarantees/get-key-page';
import { lookupCertificate } from '@/domain/lookup/lookup';
import { dbDateToIso } from '@/lib/dates';
import { formatYen } from '@/lib/money';
import { concludedGuarantee, makeOrderer, makeUser, must, TERM, TEST_KEY_SECRET } from './factories';

/**
 * 契約台帳 test data (issue 17) built through the same use cases as the screens: the orderer's side of
 * a contract test, a contract typed by its clerk, a guarantee the clerk confirmed through the lookup,
 * and the two matched.
 */

type Orderer = { id: string; departmentId: string };
type Someone = { actor: Actor };

/** 2026-04-01 → 2026/04/01, a date as the register's form and import take it. */
export const slash = (iso: string) => iso.replaceAll('-', '/');

/** A fresh 契約番号: `prefix`, a hyphen and `length` random letters or digits. */
export const contractNumberOf = (prefix: string, length = 7) => `${prefix}-${Math.random().toString(36).slice(2, 2 + length)}`;

/** An organisation's registered name: what a clerk types as a contract's 受注者. */
export async function organizationName(organizationId: string): Promise<string> {
  const db = await getDb();
  return (await db.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { name: true } })).name;
}

/**
 * The orderer's side of a contract test: an orderer (makeOrderer), a clerk of its 契約課, a contractor's
 * user and that contractor's name (the register's 受注者); emails for the tests that read the mails.
 */
export async function makeContractCast(emails: { clerk?: string; contractor?: string } = {}) {
  const orderer = await makeOrderer();
  const clerk = await makeUser('ORDERER', orderer.id, orderer.departmentId, { email: emails.clerk });
  const contractor = await makeUser('CONTRACTOR', undefined, undefined, { email: emails.contractor });
  return { orderer, clerk, contractor, contractorName: await organizationName(contractor.actor.organizationId) };
}
export type ContractCast = Awaited<ReturnType<typeof makeContractCast>>;

/**
 * A contract's fields as the clerk types them, agreeing with applicationInput's guarantee (請負金額
 * 100,000,000, 前払金 10分の4, no 契約保証, its 契約日 and 工期) but for `patch`; a fresh 契約番号 `C-…`.
 */
export function contractInput(projectName: string, contractorName: string, patch: Record<string, string> = {}) {
  return {
    contractNumber: contractNumberOf('C'),
    projectName,
    contractorName,
    contractAmount: '100,000,000',
    contractDate: slash(TERM.contractDate),
    periodStart: slash(TERM.periodStart),
    periodEnd: slash(TERM.periodEnd),
    advanceShare: '10分の4',
    performanceShare: '',
    ...patch,
  };
}

/** The contract of contractInput entered by `clerk` through saveContract: its id. */
export async function makeContract(clerk: Someone, projectName: string, contractorName: string, patch: Record<string, string> = {}) {
  return must(await saveContract(await getDb(), clerk.actor, undefined, contractInput(projectName, contractorName, patch))).id;
}

/** A guarantee of `contractor` for `orderer` concluded (concludedGuarantee), with the 確認キー its key page shows; not looked up. */
export async function issuedGuarantee(contractor: Someone, orderer: Orderer, patch: Record<string, unknown> = {}) {
  const db = await getDb();
  const g = await concludedGuarantee(contractor, orderer, patch);
  const key = (await getKeyPage(db, contractor.actor, g.number, TEST_KEY_SECRET)).key;
  const row = await db.guarantee.findUniqueOrThrow({ where: { number: g.number }, select: { id: true, projectName: true } });
  return { number: g.number, key, id: row.id, projectName: row.projectName };
}

/**
 * A guarantee of `contractor` for `orderer` (concluded with `patch`, or made by `make`) that `clerk`
 * opened through the lookup with its number and 確認キー (found: the orderer's confirmation); its row.
 */
export async function confirmedGuarantee(
  { contractor, orderer, clerk }: { contractor: Someone; orderer: Orderer; clerk: Someone },
  { patch = {}, make = () => concludedGuarantee(contractor, orderer, patch) }: { patch?: Record<string, unknown>; make?: () => Promise<{ number: string }> } = {},
) {
  const db = await getDb();
  const { number } = await make();
  const key = (await getKeyPage(db, contractor.actor, number, TEST_KEY_SECRET)).key;
  const found = await lookupCertificate(db, { kind: 'user', actor: clerk.actor }, { number, key }, { secret: TEST_KEY_SECRET, clientAddress: '192.0.2.80' });
  expect(found.status).toBe('found');
  return db.guarantee.findUniqueOrThrow({ where: { number } });
}

/**
 * A guarantee confirmed by the clerk (confirmedGuarantee) and a contract of the clerk's 契約課 agreeing
 * with it (its 工事名, 受注者, 請負金額 and 工期; 前払金 10分の4, or 契約保証 10分の1 for a 契約保証) but
 * for `values`, entered and matched to it by the clerk: the contract's id, the values typed, the
 * guarantee's row and its 保証期間（至）.
 */
export async function matchedContract(
  cast: { contractor: Someone; orderer: Orderer; clerk: Someone; contractorName: string },
  options: { values?: Record<string, string>; patch?: Record<string, unknown>; make?: () => Promise<{ number: string }> } = {},
) {
  const db = await getDb();
  const g = await confirmedGuarantee(cast, options);
  const values = {
    contractNumber: contractNumberOf('L'),
    projectName: g.projectName,
    contractorName: cast.contractorName,
    contractAmount: formatYen(g.contractAmount),
    contractDate: slash(TERM.contractDate),
    periodStart: slash(dbDateToIso(g.periodStart)),
    periodEnd: slash(dbDateToIso(g.periodEnd)),
    advanceShare: g.kind === 'CONTRACT' ? '' : '10分の4',
    performanceShare: g.kind === 'CONTRACT' ? '10分の1' : '',
    departmentId: cast.orderer.departmentId,
    ...options.values,
  };
  const id = must(await saveContract(db, cast.clerk.actor, undefined, values)).id;
  must(await matchContract(db, cast.clerk.actor, id, { guaranteeNumber: g.number }));
  return { id, values, guarantee: g, guaranteeEnd: dbDateToIso(g.guaranteeEnd) };
}
