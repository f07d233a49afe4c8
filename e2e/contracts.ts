import type { Page } from '@playwright/test';
import { CONTRACT_LABELS as L } from '@/app/orderer/contracts/labels';
import type { currentTerm } from '@/demo/term-dates';
import { expect } from './fixtures';

/** The register file's columns, as the import screen reads them (decision 068). */
const HEADER = '契約番号,工事名,受注者,請負金額,契約日,工期（自）,工期（至）,前払金の割合,契約保証の割合';
/** 2026-04-01 → 2026/04/01, as a clerk types a date. */
export const slash = (iso: string) => iso.replaceAll('-', '/');

/**
 * The clerk's register, through its screens: a contract agreeing with the certificate `guarantee` (its
 * 工事名, 受注者 and `term`; 請負金額 100,000,000, 前払金 10分の4) imported from a CSV file, then matched to
 * the certificate by its number on the contract's page, which the clerk is left on.
 */
export async function importAndMatch(
  clerk: Page,
  contractNumber: string,
  guarantee: { number: string; projectName: string; contractor: string; term: ReturnType<typeof currentTerm> },
) {
  const { term } = guarantee;
  const csvText = `${HEADER}\r\n${contractNumber},${guarantee.projectName},${guarantee.contractor},100000000,${slash(term.contractDate)},${slash(term.periodStart)},${slash(term.periodEnd)},10分の4,\r\n`;
  await clerk.goto('/orderer/contracts/import');
  await clerk.getByLabel(new RegExp(`^${L.fileLabel}`)).setInputFiles({ name: '契約台帳.csv', mimeType: 'text/csv', buffer: Buffer.from(csvText, 'utf8') });
  await clerk.getByRole('button', { name: L.read }).click();
  await clerk.getByRole('button', { name: L.confirm }).click();
  await expect(clerk.getByRole('status').filter({ hasText: L.imported({ created: 1, updated: 0, unchanged: 0 }) })).toBeVisible();
  await clerk.goto(`/orderer/contracts?cond=number&q=${contractNumber}`);
  await clerk.getByRole('link', { name: L.openContract(contractNumber) }).click();
  await clerk.getByLabel(new RegExp(`^${L.match.numberLabel}`)).fill(guarantee.number);
  await clerk.getByRole('button', { name: L.match.submit, exact: true }).click();
  await expect(clerk.getByText(L.saved.matched!)).toBeVisible();
}
