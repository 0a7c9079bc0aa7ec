import type { TermKnowledge } from '../../knowledge.js';

/**
 * Header fields (RFC 9110 5; their lines RFC 9112 5): what each means, in English and
 * Japanese, with the section that defines it. Names compare case-insensitively (RFC 9110 5.1),
 * so tables.ts keys them in lower case. The lab's server, its web app, browsers and the
 * common real servers send these; `explain http Host` and the response explanations read them.
 */
export const FIELD_ROWS: ReadonlyArray<Omit<TermKnowledge, 'kind'>> = [
  {
    name: 'Host',
    rfc: 'RFC 9110 7.2',
    meaning: {
      en: 'The host (and port) the client wants: one server address can serve many sites. Mandatory in every HTTP/1.1 request: without it, or with two, the server answers 400 (RFC 9112 3.2).',
      ja: 'クライアントが求めるホスト名（とポート）です。1 つのサーバーアドレスで多くのサイトを提供できるのはこのためです。HTTP/1.1 のリクエストには必須で、ないときや 2 つあるときはサーバーが 400 を返します（RFC 9112 3.2）。',
    },
  },
  {
    name: 'Content-Length',
    rfc: 'RFC 9110 8.6',
    meaning: {
      en: 'The size of the body in bytes: the receiver reads exactly that many bytes after the empty line, and the next message starts right after (RFC 9112 6.2).',
      ja: 'ボディの大きさ（バイト数）です。受け手は空行の後でちょうどその数のバイトを読み、その直後から次のメッセージが始まります（RFC 9112 6.2）。',
    },
  },
  {
    name: 'Transfer-Encoding',
    rfc: 'RFC 9112 6.1',
    meaning: {
      en: 'The transfer codings applied to the body, last one chunked: the body comes in chunks, each after its size in hex, so the sender need not know the length in advance. Sent together with Content-Length it is refused (request smuggling, RFC 9112 6.3).',
      ja: 'ボディにかけた転送コーディングで、最後は chunked です。ボディはチャンクに分かれ、それぞれの前に 16 進数のサイズが付くので、送り手は長さを前もって知る必要がありません。Content-Length と一緒に送ると拒否されます（リクエストスマグリング、RFC 9112 6.3）。',
    },
  },
  {
    name: 'Connection',
    rfc: 'RFC 9110 7.6.1',
    meaning: {
      en: 'Options for this connection only. "close" ends the connection after this response; without it an HTTP/1.1 connection stays open for the next request (RFC 9112 9.3).',
      ja: 'この接続だけに関するオプションです。「close」ならこのレスポンスの後で接続を閉じます。指定がなければ、HTTP/1.1 の接続は次のリクエストのために開いたままです（RFC 9112 9.3）。',
    },
  },
  {
    name: 'Content-Type',
    rfc: 'RFC 9110 8.3',
    meaning: {
      en: 'The media type of the body (text/html, application/json, ...) and its charset: how to read the bytes.',
      ja: 'ボディのメディアタイプ（text/html、application/json など）と文字コードです。バイト列をどう読むかを示します。',
    },
  },
  {
    name: 'Content-Encoding',
    rfc: 'RFC 9110 8.4',
    meaning: {
      en: 'A coding applied to the representation itself (gzip, br, ...); the client decodes it to get the original bytes.',
      ja: '表現そのものにかけたコーディング（gzip、br など）です。クライアントが復号すると元のバイト列になります。',
    },
  },
  {
    name: 'Accept',
    rfc: 'RFC 9110 12.5.1',
    meaning: {
      en: 'The media types the client prefers in the response, with optional q weights.',
      ja: 'クライアントがレスポンスに望むメディアタイプです。q 値で優先度を付けられます。',
    },
  },
  {
    name: 'Accept-Language',
    rfc: 'RFC 9110 12.5.4',
    meaning: {
      en: 'The natural languages the client prefers (ja, en-US, ...), with optional q weights.',
      ja: 'クライアントが望む言語（ja、en-US など）です。q 値で優先度を付けられます。',
    },
  },
  {
    name: 'Accept-Encoding',
    rfc: 'RFC 9110 12.5.3',
    meaning: {
      en: 'The content codings the client can decode (gzip, br, ...); the server may compress the body with one of them.',
      ja: 'クライアントが復号できるコンテンツコーディング（gzip、br など）です。サーバーはその中の 1 つでボディを圧縮できます。',
    },
  },
  {
    name: 'User-Agent',
    rfc: 'RFC 9110 10.1.5',
    meaning: {
      en: 'The client software, such as curl/8.5.0 or a browser, for statistics and workarounds.',
      ja: 'クライアントのソフトウェアです（curl/8.5.0 やブラウザーなど）。統計や不具合の回避に使われます。',
    },
  },
  {
    name: 'ETag',
    rfc: 'RFC 9110 8.8.3',
    meaning: {
      en: 'An opaque tag of this version of the representation: the client sends it back in If-None-Match to ask "only if it changed".',
      ja: 'この版の表現を表す、中身の意味を持たないタグです。クライアントは If-None-Match に入れて送り返し、「変わったときだけ」と頼みます。',
    },
  },
  {
    name: 'If-None-Match',
    rfc: 'RFC 9110 13.1.2',
    meaning: {
      en: 'Conditional request: send the representation only if its ETag is none of these; if it matches, the answer is 304 Not Modified without a body.',
      ja: '条件付きリクエストです。ETag がここに並べたどれとも一致しないときだけ表現を送るよう求めます。一致すれば、ボディのない 304 Not Modified が返ります。',
    },
  },
  {
    name: 'Last-Modified',
    rfc: 'RFC 9110 8.8.2',
    meaning: {
      en: 'When the representation last changed: the client sends it back in If-Modified-Since.',
      ja: '表現が最後に変更された日時です。クライアントは If-Modified-Since に入れて送り返します。',
    },
  },
  {
    name: 'If-Modified-Since',
    rfc: 'RFC 9110 13.1.3',
    meaning: {
      en: 'Conditional GET: send the representation only if it changed after this date; else 304 Not Modified. Ignored when If-None-Match is present.',
      ja: '条件付き GET です。この日時より後に変更されたときだけ表現を送るよう求め、そうでなければ 304 Not Modified が返ります。If-None-Match があるときは無視されます。',
    },
  },
  {
    name: 'Range',
    rfc: 'RFC 9110 14.2',
    meaning: {
      en: 'Asks for part of the representation, such as bytes=0-99: answered by 206 Partial Content, or 416 when the range lies outside it.',
      ja: '表現の一部を求めます（bytes=0-99 など）。206 Partial Content で応答され、範囲外なら 416 になります。',
    },
  },
  {
    name: 'Content-Range',
    rfc: 'RFC 9110 14.4',
    meaning: {
      en: 'Which bytes of the whole this body is, and the whole size: bytes 0-99/1234 (in a 416: bytes */1234).',
      ja: 'このボディが全体のどのバイト範囲か、と全体の大きさです。例: bytes 0-99/1234（416 では bytes */1234）。',
    },
  },
  {
    name: 'Accept-Ranges',
    rfc: 'RFC 9110 14.3',
    meaning: {
      en: 'The server accepts Range requests for this resource, in these units (bytes).',
      ja: 'このリソースについて、サーバーがこの単位（bytes）の Range リクエストを受け付けることを示します。',
    },
  },
  {
    name: 'Location',
    rfc: 'RFC 9110 10.2.2',
    meaning: {
      en: 'Where to go: the target of a redirect (3xx), or the resource a 201 Created made.',
      ja: '移動先です。リダイレクト（3xx）の行き先、または 201 Created で作られたリソースの場所を示します。',
    },
  },
  {
    name: 'Allow',
    rfc: 'RFC 9110 10.2.1',
    meaning: {
      en: 'The methods the target resource supports; sent with 405 and in answer to OPTIONS.',
      ja: '対象リソースが対応しているメソッドの一覧です。405 や OPTIONS への応答で送られます。',
    },
  },
  {
    name: 'Expect',
    rfc: 'RFC 9110 10.1.1',
    meaning: {
      en: '"100-continue": the client waits for 100 Continue before sending a large body, so a refusal costs no upload. Any other expectation gets 417.',
      ja: '「100-continue」は、大きなボディを送る前にクライアントが 100 Continue を待つことを示します。拒否されてもアップロードが無駄になりません。ほかの値には 417 が返ります。',
    },
  },
  {
    name: 'Date',
    rfc: 'RFC 9110 6.6.1',
    meaning: {
      en: 'When the message was made, always in GMT (IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT).',
      ja: 'メッセージが作られた日時で、必ず GMT で書きます（IMF-fixdate 形式: Sun, 06 Nov 1994 08:49:37 GMT）。',
    },
  },
  {
    name: 'Cache-Control',
    rfc: 'RFC 9111 5.2',
    meaning: {
      en: 'Caching directives: no-store (keep no copy), no-cache (check before reusing), max-age=n (fresh for n seconds), private, ...',
      ja: 'キャッシュの指示です。no-store（コピーを保存しない）、no-cache（再利用の前に確認する）、max-age=n（n 秒間は新しい）、private などがあります。',
    },
  },
  {
    name: 'Origin',
    rfc: 'RFC 6454 7',
    meaning: {
      en: 'The scheme, host and port of the page that made the request; the lab refuses state-changing requests from other origins (CSRF).',
      ja: 'リクエストを出したページのスキーム、ホスト、ポートです。l7lab は、ほかのオリジンからの状態を変えるリクエストを拒否します（CSRF 対策）。',
    },
  },
  {
    name: 'Cookie',
    rfc: 'RFC 6265 5.4',
    meaning: {
      en: 'The cookies the client stored for this site, sent back with each request: how a stateless protocol keeps a session.',
      ja: 'クライアントがこのサイトのために保存したクッキーで、リクエストのたびに送り返されます。状態を持たないプロトコルでセッションを保つ仕組みです。',
    },
  },
  {
    name: 'Set-Cookie',
    rfc: 'RFC 6265 4.1',
    meaning: {
      en: 'Asks the client to store a cookie (name=value, with attributes such as Path, Secure, HttpOnly, SameSite). Each cookie has its own line: these lines are never combined.',
      ja: 'クッキーの保存をクライアントに求めます（name=value に Path、Secure、HttpOnly、SameSite などの属性が付きます）。クッキーごとに別の行で送り、行がまとめられることはありません。',
    },
  },
  {
    name: 'Server',
    rfc: 'RFC 9110 10.2.4',
    meaning: { en: 'The server software that answered.', ja: '応答したサーバーのソフトウェアです。' },
  },
  {
    name: 'Keep-Alive',
    rfc: 'RFC 9112 C.2.2',
    meaning: {
      en: 'From HTTP/1.0, where connections closed by default: hints such as timeout=5, max=100, meaningful only with Connection: keep-alive. HTTP/1.1 connections persist without it.',
      ja: '接続が既定で閉じられていた HTTP/1.0 の時代のフィールドです。timeout=5, max=100 のような目安を伝えますが、Connection: keep-alive と一緒のときだけ意味を持ちます。HTTP/1.1 の接続はこれがなくても持続します。',
    },
  },
  {
    name: 'Trailer',
    rfc: 'RFC 9110 6.6.2',
    meaning: {
      en: 'Names the fields that will come as trailers, after the last chunk of a chunked body.',
      ja: 'chunked のボディの最後のチャンクの後に、トレーラーとして届くフィールドの名前を予告します。',
    },
  },
  {
    name: 'Content-Security-Policy',
    rfc: 'W3C CSP Level 3 3.1',
    meaning: {
      en: 'What the page may load and run (scripts, images, frames) and from where; the lab uses it to block remote loads in the HTML of a captured mail.',
      ja: 'ページが何を（スクリプト、画像、フレームなど）どこから読み込み、実行してよいかを決めます。l7lab は、取り込んだメールの HTML が外部から読み込むのを防ぐのに使います。',
    },
  },
  {
    name: 'Content-Disposition',
    rfc: 'RFC 6266 4',
    meaning: {
      en: '"attachment; filename=..." asks the browser to save the body as a file instead of showing it.',
      ja: '「attachment; filename=...」は、ボディを表示せずにファイルとして保存するようブラウザーに求めます。',
    },
  },
  {
    name: 'X-L7lab',
    rfc: 'Fetch Standard, CORS-preflight fetch',
    meaning: {
      en: "The lab's CSRF guard: a state-changing request must carry this custom field (or come from the same origin). A page on another site cannot add it without a CORS preflight, which the lab never grants.",
      ja: 'l7lab の CSRF 対策です。状態を変えるリクエストには、この独自フィールドを付ける（または同じオリジンから送る）必要があります。ほかのサイトのページは CORS のプリフライトなしにこれを付けられず、l7lab はそのプリフライトを許可しません。',
    },
  },
  {
    name: 'Vary',
    rfc: 'RFC 9110 12.5.5',
    meaning: {
      en: 'The request fields the response depended on (Accept-Encoding, ...): a cache must match them too before reusing it.',
      ja: 'レスポンスの内容が依存したリクエストのフィールド（Accept-Encoding など）です。キャッシュは再利用の前に、これらも一致するか確かめる必要があります。',
    },
  },
  {
    name: 'Retry-After',
    rfc: 'RFC 9110 10.2.3',
    meaning: {
      en: 'How long to wait (seconds or a date) before trying again, with 503 or a redirect.',
      ja: '再試行の前に待つ時間（秒数または日時）です。503 やリダイレクトと一緒に送られます。',
    },
  },
  {
    name: 'WWW-Authenticate',
    rfc: 'RFC 9110 11.6.1',
    meaning: {
      en: 'With 401: the authentication schemes the resource accepts (Basic, Bearer, ...).',
      ja: '401 と一緒に送られ、リソースが受け付ける認証方式（Basic、Bearer など）を示します。',
    },
  },
  {
    name: 'Authorization',
    rfc: 'RFC 9110 11.6.2',
    meaning: {
      en: 'The client\'s credentials. Basic is base64 of "user:password": an encoding, not encryption, so only over TLS.',
      ja: 'クライアントの認証情報です。Basic は「ユーザー名:パスワード」の base64 で、暗号化ではなく符号化にすぎないので、TLS の上でだけ使います。',
    },
  },
  {
    name: 'Referer',
    rfc: 'RFC 9110 10.1.3',
    meaning: {
      en: 'The page the request came from (the misspelling is historical).',
      ja: 'リクエストの元になったページです（つづりの誤りは歴史的な経緯によるものです）。',
    },
  },
];

