import type { Locator, Page } from '@playwright/test';
import { checkA11y, expect, shots } from './fixtures';

/**
 * The layout checks of every list (src/components/list-table.tsx), shared by the specs that show one
 * (e2e/lists/list-layout.spec.ts reads them all; a spec that adds something to a list's row, such as a
 * mark, runs them while it is shown):
 *   - 1280 px: the list fits its place without scrolling sideways;
 *   - 390 px: each row is a card whose every cell lies inside the screen, labelled with its column's
 *     header, and the page does not scroll sideways.
 */

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

/** The lists on the page: each ListTable's wrapper. */
export const lists = (page: Page) => page.locator('.list-table');

/** How many lines the text of `cell` takes (its text's line boxes, by their tops). */
export async function lineCount(cell: Locator): Promise<number> {
  return cell.evaluate((element) => {
    const tops: number[] = [];
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent?.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) if (rect.width > 0) tops.push(rect.top);
    }
    tops.sort((a, b) => a - b);
    // Text of one line may sit a few pixels apart (a link, a tag with a border): a new line starts more than half a line lower.
    const half = parseFloat(getComputedStyle(element).fontSize) / 2;
    return tops.filter((top, i) => i === 0 || top - tops[i - 1]! > half).length;
  });
}

/** At 1280 px: every list on the page fits its place (nothing to scroll sideways inside it). */
export async function fitsOnDesktop(page: Page) {
  await page.setViewportSize(DESKTOP);
  for (const list of await lists(page).all()) {
    const { scroll, client } = await list.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(scroll, `a list on ${page.url()} scrolls sideways at 1280 px`).toBeLessThanOrEqual(client);
  }
}

/**
 * At 390 px: every row of every list is a card inside the screen: each cell's box within the
 * viewport, each labelled cell showing its column's header, its links and buttons inside the screen;
 * the page does not scroll sideways.
 */
export async function cardsOnPhone(page: Page) {
  await page.setViewportSize(PHONE);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${page.url()} scrolls sideways at 390 px`).toBeLessThanOrEqual(PHONE.width);
  const problems = await page.evaluate((width) => {
    const found: string[] = [];
    for (const table of document.querySelectorAll<HTMLTableElement>('.list-table table')) {
      for (const cell of table.querySelectorAll<HTMLElement>('tbody tr > th, tbody tr > td')) {
        const box = cell.getBoundingClientRect();
        if (box.width <= 1 && box.height <= 1) continue; // an empty cell, hidden on the card
        const label = cell.dataset.label;
        const name = `${label ?? '(no label)'} 「${cell.textContent?.trim().slice(0, 20)}」`;
        if (box.left < 0 || box.right > width) found.push(`${name}: x ${Math.round(box.left)}–${Math.round(box.right)}`);
        if (cell.scrollWidth > cell.clientWidth + 1) found.push(`${name}: its text runs out of the card`);
        if (label) {
          const before = getComputedStyle(cell, '::before');
          if (before.display === 'none' || !before.content.includes(label)) found.push(`${name}: its label is not shown`);
        }
        for (const control of cell.querySelectorAll<HTMLElement>('a, button')) {
          const r = control.getBoundingClientRect();
          if (r.left < 0 || r.right > width) found.push(`${name}: 「${control.textContent?.trim()}」 off-screen`);
        }
      }
    }
    return found;
  }, PHONE.width);
  expect(problems, `cards on ${page.url()} at 390 px`).toEqual([]);
}

/** Both widths' checks, axe, and the screenshots (shots) of the page; `listed: false` for a page whose lists may all be empty. */
export async function checkLists(page: Page, name: string, { listed = true } = {}) {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  if (listed) await expect(lists(page).first()).toBeVisible();
  await fitsOnDesktop(page);
  await cardsOnPhone(page);
  await checkA11y(page);
  await shots(page, `lists/${name}`);
}

/** The cell of `row` under the column labelled `label`. */
export const cellOf = (row: Locator, label: string) => row.locator(`[data-label="${label}"]`);
