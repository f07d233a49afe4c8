import type { Page } from '@playwright/test';
import { CERTIFICATION_LABELS as L } from '@/app/_components/certification-labels';
import { halfPeriodDate } from '@/domain/certifications/rules';
import { currentTerm } from '@/demo/term-dates';
import { todayInTokyo } from '@/lib/dates';
import { expect } from './fixtures';
import { field } from './guarantees';

/**
 * 中間前払金の認定 of a browser test's own, requested on the contractor's screens (the form of
 * /contractor/certifications/new) on a guarantee made by `guaranteeOf` (大村市 都市整備部土木課,
 * 60,000,000 円, 前払金 24,000,000 円, this fiscal year's contract).
 */

const TERM = currentTerm();
/** The day the test guarantees' 工期 passes its half: no request can be made before it. */
export const HALF = halfPeriodDate(TERM.periodStart, TERM.periodEnd);
export const TODAY = todayInTokyo();
/** Whether a 認定 can be requested today on the test guarantees (early in a fiscal year, not yet). */
export const CAN_REQUEST = TODAY >= HALF;

export const pdfFile = (text = 'report', name = '工事履行報告書.pdf') => ({ name, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`) });

/** Fills the request form (open on the page) with figures that pass on the test guarantees' contract. */
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
