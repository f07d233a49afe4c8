/**
 * 契約台帳 ↔ 保証証書 by the 契約番号 typed at lookup (decision 072 amended): the Japanese texts of the
 * field's error and of the notice on the certificate's page. Pure: the action, the page and the tests
 * read the same sentences.
 */
export const LOOKUP_MATCH_MESSAGES = {
  unknown: 'この契約番号の契約は、貴団体の契約台帳にありません。契約番号をご確認いただくか、空欄のまま確認してください。',
} as const;

export const LOOKUP_MATCH_NOTICE = {
  matched: (contractNumber: string) => `この保証証書を契約台帳の契約（契約番号 ${contractNumber}）に照合しました。`,
  already: (contractNumber: string) => `この保証証書は、すでに契約台帳の契約（契約番号 ${contractNumber}）に照合されています。`,
  /** The contract already holds a certificate of this one's kind (one per kind, decision 072 amended). */
  contractTaken: (contractNumber: string, other: string | null, kind?: string | null) =>
    `契約番号 ${contractNumber} の契約には、すでに別の${kind ? `${kind}の` : ''}保証証書${other ? `（保証契約番号 ${other}）` : ''}が照合されているため、照合していません。`,
  guaranteeTaken: (contractNumber: string, other: string | null) =>
    `この保証証書は、すでに別の契約${other ? `（契約番号 ${other}）` : ''}に照合されているため、契約番号 ${contractNumber} の契約には照合していません。`,
  none: (contractNumber: string) => `この保証証書は、契約番号 ${contractNumber} の契約に照合されていません。`,
  toContract: (contractNumber: string) => `契約番号 ${contractNumber} の契約を表示`,
  howToChange: '照合を変えるには、契約台帳で契約を開き、照合を解除してから選び直してください。',
} as const;

/** How a match was made (the enum ContractMatchVia): shown with the match on the contract's page. */
export const MATCH_VIA_LABEL = { CLERK: '契約台帳で選択', LOOKUP: '電子証書の確認で契約番号を入力' } as const;
export const MATCH_VIA_FACT = '照合の方法';
