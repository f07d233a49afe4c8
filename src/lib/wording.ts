/**
 * Words that screens, mails and PDFs write the same way and that are not one module's own: a
 * certificate version's name and the mark of demo rate tables.
 */

/**
 * A certificate version's name, as every screen, mail and PDF writes it: 第2版（変更） for a version
 * issued by a 変更契約 (【注1】), 第1版 for the first. `versionLabel` is the lists' form, which also
 * names the first version 新規.
 */
export const versionName = (version: number, changed: boolean) => `第${version}版${changed ? '（変更）' : ''}`;

export const versionLabel = (version: number, changed: boolean) => (version === 1 ? `${versionName(1, false)}（新規）` : versionName(version, changed));

/** The label demo tables carry wherever they are shown (screens, 計算書). */
export const DEMO_RATE_LABEL = 'デモ用料率';
