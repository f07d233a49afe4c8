/**
 * 契約台帳 (issue 17): the Japanese texts the domain produces — field names, the messages at a field or
 * at a row of an imported file, the file's own refusals. Pure: the forms (in the browser), the use
 * cases and the tests read the same texts. The pages' own texts are in src/app/orderer/contracts/labels.ts.
 */

/** The register's fields, as the form labels them and as the file's columns are named. */
export const CONTRACT_FIELD_LABEL = {
  contractNumber: '契約番号',
  projectName: '工事名',
  contractorName: '受注者',
  contractAmount: '請負金額',
  contractDate: '契約日',
  periodStart: '工期（自）',
  periodEnd: '工期（至）',
  advanceShare: '前払金の割合',
  performanceShare: '契約保証の割合',
  department: '工事担当課',
} as const;

export type ContractField = keyof typeof CONTRACT_FIELD_LABEL;

/** The messages at a field (the form) and after 「n行目 列名：」 (a row of a file): they do not repeat the field's name. */
export const CONTRACT_FIELD_MESSAGES = {
  required: '入力してください。',
  tooLong: (max: number) => `${max}文字以内で入力してください。`,
  control: '改行・タブなどの制御文字は使えません。1行の文字で入力してください。',
  formula: '「=」「+」「-」「@」で始まる値は表計算ソフトで数式として扱われるため登録できません。先頭の記号を外してください。',
  amount: '数字で入力してください（例: 40,000,000 または 40000000円）。',
  amountMin: '1円以上で入力してください。',
  amountMax: '大きすぎます。1兆円未満で入力してください。',
  share: '「10分の4」「4/10」「40%」のように入力してください。必要ない場合は空欄にしてください。',
  shareRange: '0より大きく100%以下で入力してください。',
  shareFine: '0.01%単位で表せる割合を入力してください。',
  date: '2026/04/01 や 令和8年4月1日 のように、年・月・日を入力してください。',
  dateMonth: (month: number) => `月が正しくありません（${month}月はありません）。`,
  dateDay: (year: number, month: number, lastDay: number) => `日が正しくありません（${year}年${month}月は${lastDay}日までです）。`,
  dateEra: (typed: string) => `「${typed}」という日付はありません。元号と年を確かめてください。`,
  dateWeekday: '曜日が日付と合いません。',
  dateRange: '2000年から2099年までの日付を入力してください。',
  periodOrder: '工期（自）より後の日付を入力してください。',
  contractAfterPeriod: '工期（至）より前の日付を入力してください。',
  department: '登録されている工事担当課の名前を入力してください（空欄でも登録できます）。',
  departmentChoice: '工事担当課を選び直してください。',
  duplicateNumber: 'この契約番号はすでに登録されています。',
  stale: 'この契約は、画面を開いた後にほかの操作で変更されました。画面を開き直して、最新の内容に入力し直してください。',
} as const;

/** The file's own refusals (nothing read, nothing changed), shown at the file field. */
export const CONTRACT_FILE_MESSAGES = {
  none: '取り込むファイルを選んでください。',
  tooLarge: (mb: number) => `ファイルが大きすぎます。${mb}MB以下のCSVファイルにしてください（行が多い場合は分けて取り込めます）。`,
  empty: 'ファイルが空です。見出しの行と契約の行があるCSVファイルを選んでください。',
  binary: 'CSVファイルではないようです（文字以外のデータが含まれています）。Excelで開いた場合は「CSV（コンマ区切り）」で保存し直してください。',
  notUtf8: 'ファイルを UTF-8 として読めませんでした。文字コードを「Shift_JIS」にするか「自動判定」にして、もう一度取り込んでください。',
  notShiftJis: 'ファイルを Shift_JIS として読めませんでした。文字コードを「UTF-8」にするか「自動判定」にして、もう一度取り込んでください。',
  unknownEncoding: 'ファイルの文字コードを判定できませんでした。UTF-8 か Shift_JIS で保存したCSVファイルを選んでください。',
  unreadable: (line: number) => `CSVとして読めませんでした（${line}行目の引用符「"」の閉じ忘れなど）。ファイルを確かめてください。`,
  noRows: '契約の行がありません。見出しの行の下に契約を1行に1件ずつ書いてください。',
  tooManyRows: (max: number) => `行が多すぎます。1回に取り込めるのは${max.toLocaleString('ja-JP')}行までです。ファイルを分けて取り込んでください。`,
  missingColumns: (names: string[]) => `見出しの行に次の列がありません：${names.join('、')}。1行目に列の名前を書いてください。`,
  duplicateColumn: (name: string) => `見出しの行に「${name}」の列が2つあります。どちらか一方にしてください。`,
  encodingChoice: '文字コードを選び直してください。',
} as const;

/** A row's error as the preview lists it: 「3行目 請負金額：数字で入力してください。」 */
export const rowErrorText = (line: number, column: string, message: string) => `${line}行目 ${column}：${message}`;

/** A row's own problems (not of one field). */
export const CONTRACT_ROW_MESSAGES = {
  columns: (found: number, expected: number) => `列の数が見出しと合いません（${found}列あります。見出しは${expected}列です）。`,
  duplicateInFile: (firstLine: number) => `同じ契約番号が${firstLine}行目にもあります。1つのファイルに同じ契約番号は1行だけにしてください。`,
} as const;

/** How a column of a file is named in a row's error when it is the row as a whole. */
export const WHOLE_ROW = '行全体';

/** The use cases' answers about a whole import. */
export const CONTRACT_IMPORT_MESSAGES = {
  hasErrors: 'エラーのある行があるため取り込めません。ファイルを直して、もう一度選んでください。',
  notPreview: 'この取込はすでに取り込まれたか、取りやめられています。',
  changedSince: '確認の後に契約台帳が変更されました。内容を確かめてから、もう一度「取り込む」を押してください。',
} as const;

/** The encodings a file may be read in: chosen, or detected (自動判定). */
export const ENCODING_CHOICES = ['auto', 'utf-8', 'shift_jis'] as const;
export type EncodingChoice = (typeof ENCODING_CHOICES)[number];
export const ENCODING_CHOICE_LABEL: Record<EncodingChoice, string> = {
  auto: '自動判定',
  'utf-8': 'UTF-8',
  shift_jis: 'Shift_JIS（Excelの「CSV（コンマ区切り）」）',
};
/** The encoding a file was read in, as the preview and the history name it. */
export const ENCODING_LABEL = { 'UTF-8': 'UTF-8', Shift_JIS: 'Shift_JIS' } as const;
export type DetectedEncoding = keyof typeof ENCODING_LABEL;

/** How a revision came about (the enum ContractRevisionSource). */
export const REVISION_SOURCE_LABEL = { HAND: '手入力', IMPORT: 'ファイル取込' } as const;

/** An import's state (the enum ContractImportStatus). */
export const IMPORT_STATUS_LABEL = { PREVIEW: '確認待ち', IMPORTED: '取込済み', CANCELLED: '取りやめ' } as const;

/** A share written as clerks write it: 10分の4 when it is one, else a percentage. */
export const shareText = (bp: number | null): string => {
  if (bp === null) return '不要';
  if (bp % 1000 === 0) return `10分の${bp / 1000}`;
  const whole = Math.trunc(bp / 100);
  const fraction = String(bp % 100).padStart(2, '0').replace(/0+$/, '');
  return `${whole}${fraction ? `.${fraction}` : ''}%`;
};
