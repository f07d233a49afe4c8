/**
 * A certificate version's name, as every screen, mail and PDF writes it: 第2版（変更） for a version
 * issued by a 変更契約 (【注1】), 第1版 for the first. `versionLabel` is the lists' form, which also
 * names the first version 新規.
 */
export const versionName = (version: number, changed: boolean) => `第${version}版${changed ? '（変更）' : ''}`;

export const versionLabel = (version: number, changed: boolean) => (version === 1 ? `${versionName(1, false)}（新規）` : versionName(version, changed));
