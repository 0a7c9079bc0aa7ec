import type { ReplyKnowledge } from '../../knowledge.js';

/**
 * HTTP status codes (RFC 9110 15; 431 is RFC 6585 5): the classes, then every code the lab's
 * server or web app sends and the common ones a real server answers. Each meaning starts with
 * the reason phrase (RFC 9112 4), which is only for people: clients act on the code.
 */
export const STATUS_CLASSES: readonly ReplyKnowledge[] = [
  {
    code: '1xx',
    rfc: 'RFC 9110 15.2',
    meaning: {
      en: 'Informational: an interim response; the final response to the same request follows.',
      ja: '情報: 途中経過の応答です。同じリクエストへの最終的な応答がこの後に続きます。',
    },
  },
  {
    code: '2xx',
    rfc: 'RFC 9110 15.3',
    meaning: { en: 'Successful: the request was received, understood and accepted.', ja: '成功: リクエストは受信、理解され、受け入れられました。' },
  },
  {
    code: '3xx',
    rfc: 'RFC 9110 15.4',
    meaning: {
      en: 'Redirection: the client must take another step to complete the request, usually follow Location.',
      ja: 'リダイレクト: リクエストを完了するには、クライアントがもう一手間かける必要があります。多くの場合、Location に従います。',
    },
  },
  {
    code: '4xx',
    rfc: 'RFC 9110 15.5',
    meaning: {
      en: "Client error: the request was wrong (its syntax, its target, its method or its permissions); sending it again unchanged will not help.",
      ja: 'クライアントエラー: リクエストの側に誤りがあります（構文、対象、メソッド、権限など）。そのまま送り直しても結果は変わりません。',
    },
  },
  {
    code: '5xx',
    rfc: 'RFC 9110 15.6',
    meaning: {
      en: 'Server error: the request may have been fine, but the server failed or refused to perform it.',
      ja: 'サーバーエラー: リクエスト自体は正しかったかもしれませんが、サーバーが処理に失敗したか、処理を断りました。',
    },
  },
];

export const STATUSES: readonly ReplyKnowledge[] = [
  {
    code: '100',
    rfc: 'RFC 9110 15.2.1',
    meaning: {
      en: 'Continue: the request head was accepted (the client sent Expect: 100-continue); send the body now. The final status follows after it.',
      ja: 'Continue: リクエストのヘッダー部分は受け入れられました（クライアントが Expect: 100-continue を送った場合です）。今ボディを送ってください。最終的なステータスはその後に届きます。',
    },
  },
  {
    code: '200',
    rfc: 'RFC 9110 15.3.1',
    meaning: {
      en: 'OK: the request succeeded; for GET the body is the representation asked for.',
      ja: 'OK: リクエストは成功しました。GET なら、ボディが要求した表現そのものです。',
    },
  },
  {
    code: '201',
    rfc: 'RFC 9110 15.3.2',
    meaning: {
      en: 'Created: a new resource was created; Location names it.',
      ja: 'Created: 新しいリソースが作られました。Location がその場所を示します。',
    },
  },
  {
    code: '204',
    rfc: 'RFC 9110 15.3.5',
    meaning: {
      en: 'No Content: the request succeeded and there is no body to send: the empty line ends the response.',
      ja: 'No Content: リクエストは成功し、送るボディはありません。空行でレスポンスが終わります。',
    },
  },
  {
    code: '206',
    rfc: 'RFC 9110 15.3.7',
    meaning: {
      en: 'Partial Content: only the byte range asked for with Range is sent; Content-Range says which part of the whole it is.',
      ja: 'Partial Content: Range で求められたバイト範囲だけを送ります。全体のどの部分かは Content-Range が示します。',
    },
  },
  {
    code: '301',
    rfc: 'RFC 9110 15.4.2',
    meaning: {
      en: 'Moved Permanently: the resource now lives at Location for good; links and bookmarks should be updated.',
      ja: 'Moved Permanently: リソースは恒久的に Location の場所に移りました。リンクやブックマークを更新するべきです。',
    },
  },
  {
    code: '302',
    rfc: 'RFC 9110 15.4.3',
    meaning: {
      en: 'Found: the resource is at Location for now; keep using the old URI later.',
      ja: 'Found: リソースは一時的に Location の場所にあります。今後も元の URI を使い続けます。',
    },
  },
  {
    code: '303',
    rfc: 'RFC 9110 15.4.4',
    meaning: {
      en: 'See Other: the result is at Location; fetch it with GET (the usual answer after a form POST).',
      ja: 'See Other: 結果は Location の場所にあります。GET で取りに行きます（フォームを POST した後によく使われます）。',
    },
  },
  {
    code: '304',
    rfc: 'RFC 9110 15.4.5',
    meaning: {
      en: 'Not Modified: the conditional GET matched (If-None-Match or If-Modified-Since): the copy the client has cached is still current, so no body is sent.',
      ja: 'Not Modified: 条件付き GET の条件（If-None-Match や If-Modified-Since）に一致しました。クライアントがキャッシュしているコピーはまだ最新なので、ボディは送りません。',
    },
  },
  {
    code: '307',
    rfc: 'RFC 9110 15.4.8',
    meaning: {
      en: 'Temporary Redirect: repeat the same request, with the same method and body, at Location, this time only.',
      ja: 'Temporary Redirect: 同じメソッドとボディのまま、同じリクエストを今回だけ Location に送り直します。',
    },
  },
  {
    code: '308',
    rfc: 'RFC 9110 15.4.9',
    meaning: {
      en: 'Permanent Redirect: the resource moved to Location for good; repeat the request there with the same method and body.',
      ja: 'Permanent Redirect: リソースは恒久的に Location に移りました。同じメソッドとボディでそこへ送り直します。',
    },
  },
  {
    code: '400',
    rfc: 'RFC 9110 15.5.1',
    meaning: {
      en: 'Bad Request: the server could not read the request as HTTP (a malformed line, a missing Host, conflicting framing).',
      ja: 'Bad Request: サーバーはリクエストを HTTP として読めませんでした（行の形の誤り、Host の欠落、矛盾するフレーミングなど）。',
    },
  },
  {
    code: '401',
    rfc: 'RFC 9110 15.5.2',
    meaning: {
      en: 'Unauthorized: credentials are missing or wrong; WWW-Authenticate says how to authenticate.',
      ja: 'Unauthorized: 認証情報がないか、誤っています。認証の方法は WWW-Authenticate が示します。',
    },
  },
  {
    code: '403',
    rfc: 'RFC 9110 15.5.4',
    meaning: {
      en: 'Forbidden: the server understood the request and refuses it; other credentials would not change that.',
      ja: 'Forbidden: サーバーはリクエストを理解したうえで拒否しました。認証情報を変えても結果は変わりません。',
    },
  },
  {
    code: '404',
    rfc: 'RFC 9110 15.5.5',
    meaning: {
      en: 'Not Found: the server has nothing at this target (or will not say that it has).',
      ja: 'Not Found: この対象にはサーバー上に何もありません（あっても、あると言わない場合もあります）。',
    },
  },
  {
    code: '405',
    rfc: 'RFC 9110 15.5.6',
    meaning: {
      en: 'Method Not Allowed: the target exists but not for this method; Allow lists the methods it supports.',
      ja: 'Method Not Allowed: 対象は存在しますが、このメソッドは使えません。使えるメソッドは Allow に並んでいます。',
    },
  },
  {
    code: '408',
    rfc: 'RFC 9110 15.5.9',
    meaning: {
      en: 'Request Timeout: the client took too long to send a whole request; the server closes the connection.',
      ja: 'Request Timeout: クライアントがリクエスト全体を送り終えるまでに時間がかかりすぎました。サーバーは接続を閉じます。',
    },
  },
  {
    code: '411',
    rfc: 'RFC 9110 15.5.12',
    meaning: {
      en: 'Length Required: the request has a body but no Content-Length, so the server cannot tell where it ends.',
      ja: 'Length Required: リクエストにボディがあるのに Content-Length がないため、サーバーはボディの終わりがわかりません。',
    },
  },
  {
    code: '412',
    rfc: 'RFC 9110 15.5.13',
    meaning: {
      en: 'Precondition Failed: a condition in the request (If-Match, If-Unmodified-Since) was false, so nothing was done.',
      ja: 'Precondition Failed: リクエストの条件（If-Match や If-Unmodified-Since）が成り立たなかったので、何も実行しませんでした。',
    },
  },
  {
    code: '413',
    rfc: 'RFC 9110 15.5.14',
    meaning: {
      en: 'Content Too Large: the request body is larger than the server accepts.',
      ja: 'Content Too Large: リクエストのボディが、サーバーが受け付ける大きさを超えています。',
    },
  },
  {
    code: '414',
    rfc: 'RFC 9110 15.5.15',
    meaning: {
      en: 'URI Too Long: the request-target is longer than the server will read.',
      ja: 'URI Too Long: リクエストターゲットが、サーバーが読む長さを超えています。',
    },
  },
  {
    code: '416',
    rfc: 'RFC 9110 15.5.17',
    meaning: {
      en: 'Range Not Satisfiable: the Range asked for lies outside the representation; Content-Range gives its real size.',
      ja: 'Range Not Satisfiable: 求められた Range は表現の範囲外です。本当の大きさは Content-Range が示します。',
    },
  },
  {
    code: '417',
    rfc: 'RFC 9110 15.5.18',
    meaning: {
      en: 'Expectation Failed: the server cannot meet the Expect field (only 100-continue is defined).',
      ja: 'Expectation Failed: サーバーは Expect フィールドの期待に応えられません（定義されているのは 100-continue だけです）。',
    },
  },
  {
    code: '421',
    rfc: 'RFC 9110 15.5.20',
    meaning: {
      en: 'Misdirected Request: this server does not answer for the host the request names (the lab refuses Host names that are not loopback, against DNS rebinding).',
      ja: 'Misdirected Request: このサーバーは、リクエストが指定したホストの応答をしません（l7lab は DNS リバインディング対策として、ループバック以外の Host 名を拒否します）。',
    },
  },
  {
    code: '431',
    rfc: 'RFC 6585 5',
    meaning: {
      en: 'Request Header Fields Too Large: one field, or the whole header section, is larger than the server accepts.',
      ja: 'Request Header Fields Too Large: 1 つのフィールド、またはヘッダー部分全体が、サーバーが受け付ける大きさを超えています。',
    },
  },
  {
    code: '500',
    rfc: 'RFC 9110 15.6.1',
    meaning: {
      en: 'Internal Server Error: something failed inside the server while handling the request.',
      ja: 'Internal Server Error: リクエストの処理中に、サーバーの内部で何かが失敗しました。',
    },
  },
  {
    code: '501',
    rfc: 'RFC 9110 15.6.2',
    meaning: {
      en: 'Not Implemented: the server does not support what the request needs (an unknown method, or a transfer coding it cannot decode).',
      ja: 'Not Implemented: リクエストに必要な機能にサーバーが対応していません（未知のメソッドや、復号できない転送コーディングなど）。',
    },
  },
  {
    code: '503',
    rfc: 'RFC 9110 15.6.4',
    meaning: {
      en: 'Service Unavailable: the server cannot handle the request now (overloaded, shutting down); Retry-After may say when to try again.',
      ja: 'Service Unavailable: サーバーは今リクエストを処理できません（過負荷や停止中など）。再試行の時期を Retry-After が示すことがあります。',
    },
  },
  {
    code: '505',
    rfc: 'RFC 9110 15.6.6',
    meaning: {
      en: 'HTTP Version Not Supported: the request line names a major HTTP version the server does not speak.',
      ja: 'HTTP Version Not Supported: リクエスト行が、サーバーの話さないメジャーバージョンの HTTP を指定しています。',
    },
  },
];
