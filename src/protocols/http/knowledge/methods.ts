import type { CommandKnowledge } from '../../knowledge.js';

/**
 * The methods the lab's server implements (RFC 9110 9.3), in the shape every protocol's
 * commands have: syntax (the request line, RFC 9112 3), the state it is typed in, the RFC
 * section, what it does in English and Japanese, and a short exchange.
 * `explain http GET`, the request line's explanation and the shell's completion read it.
 */
const AT_REQUEST_LINE = ['request-line'] as const;

export const METHODS: readonly CommandKnowledge[] = [
  {
    name: 'GET',
    syntax: 'GET <request-target> HTTP/1.1',
    states: AT_REQUEST_LINE,
    rfc: 'RFC 9110 9.3.1',
    summary: {
      en: 'Asks for the current representation of the target resource: the response body is the page, file or data. Safe and idempotent: it changes nothing on the server, so it may be repeated.',
      ja: '対象リソースの現在の表現を要求します。レスポンスのボディがページ、ファイル、データそのものです。安全でべき等なので、サーバー上の何も変えず、繰り返し送っても問題ありません。',
    },
    example: ['C: GET /hello.txt HTTP/1.1', 'C: Host: localhost', 'C: ', 'S: HTTP/1.1 200 OK', 'S: Content-Type: text/plain', 'S: Content-Length: 13', 'S: ', 'S: Hello, world!'],
  },
  {
    name: 'HEAD',
    syntax: 'HEAD <request-target> HTTP/1.1',
    states: AT_REQUEST_LINE,
    rfc: 'RFC 9110 9.3.2',
    summary: {
      en: 'Like GET, but the server sends only the status line and the header fields, never the body: a way to learn the size, type or validators of a resource without downloading it.',
      ja: 'GET と同じですが、サーバーはステータス行とヘッダーフィールドだけを送り、ボディは送りません。リソースをダウンロードせずに、サイズや種類、検証子を知るのに使います。',
    },
    example: ['C: HEAD / HTTP/1.1', 'C: Host: localhost', 'C: ', 'S: HTTP/1.1 200 OK', 'S: Content-Type: text/html', 'S: Content-Length: 512', 'S: '],
  },
  {
    name: 'POST',
    syntax: 'POST <request-target> HTTP/1.1',
    states: AT_REQUEST_LINE,
    rfc: 'RFC 9110 9.3.3',
    summary: {
      en: 'Sends the request body to the target resource to be processed as that resource decides (a form, a new item, an action). Neither safe nor idempotent: sending it twice may act twice.',
      ja: 'リクエストのボディを対象リソースに送り、リソースが決めたとおりに処理させます（フォーム送信、新しい項目の作成、操作の実行など）。安全でもべき等でもないので、2 回送ると 2 回処理されることがあります。',
    },
    example: ['C: POST /api/notes HTTP/1.1', 'C: Host: localhost', 'C: Content-Type: text/plain', 'C: Content-Length: 5', 'C: ', 'C: hello', 'S: HTTP/1.1 201 Created', 'S: Location: /api/notes/1'],
  },
  {
    name: 'PUT',
    syntax: 'PUT <request-target> HTTP/1.1',
    states: AT_REQUEST_LINE,
    rfc: 'RFC 9110 9.3.4',
    summary: {
      en: 'Creates or replaces the target resource with the request body. Idempotent: sending the same PUT twice leaves the same result as once.',
      ja: '対象リソースをリクエストのボディで作成または置き換えます。べき等なので、同じ PUT を 2 回送っても結果は 1 回のときと同じです。',
    },
    example: ['C: PUT /notes/1 HTTP/1.1', 'C: Host: localhost', 'C: Content-Length: 5', 'C: ', 'C: hello', 'S: HTTP/1.1 204 No Content'],
  },
  {
    name: 'DELETE',
    syntax: 'DELETE <request-target> HTTP/1.1',
    states: AT_REQUEST_LINE,
    rfc: 'RFC 9110 9.3.5',
    summary: {
      en: 'Asks the server to remove the target resource. Idempotent: deleting twice leaves it as gone as deleting once (the second answer may be 404).',
      ja: '対象リソースの削除をサーバーに求めます。べき等なので、2 回削除しても 1 回と同じく消えた状態になります（2 回目の応答は 404 になることがあります）。',
    },
    example: ['C: DELETE /api/messages/1 HTTP/1.1', 'C: Host: localhost', 'C: X-L7lab: 1', 'C: ', 'S: HTTP/1.1 204 No Content'],
  },
  {
    name: 'OPTIONS',
    syntax: 'OPTIONS <request-target>|* HTTP/1.1',
    states: AT_REQUEST_LINE,
    rfc: 'RFC 9110 9.3.7',
    summary: {
      en: 'Asks which methods the target resource (or, with the target *, the server as a whole) supports; the answer lists them in Allow. Browsers also send it as the CORS preflight.',
      ja: '対象リソース（ターゲットが * ならサーバー全体）が対応しているメソッドを問い合わせます。応答の Allow に一覧が入ります。ブラウザーは CORS のプリフライトとしても送ります。',
    },
    example: ['C: OPTIONS * HTTP/1.1', 'C: Host: localhost', 'C: ', 'S: HTTP/1.1 204 No Content', 'S: Allow: GET, HEAD, POST, PUT, DELETE, OPTIONS'],
  },
];
