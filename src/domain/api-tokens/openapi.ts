import { SIGNATURE_ERROR_CODES, SIGNATURE_ERRORS, type SignatureErrorCode } from '@/domain/certificates/signature-api';
import { KEY_LENGTH } from '@/lib/auth-key-format';
import { lookupPolicy, type LookupPolicy } from '@/domain/lookup/policy';
import { API_TOKEN_PREFIX } from './tokens';
import {
  API_ERROR_CODES,
  API_ERROR_MESSAGES,
  API_ERROR_STATUS,
  GUARANTEE_STATUS_LABEL,
  throttledMessage,
  VERIFICATION_BODY_MAX_BYTES,
  VERIFICATION_FIELD_MAX,
  type ApiErrorCode,
} from './verification-api';

/**
 * The OpenAPI 3.1 document of the JSON API, served by GET /api/v1/openapi.json. Built from the same
 * constants as the routes (codes, statuses, messages, limits) and the lookup budgets in force
 * (lookupPolicy: LOOKUP_ADDRESS_FAILURES_PER_HOUR), so the two cannot drift apart silently;
 * tests/integration/api-verifications.test.ts and signatures.test.ts check the routes' real answers
 * against it, tests/unit/openapi-front.test.ts the answers of the portal's front (its 400 and 429).
 */

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

const ERROR_DESCRIPTIONS: Record<ApiErrorCode, string> = {
  INVALID_REQUEST: 'JSON として読めない、オブジェクトでない、contractNumber / authKey がない・文字列でない、UTF-8 でない本文。',
  UNAUTHENTICATED:
    'Authorization ヘッダーがない、Bearer 形式でない、トークンが存在しない・無効にされた・発注者が無効。どの場合も同じ応答です（WWW-Authenticate: Bearer）。',
  NOT_FOUND:
    '保証契約番号が存在しない、認証キーが違う、再発行前の古い認証キー、他の発注者の電子証書。どの場合も同じ応答です（試行回数を1回消費します）。',
  PAYLOAD_TOO_LARGE: `本文が ${VERIFICATION_BODY_MAX_BYTES} バイトを超えています。`,
  UNSUPPORTED_MEDIA_TYPE: 'Content-Type が application/json（charset を付ける場合は utf-8）ではありません。',
  INVALID_INPUT:
    '保証契約番号のチェックデジット・桁数の誤り、認証キーの形式の誤り、空欄。fields に項目ごとのメッセージがあります。試行回数は消費しません。',
  THROTTLED: '', // throttledDescription: it names the budgets in force
  INTERNAL_ERROR: 'サーバー側の障害（データベースに接続できない等）。時間をおいて再試行してください。',
};

/**
 * The lookup budgets (decisions 020 and 041), as the API's caller meets them: the number's budget is
 * kept per orderer (only the orderer named on the certificate can lock it), a token is an account,
 * the organisation's budget covers all its tokens and clerks, the address budget is the operator's
 * setting, and a registered gateway range replaces it.
 */
export function throttledDescription(policy: LookupPolicy): string {
  const hours = (seconds: number) => (seconds % 86_400 === 0 ? `${seconds / 86_400}日` : `${seconds / 3600}時間`);
  return [
    '試行回数の上限に達しました。失敗（誤った保証契約番号・認証キーの組み合わせ）は、次のそれぞれで数えます:',
    `保証契約番号ごと（発注者ごとに数えます。証書に記載された発注者の失敗だけがその番号の確認を止め、他の発注者の失敗はその発注者だけを止めます）に${hours(policy.numberWindowSeconds)}${policy.numberFailures}回、`,
    `トークンごと（画面では職員ごと）に${hours(policy.accountWindowSeconds)}${policy.accountFailures}回、`,
    `発注者ごと（その発注者のすべてのトークンと職員の合計）に${hours(policy.organizationWindowSeconds)}${policy.organizationFailures}回、`,
    `接続元アドレスごと（IPv6 は /64 ごと）に${hours(policy.addressWindowSeconds)}${policy.addressFailures}回（運用者の設定 LOOKUP_ADDRESS_FAILURES_PER_HOUR。保証会社が登録した接続元の範囲（自治体情報セキュリティクラウドなど）からは、範囲で共有する上限、または接続元アドレスの上限なし）まで。`,
    'Retry-After（秒）と error.retryAfterSeconds の間は、正しい組み合わせも受け付けません。',
  ].join('');
}

const errorSchema = (code: ApiErrorCode): Schema => {
  const properties: Schema = {
    code: { type: 'string', const: code },
    message: { type: 'string', description: '日本語のメッセージ（利用者への表示用。判定には code を使ってください）。' },
  };
  const required = ['code', 'message'];
  if (code === 'INVALID_INPUT' || code === 'INVALID_REQUEST') properties.fields = ref('FieldErrors');
  if (code === 'INVALID_INPUT') required.push('fields');
  if (code === 'THROTTLED') {
    properties.retryAfterSeconds = { type: 'integer', minimum: 1, description: '再試行できるまでの秒数（Retry-After ヘッダーと同じ値）。' };
    required.push('retryAfterSeconds');
  }
  return {
    type: 'object',
    required: ['error'],
    properties: { error: { type: 'object', required, properties } },
  };
};

const schemaName = (code: string) =>
  `Error${code
    .toLowerCase()
    .split('_')
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('')}`;

const noStore = { description: '常に no-store（応答を保存しないでください）。', schema: { type: 'string', const: 'no-store' } };

const errorResponse = (code: ApiErrorCode, policy: LookupPolicy): Schema => {
  const headers: Schema = { 'Cache-Control': noStore };
  if (code === 'THROTTLED') headers['Retry-After'] = { description: '再試行できるまでの秒数。', required: true, schema: { type: 'integer', minimum: 1 } };
  if (code === 'UNAUTHENTICATED') headers['WWW-Authenticate'] = { description: 'Bearer realm="denshi-hosho-api"', required: true, schema: { type: 'string' } };
  const message = code === 'THROTTLED' ? throttledMessage(60 * 60) : API_ERROR_MESSAGES[code];
  const example: Schema = { error: { code, message } };
  if (code === 'INVALID_INPUT') (example.error as Schema).fields = { contractNumber: ['保証契約番号に誤りがあります。入力した番号をもう一度ご確認ください。'] };
  if (code === 'THROTTLED') (example.error as Schema).retryAfterSeconds = 3600;
  return {
    description: `${code}: ${code === 'THROTTLED' ? throttledDescription(policy) : ERROR_DESCRIPTIONS[code]}`,
    headers,
    content: { 'application/json': { schema: ref(schemaName(code)), example } },
  };
};

const dateString = { type: 'string', format: 'date', description: '暦日（YYYY-MM-DD）' };
const yenString = { type: 'string', pattern: '^\\d+$', description: '円（整数の文字列。JSON の数値では桁あふれするため）' };

const certificateSchema: Schema = {
  type: 'object',
  description: '最新の版の電子証書の内容（発行時のスナップショット。画面・PDF と同じもの）。',
  required: [
    'format',
    'version',
    'changed',
    'issuedOn',
    'kind',
    'title',
    'number',
    'contractor',
    'obligee',
    'guaranteeAmount',
    'guaranteePeriod',
    'projectEndDate',
    'projectName',
    'contractAmount',
    'depositBank',
    'undertaking',
    'issuer',
    'branch',
    'notes',
    'terms',
  ],
  properties: {
    format: { type: 'integer', const: 1 },
    version: { type: 'integer', minimum: 1 },
    changed: { type: 'boolean', description: '変更契約による版（証書に「(変更)」と表示）' },
    issuedOn: dateString,
    kind: { type: 'string', enum: ['ADVANCE', 'INTERMEDIATE', 'CONTRACT'], description: '前払金保証 / 中間前払金保証 / 契約保証' },
    title: { type: 'string' },
    number: { type: 'string', pattern: '^\\d{10}$' },
    contractor: { type: 'object', required: ['address', 'name'], properties: { address: { type: 'string' }, name: { type: 'string' } } },
    obligee: { type: 'object', required: ['name'], properties: { name: { type: 'string', description: '被保証者（例: 大村市長）' } } },
    guaranteeAmount: yenString,
    guaranteePeriod: { type: 'object', required: ['from', 'to'], properties: { from: dateString, to: dateString } },
    projectEndDate: dateString,
    projectName: { type: 'string' },
    contractAmount: yenString,
    depositBank: {
      type: ['object', 'null'],
      required: ['bank', 'branch'],
      properties: { bank: { type: 'string' }, branch: { type: 'string' } },
      description: '預託金融機関（契約保証は null）',
    },
    undertaking: { type: 'string' },
    issuer: {
      type: 'object',
      required: ['address', 'companyName', 'representativeTitle', 'representativeName'],
      properties: { address: { type: 'string' }, companyName: { type: 'string' }, representativeTitle: { type: 'string' }, representativeName: { type: 'string' } },
    },
    branch: {
      type: ['object', 'null'],
      required: ['name', 'address', 'tel', 'fax'],
      properties: { name: { type: 'string' }, address: { type: 'string' }, tel: { type: 'string' }, fax: { type: 'string' } },
      description: '取次場所',
    },
    notes: { type: 'array', items: { type: 'string' } },
    terms: { type: 'object', required: ['text', 'url'], properties: { text: { type: 'string' }, url: { type: 'string' } } },
    jointVenture: {
      type: 'object',
      required: ['name', 'kind', 'mode', 'representative', 'members'],
      description: '共同企業体が保証契約者のときのみ。contractor はその代表者。',
      properties: {
        name: { type: 'string', description: '共同企業体の名称（例: 〇〇・△△特定建設工事共同企業体）' },
        kind: { type: 'string', enum: ['SPECIFIC', 'REGULAR'], description: '特定建設工事共同企業体 / 経常建設共同企業体' },
        mode: { type: 'string', enum: ['JOINT', 'DIVIDED'], description: '甲型（共同施工方式） / 乙型（分担施工方式）' },
        representative: ref('JointVentureParty'),
        members: { type: 'array', items: ref('JointVentureParty'), description: '代表者以外の構成員' },
      },
    },
    deposits: {
      type: 'array',
      description: '分割預託のときのみ（構成員ごとの預託金融機関。このとき depositBank は null）。',
      items: {
        type: 'object',
        required: ['bank', 'branch', 'holder', 'share'],
        properties: {
          bank: { type: 'string' },
          branch: { type: 'string' },
          holder: { type: 'string', description: '口座の構成員' },
          share: { type: 'string', description: '割合（％、例: "60"、"33.34"）' },
        },
      },
    },
    intermediateCertification: {
      type: 'object',
      required: ['number', 'certifiedOn', 'certifier'],
      description: '発注者の認定に基づく中間前払金保証のときのみ。',
      properties: {
        number: { type: 'string', description: '認定番号（例: 令和8年度第12号）' },
        certifiedOn: dateString,
        certifier: { type: 'string', description: '認定権者（例: 大村市長）' },
      },
    },
  },
};

const jointVenturePartySchema: Schema = {
  type: 'object',
  required: ['address', 'name', 'share'],
  properties: { address: { type: 'string' }, name: { type: 'string' }, share: { type: 'string', description: '出資比率（％、例: "60"）' } },
};

const schemas: Record<string, Schema> = {
  VerificationRequest: {
    type: 'object',
    required: ['contractNumber', 'authKey'],
    description: `本文は ${VERIFICATION_BODY_MAX_BYTES} バイトまで。これ以外のメンバーは無視します。`,
    properties: {
      contractNumber: {
        type: 'string',
        maxLength: VERIFICATION_FIELD_MAX,
        description: '保証契約番号（10桁、最後の1桁はチェックデジット）。全角数字・ハイフン・空白は無視します。',
        examples: ['2070004426'],
      },
      authKey: {
        type: 'string',
        maxLength: VERIFICATION_FIELD_MAX,
        description: `認証キー（英数字${KEY_LENGTH}文字）。大文字・小文字、全角・半角、ハイフンや空白は区別しません。応答に含めることはありません。`,
        examples: ['7KQ4-XM9P-WA'],
      },
    },
  },
  VerificationFound: {
    type: 'object',
    required: ['result', 'contractNumber', 'status', 'statusLabel', 'version', 'versions', 'certificate', 'confirmationId', 'confirmedAt'],
    properties: {
      result: { type: 'string', const: 'found' },
      contractNumber: { type: 'string', pattern: '^\\d{10}$' },
      status: { type: 'string', enum: Object.keys(GUARANTEE_STATUS_LABEL), description: '保証の現在の状態' },
      statusLabel: { type: 'string', enum: Object.values(GUARANTEE_STATUS_LABEL), description: '状態の表示名（有効 / 解除 / 期間満了）' },
      version: { type: 'integer', minimum: 1, description: '最新の版（確認を記録した版）' },
      versions: { type: 'array', items: ref('CertificateVersionSummary'), description: '全ての版（新しい順）' },
      certificate: ref('CertificateContent'),
      confirmationId: { type: 'string', format: 'uuid', description: 'この確認の記録の ID（確認済み一覧・確認記録に残ります）' },
      confirmedAt: { type: 'string', format: 'date-time' },
    },
  },
  CertificateVersionSummary: {
    type: 'object',
    required: ['version', 'changeKind', 'issuedOn', 'digest'],
    properties: {
      version: { type: 'integer', minimum: 1 },
      changeKind: { type: 'string', enum: ['ORIGINAL', 'CHANGE'], description: '新規 / 変更' },
      issuedOn: dateString,
      digest: { type: ['string', 'null'], description: '正規化した内容の SHA-256（16進）' },
    },
  },
  CertificateContent: certificateSchema,
  JointVentureParty: jointVenturePartySchema,
  FieldErrors: {
    type: 'object',
    description: '項目ごとの日本語メッセージ。',
    properties: {
      contractNumber: { type: 'array', items: { type: 'string' } },
      authKey: { type: 'array', items: { type: 'string' } },
    },
  },
};
for (const code of API_ERROR_CODES) schemas[schemaName(code)] = errorSchema(code);

// GET /api/v1/signatures/{digest}: public, the JSON twin of /verify/<digest>.
const versionNameSchema = { type: 'string', description: '版の名称（第1版 / 第2版（変更））。画面・証書と同じ表記です。' };
schemas.SignatureFound = {
  type: 'object',
  description: '発行済みの版。名称・金額・認証キーは含みません（後の版のダイジェストも含みません）。',
  required: [
    'result',
    'digest',
    'contractNumber',
    'version',
    'versionName',
    'changed',
    'superseded',
    'latestVersion',
    'status',
    'statusLabel',
    'cancelledOn',
    'recordedChangesAfterLatest',
    'issuedOn',
    'verified',
    'digestMatches',
    'signature',
  ],
  properties: {
    result: { type: 'string', const: 'issued' },
    digest: { type: 'string', pattern: '^[0-9a-f]{64}$', description: '正規化した内容の SHA-256（16進64桁）' },
    contractNumber: { type: 'string', pattern: '^\\d{10}$' },
    version: { type: 'integer', minimum: 1, description: 'このダイジェストの版' },
    versionName: versionNameSchema,
    changed: { type: 'boolean', description: 'この版が変更契約による版（証書に「（変更）」と表示）か。後の版があるかどうかは superseded です。' },
    superseded: { type: 'boolean', description: 'この版の後に新しい版が発行されている（この証書の記載内容は現在のものではない）' },
    latestVersion: {
      type: 'object',
      description: '保証の最新の版（superseded が false ならこの版自身）',
      required: ['version', 'name', 'changed', 'issuedOn'],
      properties: { version: { type: 'integer', minimum: 1 }, name: versionNameSchema, changed: { type: 'boolean' }, issuedOn: dateString },
    },
    status: { type: 'string', enum: Object.keys(GUARANTEE_STATUS_LABEL), description: '保証の現在の状態（この版の発行時の状態ではありません）' },
    statusLabel: { type: 'string', enum: Object.values(GUARANTEE_STATUS_LABEL), description: '状態の表示名（有効 / 解除 / 期間満了）' },
    cancelledOn: { ...dateString, type: ['string', 'null'], description: '解除日（status が CANCELLED のとき。それ以外は null）' },
    recordedChangesAfterLatest: {
      type: 'array',
      description: '最新の版の発行後に、保証証書を発行せずに登録された変更契約（【注2】工期・保証期間、【注3】請負金額）。古い順。最新の版の保証期間・請負金額は現在の契約内容と異なる場合があります。',
      items: { type: 'object', required: ['changeContractDate'], properties: { changeContractDate: dateString } },
    },
    issuedOn: { ...dateString, description: 'この版の発行日' },
    verified: { type: 'boolean', description: '内容・ダイジェスト・電子署名のすべてが公開鍵で検証できた' },
    digestMatches: { type: 'boolean', description: '保存された内容から計算したダイジェストが一致した' },
    signature: {
      type: 'object',
      required: ['algorithm', 'keyId', 'value', 'valid', 'keyKnown'],
      properties: {
        algorithm: { type: 'string', const: 'Ed25519' },
        keyId: { type: ['string', 'null'], description: '署名した鍵の ID（GET /api/v1/signing-keys）' },
        value: { type: ['string', 'null'], description: '署名（base64）' },
        valid: { type: 'boolean' },
        keyKnown: { type: 'boolean' },
      },
    },
  },
};
const SIGNATURE_ERROR_DESCRIPTIONS: Record<SignatureErrorCode, string> = {
  INVALID_DIGEST: 'ダイジェストが16進数64桁でも先頭16桁でもない。',
  NOT_FOUND: 'このダイジェストの版は発行されていない。',
  AMBIGUOUS: '先頭16桁が一致する版が複数ある（64桁すべてで指定してください）。',
};
const signatureErrorName = (code: SignatureErrorCode) => `Signature${schemaName(code)}`;
const signatureResponses: Record<string, Schema> = {
  '200': {
    description: 'この版は当ポータルが発行しました。検証結果と、現在も有効な証書か（後の版・保証の状態・証書の発行なしに登録された変更契約）。',
    headers: { 'Cache-Control': noStore },
    content: { 'application/json': { schema: ref('SignatureFound') } },
  },
};
for (const code of SIGNATURE_ERROR_CODES) {
  schemas[signatureErrorName(code)] = {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: { code: { type: 'string', const: code }, message: { type: 'string', description: '日本語のメッセージ（判定には code を使ってください）。' } },
      },
    },
  };
  signatureResponses[String(SIGNATURE_ERRORS[code].status)] = {
    description: `${code}: ${SIGNATURE_ERROR_DESCRIPTIONS[code]}`,
    headers: { 'Cache-Control': noStore },
    content: { 'application/json': { schema: ref(signatureErrorName(code)), example: { error: { code, message: SIGNATURE_ERRORS[code].message } } } },
  };
}

/**
 * What the portal's front (scripts/server/front.mjs, decision 042) answers on the public signature
 * route before the route itself is reached, in the API's error shape with Cache-Control: no-store:
 *   - 400 INVALID_REQUEST when the path is not valid percent-encoded UTF-8 (`/api/v1/signatures/%ff`);
 *   - 429 THROTTLED with Retry-After when the client address (IPv6: its /64) spent the public budget
 *     (PUBLIC_RATE_LIMIT, by default 120 requests in 60 seconds, shared with /verify, the signing keys
 *     and this document).
 * The front's default and texts are repeated here (the domain cannot import the start scripts);
 * tests/unit/openapi-front.test.ts holds them to the front's and its real answers to these schemas.
 */
export const PUBLIC_RATE_LIMIT_DEFAULT = { requests: 120, seconds: 60 } as const;
export const FRONT_BAD_PATH_MESSAGE = 'URLのパーセントエンコードが正しくありません。';
const FRONT_THROTTLED_EXAMPLE = '短い時間に多くのリクエストがありました。30秒後に再度お試しください。';

const digestRefused = signatureResponses['400']!;
signatureResponses['400'] = {
  description: [
    `${digestRefused.description as string}`,
    'INVALID_REQUEST: パスのパーセントエンコードが正しくない（%xx の並びが UTF-8 として読めない）。ポータルの入口が、経路に渡す前に答えます。',
  ].join(' / '),
  headers: { 'Cache-Control': noStore },
  content: {
    'application/json': {
      schema: { oneOf: [ref(signatureErrorName('INVALID_DIGEST')), ref(schemaName('INVALID_REQUEST'))] },
      examples: {
        INVALID_DIGEST: { value: { error: { code: 'INVALID_DIGEST', message: SIGNATURE_ERRORS.INVALID_DIGEST.message } } },
        INVALID_REQUEST: { value: { error: { code: 'INVALID_REQUEST', message: FRONT_BAD_PATH_MESSAGE } } },
      },
    },
  },
};
signatureResponses['429'] = {
  description: `THROTTLED: 公開の経路（この API、/verify、GET /api/v1/signing-keys、この文書）への要求が、接続元アドレスごと（IPv6 は /64 ごと）の上限を超えました（既定では${PUBLIC_RATE_LIMIT_DEFAULT.seconds}秒に${PUBLIC_RATE_LIMIT_DEFAULT.requests}回。運用者の設定 PUBLIC_RATE_LIMIT）。Retry-After（秒）と error.retryAfterSeconds の間待ってから再試行してください。`,
  headers: {
    'Cache-Control': noStore,
    'Retry-After': { description: '再試行できるまでの秒数。', required: true, schema: { type: 'integer', minimum: 1 } },
  },
  content: {
    'application/json': {
      schema: ref(schemaName('THROTTLED')),
      example: { error: { code: 'THROTTLED', message: FRONT_THROTTLED_EXAMPLE, retryAfterSeconds: 30 } },
    },
  },
};

/** The document, with the lookup budgets in force (the address budget is the operator's setting). */
export function openApiDocument(policy: LookupPolicy = lookupPolicy()) {
  const responses: Record<string, Schema> = {
    '200': {
      description: '電子証書が見つかりました。確認を記録しました（発注者の確認済み一覧に載ります）。',
      headers: { 'Cache-Control': noStore },
      content: { 'application/json': { schema: ref('VerificationFound') } },
    },
  };
  for (const code of API_ERROR_CODES) responses[String(API_ERROR_STATUS[code])] = errorResponse(code, policy);
  return {
    openapi: '3.1.0',
    info: {
      title: '電子保証ポータル API',
      version: '1.0.0',
      description: [
        '発注者の電子契約・財務会計システムから、保証契約番号と認証キーで電子証書を確認する API です。',
        `認証: 保証会社が発注者ごとに発行する API トークン（${API_TOKEN_PREFIX} で始まる文字列）を Authorization: Bearer ヘッダーで送ります。`,
        '画面での確認と同じ試行回数の制限と記録が適用されます。',
        'エラーは常に { "error": { "code", "message", "fields"? } } の形で、code は変わりません。',
        'GET /api/v1/signatures/{digest}（電子証書の真正性確認）は公開で、トークンは不要です。接続元アドレスごとの上限を超えると 429 THROTTLED（Retry-After）を返します。',
      ].join('\n'),
    },
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }],
    paths: {
      '/api/v1/verifications': {
        description: 'POST のみ。他のメソッドには 405（本文なし）、OPTIONS には 204（Allow: OPTIONS, POST）を返します。',
        post: {
          operationId: 'verifyCertificate',
          summary: '電子証書の確認（保証契約番号 + 認証キー）',
          security: [{ bearerAuth: [] }],
          requestBody: { required: true, content: { 'application/json': { schema: ref('VerificationRequest') } } },
          responses,
        },
      },
      '/api/v1/signatures/{digest}': {
        get: {
          operationId: 'verifySignature',
          summary: '電子証書の真正性確認（ダイジェスト）。公開: トークン不要。/verify/{digest} の JSON 版です。',
          security: [],
          parameters: [
            {
              name: 'digest',
              in: 'path',
              required: true,
              description: '証書・お知らせ・確認記録に印字されたダイジェスト: 16進数64桁（二次元コードの内容）または先頭16桁。空白・ハイフンは無視し、大文字・小文字を区別しません。',
              schema: { type: 'string', maxLength: 200 },
            },
          ],
          responses: signatureResponses,
        },
      },
    },
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: `${API_TOKEN_PREFIX} + 43文字（base64url）`,
          description: '保証会社が発注者ごとに発行する API トークン。発行時に一度だけ表示されます。',
        },
      },
      schemas,
    },
  };
}
