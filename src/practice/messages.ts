import { messages, type Localized } from '../i18n.js';

/**
 * The practice shell's own words, in English and Japanese (`l7lab explain`'s are in
 * explain/messages.ts). What a command or reply means is not here: that lives in each
 * protocol's knowledge table.
 */
const MESSAGES = {
  // practice: connecting
  connectedLab: {
    en: '{protocol} on the built-in lab at {host}:{port} (loopback only). Accounts: alice / wonderland, bob / builder; mail already waits in both mailboxes.',
    ja: '組み込みラボの {protocol}（{host}:{port}、ループバックのみ）に接続しました。アカウント: alice / wonderland、bob / builder。どちらのメールボックスにもメールが届いています。',
  },
  connectedLabHttp: {
    en: "HTTP on the built-in lab at {host}:{port} (loopback only): the lab's web server, every line of it explained.",
    ja: '組み込みラボの HTTP（{host}:{port}、ループバックのみ）に接続しました。ラボの Web サーバーで、すべての行を説明します。',
  },
  connectedRemote: {
    en: '{protocol} at {host}:{port}. This server is not the lab, so its session state is unknown and Tab offers every command.',
    ja: '{host}:{port} の {protocol} に接続しました。ラボ以外のサーバーなのでセッション状態はわからず、Tab ではすべてのコマンドを候補に出します。',
  },
  tips: {
    en: 'Type a command and press Enter (sent with CRLF). Tab completes, :help lists the helpers, Ctrl-C cancels a line, Ctrl-D quits.',
    ja: 'コマンドを入力して Enter（CRLF 付きで送信）。Tab で補完、:help で補助コマンドの一覧、Ctrl-C で入力中の行を取り消し、Ctrl-D で終了します。',
  },
  badTarget: {
    en: 'invalid --connect "{value}": use host:port, e.g. 127.0.0.1:2525 or [::1]:2143',
    ja: '--connect「{value}」が正しくありません。host:port の形で指定してください（例: 127.0.0.1:2525、[::1]:2143）',
  },
  refused: {
    en: 'could not connect to {host}:{port}: connection refused (nothing listens there)',
    ja: '{host}:{port} に接続できません: 接続を拒否されました（そこでは何も待ち受けていません）',
  },
  unreachable: { en: 'could not connect to {host}:{port}: {why}', ja: '{host}:{port} に接続できません: {why}' },
  closedEarly: {
    en: 'the server at {host}:{port} closed the connection before it greeted',
    ja: '{host}:{port} のサーバーは、挨拶を送る前に接続を閉じました',
  },

  noGreeting: {
    en: 'the server at {host}:{port} accepted the connection but sent no {protocol} greeting within {seconds} s (does it speak {protocol}?)',
    ja: '{host}:{port} のサーバーは接続を受け付けましたが、{seconds} 秒以内に {protocol} の挨拶を送ってきませんでした（{protocol} を話すサーバーですか？）',
  },
  quitHint: { en: '(:quit or Ctrl-D leaves)', ja: '（:quit または Ctrl-D で終了）' },

  // practice: the conversation
  closed: { en: 'The server closed the connection.', ja: 'サーバーが接続を閉じました。' },
  noReply: {
    en: 'No complete reply within {seconds} s: the server may still be busy, or its reply is not shaped as {protocol} expects.',
    ja: '{seconds} 秒以内に応答がそろいませんでした。サーバーがまだ処理中か、応答が {protocol} の形になっていません。',
  },
  tagAdded: {
    en: 'tag {tag} added: every IMAP command starts with a tag, and the reply that completes it repeats it (RFC 3501 2.2.1)',
    ja: 'タグ {tag} を付けました。IMAP のコマンドは必ずタグで始まり、完了の応答に同じタグが付きます（RFC 3501 2.2.1）',
  },
  dataMode: {
    en: 'Now type the message: headers, an empty line, the body. A line with only "." ends it; lines that start with "." are dot-stuffed for you (RFC 5321 4.5.2).',
    ja: 'メッセージを入力してください: ヘッダー、空行、本文の順です。"." だけの行で終わります。"." で始まる行には自動でドットを足します（RFC 5321 4.5.2）。',
  },
  stuffed: { en: 'you typed "{typed}"; it goes on the wire as "{wire}" (dot-stuffing)', ja: '入力は「{typed}」、送信時は「{wire}」になります（ドットスタッフィング）' },
  literalMode: {
    en: 'Now type the literal: exactly {size} octets, each Enter counting 2 for its CRLF. The command goes on by itself once they are in.',
    ja: 'リテラルを入力してください: ちょうど {size} オクテットです（Enter ごとに CRLF の 2 オクテットを数えます）。そろうとコマンドは自動で続きます。',
  },
  literalLine: { en: 'literal octets, counted exactly (RFC 3501 4.3)', ja: 'リテラルのデータです。バイト数が厳密に数えられます（RFC 3501 4.3）' },
  continuation: {
    en: 'The server waits for your answer on the next line (base64 for AUTH; * cancels). :plain, :cram and :b64 build it.',
    ja: 'サーバーは次の行での応答を待っています（AUTH なら base64、* で中止）。:plain、:cram、:b64 で作れます。',
  },
  idle: {
    en: 'The server now reports changes as they happen (RFC 2177), shown here as they arrive; DONE ends IDLE.',
    ja: 'サーバーは変化が起きるたびに知らせてきます（RFC 2177）。届いた時点でここに表示します。DONE で IDLE を終えます。',
  },
  tlsNow: {
    en: 'The server now waits for a TLS handshake, which this shell does not do, so the plain-text session ends here. To go on encrypted: openssl s_client -starttls {protocol} -crlf -connect {where}',
    ja: 'サーバーは TLS のハンドシェイクを待っていますが、このシェルは TLS を扱えないため、平文のセッションはここで終わります。暗号化して続けるには: openssl s_client -starttls {protocol} -crlf -connect {where}',
  },
  stateNow: { en: 'session state: {state}', ja: 'セッション状態: {state}' },
  stateUnknown: {
    en: 'The session state is known only on the built-in lab; this server is not ours. Every command is offered.',
    ja: 'セッション状態がわかるのは組み込みラボだけです。このサーバーはラボではないため、すべてのコマンドを候補にします。',
  },
  allowedNow: { en: 'commands allowed now: {list}', ja: '今使えるコマンド: {list}' },
  rawOn: { en: 'Raw view on: each line shows its line ending and its size in bytes.', ja: '生データ表示オン: 各行の行末記号とバイト数を表示します。' },
  rawOff: { en: 'Raw view off.', ja: '生データ表示オフ。' },
  bytes: { en: '{n} bytes', ja: '{n} バイト' },
  historyEmpty: { en: 'No history yet.', ja: '履歴はまだありません。' },
  historyFile: {
    en: 'History file: {path} (lines that carry a password or a SASL response are not saved)',
    ja: '履歴ファイル: {path}（パスワードや SASL の応答を含む行は保存しません）',
  },
  historyUnwritable: { en: 'History cannot be saved in {path}: {why}', ja: '履歴を {path} に保存できません: {why}' },
  unknownHelper: { en: 'unknown helper :{name}; :help lists them', ja: '補助コマンド :{name} はありません。:help で一覧を表示します' },
  usage: { en: 'usage: {usage}', ja: '使い方: {usage}' },
  b64Result: { en: 'base64: {text}', ja: 'base64: {text}' },
  unb64Result: { en: 'decoded: {text}', ja: 'デコード結果: {text}' },
  unb64Invalid: {
    en: 'not base64 (RFC 4648 4: letters, digits, + and /, padded with = to a multiple of 4 characters)',
    ja: 'base64 ではありません（RFC 4648 4: 英数字と + と /、= で 4 文字の倍数にそろえたもの）',
  },
  plainResult: { en: 'send: {response}   (base64 of {decoded})', ja: '送る文字列: {response}（{decoded} の base64）' },
  cramResult: {
    en: 'challenge {challenge}; HMAC-MD5 digest {digest}\nsend: {response}   (base64 of "{decoded}")',
    ja: 'チャレンジ {challenge}、HMAC-MD5 ダイジェスト {digest}\n送る文字列: {response}（「{decoded}」の base64）',
  },
  apopResult: {
    en: 'MD5({timestamp} + secret) = {digest}\nsend: APOP <user> {digest}',
    ja: 'MD5({timestamp} + 秘密の文字列) = {digest}\n送る文字列: APOP <ユーザー名> {digest}',
  },
  apopNoTimestamp: {
    en: 'no timestamp: give one (:apop <timestamp> <secret>), or use :apop <secret> after a greeting that carries <...>',
    ja: 'タイムスタンプがありません。:apop <タイムスタンプ> <秘密の文字列> と指定するか、<...> を含む挨拶の後で :apop <秘密の文字列> を使ってください',
  },
  cramNoChallenge: {
    en: 'no challenge yet: start the exchange (AUTH CRAM-MD5) and use :cram <user> <secret> after the 334 / + line, or give it: :cram <challenge> <user> <secret>',
    ja: 'まだチャレンジがありません。交換を始めて（AUTH CRAM-MD5）、334 / + の行の後で :cram <ユーザー名> <秘密の文字列> を使うか、:cram <チャレンジ> <ユーザー名> <秘密の文字列> と指定してください',
  },
  qpResult: { en: 'quoted-printable (RFC 2045 6.7), from the UTF-8 octets:', ja: 'quoted-printable（RFC 2045 6.7）。UTF-8 のバイト列から作りました:' },
  qpNonAscii: { en: 'not ASCII: each of its UTF-8 octets becomes =XX (rule 1)', ja: 'ASCII ではないので、UTF-8 の各バイトを =XX にします（規則 1）' },
  qpEquals: { en: '"=" starts an escape, so it is escaped itself (rule 1)', ja: '「=」はエスケープの始まりなので、それ自体もエスケープします（規則 1）' },
  qpTrailingSpace: { en: 'a space or tab at a line end could be lost on the way, so it is escaped (rule 3)', ja: '行末の空白やタブは途中で消えることがあるので、エスケープします（規則 3）' },
  qpControl: { en: 'a control character is not printable ASCII (rule 1)', ja: '制御文字は印字可能な ASCII ではありません（規則 1）' },
  qpNothing: { en: 'nothing escaped: every octet is printable ASCII (rule 2)', ja: 'エスケープはありません。すべてのバイトが印字可能な ASCII です（規則 2）' },
  qpSoft: {
    en: '{n} soft line break(s): a line ending in "=" goes on in the next, so no line is longer than 76 characters (rule 5)',
    ja: 'ソフト改行 {n} 個: 「=」で終わる行は次の行に続きます。これで 1 行が 76 文字を超えません（規則 5）',
  },
  qpDecoded: { en: 'decoded (quoted-printable, RFC 2045 6.7): {text}', ja: 'デコード結果（quoted-printable、RFC 2045 6.7）: {text}' },
  qpSoftRemoved: { en: '{n} soft line break(s) ("=" at a line end) removed (rule 5)', ja: 'ソフト改行（行末の「=」）を {n} 個取り除きました（規則 5）' },
  qpNotUtf8: { en: 'the octets are not UTF-8: the part\'s charset parameter names what they are', ja: 'このバイト列は UTF-8 ではありません。何の文字コードかはパートの charset パラメーターが示します' },
  wordResult: {
    en: 'encoded word (RFC 2047), UTF-8, {encoding}:',
    ja: 'エンコードワード（RFC 2047）、UTF-8、{encoding}:',
  },
  wordB: { en: 'B = base64 (RFC 2047 4.1)', ja: 'B = base64（RFC 2047 4.1）' },
  wordQ: { en: 'Q = like quoted-printable, "_" for a space (RFC 2047 4.2)', ja: 'Q = quoted-printable に似た形式、空白は「_」（RFC 2047 4.2）' },
  wordSplit: {
    en: '{n} words: one may be at most 75 characters (RFC 2047 2); a reader joins adjacent words and drops the space between them (6.2)',
    ja: 'エンコードワード {n} 個に分けました。1 個は 75 文字までです（RFC 2047 2）。読む側は隣り合うエンコードワードをつなぎ、間の空白を取り除きます（6.2）',
  },
  wordOne: { en: '{word} -> {text}   (charset {charset}, {encoding})', ja: '{word} -> {text}（文字コード {charset}、{encoding}）' },
  wordDecoded: { en: 'decoded: {text}', ja: 'デコード結果: {text}' },
  wordNone: { en: 'no encoded word (=?charset?B|Q?text?=) in this text', ja: 'この文字列にエンコードワード（=?文字コード?B|Q?テキスト?=）はありません' },
  // practice http
  tipsHttp: {
    en: 'Type a request line (GET / HTTP/1.1), its fields (Host: localhost), then an empty line: each line goes out with CRLF when the request is complete, and the response is explained line by line. Tab completes methods and fields, :body FILE sends a file as the body, Ctrl-D quits.',
    ja: 'リクエスト行（GET / HTTP/1.1）、フィールド（Host: localhost）、空行の順に入力します。リクエストがそろった時点で各行を CRLF 付きで送り、レスポンスを 1 行ずつ説明します。Tab でメソッドとフィールドを補完、:body ファイル でファイルをボディとして送信、Ctrl-D で終了します。',
  },
  httpBodyMode: {
    en: 'Now type the body: {n} bytes, as Content-Length said; a line break inside it counts 2 bytes (CRLF). The request goes out when they are in.',
    ja: 'ボディを入力してください。Content-Length のとおり {n} バイトです。途中の改行は CRLF の 2 バイトと数えます。そろうとリクエストを送ります。',
  },
  httpChunkMode: {
    en: 'Now type the chunked body: a size in hex, the data, ..., then 0 and an empty line (RFC 9112 7.1).',
    ja: 'chunked のボディを入力してください。16 進数のサイズ、データ、…… の順で、最後に 0 と空行を入力します（RFC 9112 7.1）。',
  },
  httpContinue: {
    en: 'The head went out first (Expect: 100-continue); the body follows once the server answers 100 Continue.',
    ja: 'ヘッダー部分だけを先に送りました（Expect: 100-continue）。サーバーが 100 Continue を返したらボディを送ります。',
  },
  bodyAdded: {
    en: '{field} added: the {n} bytes of {file} go out after the empty line.',
    ja: '{field} を追加しました。{file} の {n} バイトを空行の後に送ります。',
  },
  bodyNoHead: {
    en: ':body FILE belongs between the fields of a request: type the request line first, then :body before the empty line.',
    ja: ':body ファイル はリクエストのフィールドの間で使います。先にリクエスト行を入力し、空行の前で :body を使ってください。',
  },
  bodyUnreadable: { en: 'cannot read {file}: {why}', ja: '{file} を読めません: {why}' },
  bodyOnlyHttp: { en: ':body is for practice http', ja: ':body は practice http で使います' },
  bodySummary: { en: '({n} bytes of {type}, not shown)', ja: '（{type} の {n} バイト、表示は省略します）' },
  bodyMore: { en: '... ({n} more lines)', ja: '……（ほかに {n} 行）' },
  endOfTrailers: {
    en: 'The empty line after the last chunk and its trailer fields: the message is complete (RFC 9112 7.1).',
    ja: '最後のチャンクとトレーラーフィールドの後の空行です。ここでメッセージが完結します（RFC 9112 7.1）。',
  },
  httpFieldsNow: {
    en: 'now: field lines (Name: value; Tab completes the names), then an empty line that sends the request',
    ja: '今入力するもの: フィールドの行（名前: 値。Tab で名前を補完できます）、続いてリクエストを送る空行',
  },
  httpBodyNow: { en: 'now: the body, as its framing announced', ja: '今入力するもの: 予告されたとおりのボディ' },
  httpNoStarttls: {
    en: 'HTTP has no STARTTLS: HTTPS is TLS from the first byte on its own port, so use --tls',
    ja: 'HTTP に STARTTLS はありません。HTTPS は専用のポートで最初のバイトから TLS を使うので、--tls を指定してください',
  },
  helpHeader: { en: 'Helpers (a colon never starts a protocol command, so these never reach the server):', ja: '補助コマンド（コロンで始まる行はサーバーに送られません）:' },
} satisfies Record<string, Localized>;

export type MessageKey = keyof typeof MESSAGES;

export const msg = messages(MESSAGES);

/** One line per helper for :help, usage then purpose. */
export const HELPER_HELP: ReadonlyArray<{ usage: string; text: Localized }> = [
  { usage: ':help', text: { en: 'this list', ja: 'この一覧' } },
  { usage: ':explain <code|command>', text: { en: 'what a reply code or a command means (like l7lab explain)', ja: '応答コードやコマンドの意味（l7lab explain と同じ）' } },
  { usage: ':state', text: { en: 'the session state now and the commands it allows', ja: '今のセッション状態と、使えるコマンド' } },
  { usage: ':b64 <text>', text: { en: 'encode text as base64', ja: '文字列を base64 に符号化' } },
  { usage: ':unb64 <base64>', text: { en: 'decode base64 (NUL shows as \\0)', ja: 'base64 をデコード（NUL は \\0 と表示）' } },
  { usage: ':plain <user> <password>', text: { en: 'the AUTH PLAIN string: base64 of \\0user\\0password', ja: 'AUTH PLAIN の文字列: \\0ユーザー\\0パスワード の base64' } },
  { usage: ':cram [<challenge>] <user> <secret>', text: { en: 'the CRAM-MD5 answer; without a challenge, the last 334 / + one (base64, or give <...>)', ja: 'CRAM-MD5 の応答。チャレンジを省くと直前の 334 / + のもの（base64、または <...> で指定）' } },
  { usage: ':apop [<timestamp>] <secret>', text: { en: "the APOP digest; without a timestamp, the greeting's", ja: 'APOP のダイジェスト。タイムスタンプを省くと挨拶のものを使います' } },
  { usage: ':qp [-d] <text>', text: { en: 'quoted-printable: encode UTF-8 text (-d: decode), showing each =XX', ja: 'quoted-printable: UTF-8 の文字列を符号化（-d でデコード）。各 =XX の理由も表示' } },
  { usage: ':word [-q|-d] <text>', text: { en: 'RFC 2047 encoded word for a header (B; -q: Q; -d: decode any, also ISO-2022-JP)', ja: 'ヘッダー用の RFC 2047 エンコードワード（B、-q で Q、-d でデコード。ISO-2022-JP も可）' } },
  { usage: ':body <file>', text: { en: 'HTTP: send the file as the body, with its Content-Length', ja: 'HTTP: ファイルをボディとして送り、Content-Length を付けます' } },
  { usage: ':raw', text: { en: 'show line endings (CR LF) and sizes in bytes, or stop', ja: '行末（CR LF）とバイト数の表示を切り替え' } },
  { usage: ':history', text: { en: 'commands typed before, also in earlier sessions', ja: 'これまでに入力したコマンド（以前のセッションも含む）' } },
  { usage: ':quit', text: { en: 'leave (so does Ctrl-D)', ja: '終了（Ctrl-D でも終了）' } },
];
