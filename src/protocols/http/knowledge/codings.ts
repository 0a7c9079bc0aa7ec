import type { StateKnowledge, TermKnowledge } from '../../knowledge.js';

/**
 * Codings (RFC 9112 7, RFC 9110 8.4.1): chunked, the transfer coding every HTTP/1.1
 * recipient must decode, and the compression codings that may be used as transfer codings
 * (Transfer-Encoding) or, far more often, as content codings (Content-Encoding).
 */
export const CODING_ROWS: ReadonlyArray<Omit<TermKnowledge, 'kind'>> = [
  {
    name: 'chunked',
    rfc: 'RFC 9112 7.1',
    meaning: {
      en: 'The body is sent in chunks: each is a line with its size in hexadecimal, then that many bytes and CRLF. A chunk of size 0 ends the body; trailer fields and an empty line may follow. The sender need not know the length before it starts.',
      ja: 'ボディをチャンクに分けて送ります。各チャンクはサイズを 16 進数で書いた行、そのバイト数のデータ、CRLF の順です。サイズ 0 のチャンクでボディが終わり、その後にトレーラーフィールドと空行が続くことがあります。送り手は送り始める前に長さを知る必要がありません。',
    },
  },
  {
    name: 'gzip',
    rfc: 'RFC 9110 8.4.1.3',
    meaning: {
      en: 'Compression in the gzip format (RFC 1952). Usually a content coding (Content-Encoding: gzip, after Accept-Encoding). As a transfer coding (RFC 9112 7.2) it would come before chunked; the lab decodes only chunked and answers 501 to any other transfer coding.',
      ja: 'gzip 形式（RFC 1952）の圧縮です。ふつうはコンテンツコーディングとして使います（Accept-Encoding の後の Content-Encoding: gzip）。転送コーディングとして使う場合（RFC 9112 7.2）は chunked の前に置きます。l7lab が復号する転送コーディングは chunked だけで、ほかには 501 を返します。',
    },
  },
  {
    name: 'deflate',
    rfc: 'RFC 9110 8.4.1.2',
    meaning: {
      en: 'Compression in the zlib format (RFC 1950) around deflate data (RFC 1951); some old servers sent raw deflate without zlib, so gzip is the safer choice. As a transfer coding, the lab answers 501.',
      ja: 'deflate のデータ（RFC 1951）を zlib 形式（RFC 1950）で包んだ圧縮です。古いサーバーの中には zlib で包まない deflate を送るものがあったため、gzip のほうが確実です。転送コーディングとして使うと、l7lab は 501 を返します。',
    },
  },
  {
    name: 'compress',
    rfc: 'RFC 9110 8.4.1.1',
    meaning: {
      en: 'The old UNIX compress (LZW) format; hardly used today. As a transfer coding, the lab answers 501.',
      ja: '古い UNIX の compress（LZW）形式です。今はほとんど使われません。転送コーディングとして使うと、l7lab は 501 を返します。',
    },
  },
  {
    name: 'br',
    rfc: 'RFC 7932',
    meaning: {
      en: 'Brotli compression, a content coding browsers offer in Accept-Encoding; not a transfer coding.',
      ja: 'Brotli 圧縮です。ブラウザーが Accept-Encoding で伝えるコンテンツコーディングで、転送コーディングではありません。',
    },
  },
];

/** The parts of a request the server reads, in order (RFC 9112 2.1): the session's states. */
export const HTTP_STATES: readonly StateKnowledge[] = [
  {
    name: 'request-line',
    rfc: 'RFC 9112 3',
    meaning: {
      en: 'Waiting for a request line: method, request-target and HTTP version, separated by single spaces. Empty lines before it are ignored.',
      ja: 'リクエスト行を待っています。メソッド、リクエストターゲット、HTTP バージョンを、空白 1 つずつで区切って書きます。その前の空行は無視されます。',
    },
  },
  {
    name: 'headers',
    rfc: 'RFC 9112 5',
    meaning: {
      en: 'Reading header fields, one per line as "Name: value", until an empty line ends the header section.',
      ja: 'ヘッダーフィールドを 1 行に 1 つ「名前: 値」の形で読んでいます。空行でヘッダー部分が終わります。',
    },
  },
  {
    name: 'body',
    rfc: 'RFC 9112 6',
    meaning: {
      en: 'Reading the body: exactly Content-Length bytes, or chunks until the last one. Then the server answers and waits for the next request line.',
      ja: 'ボディを読んでいます。Content-Length のバイト数ちょうど、または最後のチャンクまでです。読み終えるとサーバーが応答し、次のリクエスト行を待ちます。',
    },
  },
];
