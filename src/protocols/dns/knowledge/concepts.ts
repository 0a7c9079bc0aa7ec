import type { TermKnowledge } from '../../knowledge.js';

type Row = Omit<TermKnowledge, 'kind'> & { aliases?: readonly string[] };

/** The five parts of every message (RFC 1035 4.1): `explain dns authority`. */
export const SECTION_ROWS: readonly Row[] = [
  {
    name: 'header',
    rfc: 'RFC 1035 4.1.1',
    meaning: {
      en: 'The first 12 octets of every message: the ID that pairs a response with its query, the flags (QR, opcode, AA, TC, RD, RA, AD, CD), the RCODE, and how many records each section holds.',
      ja: 'すべてのメッセージの最初の 12 オクテットです。応答と問い合わせを対応させる ID、フラグ（QR、オペコード、AA、TC、RD、RA、AD、CD）、RCODE、各セクションのレコード数が入ります。',
    },
  },
  {
    name: 'question',
    rfc: 'RFC 1035 4.1.2',
    meaning: {
      en: 'What is asked: a name, a type and a class (IN). A response repeats the question, so the client can check the answer is for what it asked.',
      ja: '問い合わせの内容で、名前、型、クラス（IN）です。応答にも同じ質問が写されるので、クライアントは自分の質問への答えかどうかを確かめられます。',
    },
  },
  {
    name: 'answer',
    rfc: 'RFC 1035 4.1.3',
    meaning: {
      en: 'The records that answer the question: the RRset of the name and type asked, and any CNAME records that led there.',
      ja: '質問に答えるレコードです。問い合わせた名前と型の RRset と、そこに至るまでの CNAME レコードが入ります。',
    },
  },
  {
    name: 'authority',
    rfc: 'RFC 1035 4.1.3',
    meaning: {
      en: 'Records about who is authoritative: NS records of a referral (ask them next), or the zone\'s SOA in a negative answer (NXDOMAIN, NODATA).',
      ja: '誰が権威を持つかについてのレコードです。委任（リファラル）の NS レコード（次はそこに問い合わせる）か、否定応答（NXDOMAIN、NODATA）でのゾーンの SOA が入ります。',
    },
  },
  {
    name: 'additional',
    rfc: 'RFC 1035 4.1.3',
    meaning: {
      en: 'Records that help use the others: the glue addresses of the NS names in a referral, the address of an MX exchange, and the OPT pseudo-record of EDNS.',
      ja: 'ほかのレコードを使うのに役立つレコードです。委任にある NS 名のグルーアドレス、MX の交換サーバーのアドレス、EDNS の OPT 疑似レコードが入ります。',
    },
  },
];

/** Ideas a learner meets in answers and lessons (RFC 1034, 1035, 2181, 2308, 6891). */
export const CONCEPT_ROWS: readonly Row[] = [
  {
    name: 'EDNS',
    aliases: ['edns0', 'edns(0)'],
    rfc: 'RFC 6891 6',
    meaning: {
      en: 'Extension mechanisms for DNS: an OPT pseudo-record in the additional section lets a client say it takes UDP answers larger than 512 octets (1232 is the usual size), and adds flags and RCODE bits. A server that does not know EDNS answers without it.',
      ja: 'DNS の拡張機構です。追加セクションの OPT 疑似レコードで、クライアントは 512 オクテットより大きな UDP 応答（通常は 1232）を受け取れると伝え、フラグや RCODE のビットも増やせます。EDNS を知らないサーバーは EDNS なしで答えます。',
    },
  },
  {
    name: 'TTL',
    rfc: 'RFC 1035 3.2.1',
    meaning: {
      en: 'Time to live: how many seconds a record may be cached before it must be asked for again (0 to 2^31-1, RFC 2181 8). A resolver counts it down in the answers it gives from its cache.',
      ja: 'Time To Live（生存時間）: レコードをキャッシュしておける秒数で、過ぎたら問い合わせ直さなければなりません（0 から 2^31-1、RFC 2181 8）。リゾルバーはキャッシュから答えるとき、この値を減らして返します。',
    },
  },
  {
    name: 'zone',
    rfc: 'RFC 1034 4.2',
    meaning: {
      en: 'The part of the name tree one set of authoritative servers answers for: from its top (where its SOA is) down to the cuts where it delegates subdomains to other servers.',
      ja: '1 組の権威サーバーが責任を持つ名前の木の一部です。頂点（SOA のある所）から、サブドメインを別のサーバーに委任する境界（ゾーンカット）までを含みます。',
    },
  },
  {
    name: 'delegation',
    rfc: 'RFC 1034 4.2',
    meaning: {
      en: 'A zone hands a subdomain to other servers by NS records at the cut (test. delegates example.test to its servers). The parent then answers questions below the cut with a referral.',
      ja: 'ゾーンが、境界に置いた NS レコードでサブドメインを別のサーバーに任せることです（test. が example.test をそのサーバーに委任するなど）。親ゾーンは境界より下への質問には委任（リファラル）で答えます。',
    },
  },
  {
    name: 'referral',
    rfc: 'RFC 1034 4.3.2',
    meaning: {
      en: 'An answer that is not the answer but where to ask next: no AA, an empty answer section, NS records of the child zone in authority and their addresses (glue) in additional.',
      ja: '答えそのものではなく、次にどこへ聞けばよいかを示す応答です。AA はなく、回答セクションは空で、権威セクションに子ゾーンの NS レコード、追加セクションにそのアドレス（グルー）が入ります。',
    },
  },
  {
    name: 'glue',
    rfc: 'RFC 1034 4.2.1',
    meaning: {
      en: 'Address records the parent zone keeps for name servers whose names are inside the zone they serve (ns.example.test for example.test): without them the resolver could not reach the servers it must ask to find their own address.',
      ja: '子ゾーンの中に名前があるネームサーバー（example.test に対する ns.example.test など）のために、親ゾーンが持っておくアドレスレコードです。これがないと、リゾルバーはそのサーバー自身のアドレスを知るためにそのサーバーへ問い合わせる必要があり、たどり着けません。',
    },
  },
  {
    name: 'authoritative',
    rfc: 'RFC 1034 4.3.1',
    meaning: {
      en: 'A server that holds a zone\'s data and answers for it with AA=1 and without recursion. It answers only for its own zones: a referral below a cut, REFUSED outside them.',
      ja: 'ゾーンのデータを持ち、そのゾーンについて AA=1 で、再帰なしに答えるサーバーです。答えるのは自分のゾーンだけで、ゾーンカットより下には委任で、ゾーンの外には REFUSED で答えます。',
    },
  },
  {
    name: 'recursive',
    aliases: ['resolver', 'recursion'],
    rfc: 'RFC 1034 4.3.1',
    meaning: {
      en: 'A recursive resolver takes a client\'s question (RD=1) and finds the answer itself: it asks the root, follows referrals to the TLD and the zone (RD=0 each time), and caches every answer for its TTL. Its answers have RA=1 and AA=0.',
      ja: '再帰リゾルバーは、クライアントの質問（RD=1）を受けて自分で答えを探します。ルートに問い合わせ、委任をたどって TLD、ゾーンへと進み（毎回 RD=0）、得た答えをそれぞれの TTL の間キャッシュします。その応答は RA=1、AA=0 です。',
    },
  },
  {
    name: 'negative caching',
    aliases: ['negative cache'],
    rfc: 'RFC 2308 5',
    meaning: {
      en: 'A resolver caches "no" too: an NXDOMAIN or NODATA is remembered for min(SOA TTL, SOA minimum) seconds. Add the missing record and the resolver still says it does not exist until that time has passed.',
      ja: 'リゾルバーは「存在しない」もキャッシュします。NXDOMAIN や NODATA は、SOA の TTL と minimum の小さいほうの秒数だけ覚えられます。足りないレコードを追加しても、その時間が過ぎるまでリゾルバーは「存在しない」と答え続けます。',
    },
  },
  {
    name: 'compression',
    aliases: ['name compression', 'pointer'],
    rfc: 'RFC 1035 4.1.4',
    meaning: {
      en: 'A name that already appeared in the message is replaced by a two-octet pointer (its top two bits 11) to the earlier copy, so example.test is not spelled out again in every record.',
      ja: 'メッセージ中にすでに現れた名前を、前の出現位置を指す 2 オクテットのポインター（上位 2 ビットが 11）で置き換えることです。これで、レコードごとに example.test を書き直さずに済みます。',
    },
  },
  {
    name: 'root',
    aliases: ['.'],
    rfc: 'RFC 1034 3.1',
    meaning: {
      en: 'The top of the name tree, the empty name, written "." (every full name ends in it: www.example.test.). A resolver starts its walk at the root servers, which refer it to the TLD\'s servers.',
      ja: '名前の木の頂点で、空の名前です。「.」と書きます（完全な名前はすべてこれで終わります: www.example.test.）。リゾルバーはルートサーバーから探索を始め、ルートサーバーは TLD のサーバーを紹介します。',
    },
  },
  {
    name: 'class',
    aliases: ['in'],
    rfc: 'RFC 1035 3.2.4',
    meaning: {
      en: 'The namespace a record belongs to; in practice always IN, the Internet. (CH and HS survive only in curiosities.)',
      ja: 'レコードが属する名前空間です。実際には常に IN（インターネット）です（CH と HS は珍しい用途にだけ残っています）。',
    },
  },
  {
    name: 'transport',
    aliases: ['udp', 'tcp', 'port 53'],
    rfc: 'RFC 1035 4.2',
    meaning: {
      en: 'DNS runs on port 53 over UDP, one datagram per question and one per answer, and over TCP with a two-octet length before each message (RFC 1035 4.2.2), which every server must support (RFC 7766).',
      ja: 'DNS は 53 番ポートで動きます。UDP では質問 1 つにデータグラム 1 つ、答え 1 つにデータグラム 1 つです。TCP では各メッセージの前に 2 オクテットの長さを置きます（RFC 1035 4.2.2）。TCP はすべてのサーバーが対応しなければなりません（RFC 7766）。',
    },
  },
  {
    name: 'state',
    aliases: ['states', 'session'],
    rfc: 'RFC 1035 4.1',
    meaning: {
      en: 'DNS has no session states: each query stands alone and its response is paired with it only by the ID and the question. Nothing like SMTP\'s greeting, login or QUIT exists.',
      ja: 'DNS にはセッションの状態がありません。問い合わせは 1 つずつ独立していて、応答とは ID と質問だけで対応付けられます。SMTP のような挨拶、ログイン、QUIT に当たるものはありません。',
    },
  },
];
