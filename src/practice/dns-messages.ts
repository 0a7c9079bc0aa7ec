import { messages, type Localized } from '../i18n.js';

/** `practice dns`'s own words, in English and Japanese (what a record or RCODE means is in dns/knowledge). */
const MESSAGES = {
  connectedLab: {
    en: "DNS on the built-in lab: the resolver at {resolver}, the root at {root}, every server on loopback. Type a question: MX example.test",
    ja: '組み込みラボの DNS です。リゾルバーは {resolver}、ルートは {root} で、すべてのサーバーはループバック上にあります。質問を入力してください: MX example.test',
  },
  connectedRemote: {
    en: 'DNS queries go to {server}. This server is not the lab; @root and the lab names are not known. Type a question: MX example.com',
    ja: '問い合わせは {server} に送ります。ラボ以外のサーバーなので、@root やラボのサーバー名は使えません。質問を入力してください: MX example.com',
  },
  tips: {
    en: 'TYPE NAME [@server] [+norec] [+tcp] [+edns=SIZE|+noedns]. :trace NAME [TYPE] walks from the root, :help lists the rest, Tab completes, Ctrl-D quits.',
    ja: '型 名前 [@サーバー] [+norec] [+tcp] [+edns=サイズ|+noedns] の形で入力します。:trace 名前 [型] でルートからたどり、:help でほかの補助コマンド、Tab で補完、Ctrl-D で終了します。',
  },
  help: {
    en: [
      'Questions (one datagram each, as dig sends them):',
      '  MX example.test         a type and a name, either order; a name alone asks A',
      '  A www.lab.test @root    ask one server: @root, @tld, a lab name, an address',
      '  NS . +norec             RD=0: an iterative question (+rec sets RD again)',
      '  AAAA example.test +tcp  TCP instead of UDP; +edns=1232 / +noedns: the OPT',
      '  @127.0.0.2 +norec       only @server and options: the default from now on',
      'Helpers:',
      '  :trace NAME [TYPE]      walk from the root yourself: RD=0, referrals, glue',
      '  :servers                the lab\'s servers and their addresses',
      '  :hex                    show or hide the bytes of each query',
      '  :help, :quit',
    ].join('\n'),
    ja: [
      '質問（dig と同じく、それぞれデータグラム 1 つで送ります）:',
      '  MX example.test         型と名前（順序は自由）。名前だけなら A',
      '  A www.lab.test @root    1 台に聞く: @root、@tld、ラボの名前、アドレス',
      '  NS . +norec             RD=0 の反復問い合わせ（+rec で RD を戻す）',
      '  AAAA example.test +tcp  UDP でなく TCP。+edns=1232 / +noedns: OPT',
      '  @127.0.0.2 +norec       @サーバーとオプションだけ: 以降の既定値',
      '補助コマンド:',
      '  :trace 名前 [型]        ルートから自分でたどる: RD=0、委任、グルー',
      '  :servers                ラボのサーバーとそのアドレス',
      '  :hex                    問い合わせのバイト列の表示・非表示',
      '  :help、:quit',
    ].join('\n'),
  },
  sent: { en: ';; {bytes} bytes to {server} over {transport}', ja: ';; {server} へ {transport} で {bytes} バイト送信' },
  received: { en: ';; {bytes} bytes from {server} in {ms} ms', ja: ';; {server} から {bytes} バイト受信（{ms} ミリ秒）' },
  nxdomain: {
    en: '{name} does not exist, for any type. Resolvers may remember this "no" for {ttl} s (the SOA\'s minimum, RFC 2308 5): add the name now and they still say NXDOMAIN until then.',
    ja: '{name} は、どの型についても存在しません。リゾルバーはこの「存在しない」を {ttl} 秒間（SOA の minimum、RFC 2308 5）覚えていてよいので、今この名前を追加しても、その間は NXDOMAIN と答え続けます。',
  },
  nodata: {
    en: '{name} exists but has no {type} record (NODATA, RFC 2308 2.2); resolvers may remember that for {ttl} s.',
    ja: '{name} は存在しますが {type} レコードはありません（NODATA、RFC 2308 2.2）。リゾルバーはこれを {ttl} 秒間覚えていてよいです。',
  },
  truncatedHint: { en: 'TC is set: the answer did not fit. Ask again over TCP: add +tcp', ja: 'TC が立っています。応答が収まりませんでした。TCP で問い合わせ直してください: +tcp を付けます' },
  referralHint: {
    en: 'A referral: ask the servers named in the authority section next, e.g. {next}',
    ja: '委任（リファラル）です。次は権威セクションにあるサーバーに問い合わせます。例: {next}',
  },
  resolverWork: { en: ';; what the resolver did for this answer (from the lab\'s transcript):', ja: ';; この答えのためにリゾルバーがしたこと（ラボのトランスクリプトから）:' },
  defaults: { en: 'From now on: {what}', ja: 'これ以降: {what}' },
  trace: { en: ';; hop {n}: {question} at {server}', ja: ';; {n} 段目: {server} に {question}' },
  traceDone: { en: ';; trace done in {n} hops, {ms} ms in all', ja: ';; {n} 段、合計 {ms} ミリ秒でたどり終えました' },
  traceNoGlue: {
    en: 'the referral to {zone} has no address for its servers (no glue); ask the resolver for one: A {ns}',
    ja: '{zone} への委任にサーバーのアドレス（グルー）がありません。リゾルバーに聞いてください: A {ns}',
  },
  traceTooLong: { en: 'the trace stopped after {n} referrals: a zone may refer in a loop', ja: '{n} 回委任をたどったところで止めました。ゾーンがループしている可能性があります' },
  traceNoRoot: { en: ':trace needs the lab (its root server); with --connect ask with +norec @server yourself', ja: ':trace にはラボ（のルートサーバー）が必要です。--connect のときは +norec @サーバー で自分で問い合わせてください' },
  traceUsage: { en: ':trace NAME [TYPE], e.g. :trace www.example.test A', ja: ':trace 名前 [型] の形で入力します。例: :trace www.example.test A' },
  noTls: {
    en: 'practice dns speaks plain DNS on port 53 (UDP, or TCP with +tcp); --tls and --starttls are for the mail and web protocols',
    ja: 'practice dns は 53 番ポートの素の DNS（UDP、+tcp なら TCP）を話します。--tls と --starttls はメールと Web のプロトコル用です',
  },
  servers: { en: 'The lab\'s DNS servers:', ja: 'ラボの DNS サーバー:' },
  noServers: { en: 'not the lab: only @address works here, e.g. @127.0.0.1:53', ja: 'ラボではないので、@アドレスだけが使えます。例: @127.0.0.1:53' },
  hexOn: { en: 'the bytes of each query are shown', ja: '問い合わせのバイト列を表示します' },
  hexOff: { en: 'the bytes of queries are hidden (:hex shows them again)', ja: '問い合わせのバイト列を隠します（:hex で再び表示）' },
  unknownHelper: { en: 'unknown helper {helper}: type :help for the list', ja: '補助コマンド {helper} はありません。:help で一覧を表示します' },
  // One line per parse error: what is wrong, and what to type.
  'no-name': { en: 'which name? type {type} and a name, e.g. {type} example.test', ja: 'どの名前ですか？ {type} の後に名前を入力してください。例: {type} example.test' },
  'two-names': {
    en: '"{first}" and "{second}" are both names, and a question asks about one: type a type and a name, e.g. {suggestion} example.test',
    ja: '「{first}」と「{second}」はどちらも名前として読まれます。質問は 1 つの名前についてです。型と名前を入力してください。例: {suggestion} example.test',
  },
  'two-types': { en: 'two types, {first} and {second}: a question asks for one, e.g. {first} example.test', ja: '型が {first} と {second} の 2 つあります。質問で聞ける型は 1 つです。例: {first} example.test' },
  'unknown-option': {
    en: 'unknown option {option} (did you mean {suggestion}?): +norec, +rec, +tcp, +notcp, +edns=SIZE, +noedns',
    ja: 'オプション {option} はありません（{suggestion} のことですか？）。使えるのは +norec、+rec、+tcp、+notcp、+edns=サイズ、+noedns です',
  },
  'bad-edns': { en: '{value}: the EDNS UDP size is 512 to 65535 octets, e.g. +edns=1232', ja: '{value}: EDNS の UDP サイズは 512〜65535 オクテットです。例: +edns=1232' },
  'no-server': { en: '@ needs a server: @root, @tld, a lab server\'s name, or an address such as @127.0.0.2', ja: '@ の後にサーバーを指定してください: @root、@tld、ラボのサーバー名、または @127.0.0.2 のようなアドレス' },
  'bad-name': {
    en: '"{name}" cannot be a DNS name: labels of 1 to 63 octets, 255 in all (RFC 1035 2.3.4), e.g. www.example.test',
    ja: '「{name}」は DNS の名前になりません。ラベルは 1〜63 オクテット、全体で 255 オクテットまでです（RFC 1035 2.3.4）。例: www.example.test',
  },
  empty: { en: 'type a question, e.g. MX example.test', ja: '質問を入力してください。例: MX example.test' },
  unknownServer: {
    en: 'no server "@{server}": use @root, @tld, {names}, or an address such as @127.0.0.2',
    ja: 'サーバー「@{server}」はありません。@root、@tld、{names}、または @127.0.0.2 のようなアドレスを指定してください',
  },
  badAnswer: { en: 'the answer from {server} is not a DNS message ({reason} at byte {offset})', ja: '{server} からの応答は DNS メッセージになっていません（{offset} バイト目で {reason}）' },
  otherId: { en: 'answered with ID {got}, not {want}: not the answer to this question', ja: 'ID {got} の応答で、{want} ではありません。この質問への応答ではありません' },
  timeout: { en: 'no answer from {server} in {seconds} s: is a DNS server listening there? Ask another with @', ja: '{server} から {seconds} 秒以内に応答がありません。そこで DNS サーバーが動いていますか？ @ で別のサーバーに聞いてください' },
  refused: { en: '{server} refused: nothing listens there. Check the address, or ask another server with @', ja: '{server} に拒否されました。そこでは何も待ち受けていません。アドレスを確かめるか、@ で別のサーバーに聞いてください' },
  closed: { en: '{server} closed the connection before a whole answer; try again, or without +tcp', ja: '{server} が応答の途中で接続を閉じました。もう一度試すか、+tcp なしで聞いてください' },
  unreachable: { en: 'could not reach {server}; check the address, or ask another server with @', ja: '{server} に到達できません。アドレスを確かめるか、@ で別のサーバーに聞いてください' },
} satisfies Record<string, Localized>;

export type DnsMessageKey = keyof typeof MESSAGES;
export const dnsMsg = messages(MESSAGES);
