import { messages, type Localized } from '../i18n.js';

/**
 * The tutor's own words for DNS steps (query steps, and the MX lookup before a relay), in
 * English and Japanese. What a record, flag or rcode means is the DNS knowledge table's job.
 */
const DNS_MESSAGES = {
  typeQuery: { en: 'Type the query (Enter alone sends: {suggestion})', ja: '問い合わせを入力（Enter だけで送信: {suggestion}）' },
  queryTo: { en: 'query to {server} at {host}:{port} ({transport})', ja: '{host}:{port} の {server} への問い合わせ（{transport}）' },
  resolverName: { en: 'the resolver', ja: 'リゾルバー' },
  queryBytes: { en: 'The query, {n} bytes, field by field:', ja: '問い合わせ（{n} バイト）をフィールドごとに:' },
  responseHead: { en: 'The response, section by section:', ja: '応答をセクションごとに:' },
  sectionHeader: { en: 'HEADER', ja: 'ヘッダー' },
  sectionQuestion: { en: 'QUESTION SECTION', ja: '質問セクション' },
  sectionAnswer: { en: 'ANSWER SECTION', ja: '回答セクション' },
  sectionAuthority: { en: 'AUTHORITY SECTION', ja: '権威セクション' },
  sectionAdditional: { en: 'ADDITIONAL SECTION', ja: '追加セクション' },
  queryAnswer: { en: 'Answer: type this query:', ja: '答え: 次の問い合わせを入力します:' },
  querySkipped: { en: 'Skipped: l7lab sends {suggestion}', ja: 'スキップ: l7lab が {suggestion} を送信します' },
  askNotWhole: { en: '"{line}" is not a whole query', ja: '"{line}" は問い合わせとして完全ではありません' },
  queryNotParsed: { en: '{error} (this step asks: {suggestion})', ja: '{error}（このステップの問い合わせ: {suggestion}）' },
  queryWrongType: { en: 'You asked for {got} records; this step asks for {want}: {suggestion}', ja: '{got} レコードを尋ねましたが、このステップで尋ねるのは {want} です: {suggestion}' },
  queryWrongName: { en: 'You asked about {got}; this step asks about {want}: {suggestion}', ja: '{got} について尋ねましたが、このステップで尋ねるのは {want} です: {suggestion}' },
  queryTypo: { en: '{got} does not exist in the lab (NXDOMAIN): check the spelling.', ja: '{got} はラボにありません（NXDOMAIN）。綴りを確かめてください。' },
  queryNeedsNorec: { en: 'Your query asked for recursion (RD set): add +norec, so the server answers only from what it holds itself: {suggestion}', ja: 'この問い合わせは再帰を求めています（RD が 1）。+norec を付けると、サーバーは自分が持っているものだけで答えます: {suggestion}' },
  queryNeedsRec: { en: 'This step asks the resolver to search for you: leave out +norec: {suggestion}', ja: 'このステップではリゾルバーに探索を任せます。+norec を外してください: {suggestion}' },
  queryWrongServer: { en: 'You asked {got}; this step asks {want}: {suggestion}', ja: '{got} に尋ねましたが、このステップで尋ねる相手は {want} です: {suggestion}' },
  queryRefused: { en: 'REFUSED: {server} does not serve that name and does not search for you. The resolver searches; a zone\'s own server answers only for its zone.', ja: 'REFUSED: {server} はその名前を担当しておらず、代わりに探すこともしません。探すのはリゾルバーで、ゾーン自身のサーバーは自分のゾーンについてだけ答えます。' },
  queryNotExpected: { en: 'This step expected {want}; the answer was {got}.', ja: 'このステップで期待した応答は {want} ですが、実際の応答は {got} でした。' },
  queryNoAnswer: { en: 'No answer from {server}: {why}', ja: '{server} から応答がありません: {why}' },
  unknownServer: { en: 'no lab DNS server is called {server} (try @root, @tld or a name server from a referral)', ja: '{server} という名前のラボの DNS サーバーはありません（@root、@tld、リフェラルにあったネームサーバーの名前を試してください）' },
  noAnswerTimeout: { en: 'nothing came back within {detail} ms', ja: '{detail} ミリ秒以内に何も返ってきませんでした' },
  noAnswerNetwork: { en: 'the network said: {detail}', ja: 'ネットワークのエラー: {detail}' },
  notDns: { en: 'what came back is not a DNS message ({detail})', ja: '返ってきたものは DNS のメッセージではありません（{detail}）' },
  labNoDns: { en: 'this lab runs no DNS server', ja: 'このラボは DNS サーバーを動かしていません' },
  mxLookup: { en: 'Before relaying, the sending server asks DNS where mail for {domain} goes:', ja: '転送の前に、送信サーバーは {domain} 宛てのメールをどこへ届けるかを DNS に尋ねます:' },
  mxFound: { en: 'MX {exchange} (preference {preference}, TTL {ttl} s): the sending server connects there, to port 25. In the lab, that server is the lab {to}.', ja: 'MX は {exchange}（優先度 {preference}、TTL {ttl} 秒）。送信サーバーはそこのポート 25 に接続します。ラボでは、そのサーバーがラボ {to} です。' },
  mxAddress: { en: '{name} has the address {address} (TTL {ttl} s).', ja: '{name} のアドレスは {address} です（TTL {ttl} 秒）。' },
  mxNone: { en: '{domain} has no MX record (NODATA): the sending server falls back to its address record, the implicit MX (RFC 5321 5.1).', ja: '{domain} には MX レコードがありません（NODATA）。送信サーバーはアドレスのレコードを代わりに使います。暗黙の MX です（RFC 5321 5.1）。' },
  mxImplicit: { en: 'The implicit MX: {domain} itself, at {address} (TTL {ttl} s). In the lab, that server is the lab {to}.', ja: '暗黙の MX: {domain} 自身、アドレス {address}（TTL {ttl} 秒）。ラボでは、そのサーバーがラボ {to} です。' },
  mxNullMx: { en: '{domain} publishes a null MX ("MX 0 ."): it accepts no mail (RFC 7505). The sending server does not try at all.', ja: '{domain} はヌル MX（"MX 0 ."）を公開しています。メールを受け付けないという意味です（RFC 7505）。送信サーバーは接続を試みません。' },
  mxNxdomain: { en: '{domain} does not exist (NXDOMAIN): there is no server to deliver to.', ja: '{domain} は存在しません（NXDOMAIN）。届け先のサーバーがありません。' },
  mxNoAddress: { en: '{domain} has neither an MX nor an address: there is no server to deliver to.', ja: '{domain} には MX もアドレスもありません。届け先のサーバーがありません。' },
  bounceHead: { en: 'So the sending server returns the message to {sender} with a bounce (a delivery status notification, RFC 3464), roughly:', ja: 'そこで送信サーバーは、メッセージをバウンス（配送状態通知、RFC 3464）で {sender} に返します。おおよそ次のとおりです:' },
  lookupUnexpected: { en: 'The lookup of {domain} ended in "{got}", not "{want}" as this step expects.', ja: '{domain} の問い合わせの結果は「{got}」で、このステップが想定する「{want}」ではありませんでした。' },
} satisfies Record<string, Localized>;

export type DnsMessageKey = keyof typeof DNS_MESSAGES;

export const dnsMsg = messages(DNS_MESSAGES);
