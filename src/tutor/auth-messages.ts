import { messages, type Localized } from '../i18n.js';

/**
 * The tutor's own words around the mail-authentication checks (the authcheck step, a data step
 * that signs). What each step of a check means is the engine's (src/mailauth) messages.
 */
const AUTH_MESSAGES = {
  spfHead: { en: 'SPF (RFC 7208): may {ip} send mail for {domain}?', ja: 'SPF（RFC 7208）: {ip} は {domain} のメールを送ってよいか？' },
  spfInputs: {
    en: 'Connecting address {ip} (from the Received field the lab server added on top), MAIL FROM <{mailFrom}> (from the envelope the server kept), HELO {helo}.',
    ja: '接続元アドレス {ip}（ラボのサーバーが先頭に付けた Received フィールドから）、MAIL FROM <{mailFrom}>（サーバーが保存したエンベロープから）、HELO {helo}。',
  },
  spfGiven: { en: 'Values this step gives: address {ip}, MAIL FROM <{mailFrom}>, HELO {helo}.', ja: 'このステップで与えた値: アドレス {ip}、MAIL FROM <{mailFrom}>、HELO {helo}。' },
  spfMatched: { en: 'matched {matched}', ja: '一致したのは {matched}' },
  dkimHead: { en: 'DKIM (RFC 6376): is the signature of d={domain} s={selector} right?', ja: 'DKIM（RFC 6376）: d={domain} s={selector} の署名は正しいか？' },
  dkimNone: { en: 'DKIM (RFC 6376): the message carries no DKIM-Signature field, so there is nothing to verify.', ja: 'DKIM（RFC 6376）: メッセージに DKIM-Signature フィールドがないので、検証するものがありません。' },
  bodyHashOk: { en: 'the body hash (bh=) matches the body', ja: '本文ハッシュ（bh=）は本文と一致' },
  bodyHashBad: { en: 'the body hash (bh=) does not match the body', ja: '本文ハッシュ（bh=）は本文と不一致' },
  dmarcHead: { en: 'DMARC (RFC 7489): does a check that passed belong to the header From domain {domain}?', ja: 'DMARC（RFC 7489）: 合格した検査は、ヘッダーの From のドメイン {domain} のものか？' },
  dmarcAlign: { en: 'aligned with the header From: SPF {spf}, DKIM {dkim}; policy p={policy}', ja: 'ヘッダーの From との一致（アラインメント）: SPF {spf}、DKIM {dkim}。ポリシー p={policy}' },
  yes: { en: 'yes', ja: 'あり' },
  no: { en: 'no', ja: 'なし' },
  resultsHead: {
    en: 'A receiving server runs all three checks and records every result in a field on top of the message (Authentication-Results, RFC 8601):',
    ja: '受信サーバーは 3 つの検査をすべて行い、どの結果もメッセージの先頭のフィールドに記録します（Authentication-Results、RFC 8601）:',
  },
  notExpected: { en: 'This step expected {want}; the check says {got}.', ja: 'このステップで期待した結果は {want} ですが、検査の結果は {got} です。' },
  noMessage: { en: 'There is no message in {account}/{mailbox} to check yet.', ja: '{account}/{mailbox} には、まだ検査するメッセージがありません。' },
  noTrace: { en: 'The message has no Received field from the lab server, so there is no connecting address to check.', ja: 'メッセージにラボのサーバーの Received フィールドがないので、検査する接続元アドレスがありません。' },
  authChoice: { en: 'The check did not come out as the lesson expects. What now?', ja: '検査の結果がレッスンの想定と違います。どうしますか？' },
  signHead: {
    en: 'l7lab signs the message with the lab key (domain {domain}, selector {selector}) and puts this field in front of it:',
    ja: 'l7lab がラボの鍵（ドメイン {domain}、セレクター {selector}）でメッセージに署名し、先頭に次のフィールドを付けます:',
  },
  reuseHead: {
    en: 'l7lab puts the signature of the message before in front of this one, unchanged:',
    ja: 'l7lab は、前のメッセージの署名をそのまま、このメッセージの先頭に付けます:',
  },
  tagsHead: { en: 'Its tags (RFC 6376 3.5):', ja: 'タグの意味（RFC 6376 3.5）:' },
  noSignature: { en: 'no earlier data step signed a message (dkim: sign)', ja: 'これより前に署名した data ステップ（dkim: sign）がありません' },
  ownMessageChecked: {
    en: 'You sent a message of your own, so this is the check of yours: the lesson expected the prepared one. Reset sends the prepared message again.',
    ja: 'あなた自身のメッセージを送ったので、これはそのメッセージの検査です。レッスンが想定していたのは用意したメッセージです。リセットすると、用意したメッセージをもう一度送ります。',
  },
  signedOnly: { en: 'This message is signed as it is prepared, so it is sent as prepared.', ja: 'このメッセージは用意した形のまま署名するので、用意したとおりに送ります。' },
} satisfies Record<string, Localized>;

/** What each tag of a DKIM-Signature field says (RFC 6376 3.5). */
export const DKIM_TAGS: Readonly<Record<string, Localized>> = {
  v: { en: 'the version of the signature format, always 1', ja: '署名の形式のバージョン。常に 1' },
  a: { en: 'the algorithm: an RSA signature over a SHA-256 hash', ja: 'アルゴリズム: SHA-256 のハッシュに対する RSA 署名' },
  c: { en: 'canonicalization of the header/body: relaxed tolerates changes in spaces and letter case of field names', ja: 'ヘッダー/本文の正規化。relaxed は空白やフィールド名の大文字小文字の変化を許します' },
  d: { en: 'the signing domain: who takes responsibility for the message', ja: '署名ドメイン: メッセージに責任を持つのは誰か' },
  s: { en: 'the selector: the key is the TXT record at <s>._domainkey.<d>', ja: 'セレクター: 鍵は <s>._domainkey.<d> の TXT レコード' },
  h: { en: 'the header fields signed, in order', ja: '署名したヘッダーフィールド（順番どおり）' },
  bh: { en: 'the body hash: SHA-256 of the canonicalized body, in base64', ja: '本文ハッシュ: 正規化した本文の SHA-256（base64）' },
  b: { en: 'the signature: over the h= fields and this field itself (with b= empty), which include bh=', ja: '署名そのもの: h= のフィールドと、b= を空にしたこのフィールド自身（bh= を含む）に対するもの' },
  t: { en: 'when it was signed, in seconds since 1970 (UTC)', ja: '署名した時刻（1970 年からの秒数、UTC）' },
  x: { en: 'when the signature expires', ja: '署名の有効期限' },
  l: { en: 'how many body octets the hash covers (risky: text can be added after them)', ja: 'ハッシュの対象にした本文のオクテット数（危険: その後ろに文章を足せる）' },
  q: { en: 'how to fetch the key: dns/txt', ja: '鍵の取得方法: dns/txt' },
  i: { en: 'the identity of the user or agent signing', ja: '署名した利用者またはエージェントの識別子' },
};

export type AuthMessageKey = keyof typeof AUTH_MESSAGES;
export const authMsg = messages(AUTH_MESSAGES);
