import type { Localized } from '../../../i18n.js';

/**
 * Words for the fields of a message as the annotated hex view shows them (`field <name>`, the
 * keys H1's codec/fields.ts FIELD_KEYS lists; a test keeps the two lists equal). Each says what
 * the bytes are, with its RFC section.
 */
export const FIELD_WORDS: Readonly<Record<string, Localized>> = {
  'field id': { en: 'ID: 16 bits chosen by the client; the response carries the same ID (RFC 1035 4.1.1).', ja: 'ID: クライアントが選ぶ 16 ビットです。応答は同じ ID を持ちます（RFC 1035 4.1.1）。' },
  'field flags': { en: 'Flags: QR, opcode, AA, TC, RD, RA, Z, AD, CD and RCODE in 16 bits (RFC 1035 4.1.1).', ja: 'フラグ: QR、オペコード、AA、TC、RD、RA、Z、AD、CD、RCODE を 16 ビットに収めています（RFC 1035 4.1.1）。' },
  'field qdcount': { en: 'QDCOUNT: how many questions follow, almost always 1 (RFC 1035 4.1.1).', ja: 'QDCOUNT: 続く質問の数で、ほぼ常に 1 です（RFC 1035 4.1.1）。' },
  'field ancount': { en: 'ANCOUNT: how many records the answer section holds (RFC 1035 4.1.1).', ja: 'ANCOUNT: 回答セクションのレコード数です（RFC 1035 4.1.1）。' },
  'field nscount': { en: 'NSCOUNT: how many records the authority section holds (RFC 1035 4.1.1).', ja: 'NSCOUNT: 権威セクションのレコード数です（RFC 1035 4.1.1）。' },
  'field arcount': { en: 'ARCOUNT: how many records the additional section holds, OPT included (RFC 1035 4.1.1).', ja: 'ARCOUNT: 追加セクションのレコード数で、OPT も数えます（RFC 1035 4.1.1）。' },
  'field qname': { en: 'QNAME: the name asked, as labels, each a length octet then its bytes, ending in the zero-length root label (RFC 1035 4.1.2, 3.1).', ja: 'QNAME: 問い合わせる名前です。ラベルごとに長さ 1 オクテットと中身が並び、長さ 0 のルートラベルで終わります（RFC 1035 4.1.2、3.1）。' },
  'field name': { en: 'NAME: the owner name of the record, as labels or a compression pointer (RFC 1035 4.1.3).', ja: 'NAME: レコードの所有者名です。ラベルか圧縮ポインターで表します（RFC 1035 4.1.3）。' },
  'field pointer': { en: 'Compression pointer: two octets starting with bits 11; the rest is the offset where the name continues (RFC 1035 4.1.4).', ja: '圧縮ポインター: 先頭 2 ビットが 11 の 2 オクテットで、残りは名前の続きがあるオフセットです（RFC 1035 4.1.4）。' },
  'field qtype': { en: 'QTYPE: the type asked for, such as 1 (A), 15 (MX), 28 (AAAA) or 255 (ANY) (RFC 1035 4.1.2).', ja: 'QTYPE: 問い合わせる型です。1（A）、15（MX）、28（AAAA）、255（ANY）など（RFC 1035 4.1.2）。' },
  'field qclass': { en: 'QCLASS: the class asked for, 1 = IN (RFC 1035 4.1.2).', ja: 'QCLASS: 問い合わせるクラスで、1 = IN です（RFC 1035 4.1.2）。' },
  'field type': { en: 'TYPE: the record\'s type (RFC 1035 4.1.3, 3.2.2).', ja: 'TYPE: レコードの型です（RFC 1035 4.1.3、3.2.2）。' },
  'field class': { en: 'CLASS: the record\'s class, 1 = IN; in OPT it is the UDP payload size instead (RFC 1035 4.1.3).', ja: 'CLASS: レコードのクラスで、1 = IN です。OPT では代わりに UDP ペイロードサイズが入ります（RFC 1035 4.1.3）。' },
  'field ttl': { en: 'TTL: seconds the record may be cached (RFC 1035 4.1.3, RFC 2181 8).', ja: 'TTL: レコードをキャッシュしてよい秒数です（RFC 1035 4.1.3、RFC 2181 8）。' },
  'field rdlength': { en: 'RDLENGTH: how many octets of RDATA follow (RFC 1035 4.1.3).', ja: 'RDLENGTH: 続く RDATA のオクテット数です（RFC 1035 4.1.3）。' },
  'field address': { en: 'ADDRESS: 4 octets of IPv4 (A, RFC 1035 3.4.1) or 16 of IPv6 (AAAA, RFC 3596 2.2).', ja: 'ADDRESS: IPv4 の 4 オクテット（A、RFC 1035 3.4.1）か IPv6 の 16 オクテット（AAAA、RFC 3596 2.2）です。' },
  'field nsdname': { en: 'NSDNAME: the name of an authoritative server (NS, RFC 1035 3.3.11).', ja: 'NSDNAME: 権威サーバーの名前です（NS、RFC 1035 3.3.11）。' },
  'field cname': { en: 'CNAME: the canonical name the alias points to (RFC 1035 3.3.1).', ja: 'CNAME: 別名が指す正式な名前です（RFC 1035 3.3.1）。' },
  'field ptrdname': { en: 'PTRDNAME: the name an address maps back to (PTR, RFC 1035 3.3.12).', ja: 'PTRDNAME: アドレスから逆に引いた名前です（PTR、RFC 1035 3.3.12）。' },
  'field preference': { en: 'PREFERENCE: 16 bits; lower is tried first among the MX records (RFC 1035 3.3.9).', ja: 'PREFERENCE: 16 ビットで、MX レコードの中で小さいものから先に試します（RFC 1035 3.3.9）。' },
  'field exchange': { en: 'EXCHANGE: the name of the mail server (MX, RFC 1035 3.3.9).', ja: 'EXCHANGE: メールサーバーの名前です（MX、RFC 1035 3.3.9）。' },
  'field txt': { en: 'A character-string of TXT: a length octet, then up to 255 octets of text (RFC 1035 3.3.14, 3.3).', ja: 'TXT の文字列: 長さ 1 オクテットの後に、最大 255 オクテットのテキストが続きます（RFC 1035 3.3.14、3.3）。' },
  'field mname': { en: 'MNAME: the zone\'s primary name server (SOA, RFC 1035 3.3.13).', ja: 'MNAME: ゾーンのプライマリーネームサーバーです（SOA、RFC 1035 3.3.13）。' },
  'field rname': { en: 'RNAME: the zone administrator\'s mailbox, its first dot standing for @ (SOA, RFC 1035 3.3.13).', ja: 'RNAME: ゾーン管理者のメールアドレスで、最初のドットが @ を表します（SOA、RFC 1035 3.3.13）。' },
  'field serial': { en: 'SERIAL: the zone\'s version number; secondaries copy the zone when it grows (SOA, RFC 1035 3.3.13).', ja: 'SERIAL: ゾーンの版番号で、増えるとセカンダリーがゾーンを複製し直します（SOA、RFC 1035 3.3.13）。' },
  'field refresh': { en: 'REFRESH: seconds between a secondary\'s checks of the serial (SOA, RFC 1035 3.3.13).', ja: 'REFRESH: セカンダリーがシリアルを確かめる間隔（秒）です（SOA、RFC 1035 3.3.13）。' },
  'field retry': { en: 'RETRY: seconds before a failed refresh is tried again (SOA, RFC 1035 3.3.13).', ja: 'RETRY: 失敗した確認をやり直すまでの秒数です（SOA、RFC 1035 3.3.13）。' },
  'field expire': { en: 'EXPIRE: seconds after which a secondary that cannot refresh stops answering (SOA, RFC 1035 3.3.13).', ja: 'EXPIRE: 確認できないセカンダリーが応答をやめるまでの秒数です（SOA、RFC 1035 3.3.13）。' },
  'field minimum': { en: 'MINIMUM: today the negative-caching time: NXDOMAIN and NODATA are cached for min(this, the SOA TTL) (RFC 2308 4, 5).', ja: 'MINIMUM: 現在は否定キャッシュの時間です。NXDOMAIN と NODATA は、これと SOA の TTL の小さいほうの秒数だけキャッシュされます（RFC 2308 4、5）。' },
  'field rdata': { en: 'RDATA of a type this lab does not decode, shown as bytes (RFC 3597 5).', ja: 'このラボが解読しない型の RDATA で、バイト列のまま表示します（RFC 3597 5）。' },
  'field udp-size': { en: 'UDP payload size: the largest UDP answer the sender can take, carried in OPT\'s CLASS (RFC 6891 6.1.2).', ja: 'UDP ペイロードサイズ: 送り手が受け取れる最大の UDP 応答の大きさで、OPT の CLASS に入ります（RFC 6891 6.1.2）。' },
  'field ext-rcode': { en: 'Extended RCODE: the upper 8 bits of a 12-bit RCODE, in OPT\'s TTL (RFC 6891 6.1.3).', ja: '拡張 RCODE: 12 ビットの RCODE の上位 8 ビットで、OPT の TTL に入ります（RFC 6891 6.1.3）。' },
  'field edns-version': { en: 'EDNS version: 0 is the only one defined (RFC 6891 6.1.3).', ja: 'EDNS バージョン: 定義されているのは 0 だけです（RFC 6891 6.1.3）。' },
  'field edns-flags': { en: 'EDNS flags: DO (DNSSEC OK, RFC 3225 3), then reserved zero bits (RFC 6891 6.1.4).', ja: 'EDNS フラグ: DO（DNSSEC OK、RFC 3225 3）と、0 の予約ビットです（RFC 6891 6.1.4）。' },
  'field edns-option': { en: 'An EDNS option: a code, a length and its data, such as a cookie (RFC 7873) or padding (RFC 7830) (RFC 6891 6.1.2).', ja: 'EDNS オプション: コード、長さ、データが並びます。クッキー（RFC 7873）やパディング（RFC 7830）などです（RFC 6891 6.1.2）。' },
};
