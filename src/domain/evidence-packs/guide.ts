/**
 * The pack's verification guide (README.txt, Japanese, Markdown that reads as plain text): what the
 * pack holds, what the signature covers, and the commands that check it offline with OpenSSL 3 (or
 * Windows' certutil for the hash). Pure. The commands are run as written by tests/integration/
 * evidence-packs.test.ts in every version folder of a built pack: keep the two in step.
 *
 * What is signed (src/domain/certificates/signature.ts, decision 021): the version's content, as
 * canonical JSON (keys sorted, no whitespace, NFC, UTF-8: content.json), hashed with SHA-256 — the
 * digest; the digest's 32 raw bytes (digest.bin), not its hex text, signed with Ed25519 (RFC 8032,
 * pure, no pre-hash), the signature's 64 bytes stored in base64 (sig.bin is them decoded).
 */

export interface GuideInput {
  portalName: string;
  portalUrl: string;
  /** 令和8年度（確認日 2026年4月1日〜2027年3月31日） or 指定した保証契約番号（n件）. */
  scopeText: string;
  ordererName: string;
  /** 2026-12-06 10:00 (Asia/Tokyo). */
  createdAtText: string;
  total: number;
  keyIds: readonly string[];
}

export const GUIDE_FILENAME = 'README.txt';

export function verificationGuide(g: GuideInput): string {
  const keys = g.keyIds.length ? g.keyIds.map((id) => `- keys/${id}.pem`).join('\n') : '- （署名のある版はありません）';
  return `# 証拠書類一式（電子保証証書）検証の手引き

作成: ${g.portalName}（${g.portalUrl}）
発注者: ${g.ordererName}
範囲: ${g.scopeText}
作成日時: ${g.createdAtText}
収録した電子証書の版: ${g.total}件

この一式は、上記の範囲で貴団体の職員が確認した電子保証証書の各版と、その確認記録をまとめたものです。
インターネットに接続しなくても、標準的なツール（OpenSSL 3.0 以降。Windows では certutil でも一部可）で、
各版が保証会社の発行したものから改ざんされていないことを確かめられます。

## 1. 収録内容

- README.txt … この手引き
- manifest.csv … 一覧（Excel 用。UTF-8・BOM付き）。1行が証書の1つの版です。
  署名の列は、Excel が数式として扱わないよう16進（sig.bin の64バイトを16進で書いたもの）で記載しています。signature.txt と manifest.json は保存されている Base64 のままです。
  工事名などの文字の列で =、+、-、@ で始まるものは、先頭に ' を付けて文字として表示しています。
- manifest.json … 同じ一覧（機械処理用）。
- keys/ … 署名の検証に使う公開鍵（Ed25519、PEM 形式）。ファイル名は鍵ID です。
${keys}
- versions/<保証契約番号>-v<版>/ … 版ごとのフォルダ
  - certificate.pdf … 保証証書（その版の内容から作成したもの。印刷画面と同じ体裁。後の版が発行されている版には、その旨の一文が入ります）
  - record-<確認番号>.pdf … 電子証書 確認記録（範囲内の確認ごとに1通）
  - content.json … その版の内容（正規化した JSON。ダイジェストの元になるデータそのもの）
  - digest.txt … ダイジェスト（SHA-256、16進64桁。保存されている値そのもの）
  - digest.bin … 同じダイジェストの32バイト（署名の対象）
  - signature.txt … 署名（Ed25519、Base64。保存されている値そのもの）
  - sig.bin … 同じ署名の64バイト
  - key.pem … その版に署名した鍵の公開鍵（keys/ の同じ鍵ID のファイルと同一）

ファイル名・フォルダ名は、どの環境でも文字化けしないよう半角英数字にしています。

## 2. 署名が保証していること

1. 版の内容（content.json）を SHA-256 でハッシュした値が「ダイジェスト」です（digest.txt）。
2. 保証会社は、ダイジェストの32バイト（digest.bin。16進の文字列ではなくバイト列）に Ed25519 で署名しています（sig.bin）。
3. したがって、次の2つが確かめられれば、content.json は保証会社が署名した内容そのものです。
   - content.json のハッシュが digest.txt と一致する（内容が1バイトも変わっていない）
   - sig.bin が、公開鍵 key.pem で digest.bin に対する正しい署名である（ダイジェストが保証会社のもの）
4. certificate.pdf と確認記録には、ダイジェストの先頭16桁（4桁ずつ区切り）と、検証ページへの QR コードが印字されています。digest.txt の先頭16桁と同じであることを目で確かめてください。

## 3. 確かめ方（版のフォルダの中で実行します）

版のフォルダ（例: versions/2070004426-v1）をコマンドプロンプトやターミナルで開き、次の順に実行します。

### (1) 内容とダイジェストの一致

    openssl dgst -sha256 content.json

表示された64桁が digest.txt の内容と同じであれば一致です。
Windows の標準機能だけで確かめる場合は次でも同じ値が表示されます（大文字・空白区切りの場合があります）。

    certutil -hashfile content.json SHA256

### (2) 署名の検証

    openssl pkeyutl -verify -pubin -inkey key.pem -rawin -in digest.bin -sigfile sig.bin

「Signature Verified Successfully」と表示されれば、署名は正しく、ダイジェストは保証会社が署名したものです。
「Signature Verification Failure」と表示された場合は、ファイルが改ざんされたか破損しています。保証会社へお問い合わせください。

### (3) 公開鍵が保証会社のものであること

key.pem（および keys/ の各ファイル）は、保証会社が公開している鍵と同じものです。
${g.portalUrl}/api/v1/signing-keys で公開されている鍵（publicKeyPem）と内容が同じであることを、一度確かめてください。
鍵ID は、既定では公開鍵（DER 形式）の SHA-256 の先頭16桁です。次のコマンドの先頭16桁で確かめられます。

    openssl pkey -pubin -in key.pem -outform DER -out key.der
    openssl dgst -sha256 key.der

### (4) まとめて確かめる（任意）

bash（Linux・macOS・Windows の Git Bash など）では、一式を展開したフォルダで次を実行すると、全ての版を順に検証します。

    for d in versions/*/; do (cd "$d" && openssl pkeyutl -verify -pubin -inkey key.pem -rawin -in digest.bin -sigfile sig.bin >/dev/null && [ "$(openssl dgst -sha256 -r content.json | cut -c1-64)" = "$(cat digest.txt)" ] && echo "OK $d" || echo "NG $d"); done

## 4. 現在の状態

この一式は作成日時の時点のものです。その後の変更契約・解除などの最新の状態は、
確認記録の QR コード、または ${g.portalUrl}/verify/<ダイジェスト> でご確認ください（ログインは不要です）。
`;
}
