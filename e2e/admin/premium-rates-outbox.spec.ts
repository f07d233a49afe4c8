import type { Page } from '@playwright/test';
import { OUTBOX_LABELS as O } from '@/app/admin/outbox/labels';
import { PREMIUM_RATE_LABELS as P } from '@/app/admin/premium-rates/labels';
import { todayInTokyo } from '@/lib/dates';
import { checkA11y, expect, signIn, test } from '../fixtures';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const field = (page: Page, label: string) => page.getByLabel(new RegExp(`^${escapeRegExp(label)}\\s*(必須)?$`));
const F = P.form;

test('an officer reads the rates in force, checks a premium, and registers a new table from the current one', async ({ page }) => {
  await signIn(page, 'admin');
  await page.getByRole('navigation').getByRole('link', { name: P.listTitle }).click();
  await expect(page.getByRole('heading', { level: 1, name: P.listTitle })).toBeVisible();
  await expect(page.getByText(P.demo).first()).toBeVisible();
  await checkA11y(page);
  await page.screenshot({ path: 'screenshots/admin-premium-rates.png', fullPage: true });

  // One table, and its calculator (全角 input).
  await page.getByRole('link', { name: P.openTable }).first().click();
  await field(page, P.preview.amount).fill('４０，０００，０００');
  await field(page, P.preview.days).fill('365');
  await page.getByRole('button', { name: P.preview.submit }).click();
  await expect(page.getByText('小計')).toBeVisible();
  await checkA11y(page);
  await page.screenshot({ path: 'screenshots/admin-premium-rate-table.png', fullPage: true });

  // A new table from this one: a broken rate first (the field says so, nothing typed is lost), then a good one.
  await page.getByRole('link', { name: P.newFrom }).click();
  await expect(page.getByRole('heading', { level: 1, name: P.newTitle })).toBeVisible();
  await checkA11y(page);
  // 適用開始日 cannot be in the past: a day in the fourth year from now (2030 when run in 2026).
  const date = `${Number(todayInTokyo().slice(0, 4)) + 4}-0${1 + Math.floor(Math.random() * 9)}-${String(10 + Math.floor(Math.random() * 18))}`;
  await field(page, F.fields.effectiveFrom).fill(date);
  const rate = field(page, F.rate(0, 0));
  await rate.fill('abc');
  await page.getByRole('button', { name: F.submit }).click();
  await expect(rate).toHaveAttribute('aria-invalid', 'true');
  await expect(field(page, F.fields.effectiveFrom)).toHaveValue(date);
  await page.screenshot({ path: 'screenshots/admin-premium-rate-new-error.png', fullPage: true });
  await rate.fill('０．２５');
  await page.getByRole('button', { name: F.submit }).click();
  await expect(page.getByRole('status').filter({ hasText: P.created })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(date.replaceAll('-', '/'));
});

test('the outbox lists the demo mails; one opens with its recipients and body, without any key', async ({ page }) => {
  await signIn(page, 'admin');
  await page.getByRole('navigation').getByRole('link', { name: O.listTitle }).click();
  await expect(page.getByRole('heading', { level: 1, name: O.listTitle })).toBeVisible();
  // The browser tests' server sends through a real SMTP server (scripts/e2e-server.mjs).
  await expect(page.getByText(O.smtpOn)).toBeVisible();
  await checkA11y(page);
  await page.screenshot({ path: 'screenshots/admin-outbox.png', fullPage: true });
  await page.getByRole('link', { name: /電子証書・認証キー登録のお知らせ/ }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: O.detailTitle })).toBeVisible();
  await expect(page.getByText('maru01@maru-kensetsu.example.jp').first()).toBeVisible();
  await expect(page.getByText('このメールには認証キーを記載していません')).toBeVisible();
  await checkA11y(page);
  await page.screenshot({ path: 'screenshots/admin-outbox-mail.png', fullPage: true });
});
