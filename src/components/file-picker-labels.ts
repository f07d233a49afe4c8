/** The file picker's own words (the browser's control would show its own, in the browser's language). */
export const FILE_PICKER_LABELS = {
  none: '選択されていません',
  chosen: (names: string[]) => names.join('、'),
} as const;
