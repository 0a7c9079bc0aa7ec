import type { Localized } from '../../../i18n.js';

/**
 * The words of the transcript keys (DNS_EVENT_KEYS, RESOLVER_KEYS): what the servers and the resolver
 * emit per presentation line and per step, in English and Japanese. `{name}` placeholders are
 * the key's params; describe.ts fills them and adds the tables' words for types, rcodes, flags.
 */
export const KEY_WORDS = {
  header: {
    en: 'Header of a {qr}: opcode {opcode}, status {rcode}, id {id} (RFC 1035 4.1.1).',
    ja: '{qr}のヘッダーです。オペコード {opcode}、ステータス {rcode}、ID {id} です（RFC 1035 4.1.1）。',
  },
  flags: { en: 'Flags set: {flags} (RFC 1035 4.1.1).', ja: '立っているフラグ: {flags}（RFC 1035 4.1.1）。' },
  noFlags: { en: 'No flag is set (RFC 1035 4.1.1).', ja: 'フラグは 1 つも立っていません（RFC 1035 4.1.1）。' },
  question: {
    en: 'The question: records of type {type} for {name} (RFC 1035 4.1.2).',
    ja: '質問です。{name} の型 {type} のレコードを求めています（RFC 1035 4.1.2）。',
  },
  section: { en: 'The {section} section begins.', ja: '{section}セクションの始まりです。' },
  rr: { en: '{type} record in the {section} section (RFC 1035 4.1.3).', ja: '{section}セクションの {type} レコードです（RFC 1035 4.1.3）。' },
  rrBare: { en: '{type} record (RFC 1035 4.1.3).', ja: '{type} レコードです（RFC 1035 4.1.3）。' },
  referralNs: {
    en: 'A referral: this server does not have the answer but names the servers of the zone below (RFC 1034 4.3.2).',
    ja: '委任（リファラル）です。このサーバーは答えを持たず、下位ゾーンのサーバーを示しています（RFC 1034 4.3.2）。',
  },
  glue: {
    en: 'Glue: the address of a name server from the referral, so the resolver can reach it (RFC 1034 4.2.1).',
    ja: 'グルーです。委任で示されたネームサーバーのアドレスで、リゾルバーがそこにたどり着けるようにします（RFC 1034 4.2.1）。',
  },
  negativeSoa: {
    en: 'This SOA makes the answer negative and cacheable: for min(its TTL, minimum) seconds (RFC 2308 5).',
    ja: 'この SOA により、応答は否定応答としてキャッシュできます。期間はその TTL と minimum の小さいほうの秒数です（RFC 2308 5）。',
  },
  opt: {
    en: 'EDNS OPT pseudo-record: version {version}, UDP answers up to {udpSize} octets, DO={do} (RFC 6891 6.1.2).',
    ja: 'EDNS の OPT 疑似レコードです。バージョン {version}、UDP 応答は {udpSize} オクテットまで、DO={do} です（RFC 6891 6.1.2）。',
  },
  nodata: {
    en: 'NODATA: {name} exists but has no {type} record; NOERROR with an empty answer (RFC 2308 2.2).',
    ja: 'NODATA: {name} は存在しますが {type} レコードはありません。回答が空の NOERROR です（RFC 2308 2.2）。',
  },
  referral: {
    en: 'A referral to the servers of {zone}: ask them next (RFC 1034 4.3.2).',
    ja: '{zone} のサーバーへの委任（リファラル）です。次はそこに問い合わせます（RFC 1034 4.3.2）。',
  },
  truncated: {
    en: 'Truncated (TC): the answer did not fit in {size} octets of UDP; ask again over TCP (RFC 1035 4.2.1, RFC 7766 5).',
    ja: '切り詰められました（TC）。応答が UDP の {size} オクテットに収まりませんでした。TCP で問い合わせ直します（RFC 1035 4.2.1、RFC 7766 5）。',
  },
  dropped: { en: 'The datagram was dropped, not answered: {reason}.', ja: 'このデータグラムには応答せず、破棄しました: {reason}。' },
  refused: { en: 'REFUSED: {reason}.', ja: 'REFUSED: {reason}。' },
  formerr: { en: 'FORMERR: the query could not be read ({reason}) (RFC 1035 4.1.1).', ja: 'FORMERR: 問い合わせを読めませんでした（{reason}）（RFC 1035 4.1.1）。' },
  notimp: {
    en: 'NOTIMP: this server does not implement opcode {opcode}; it answers QUERY only (RFC 1035 4.1.1).',
    ja: 'NOTIMP: このサーバーはオペコード {opcode} を実装していません。答えるのは QUERY だけです（RFC 1035 4.1.1）。',
  },
  badvers: {
    en: 'BADVERS: EDNS version {version} is not supported; only 0 is (RFC 6891 6.1.3).',
    ja: 'BADVERS: EDNS バージョン {version} には対応していません。対応しているのは 0 だけです（RFC 6891 6.1.3）。',
  },
  upstreamQuery: {
    en: 'The resolver asks {server}{role} for {name} {type} over {transport}, with RD=0: an iterative query (RFC 1034 5.3.3).',
    ja: 'リゾルバーが {server}{role}に {name} の {type} を {transport} で問い合わせます。RD=0 の反復問い合わせです（RFC 1034 5.3.3）。',
  },
  upstreamLame: {
    en: 'The answer from {server} cannot help ({reason}): the resolver tries the next server (RFC 1034 5.3.3).',
    ja: '{server} からの応答は役に立ちません（{reason}）。リゾルバーは次のサーバーを試します（RFC 1034 5.3.3）。',
  },
  upstreamMismatch: {
    en: 'A reply from {server} whose ID or question does not match the query: ignored, as a spoofed answer would be (RFC 5452 9.1).',
    ja: '{server} からの応答の ID か質問が問い合わせと合いません。偽の応答と同じく無視します（RFC 5452 9.1）。',
  },
  restartFromRoot: {
    en: 'Every cached server of {zone} failed: the resolver starts again at the root (RFC 1034 5.3.3).',
    ja: 'キャッシュしていた {zone} のサーバーがすべて失敗しました。リゾルバーはルートからやり直します（RFC 1034 5.3.3）。',
  },
  upstreamTimeout: { en: '{server} did not answer in time: the resolver tries the next server (RFC 1034 5.3.3).', ja: '{server} から時間内に応答がありませんでした。リゾルバーは次のサーバーを試します（RFC 1034 5.3.3）。' },
  tcpRetry: { en: 'The answer from {server} was truncated: the same question again over TCP (RFC 7766 5).', ja: '{server} からの応答が切り詰められていたので、同じ質問を TCP で送り直します（RFC 7766 5）。' },
  cacheHit: {
    en: 'Cache hit: {name} {type} is answered from the cache, {ttl} s of its TTL left (RFC 1035 7.4).',
    ja: 'キャッシュヒット: {name} の {type} をキャッシュから答えます。TTL の残りは {ttl} 秒です（RFC 1035 7.4）。',
  },
  cacheMiss: { en: 'Cache miss: nothing cached for {name} {type}; the resolver must ask (RFC 1034 5.3.3).', ja: 'キャッシュミス: {name} の {type} はキャッシュにないので、リゾルバーが問い合わせます（RFC 1034 5.3.3）。' },
  negativeCacheHit: {
    en: 'Negative cache hit: {name} {type} is still {rcode} from the cache, for {ttl} more seconds; no server is asked (RFC 2308 5).',
    ja: '否定キャッシュのヒット: {name} の {type} は、あと {ttl} 秒の間キャッシュから {rcode} と答えます。サーバーには問い合わせません（RFC 2308 5）。',
  },
  cacheStore: { en: 'Cached: {name} {type} for {ttl} s, its TTL (RFC 2181 5.2).', ja: 'キャッシュしました: {name} の {type} を TTL の {ttl} 秒間（RFC 2181 5.2）。' },
  negativeCacheStore: {
    en: 'Cached as negative: {name} {type} is {rcode} for {ttl} s, min(SOA TTL, SOA minimum) (RFC 2308 5).',
    ja: '否定応答としてキャッシュしました: {name} の {type} は {ttl} 秒間 {rcode} です。SOA の TTL と minimum の小さいほうです（RFC 2308 5）。',
  },
  followReferral: {
    en: 'Following the referral to {zone}: next ask {server}, found in the glue (RFC 1034 5.3.3).',
    ja: '{zone} への委任をたどります。次はグルーで見つかった {server} に問い合わせます（RFC 1034 5.3.3）。',
  },
  resolveNs: {
    en: 'The referral had no glue for {name}: the resolver finds that server\'s address first (RFC 1034 5.3.3).',
    ja: '委任に {name} のグルーがありませんでした。リゾルバーはまずそのサーバーのアドレスを探します（RFC 1034 5.3.3）。',
  },
  followCname: {
    en: '{name} is an alias: the resolver restarts the question at {target} (RFC 1034 3.6.2).',
    ja: '{name} は別名なので、リゾルバーは {target} で質問をやり直します（RFC 1034 3.6.2）。',
  },
  servfail: { en: 'SERVFAIL: the resolver gives up: {reason} (RFC 1035 4.1.1).', ja: 'SERVFAIL: リゾルバーはあきらめました: {reason}（RFC 1035 4.1.1）。' },
} satisfies Record<string, Localized>;

/** Reasons in `dropped`, `refused`, `formerr` and `servfail` keys. */
export const REASON_WORDS: Readonly<Record<string, Localized>> = {
  malformed: { en: 'its header could not be read, so there is no ID to answer to', ja: 'ヘッダーを読めず、応答に使う ID がありません' },
  'rate-limited': { en: 'too many queries from one source (response rate limiting, RFC 8906)', ja: '同じ送信元からの問い合わせが多すぎます（応答レート制限、RFC 8906）' },
  'too-large': { en: 'the message is larger than the server accepts', ja: 'メッセージがサーバーの受け付ける大きさを超えています' },
  'not-our-zone': { en: 'the name is in no zone this server is authoritative for (RFC 1035 4.1.1)', ja: 'この名前は、このサーバーが権威を持つどのゾーンにも入っていません（RFC 1035 4.1.1）' },
  'no-recursion': { en: 'this server offers recursion only to loopback clients (RFC 5358)', ja: 'このサーバーはループバックのクライアントにだけ再帰を提供します（RFC 5358）' },
  truncated: { en: 'the message ends in the middle of a field', ja: 'メッセージがフィールドの途中で終わっています' },
  'pointer-loop': { en: 'compression pointers form a loop (RFC 1035 4.1.4)', ja: '圧縮ポインターがループしています（RFC 1035 4.1.4）' },
  'forward-pointer': { en: 'a compression pointer points forward, not to a prior name (RFC 1035 4.1.4)', ja: '圧縮ポインターが前の名前ではなく後ろを指しています（RFC 1035 4.1.4）' },
  'label-too-long': { en: 'a label is longer than 63 octets (RFC 1035 2.3.4)', ja: 'ラベルが 63 オクテットを超えています（RFC 1035 2.3.4）' },
  'name-too-long': { en: 'a name is longer than 255 octets (RFC 1035 2.3.4)', ja: '名前が 255 オクテットを超えています（RFC 1035 2.3.4）' },
  'bad-label-type': { en: 'a label starts with the reserved bits 01 or 10 (RFC 1035 4.1.4)', ja: 'ラベルが予約済みのビット 01 か 10 で始まっています（RFC 1035 4.1.4）' },
  'count-mismatch': { en: 'the header claims more records than the message holds', ja: 'ヘッダーが、メッセージに実際にあるより多いレコード数を示しています' },
  'rdata-length': { en: 'a record\'s RDLENGTH does not match its data', ja: 'レコードの RDLENGTH がデータと合いません' },
  'trailing-bytes': { en: 'bytes follow the last record', ja: '最後のレコードの後にバイトが残っています' },
  qdcount: { en: 'a query must ask exactly one question (RFC 9619)', ja: '問い合わせの質問はちょうど 1 つでなければなりません（RFC 9619）' },
  'opt-question': { en: 'OPT is a pseudo-record and cannot be asked for (RFC 6891 6.1.1)', ja: 'OPT は疑似レコードなので問い合わせの対象にできません（RFC 6891 6.1.1）' },
  class: { en: 'the lab serves class IN only (RFC 1035 3.2.4)', ja: 'ラボが扱うクラスは IN だけです（RFC 1035 3.2.4）' },
  transfer: { en: 'zone transfers (AXFR, IXFR) are not offered (RFC 5936 4)', ja: 'ゾーン転送（AXFR、IXFR）は提供していません（RFC 5936 4）' },
  handler: { en: 'the server failed while answering', ja: 'サーバーが応答を作る途中で失敗しました' },
  response: { en: 'it was a response, not a query; answering it could start a loop', ja: '問い合わせではなく応答でした。これに答えるとループが起きかねません' },
  'too-many-pointers': {
    en: 'a name follows more compression pointers than a name can have labels (RFC 1035 4.1.4, 2.3.4)',
    ja: '名前がたどる圧縮ポインターの数が、名前が持てるラベルの数を超えています（RFC 1035 4.1.4、2.3.4）',
  },
  'bad-opt': { en: 'the OPT record is not at the root, or there is more than one (RFC 6891 6.1.1)', ja: 'OPT レコードがルート以外にあるか、2 つ以上あります（RFC 6891 6.1.1）' },
  'bad-value': { en: 'a field holds a value that is not allowed', ja: 'フィールドに許されない値が入っています' },
  'all-servers-failed': { en: 'every server for the zone failed or did not answer', ja: 'ゾーンのどのサーバーも失敗したか、応答しませんでした' },
  'cname-loop': { en: 'the CNAME chain loops back on itself', ja: 'CNAME の連鎖がループしています' },
  'cname-chain-too-long': { en: 'the CNAME chain is too long', ja: 'CNAME の連鎖が長すぎます' },
  'too-many-referrals': { en: 'too many referrals for one question', ja: '1 つの質問に対する委任が多すぎます' },
  'too-many-queries': { en: 'too many upstream queries for one question', ja: '1 つの質問に対する上流への問い合わせが多すぎます' },
  timeout: { en: 'the answer took too long', ja: '答えが出るまでに時間がかかりすぎました' },
  'upward-referral': { en: 'it referred upwards, to a zone above the one asked: a broken delegation', ja: '問い合わせたゾーンより上のゾーンへ委任を返しました。壊れた委任です' },
  'no-answer': { en: 'neither an answer, a referral nor a negative answer', ja: '回答でも委任でも否定応答でもありません' },
  internal: { en: 'the resolver failed inside', ja: 'リゾルバーの内部で失敗しました' },
};
