import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EVIDENCE_PACK_LABELS as L } from '@/app/orderer/evidence-packs/labels';
import { EVIDENCE_PACK_MESSAGES as M } from '@/domain/evidence-packs/labels';
import { checkA11y, expect, shots, signIn, test } from '../fixtures';
import { confirmedGuarantees } from '../guarantees';

/**
 * 証拠書類の一括出力 (issue 17, decision 074) on the screens, with an orderer account of the test's own
 * in 大村市: from the navigation to the page; a malformed 保証契約番号 answered at the field; a pack of two
 * certificates the clerk confirmed, built in the background while the page shows its progress and then
 * the download; the ZIP downloaded holds each version's folder, the manifests, the key and the guide,
 * and every signature verifies with openssl. axe and 1280 / 390 px.
 */

test('start a pack of two confirmed certificates, watch it built, download it and verify it', async ({ page, newUser }) => {
  test.slow();
  const account = await newUser({ side: 'orderer', organization: '大村市', department: '財政部契約課' });
  const made = await confirmedGuarantees(page.request, 2, `証拠書類${account.name.slice(-6)}`, account.loginId);
  const numbers = made.guarantees.map((g) => g.number);
  await signIn(page, account.loginId, account.password);

  await page.goto('/orderer');
  await page.getByRole('link', { name: L.title, exact: true }).first().click();
  await expect(page.getByRole('heading', { name: L.title, level: 1 })).toBeVisible();
  await checkA11y(page);
  await shots(page, 'orderer-evidence-packs');

  // A malformed number: the error at the field, what was typed kept.
  await page.getByLabel(L.scopes.numbers).check();
  const box = page.getByRole('textbox', { name: L.field.numbers });
  await box.fill(`${numbers[0]}\n12345`);
  await page.getByRole('button', { name: L.start }).click();
  await expect(page.getByText(M.numberInvalid('12345'))).toBeVisible();
  await expect(box).toHaveValue(`${numbers[0]}\n12345`);
  await checkA11y(page);

  // The two numbers: queued, built in the background, the page follows it to 作成済み.
  await box.fill(numbers.join('\n'));
  await page.getByRole('button', { name: L.start }).click();
  await expect(page.getByRole('status').filter({ hasText: L.started })).toBeVisible();
  const row = page.getByRole('table', { name: L.caption('大村市') }).getByRole('row').filter({ hasText: numbers[0]! });
  await expect(row).toContainText(L.status.DONE, { timeout: 60_000 });
  await expect(row).toContainText(L.progress(2, 2));
  await checkA11y(page);
  await shots(page, 'orderer-evidence-packs-done');

  const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: /ダウンロード/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^証拠書類_指定_\d{8}\.zip$/);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-pack-'));
  try {
    await download.saveAs(path.join(dir, 'pack.zip'));
    execFileSync('unzip', ['-q', 'pack.zip', '-d', 'out'], { cwd: dir });
    const out = path.join(dir, 'out');
    expect(fs.existsSync(path.join(out, 'README.txt'))).toBe(true);
    expect(fs.readFileSync(path.join(out, 'manifest.csv'), 'utf8').startsWith('\ufeff')).toBe(true);
    const folders = fs.readdirSync(path.join(out, 'versions')).sort();
    expect(folders).toEqual(numbers.map((n) => `${n}-v1`).sort());
    for (const folder of folders) {
      const cwd = path.join(out, 'versions', folder);
      const said = execFileSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'key.pem', '-rawin', '-in', 'digest.bin', '-sigfile', 'sig.bin'], { cwd, encoding: 'utf8' });
      expect(said).toContain('Signature Verified Successfully');
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
