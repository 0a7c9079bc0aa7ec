import type { Localized } from '../../../i18n.js';
import type { HttpErrorReason } from '../errors.js';

/** The session's own reasons (errors.ts), and the web app's two guards (DNS rebinding, CSRF). */
export type HttpReason = HttpErrorReason | 'not-loopback-host' | 'cross-origin';

/**
 * Why the server refused a request line or answered with an error status: the `reason`
 * parameter of the `status` and `bad-line` keys (notes/http-keys.md), each with the rule it
 * enforces. Said in English and Japanese; describe.ts adds them to the line's explanation.
 * Typed by HttpReason, so a reason the session gains without words here does not compile.
 */
export const REASONS: Readonly<Record<HttpReason, Localized>> = {
  'no-host': {
    en: 'The request has no Host field, which every HTTP/1.1 request must carry (RFC 9112 3.2): 400.',
    ja: 'リクエストに Host フィールドがありません。HTTP/1.1 のリクエストには必ず必要です（RFC 9112 3.2）。そのため 400 になります。',
  },
  'two-hosts': {
    en: 'The request has more than one Host field: the server cannot tell which host is meant (RFC 9112 3.2): 400.',
    ja: 'リクエストに Host フィールドが 2 つ以上あります。どのホストのことかサーバーには判断できません（RFC 9112 3.2）。そのため 400 になります。',
  },
  'bad-request-line': {
    en: 'The request line must be method, request-target and HTTP version, separated by single spaces (RFC 9112 3), such as GET / HTTP/1.1: 400.',
    ja: 'リクエスト行は、メソッド、リクエストターゲット、HTTP バージョンを空白 1 つずつで区切った形でなければなりません（RFC 9112 3）。例: GET / HTTP/1.1。そのため 400 になります。',
  },
  'bad-field': {
    en: 'A field line must be a name (a token, without spaces), a colon, then the value (RFC 9112 5): 400.',
    ja: 'フィールドの行は、名前（空白を含まないトークン）、コロン、値の順でなければなりません（RFC 9112 5）。そのため 400 になります。',
  },
  'obs-fold': {
    en: 'A line starting with a space or tab continues the previous field (obs-fold), a form HTTP/1.1 has retired; a server must refuse it or unfold it (RFC 9112 5.2), and the lab refuses: 400.',
    ja: '空白やタブで始まる行は前のフィールドの続き（obs-fold）で、HTTP/1.1 では廃止された書き方です。サーバーは拒否するか 1 行に戻す必要があり（RFC 9112 5.2）、l7lab は拒否します。そのため 400 になります。',
  },
  'space-before-colon': {
    en: 'There is whitespace between the field name and the colon, which a server must refuse (RFC 9112 5.1): proxies could read the name differently: 400.',
    ja: 'フィールド名とコロンの間に空白があります。サーバーはこれを拒否しなければなりません（RFC 9112 5.1）。プロキシーが名前を別の意味に読むおそれがあるためです。そのため 400 になります。',
  },
  smuggling: {
    en: 'The request has both Content-Length and Transfer-Encoding: two servers could frame it differently and hide a second request inside it (request smuggling), so it is refused (RFC 9112 6.3): 400.',
    ja: 'リクエストに Content-Length と Transfer-Encoding の両方があります。2 台のサーバーが別々の区切り方をすると、中に 2 つ目のリクエストを隠せてしまう（リクエストスマグリング）ので拒否します（RFC 9112 6.3）。そのため 400 になります。',
  },
  'bad-length': {
    en: 'Content-Length is not a number, or several Content-Length values differ, so the body has no sure end (RFC 9112 6.3): 400.',
    ja: 'Content-Length が数値でないか、複数の Content-Length の値が食い違っていて、ボディの終わりが確定しません（RFC 9112 6.3）。そのため 400 になります。',
  },
  'bad-chunk': {
    en: 'A chunk is malformed: its size line is not hexadecimal, or the data is not followed by CRLF (RFC 9112 7.1): 400.',
    ja: 'チャンクの形が誤っています。サイズの行が 16 進数でないか、データの後に CRLF がありません（RFC 9112 7.1）。そのため 400 になります。',
  },
  'unknown-coding': {
    en: 'Transfer-Encoding names a coding the server cannot decode (it decodes chunked only), so it cannot read the body (RFC 9112 6.1): 501.',
    ja: 'Transfer-Encoding に、サーバーが復号できないコーディングが指定されています（復号できるのは chunked だけです）。ボディを読めないので 501 になります（RFC 9112 6.1）。',
  },
  'length-required': {
    en: 'The request seems to carry a body but says neither Content-Length nor chunked, so its end is unknown: 411 (RFC 9110 15.5.12).',
    ja: 'リクエストにボディがあるようですが、Content-Length も chunked も指定されていないため、終わりがわかりません。そのため 411 になります（RFC 9110 15.5.12）。',
  },
  'line-too-long': {
    en: 'The request line is longer than the server reads (RFC 9112 3): 414.',
    ja: 'リクエスト行が、サーバーが読む長さを超えています（RFC 9112 3）。そのため 414 になります。',
  },
  'head-too-large': {
    en: 'A field line, or the whole header section, is larger than the server accepts: 431 (RFC 6585 5).',
    ja: 'フィールドの行、またはヘッダー部分全体が、サーバーが受け付ける大きさを超えています。そのため 431 になります（RFC 6585 5）。',
  },
  'body-too-large': {
    en: 'The body is larger than the server accepts: 413 (RFC 9110 15.5.14).',
    ja: 'ボディが、サーバーが受け付ける大きさを超えています。そのため 413 になります（RFC 9110 15.5.14）。',
  },
  version: {
    en: 'The request names an HTTP version the server does not speak; it speaks HTTP/1.1 and HTTP/1.0: 505 (RFC 9110 15.6.6).',
    ja: 'リクエストが、サーバーの話さない HTTP バージョンを指定しています。話せるのは HTTP/1.1 と HTTP/1.0 です。そのため 505 になります（RFC 9110 15.6.6）。',
  },
  method: {
    en: 'The server does not implement this method; it knows GET, HEAD, POST, PUT, DELETE and OPTIONS: 501 (RFC 9110 9.1).',
    ja: 'サーバーはこのメソッドを実装していません。使えるのは GET、HEAD、POST、PUT、DELETE、OPTIONS です。そのため 501 になります（RFC 9110 9.1）。',
  },
  expectation: {
    en: 'Expect holds something other than 100-continue, which the server cannot meet: 417 (RFC 9110 10.1.1).',
    ja: 'Expect に 100-continue 以外の値があり、サーバーはそれに応えられません。そのため 417 になります（RFC 9110 10.1.1）。',
  },
  timeout: {
    en: 'The request did not arrive whole in time; the server gives up and closes the connection: 408 (RFC 9110 15.5.9).',
    ja: 'リクエストが時間内にそろいませんでした。サーバーはあきらめて接続を閉じます。そのため 408 になります（RFC 9110 15.5.9）。',
  },
  'not-loopback-host': {
    en: "Host is not a loopback name or address: the lab answers only for localhost, so a web page on a rebound DNS name cannot reach it (DNS rebinding guard).",
    ja: 'Host がループバックの名前やアドレスではありません。l7lab は localhost の分しか応答しないので、DNS の向き先を変えた名前のページからは届きません（DNS リバインディング対策）。',
  },
  'cross-origin': {
    en: 'A state-changing request came from another origin without the X-L7lab field: refused as possible cross-site request forgery (CSRF): 403.',
    ja: '状態を変えるリクエストが、X-L7lab フィールドなしで別のオリジンから届きました。クロスサイトリクエストフォージェリ（CSRF）のおそれがあるので拒否します。そのため 403 になります。',
  },
};
