import type { CommandKnowledge } from '../../knowledge.js';

/**
 * The record types a learner asks for (RFC 1035 3.2.2, 3.2.3), in the shape every protocol's
 * commands have: a question is DNS's only "command". `syntax` is the record's presentation form
 * (RFC 1035 5.1, as dig prints it); `example` a query and the answer line dig shows. DNS has no
 * session states (every query stands alone), so `states` is empty. `explain dns MX`, the practice
 * shell's completion and the transcript's `rr {type}` read it.
 */
const NONE: readonly string[] = [];

export const RECORD_TYPES: readonly CommandKnowledge[] = [
  {
    name: 'A',
    syntax: '<name> <ttl> IN A <IPv4 address>',
    states: NONE,
    rfc: 'RFC 1035 3.4.1',
    summary: {
      en: 'An IPv4 address of the name: what a client needs to open a connection to it. A name may have several A records; the client may try each.',
      ja: '名前の IPv4 アドレスです。その名前に接続するためにクライアントが必要とするものです。1 つの名前に複数の A レコードがあってもよく、クライアントは順に試せます。',
    },
    example: ['C: A www.lab.test', 'S: www.lab.test. 300 IN A 127.0.0.1'],
  },
  {
    name: 'AAAA',
    syntax: '<name> <ttl> IN AAAA <IPv6 address>',
    states: NONE,
    rfc: 'RFC 3596 2.1',
    summary: {
      en: 'An IPv6 address of the name, 128 bits (the IPv6 counterpart of A). A dual-stack client asks for both A and AAAA.',
      ja: '名前の IPv6 アドレス（128 ビット）です。A の IPv6 版です。IPv4 と IPv6 の両方を使えるクライアントは A と AAAA の両方を問い合わせます。',
    },
    example: ['C: AAAA example.test', 'S: example.test. 300 IN AAAA ::1'],
  },
  {
    name: 'NS',
    syntax: '<zone> <ttl> IN NS <server name>',
    states: NONE,
    rfc: 'RFC 1035 3.3.11',
    summary: {
      en: 'A name server that is authoritative for the zone. In the authority section of an answer without AA, NS records are a referral: ask those servers next.',
      ja: 'そのゾーンの権威サーバーの名前です。AA の付いていない応答の権威セクションに NS レコードがあれば、それは委任（リファラル）で、次はそのサーバーに問い合わせます。',
    },
    example: ['C: NS example.test', 'S: example.test. 300 IN NS ns.example.test.'],
  },
  {
    name: 'CNAME',
    syntax: '<alias> <ttl> IN CNAME <canonical name>',
    states: NONE,
    rfc: 'RFC 1035 3.3.1',
    summary: {
      en: 'The name is an alias: its canonical (real) name is the target. A resolver restarts the query at the target (RFC 1034 3.6.2); an alias has no other data besides the CNAME.',
      ja: 'その名前が別名であり、正式な（本当の）名前がターゲットであることを示します。リゾルバーはターゲットで問い合わせをやり直します（RFC 1034 3.6.2）。別名は CNAME 以外のデータを持てません。',
    },
    example: ['C: A www.example.test', 'S: www.example.test. 300 IN CNAME example.test.', 'S: example.test. 300 IN A 127.0.0.1'],
  },
  {
    name: 'SOA',
    syntax: '<zone> <ttl> IN SOA <mname> <rname> <serial> <refresh> <retry> <expire> <minimum>',
    states: NONE,
    rfc: 'RFC 1035 3.3.13',
    summary: {
      en: 'Start of authority: the zone\'s primary server, its administrator\'s mailbox (the first dot is the @), a serial number and timers. In a negative answer it sits in the authority section, and min(its TTL, minimum) is how long the "no" may be cached (RFC 2308 5).',
      ja: '権威の開始（Start of Authority）です。ゾーンのプライマリーサーバー、管理者のメールアドレス（最初のドットが @ の代わり）、シリアル番号とタイマーを持ちます。否定応答では権威セクションに入り、その TTL と minimum の小さいほうが「存在しない」をキャッシュしてよい時間です（RFC 2308 5）。',
    },
    example: ['C: SOA example.test', 'S: example.test. 300 IN SOA ns.example.test. admin.example.test. 1 3600 600 86400 60'],
  },
  {
    name: 'PTR',
    syntax: '<reversed address>.in-addr.arpa. <ttl> IN PTR <name>',
    states: NONE,
    rfc: 'RFC 1035 3.3.12',
    summary: {
      en: 'A pointer to a name, used for reverse lookups: the address 127.0.0.1 is asked as 1.0.0.127.in-addr.arpa (RFC 1035 3.5), and the PTR gives the name back.',
      ja: '名前へのポインターで、逆引きに使います。アドレス 127.0.0.1 は 1.0.0.127.in-addr.arpa として問い合わせ（RFC 1035 3.5）、PTR がその名前を返します。',
    },
    example: ['C: PTR 1.0.0.127.in-addr.arpa', 'S: 1.0.0.127.in-addr.arpa. 300 IN PTR localhost.lab.test.'],
  },
  {
    name: 'MX',
    syntax: '<domain> <ttl> IN MX <preference> <exchange>',
    states: NONE,
    rfc: 'RFC 1035 3.3.9',
    summary: {
      en: 'A mail exchanger for the domain: a sending server looks up the recipient domain\'s MX and tries the exchanges lowest preference first (RFC 5321 5.1). With no MX, it falls back to the domain\'s own address.',
      ja: 'そのドメイン宛てのメールを受け取るサーバー（メールエクスチェンジャー）です。送信側のサーバーは宛先ドメインの MX を引き、preference の小さいものから順に試します（RFC 5321 5.1）。MX がなければ、ドメイン自身のアドレスを使います。',
    },
    example: ['C: MX example.net', 'S: example.net. 300 IN MX 10 mx.example.net.'],
  },
  {
    name: 'TXT',
    syntax: '<name> <ttl> IN TXT "<text>" ["<text>" ...]',
    states: NONE,
    rfc: 'RFC 1035 3.3.14',
    summary: {
      en: 'Free text: one or more character-strings of up to 255 octets each. Mail uses it for policies such as SPF (RFC 7208) and DMARC.',
      ja: '自由なテキストです。1 つ以上の文字列（それぞれ 255 オクテットまで）を持ちます。メールでは SPF（RFC 7208）や DMARC のようなポリシーの公開に使われます。',
    },
    example: ['C: TXT example.test', 'S: example.test. 300 IN TXT "v=spf1 -all"'],
  },
  {
    name: 'OPT',
    syntax: '; EDNS: version: 0, flags: [do]; udp: <payload size>',
    states: NONE,
    rfc: 'RFC 6891 6.1',
    summary: {
      en: 'Not a record of any zone but a pseudo-record in the additional section: EDNS(0). It says how large a UDP answer the sender can take, carries more RCODE bits and flags such as DO (RFC 3225). Never cached, never asked for.',
      ja: 'ゾーンのレコードではなく、追加セクションに置く疑似レコード EDNS(0) です。送り手が受け取れる UDP 応答の大きさを伝え、RCODE の上位ビットや DO（RFC 3225）などのフラグを運びます。キャッシュされることも、問い合わせの対象になることもありません。',
    },
    example: ['C: A example.test +edns=1232', 'S: ; EDNS: version: 0, flags:; udp: 1232'],
  },
  {
    name: 'ANY',
    syntax: 'ANY <name>   (a QTYPE: asks for every type)',
    states: NONE,
    rfc: 'RFC 1035 3.2.3',
    summary: {
      en: 'A query type, not a record type: "all records of the name". Servers may answer it minimally, with one RRset or a synthesized HINFO (RFC 8482 4), so it is no way to list a zone.',
      ja: 'レコードの型ではなく問い合わせの型で、「その名前のすべてのレコード」を求めます。サーバーは 1 つの RRset か合成した HINFO だけで最小限に答えてよい（RFC 8482 4）ので、ゾーンの一覧を得る方法にはなりません。',
    },
    example: ['C: ANY example.test', 'S: example.test. 3789 IN HINFO "RFC8482" ""'],
  },
];
