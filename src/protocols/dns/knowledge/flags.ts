import type { TermKnowledge } from '../../knowledge.js';

type Row = Omit<TermKnowledge, 'kind'>;

/**
 * The header's flags and opcode (RFC 1035 4.1.1; AD and CD RFC 4035 3.2), as dig prints them in
 * `flags: qr aa rd ra`. `explain dns AA` and the header line's explanation read these.
 */
export const FLAG_ROWS: readonly Row[] = [
  {
    name: 'QR',
    rfc: 'RFC 1035 4.1.1',
    meaning: {
      en: 'Query/Response: 0 in a query, 1 in a response. Query and response are the same message format; this bit tells them apart.',
      ja: 'Query/Response: 問い合わせでは 0、応答では 1 です。問い合わせと応答は同じ形式のメッセージで、このビットで区別します。',
    },
  },
  {
    name: 'AA',
    rfc: 'RFC 1035 4.1.1',
    meaning: {
      en: 'Authoritative Answer: the responding server is an authority for the name in the question, so the answer comes from the zone itself, not from a cache. A recursive resolver\'s answers have AA=0.',
      ja: 'Authoritative Answer（権威ある回答）: 応答したサーバーが問い合わせの名前について権威を持つ、つまり答えがキャッシュではなくゾーンそのものから来たことを示します。再帰リゾルバーの応答では AA=0 です。',
    },
  },
  {
    name: 'TC',
    rfc: 'RFC 1035 4.2.1',
    meaning: {
      en: 'TrunCation: the answer did not fit in the UDP datagram (512 octets, or the EDNS size) and was cut. The client should ask again over TCP (RFC 7766 5).',
      ja: 'TrunCation（切り詰め）: 応答が UDP データグラム（512 オクテット、または EDNS のサイズ）に収まらず、切り詰められました。クライアントは TCP で問い合わせ直すべきです（RFC 7766 5）。',
    },
  },
  {
    name: 'RD',
    rfc: 'RFC 1035 4.1.1',
    meaning: {
      en: 'Recursion Desired: set by the client to ask the server to find the answer for it, walking from the root if needed. Copied into the response. dig +norec clears it: an iterative query.',
      ja: 'Recursion Desired（再帰の要求）: クライアントが、必要ならルートからたどって答えを探してほしいとサーバーに頼むときに立てます。応答にもそのまま写されます。dig +norec はこれを落とし、反復問い合わせになります。',
    },
  },
  {
    name: 'RA',
    rfc: 'RFC 1035 4.1.1',
    meaning: {
      en: 'Recursion Available: set in a response by a server that offers recursion to this client. Authoritative-only servers answer with RA=0.',
      ja: 'Recursion Available（再帰が可能）: このクライアントに再帰を提供するサーバーが応答で立てます。権威専用のサーバーは RA=0 で答えます。',
    },
  },
  {
    name: 'AD',
    rfc: 'RFC 4035 3.2.3',
    meaning: {
      en: 'Authentic Data: a validating resolver says every record in the answer was verified with DNSSEC. The lab\'s zones are not signed, so it stays 0.',
      ja: 'Authentic Data（検証済みデータ）: 検証を行うリゾルバーが、応答のすべてのレコードを DNSSEC で検証できたことを示します。ラボのゾーンは署名されていないので 0 のままです。',
    },
  },
  {
    name: 'CD',
    rfc: 'RFC 4035 3.2.2',
    meaning: {
      en: 'Checking Disabled: the client asks the resolver not to validate DNSSEC signatures for it (the client will check itself).',
      ja: 'Checking Disabled（検証の無効化）: クライアントが、DNSSEC 署名の検証をしないようリゾルバーに求めます（クライアント自身が検証します）。',
    },
  },
  {
    name: 'Z',
    rfc: 'RFC 1035 4.1.1',
    meaning: {
      en: 'The reserved bit between RA and AD: must be zero in every query and response.',
      ja: 'RA と AD の間の予約ビットです。問い合わせでも応答でも 0 でなければなりません。',
    },
  },
  {
    name: 'opcode',
    rfc: 'RFC 1035 4.1.1',
    meaning: {
      en: 'Four bits saying what kind of message this is: 0 QUERY (a standard query, nearly all traffic), 4 NOTIFY (RFC 1996), 5 UPDATE (RFC 2136). A server that does not support one answers NOTIMP.',
      ja: 'メッセージの種類を表す 4 ビットです。0 は QUERY（標準の問い合わせで、ほぼすべての通信）、4 は NOTIFY（RFC 1996）、5 は UPDATE（RFC 2136）です。対応していない種類にはサーバーは NOTIMP で答えます。',
    },
  },
  {
    name: 'DO',
    rfc: 'RFC 3225 3',
    meaning: {
      en: 'DNSSEC OK, a flag in the OPT record (not the header): the client can take DNSSEC records (RRSIG, NSEC) in the answer.',
      ja: 'DNSSEC OK: ヘッダーではなく OPT レコードの中のフラグです。クライアントが応答中の DNSSEC レコード（RRSIG、NSEC）を受け取れることを示します。',
    },
  },
];
