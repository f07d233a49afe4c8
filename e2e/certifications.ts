import type { APIRequestContext, Page } from '@playwright/test';
import { CERTIFICATION_LABELS as L } from '@/app/_components/certification-labels';
import { HALF_PASSED_FROM, halfPassedTerm } from '@/demo/term-dates';
import { todayInTokyo } from '@/lib/dates';
import { expect } from './fixtures';
import { field, guaranteeOf } from './guarantees';

/**
 * 中間前払金の認定 of a browser test's own, requested on the contractor's screens (the form of
 * /contractor/certifications/new) on a guarantee made by `certifiableGuarantee` (大村市 都市整備部土木課,
 * 60,000,000 円, 前払金 24,000,000 円, a contract whose 工期 has passed its half today: halfPassedTerm),
 * so that the request can be made on any day of the year.
 */

export const TODAY = todayInTokyo();
// Before HALF_PASSED_FROM (2026-06-17, the first day a contract from 大村市's ELECTRONIC_FROM has passed
// its half) no such guarantee can exist: the specs that import this module fail, saying why.
if (TODAY < HALF_PASSED_FROM) throw new Error(`e2e/certifications.ts: today (${TODAY}) is before ${HALF_PASSED_FROM}: no contract can have passed its half; set the machine's clock right`);
/** The test guarantees' contract (halfPassedTerm of today, as the server makes it). */
export const TERM = halfPassedTerm(TODAY);

/** A guarantee of `applicant` (a test's own contractor account) on which a 認定 can be requested today. */
export const certifiableGuarantee = (request: APIRequestContext, applicant: string, project: string) => guaranteeOf(request, applicant, project, { term: 'halfPassed' });

export const pdfFile = (text = 'report', name = '工事履行報告書.pdf') => ({ name, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`) });

/** Fills the request form (open on the page) with figures that pass on the test guarantees' contract: reported today (past the half, within the 工期). */
export async function fillRequest(page: Page) {
  await field(page, L.field.reportedOn).fill(TODAY.replaceAll('-', '/'));
  await field(page, L.field.plannedProgress).fill('48');
  await field(page, L.field.actualProgress).fill('51.5');
  await field(page, `${L.field.workDoneAmount}（円）`).fill('33,000,000');
  await field(page, `${L.field.requestedAmount}（円）`).fill('12,000,000');
  await page.getByLabel(L.noPartialPayment).check();
}

/** Requests a 認定 on the guarantee `number` through the form; returns the request's page (its path) and id. */
export async function requestOnScreens(page: Page, number: string, file = pdfFile()) {
  await page.goto(`/contractor/certifications/new?guarantee=${number}`);
  await fillRequest(page);
  await page.getByLabel(new RegExp(`^${L.field.files}`)).setInputFiles(file);
  await page.getByRole('button', { name: L.submit }).click();
  await expect(page.getByRole('status').filter({ hasText: L.saved.requested! })).toBeVisible();
  const path = new URL(page.url()).pathname;
  return { path, id: path.split('/').pop()! };
}
