import type { ReplyKnowledge } from '../../knowledge.js';

/**
 * Response codes (RFC 1035 4.1.1; the names NXDOMAIN and NODATA are RFC 2308's), in the shape
 * every protocol's replies have. NODATA is no RCODE: it is NOERROR with an empty answer section
 * (RFC 2308 2.2), listed here because a learner meets it as an answer of its own.
 */
export const RCODE_ROWS: readonly ReplyKnowledge[] = [
  {
    code: 'NOERROR',
    rfc: 'RFC 1035 4.1.1',
    meaning: {
      en: 'RCODE 0, no error: the question was answered. Look at the answer section; if it is empty, the name exists but has no record of that type (NODATA).',
      ja: 'RCODE 0、エラーなしです。問い合わせには答えが返りました。回答セクションを見てください。空なら、名前は存在するがその型のレコードはない（NODATA）という意味です。',
    },
  },
  {
    code: 'FORMERR',
    rfc: 'RFC 1035 4.1.1',
    meaning: {
      en: 'RCODE 1, format error: the server could not read the query (a bad name, lying counts, a broken EDNS record). Sending it again unchanged will not help.',
      ja: 'RCODE 1、フォーマットエラーです。サーバーは問い合わせを読めませんでした（不正な名前、実際と合わない件数、壊れた EDNS レコードなど）。そのまま送り直しても結果は変わりません。',
    },
  },
  {
    code: 'SERVFAIL',
    rfc: 'RFC 1035 4.1.1',
    meaning: {
      en: 'RCODE 2, server failure: the server could not give an answer, usually because a recursive resolver failed to reach the authoritative servers or they disagreed. It says nothing about whether the name exists.',
      ja: 'RCODE 2、サーバーの失敗です。サーバーは答えを出せませんでした。多くの場合、再帰リゾルバーが権威サーバーに到達できなかったか、権威サーバー同士の答えが食い違ったためです。名前が存在するかどうかについては何も言っていません。',
    },
  },
  {
    code: 'NXDOMAIN',
    rfc: 'RFC 2308 2.1',
    meaning: {
      en: 'RCODE 3, name error: the name does not exist, for any type. Only an authoritative server can say so; the SOA in the authority section says how long resolvers may cache this "no" (RFC 2308 5).',
      ja: 'RCODE 3、名前エラーです。その名前はどの型についても存在しません。これを言えるのは権威サーバーだけで、権威セクションの SOA が、この「存在しない」をリゾルバーがキャッシュしてよい時間を示します（RFC 2308 5）。',
    },
  },
  {
    code: 'NOTIMP',
    rfc: 'RFC 1035 4.1.1',
    meaning: {
      en: 'RCODE 4, not implemented: the server does not support this kind of query (an opcode other than QUERY, such as UPDATE or NOTIFY).',
      ja: 'RCODE 4、未実装です。サーバーはこの種類の問い合わせ（UPDATE や NOTIFY など QUERY 以外のオペコード）に対応していません。',
    },
  },
  {
    code: 'REFUSED',
    rfc: 'RFC 1035 4.1.1',
    meaning: {
      en: 'RCODE 5, refused: the server will not answer, by policy. An authoritative server refuses names outside its zones; a resolver refuses recursion to clients it does not serve (RFC 5358).',
      ja: 'RCODE 5、拒否です。サーバーは方針として答えません。権威サーバーは自分のゾーン外の名前を拒否し、リゾルバーは対象外のクライアントからの再帰問い合わせを拒否します（RFC 5358）。',
    },
  },
  {
    code: 'NODATA',
    rfc: 'RFC 2308 2.2',
    meaning: {
      en: 'Not an RCODE but a pseudo-answer: NOERROR with an empty answer section. The name exists, but has no record of the type asked; the SOA in the authority section says how long to cache that (RFC 2308 5).',
      ja: 'RCODE ではなく疑似的な応答の名前で、回答セクションが空の NOERROR のことです。名前は存在しますが、問い合わせた型のレコードはありません。権威セクションの SOA が、これをキャッシュしてよい時間を示します（RFC 2308 5）。',
    },
  },
  {
    code: 'BADVERS',
    rfc: 'RFC 6891 6.1.3',
    meaning: {
      en: 'Extended RCODE 16 (its high bits travel in the OPT record): the server does not speak the EDNS version the query used. Ask again with version 0.',
      ja: '拡張 RCODE 16 です（上位ビットは OPT レコードで運ばれます）。サーバーは問い合わせが使った EDNS のバージョンに対応していません。バージョン 0 で問い合わせ直してください。',
    },
  },
];
