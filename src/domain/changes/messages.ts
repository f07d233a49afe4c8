/** The 変更契約 use cases' refusals (plain: the browser tests read them too). */
export const CHANGE_MESSAGES = {
  notActive: (status: string) => `この保証は${status}のため、変更契約を登録できません。`,
  changedMeanwhile: 'この画面を開いた後に、別の変更契約が登録されました。最新の内容を確認してから、もう一度入力してください。',
  noRates: '本日有効な保証料率が登録されていないため、保証料を再計算できません。「保証料率」で料率表を登録してください。',
  previewOutdated: '確認の後に入力内容または保証料の計算が変わりました。下に表示した新しい内容を確認してから、もう一度「変更契約を登録」を押してください。',
} as const;
