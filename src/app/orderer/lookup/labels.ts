import { STATUS_BANNER_LABELS } from '@/components/status-banner/labels';
import { GUARANTEE_STATUS_LABEL } from '@/domain/labels';
import { versionLabel } from '@/lib/wording';

/** The orderer's 電子証書の確認 screens: every Japanese text the pages and their tests use. */
export const LOOKUP_LABELS = {
  meta: '電子証書の確認',
  title: '電子証書の確認',
  lead: '受注者から提出された「電子証書閲覧用「認証キー」等のお知らせ」（PDF）に記載の保証契約番号と認証キーを入力してください。',
  number: '保証契約番号',
  numberHint: '10桁の数字です（全角・ハイフン可）。打ち間違いは、10桁を入力した時点でお知らせします。',
  key: '認証キー',
  keyHint: '英数字10文字です（例: 7KQ4-XM9P-WA）。数字の0・1と英字のO・I・Lは使われていません。大文字・小文字、全角・半角、ハイフンや空白は区別しません。',
  // 契約台帳 (decision 072 amended): the certificate is matched to this contract once confirmed.
  contractNumber: '契約番号（契約台帳）',
  contractNumberHint: '任意です。貴団体の契約台帳にある契約番号を入力すると、確認した保証証書をその契約に照合します。',
  submit: '確認する',
  pending: '確認中…',
  throttleNote: '誤った入力が続くと、しばらく確認できなくなります（受注者と保証会社にお知らせします）。',
  qrNote: '「認証キー等のお知らせ」の二次元コードから開いた場合は、保証契約番号が入力済みです。',
} as const;

export const ORDERER_CERTIFICATE_LABELS = {
  meta: '電子証書',
  status: '状態',
  statusLabel: GUARANTEE_STATUS_LABEL,
  statusBanner: STATUS_BANNER_LABELS.headline,
  versions: '証書の版（新しい順）',
  versionLabel,
  viewing: '表示中',
  show: '表示',
  issuedOn: '発行日',
  confirmedNote: (at: string, by: string) => `${at} に ${by} が確認しました。`,
  confirmedSaved: '電子証書を確認しました。この証書は「確認済み一覧」に追加されました。',
  print: '印刷画面へ',
  record: '確認記録（PDF）をダウンロード',
  recordOf: (version: string) => `${version}の確認記録（PDF）をダウンロード`,
  // Which version the orderer confirmed, and a later one confirmed without the key (issue 13).
  apiCaller: '外部システム（API）',
  confirmedThis: (version: string, at: string, by: string) => `貴団体は、${version}を ${at} に確認しました（${by}）。`,
  notConfirmedThis: (version: string) => `${version}は、貴団体ではまだ確認していません。`,
  laterTitle: '貴団体が確認した後に、新しい版が発行されています',
  laterBody: (confirmed: string, at: string, by: string, latest: string, issuedOn: string) =>
    `貴団体が確認したのは${confirmed}です（${at}、${by}）。その後、${latest}（発行日 ${issuedOn}）が発行されました。`,
  confirmHint: '内容をご確認のうえ「この版を確認しました」を押してください。認証キーの再入力は不要です。確認すると、この版の確認記録（PDF）をダウンロードできます。',
  showDiff: (from: string) => `${from}からの変更点を見る`,
  olderVersion: (shown: string, latest: string, issuedOn: string) => `以前の版（${shown}）を表示しています。最新は${latest}（発行日 ${issuedOn}）です。`,
  toVersion: (version: string) => `${version}を表示する`,
  confirmVersion: 'この版を確認しました',
  confirmingVersion: '記録しています…',
  saved: {
    'version-confirmed': (version: string) => `${version}を確認しました。この版の確認記録（PDF）をダウンロードできます。`,
    'version-already': (version: string) => `${version}は既に確認済みです。新たな確認は記録していません。`,
  },
  superseded: (latest: string, issuedOn: string) =>
    `確認しようとした版より新しい${latest}（発行日 ${issuedOn}）が発行されていたため、確認は記録していません。この版をご確認ください。`,
  recordsTitle: 'この証書の確認記録',
  recordColumns: { at: '確認日時', by: '確認者', version: '確認した版', status: '確認時の状態', pdf: '確認記録' },
  recordLink: (at: string) => `${at} の確認記録（PDF）`,
  printNotice: 'この印刷物は、電子保証ポータルで確認した電子証書の写しです。最新の状態は電子保証ポータルでご確認ください。',
  lookupAgain: '別の証書を確認する',
  toConfirmed: '確認済み一覧へ',
} as const;
