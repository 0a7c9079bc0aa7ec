import type { TermKnowledge } from '../../knowledge.js';

/**
 * More header fields: the ones browsers send on their own and the ones web pages are served
 * with (security, caching, the rest of the conditional requests), so `serve`'s live log and
 * `practice http --connect` to a real server explain them too. Same shape as fields.ts.
 */
export const WEB_FIELD_ROWS: ReadonlyArray<Omit<TermKnowledge, 'kind'>> = [
  {
    name: 'If-Match',
    rfc: 'RFC 9110 13.1.1',
    meaning: {
      en: 'Conditional request: act only if the current ETag is one of these, so an update does not overwrite a change made meanwhile; else 412.',
      ja: '条件付きリクエストです。現在の ETag がここに並べたどれかと一致するときだけ処理するよう求めます。途中で入った変更を上書きしないためで、一致しなければ 412 になります。',
    },
  },
  {
    name: 'If-Unmodified-Since',
    rfc: 'RFC 9110 13.1.4',
    meaning: {
      en: 'Conditional request: act only if the resource has not changed since this date; else 412.',
      ja: '条件付きリクエストです。この日時以降にリソースが変更されていないときだけ処理するよう求め、変更されていれば 412 になります。',
    },
  },
  {
    name: 'If-Range',
    rfc: 'RFC 9110 13.1.5',
    meaning: {
      en: 'With Range: send only the part if the representation is still this ETag or date, else send it whole.',
      ja: 'Range と一緒に使います。表現がこの ETag や日時のままなら一部だけを、変わっていれば全体を送るよう求めます。',
    },
  },
  {
    name: 'Expires',
    rfc: 'RFC 9111 5.3',
    meaning: {
      en: 'The date after which a cached copy is stale; Cache-Control: max-age takes precedence.',
      ja: 'キャッシュしたコピーが古くなる日時です。Cache-Control の max-age があればそちらが優先されます。',
    },
  },
  {
    name: 'Age',
    rfc: 'RFC 9111 5.1',
    meaning: {
      en: 'How many seconds this response has spent in caches since the origin server made it.',
      ja: 'このレスポンスがオリジンサーバーで作られてから、キャッシュの中で経過した秒数です。',
    },
  },
  {
    name: 'TE',
    rfc: 'RFC 9110 10.1.4',
    meaning: {
      en: 'The transfer codings the client accepts in the response besides chunked; "trailers" says it reads trailer fields.',
      ja: 'クライアントが chunked 以外にレスポンスで受け付ける転送コーディングです。「trailers」はトレーラーフィールドを読めることを示します。',
    },
  },
  {
    name: 'Upgrade',
    rfc: 'RFC 9110 7.8',
    meaning: {
      en: 'Asks to switch this connection to another protocol (websocket, h2c); the server agrees with 101 Switching Protocols or ignores it.',
      ja: 'この接続を別のプロトコル（websocket、h2c など）に切り替えるよう求めます。サーバーは 101 Switching Protocols で応じるか、無視します。',
    },
  },
  {
    name: 'Content-Language',
    rfc: 'RFC 9110 8.5',
    meaning: { en: 'The natural language of the body, such as ja or en.', ja: 'ボディの言語です（ja、en など）。' },
  },
  {
    name: 'Pragma',
    rfc: 'RFC 9111 5.4',
    meaning: {
      en: 'From HTTP/1.0: "no-cache" asked caches to check first. Cache-Control replaces it.',
      ja: 'HTTP/1.0 の時代のフィールドで、「no-cache」はキャッシュに確認を求めました。今は Cache-Control が代わりを務めます。',
    },
  },
  {
    name: 'Strict-Transport-Security',
    rfc: 'RFC 6797 6.1',
    meaning: {
      en: 'Sent over HTTPS: for max-age seconds the browser uses only HTTPS for this host, so no request leaks in clear.',
      ja: 'HTTPS で送られ、max-age 秒の間、ブラウザーはこのホストに HTTPS だけを使います。平文のリクエストが漏れないようにするためです。',
    },
  },
  {
    name: 'X-Content-Type-Options',
    rfc: 'Fetch Standard, X-Content-Type-Options',
    meaning: {
      en: '"nosniff": the browser must trust Content-Type and not guess the type from the bytes, so text cannot run as a script.',
      ja: '「nosniff」は、ブラウザーが Content-Type に従い、バイト列から種類を推測しないよう求めます。テキストがスクリプトとして実行されるのを防ぎます。',
    },
  },
  {
    name: 'Referrer-Policy',
    rfc: 'W3C Referrer Policy, Referrer-Policy header',
    meaning: {
      en: 'How much of this page\'s address the browser may send in Referer when leaving it (no-referrer: none).',
      ja: 'このページから移動するとき、ブラウザーが Referer にこのページのアドレスをどこまで入れてよいかを決めます（no-referrer なら何も送りません）。',
    },
  },
  {
    name: 'Access-Control-Allow-Origin',
    rfc: 'Fetch Standard, CORS protocol',
    meaning: {
      en: 'CORS: which other origin may read this response from a script. Without it a page on another site gets nothing.',
      ja: 'CORS のフィールドで、ほかのどのオリジンがスクリプトからこのレスポンスを読めるかを示します。これがなければ、別のサイトのページには何も渡りません。',
    },
  },
  {
    name: 'Sec-Fetch-Site',
    rfc: 'W3C Fetch Metadata, Sec-Fetch-Site',
    meaning: {
      en: 'Set by the browser, never by a page: whether the request comes from the same origin, the same site, another site or the user (none).',
      ja: 'ページではなくブラウザーが付けるフィールドで、リクエストが同じオリジン、同じサイト、別のサイト、利用者自身（none）のどれから来たかを示します。',
    },
  },
  {
    name: 'Sec-Fetch-Mode',
    rfc: 'W3C Fetch Metadata, Sec-Fetch-Mode',
    meaning: {
      en: 'Set by the browser: how the request was made (navigate for a page, cors or no-cors for a script or an image).',
      ja: 'ブラウザーが付けるフィールドで、リクエストの出し方を示します（ページ移動なら navigate、スクリプトや画像なら cors や no-cors）。',
    },
  },
  {
    name: 'Sec-Fetch-Dest',
    rfc: 'W3C Fetch Metadata, Sec-Fetch-Dest',
    meaning: {
      en: 'Set by the browser: what the response will be used as (document, image, script, style, ...).',
      ja: 'ブラウザーが付けるフィールドで、レスポンスが何として使われるかを示します（document、image、script、style など）。',
    },
  },
  {
    name: 'Upgrade-Insecure-Requests',
    rfc: 'W3C Upgrade Insecure Requests, the request header',
    meaning: {
      en: '"1": the browser prefers HTTPS and would follow a redirect to it.',
      ja: '「1」は、ブラウザーが HTTPS を好み、HTTPS へのリダイレクトに従うことを示します。',
    },
  },
];
