import { DEMO_RATE_LABEL } from '@/lib/wording';

/**
 * Japanese text of the officer's 保証料率 screens (list, one table, new table, the calculator), in one
 * place: the pages, the form and the browser tests read it from here.
 */

const title = (screen: string) => `${screen} | 電子保証ポータル`;

/** A rate table's facts, as the history's columns and the detail page's rows name them. */
const TABLE_FIELDS = {
  effectiveFrom: '適用開始日',
  status: '状態',
  minimumPremium: '最低保証料',
  rounding: '端数処理',
  createdBy: '登録者',
  createdAt: '登録日時',
} as const;

export const PREMIUM_RATE_LABELS = {
  listTitle: '保証料率',
  listMeta: title('保証料率'),
  lead: '保証の種類ごとの保証料率表です。料率表は書き換えず、適用開始日を指定して新しい料率表を登録します。締結済みの保証の保証料は、締結時に使った料率表のまま変わりません。',
  inForceHeading: '現在適用中の料率表',
  inForceSince: (date: string) => `${date} から適用`,
  noTableInForce: '本日時点で適用中の料率表はありません。',
  newFor: (kind: string) => `${kind}の料率表を登録する`,
  newFrom: 'この料率表をもとに新しい料率表を作成する',
  openTable: '料率表を表示',
  historyHeading: (kind: string) => `${kind}の料率表の履歴`,
  historyEmpty: 'まだ料率表はありません。',
  historyColumns: TABLE_FIELDS,
  status: { current: '適用中', scheduled: '適用予定', ended: '適用終了' },
  demo: DEMO_RATE_LABEL,
  demoNote: 'デモ用の料率です。実際の保証料率ではありません。',
  unknownUser: '（不明）',
  yen: (amount: string) => `${amount}円`,

  detailTitle: (kind: string, date: string) => `${kind}の料率表（${date} から適用）`,
  detailMeta: title('保証料率表'),
  created: '料率表を登録しました。',
  details: { kind: '保証の種類', ...TABLE_FIELDS, note: '備考' },

  grid: {
    caption: (kind: string) => `${kind}の料率（%）：行は保証金額の区分、列は保証期間の区分`,
    corner: '保証金額 ＼ 保証期間',
    explanation:
      '保証金額は区分ごとに分けて計算します（累進）。保証金額のうち各区分に入る部分に、その区分と保証期間の料率を掛けて合計し、端数処理のうえ最低保証料と比べます。',
  },

  preview: {
    heading: '保証料の試算',
    lead: 'この料率表で保証料を計算します（計算結果は保存されません）。',
    amount: '保証金額',
    amountHint: '円単位で入力します（例: 40,000,000）。全角数字も使えます。',
    days: '保証期間（日数）',
    daysHint: '保証期間の初日と末日を含めた日数です（例: 4月1日〜6月29日は 90）。',
    submit: '計算する',
    resultHeading: (amount: string, days: string) => `試算結果（保証金額 ${amount}円・保証期間 ${days}日）`,
    columns: { item: '項目', detail: '内容', amount: '金額（円）' },
    total: '保証料',
    outOfTable: 'この料率表では計算できない保証金額・保証期間です。',
  },

  newTitle: '保証料率表の登録',
  newMeta: title('保証料率表の登録'),
  newLead:
    '新しい料率表を登録します。登録した料率表は変更できません。料率を変える場合は、適用開始日を指定してもう一度登録します（それまでの料率表は履歴に残ります）。',
  copiedFrom: (kind: string, date: string) => `${kind}の料率表（${date} から適用）の内容を入力済みです。`,
  form: {
    sections: { basic: '料率表の基本', grid: '料率', note: '備考' },
    fields: {
      guaranteeKind: '保証の種類',
      effectiveFrom: '適用開始日',
      minimumPremium: '最低保証料（円）',
      roundingUnit: '端数処理の単位',
      rounding: '端数処理の方法',
      note: '備考',
    },
    hints: {
      effectiveFrom:
        'この日から適用します（本日以降の日付）。同じ保証の種類で同じ適用開始日の料率表は登録できません。締結済みの保証の保証料は変わりません。',
      minimumPremium: '円単位で入力します（例: 10,000）。計算した保証料がこの額に満たない場合は、この額を保証料とします。ない場合は 0。',
      rounding: '料率を掛けて合計した額（小計）を、この単位で一度だけ端数処理します。',
      grid: '行は保証金額の区分、列は保証期間の区分です。各区分の「上限」（円はこの金額以下、日はこの日数以下）を入力し、各欄に料率を % で入力します（例: 0.23 は 0.23%、小数第4位まで）。最後に使う行と列の上限は空欄（上限なし）にします。使わない行・列はすべて空欄のままにしてください。全角数字・カンマも使えます。',
      note: '改定の理由など（500文字まで）。',
    },
    choose: '選択してください',
    roundingUnits: { '1': '1円（円未満を処理）', '10': '10円（10円未満を処理）', '100': '100円（100円未満を処理）', '1000': '1,000円（1,000円未満を処理）' },
    corner: '保証金額の区分 ＼ 保証期間の区分',
    tier: (i: number) => `金額区分${i + 1}`,
    band: (j: number) => `期間区分${j + 1}`,
    tierUpTo: (i: number) => `金額区分${i + 1}の上限（円、この金額以下）`,
    bandUpTo: (j: number) => `期間区分${j + 1}の上限（日数、この日数以下）`,
    rate: (i: number, j: number) => `金額区分${i + 1}・期間区分${j + 1}の料率（%）`,
    yenUnit: '円以下',
    dayUnit: '日以下',
    percent: '%',
    from: (text: string) => `${text}〜`,
    noUpperBound: '空欄＝上限なし',
    addTier: '金額区分（行）を追加',
    addBand: '期間区分（列）を追加',
    removeTier: (i: number) => `金額区分${i + 1}を削除`,
    removeBand: (j: number) => `期間区分${j + 1}を削除`,
    remove: '削除',
    submit: '料率表を登録する',
    pending: '登録中…',
  },
} as const;
