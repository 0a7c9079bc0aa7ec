import type { Localized } from '../../../i18n.js';

/**
 * What each IMAP command is for, in English and Japanese, with a short exchange. The
 * syntax, states and RFC section come from the command specs (commands/*.ts), so they
 * are written once; index.ts joins the two.
 */
export interface CommandText {
  summary: Localized;
  example: readonly string[];
}

export const COMMAND_TEXTS: Readonly<Record<string, CommandText>> = {
  CAPABILITY: {
    summary: { en: 'Ask which IMAP version, extensions and login methods the server supports.', ja: 'サーバーが対応する IMAP のバージョン・拡張機能・ログイン方式を問い合わせます。' },
    example: ['C: a1 CAPABILITY', 'S: * CAPABILITY IMAP4rev1 LITERAL+ IDLE UIDPLUS AUTH=PLAIN', 'S: a1 OK CAPABILITY completed'],
  },
  NOOP: {
    summary: { en: 'Do nothing; used to poll, since pending updates (new mail, flag changes) come back before the OK.', ja: '何もしないコマンドです。保留中の更新（新着メールやフラグの変化）が OK の前に返るので、ポーリングに使われます。' },
    example: ['C: a1 NOOP', 'S: * 4 EXISTS', 'S: a1 OK NOOP completed'],
  },
  LOGOUT: {
    summary: { en: 'End the session: the server says BYE, confirms with OK and closes the connection.', ja: 'セッションを終えます。サーバーは BYE を送り、OK で確認してから接続を閉じます。' },
    example: ['C: a1 LOGOUT', 'S: * BYE l7lab IMAP server logging out', 'S: a1 OK LOGOUT completed'],
  },
  ID: {
    summary: { en: 'Client and server tell each other their software name, for logs and bug reports.', ja: 'クライアントとサーバーがソフトウェア名を伝え合います。ログや不具合報告に役立ちます。' },
    example: ['C: a1 ID ("name" "imapflow")', 'S: * ID ("name" "l7lab" "vendor" "l7lab")', 'S: a1 OK ID completed'],
  },
  STARTTLS: {
    summary: {
      en: 'Switch this cleartext connection to TLS before logging in; after the OK the client starts the handshake, then asks CAPABILITY again (it changes: no STARTTLS, maybe no LOGINDISABLED).',
      ja: 'ログインの前に、平文の接続を TLS に切り替えます。OK の後でクライアントがハンドシェイクを始め、CAPABILITY を聞き直します（STARTTLS が消え、LOGINDISABLED も消えることがあります）。',
    },
    example: ['C: a1 STARTTLS', 'S: a1 OK Begin TLS negotiation now'],
  },
  LOGIN: {
    summary: { en: 'Log in with user name and password in plain text; without TLS anyone on the path can read them.', ja: 'ユーザー名とパスワードを平文で送ってログインします。TLS がなければ経路上の誰でも読めてしまいます。' },
    example: ['C: a1 LOGIN bob builder', 'S: a1 OK [CAPABILITY IMAP4rev1 ...] LOGIN completed'],
  },
  AUTHENTICATE: {
    summary: { en: 'Log in with a SASL mechanism; PLAIN sends base64(NUL user NUL password), an encoding, not encryption.', ja: 'SASL の方式でログインします。PLAIN は base64(NUL ユーザー NUL パスワード) を送るだけで、暗号化ではなく単なる符号化です。' },
    example: ['C: a1 AUTHENTICATE PLAIN', 'S: + ', 'C: AGJvYgBidWlsZGVy', 'S: a1 OK AUTHENTICATE completed'],
  },
  SELECT: {
    summary: { en: 'Open a mailbox for reading and writing; the replies give its message count, UIDVALIDITY and UIDNEXT.', ja: 'メールボックスを読み書き可能な状態で開きます。応答でメッセージ数や UIDVALIDITY、UIDNEXT がわかります。' },
    example: ['C: a1 SELECT INBOX', 'S: * 3 EXISTS', 'S: * OK [UIDVALIDITY 1700000000] UIDs valid', 'S: a1 OK [READ-WRITE] SELECT completed'],
  },
  EXAMINE: {
    summary: { en: 'Open a mailbox read-only: nothing changes, not even the \\Seen flag of what you read.', ja: 'メールボックスを読み取り専用で開きます。読んだメッセージの \\Seen フラグさえ変わりません。' },
    example: ['C: a1 EXAMINE INBOX', 'S: * 3 EXISTS', 'S: a1 OK [READ-ONLY] EXAMINE completed'],
  },
  CREATE: {
    summary: { en: 'Create a mailbox (folder); "/" separates levels, and missing parents are created too.', ja: 'メールボックス（フォルダー）を作ります。階層の区切りは「/」で、途中の親フォルダーも作られます。' },
    example: ['C: a1 CREATE Work/2024', 'S: a1 OK CREATE completed'],
  },
  DELETE: {
    summary: { en: 'Delete a mailbox and the messages in it; INBOX cannot be deleted.', ja: 'メールボックスを中のメッセージごと削除します。INBOX は削除できません。' },
    example: ['C: a1 DELETE Work/2023', 'S: a1 OK DELETE completed'],
  },
  RENAME: {
    summary: { en: 'Rename a mailbox; its sub-folders move with it.', ja: 'メールボックスの名前を変えます。配下のフォルダーも一緒に移動します。' },
    example: ['C: a1 RENAME Work Archive', 'S: a1 OK RENAME completed'],
  },
  SUBSCRIBE: {
    summary: { en: 'Add a mailbox to the subscribed list that LSUB shows, kept on the server for every device.', ja: 'LSUB で表示される購読リストにメールボックスを加えます。リストはサーバーにあるので全端末で共通です。' },
    example: ['C: a1 SUBSCRIBE Work', 'S: a1 OK SUBSCRIBE completed'],
  },
  UNSUBSCRIBE: {
    summary: { en: 'Remove a mailbox from the subscribed list; the mailbox itself stays.', ja: '購読リストからメールボックスを外します。メールボックス自体は残ります。' },
    example: ['C: a1 UNSUBSCRIBE Work', 'S: a1 OK UNSUBSCRIBE completed'],
  },
  LIST: {
    summary: { en: 'List mailbox names matching a pattern: * matches anything, % anything but the "/" delimiter.', ja: 'パターンに合うメールボックス名を一覧します。* は何にでも、% は区切り文字「/」以外に一致します。' },
    example: ['C: a1 LIST "" *', 'S: * LIST (\\HasNoChildren) "/" INBOX', 'S: a1 OK LIST completed'],
  },
  LSUB: {
    summary: { en: 'Like LIST, but only the subscribed mailboxes.', ja: 'LIST と同じですが、購読中のメールボックスだけを返します。' },
    example: ['C: a1 LSUB "" *', 'S: * LSUB () "/" Work', 'S: a1 OK LSUB completed'],
  },
  STATUS: {
    summary: { en: 'Counts of another mailbox (messages, unseen, next UID) without selecting it.', ja: '別のメールボックスを選択せずに、その件数（全体・未読・次の UID など）を調べます。' },
    example: ['C: a1 STATUS INBOX (MESSAGES UNSEEN)', 'S: * STATUS INBOX (MESSAGES 3 UNSEEN 1)', 'S: a1 OK STATUS completed'],
  },
  APPEND: {
    summary: { en: 'Upload a whole message into a mailbox (e.g. a sent copy or a draft), usually as a literal {n}.', ja: 'メッセージ全体をメールボックスに保存します（送信済みの控えや下書きなど）。ふつうはリテラル {n} で送ります。' },
    example: ['C: a1 APPEND Drafts (\\Draft) {310}', 'S: + Ready for literal data', 'C: <310 octets>', 'S: a1 OK [APPENDUID 1700000000 4] APPEND completed'],
  },
  NAMESPACE: {
    summary: { en: 'Ask where personal, shared and other users\' mailboxes live and which delimiter they use.', ja: '個人用・共有・他ユーザーのメールボックスがどこにあり、どの区切り文字を使うかを問い合わせます。' },
    example: ['C: a1 NAMESPACE', 'S: * NAMESPACE (("" "/")) NIL NIL', 'S: a1 OK NAMESPACE completed'],
  },
  ENABLE: {
    summary: { en: 'Turn on extensions that change how the server answers; this lab has none to enable.', ja: 'サーバーの応答の仕方を変える拡張を有効にします。この実験用サーバーには有効にできる拡張はありません。' },
    example: ['C: a1 ENABLE CONDSTORE', 'S: * ENABLED', 'S: a1 OK ENABLE completed'],
  },
  IDLE: {
    summary: { en: 'Wait for changes instead of polling: the server pushes EXISTS/EXPUNGE/FETCH at once; DONE ends it.', ja: 'ポーリングせずに変化を待ちます。サーバーは EXISTS・EXPUNGE・FETCH をすぐに知らせ、DONE で終わります。' },
    example: ['C: a1 IDLE', 'S: + idling', 'S: * 4 EXISTS', 'C: DONE', 'S: a1 OK IDLE terminated'],
  },
  CHECK: {
    summary: { en: 'Ask the server to checkpoint the mailbox; here every change is already saved.', ja: 'メールボックスの状態を確定させるよう求めます。このサーバーでは変更はすでにすべて保存済みです。' },
    example: ['C: a1 CHECK', 'S: a1 OK CHECK completed'],
  },
  CLOSE: {
    summary: { en: 'Leave the mailbox, silently removing messages marked \\Deleted (unless it was opened with EXAMINE).', ja: 'メールボックスを閉じます。その際 \\Deleted の付いたメッセージを黙って削除します（EXAMINE で開いた場合は除きます）。' },
    example: ['C: a1 CLOSE', 'S: a1 OK CLOSE completed'],
  },
  UNSELECT: {
    summary: { en: 'Leave the mailbox without removing anything.', ja: '何も削除せずにメールボックスを閉じます。' },
    example: ['C: a1 UNSELECT', 'S: a1 OK UNSELECT completed'],
  },
  EXPUNGE: {
    summary: { en: 'Permanently remove every message marked \\Deleted; each removal is reported as * n EXPUNGE.', ja: '\\Deleted の付いたメッセージをすべて完全に削除します。削除ごとに * n EXPUNGE で通知されます。' },
    example: ['C: a1 EXPUNGE', 'S: * 3 EXPUNGE', 'S: a1 OK EXPUNGE completed'],
  },
  SEARCH: {
    summary: { en: 'Find messages by flags, dates, sizes, headers or text; the answer is a list of numbers.', ja: 'フラグ・日付・サイズ・ヘッダー・本文でメッセージを探します。結果は番号の一覧です。' },
    example: ['C: a1 SEARCH UNSEEN FROM "alice"', 'S: * SEARCH 2 5', 'S: a1 OK SEARCH completed'],
  },
  FETCH: {
    summary: { en: 'Get message data: flags, size, envelope, structure or any part; BODY[] marks the message \\Seen, BODY.PEEK[] does not.', ja: 'メッセージのデータ（フラグ・サイズ・エンベロープ・構造・各パート）を取得します。BODY[] は \\Seen を付け、BODY.PEEK[] は付けません。' },
    example: ['C: a1 FETCH 1 (FLAGS BODY.PEEK[HEADER])', 'S: * 1 FETCH (FLAGS () BODY[HEADER] {342}', 'S: a1 OK FETCH completed'],
  },
  STORE: {
    summary: { en: 'Change flags on the server (FLAGS replaces, +FLAGS adds, -FLAGS removes); every device sees the change.', ja: 'サーバー上のフラグを変えます（FLAGS で置き換え、+FLAGS で追加、-FLAGS で削除）。変更は全端末に反映されます。' },
    example: ['C: a1 STORE 2 +FLAGS (\\Seen)', 'S: * 2 FETCH (FLAGS (\\Seen))', 'S: a1 OK STORE completed'],
  },
  COPY: {
    summary: { en: 'Copy messages into another mailbox; COPYUID tells the new UIDs.', ja: 'メッセージを別のメールボックスにコピーします。COPYUID で新しい UID がわかります。' },
    example: ['C: a1 COPY 1:2 Archive', 'S: a1 OK [COPYUID 1700000001 3:4 1:2] COPY completed'],
  },
  'UID FETCH': {
    summary: { en: 'FETCH by UID instead of sequence number: UIDs stay the same when other messages are removed.', ja: '番号ではなく UID で FETCH します。UID は他のメッセージが消えても変わりません。' },
    example: ['C: a1 UID FETCH 7 (FLAGS)', 'S: * 3 FETCH (UID 7 FLAGS (\\Seen))', 'S: a1 OK UID FETCH completed'],
  },
  'UID STORE': {
    summary: { en: 'STORE by UID: change flags of exactly the messages you mean, even after others were removed.', ja: 'UID で STORE します。他のメッセージが消えた後でも、狙ったメッセージのフラグだけを変えられます。' },
    example: ['C: a1 UID STORE 7 +FLAGS (\\Flagged)', 'S: * 3 FETCH (UID 7 FLAGS (\\Flagged))', 'S: a1 OK UID STORE completed'],
  },
  'UID SEARCH': {
    summary: { en: 'SEARCH, answering with UIDs instead of sequence numbers.', ja: 'SEARCH と同じですが、番号ではなく UID で答えます。' },
    example: ['C: a1 UID SEARCH UNSEEN', 'S: * SEARCH 7 9', 'S: a1 OK UID SEARCH completed'],
  },
  'UID COPY': {
    summary: { en: 'COPY by UID.', ja: 'UID を指定して COPY します。' },
    example: ['C: a1 UID COPY 7 Archive', 'S: a1 OK [COPYUID 1700000001 7 5] UID COPY completed'],
  },
  'UID EXPUNGE': {
    summary: { en: 'Remove only the \\Deleted messages in a UID set, never ones another device marked.', ja: '指定した UID の中で \\Deleted の付いたものだけを削除します。他の端末が印を付けたものは消しません。' },
    example: ['C: a1 UID EXPUNGE 7', 'S: * 3 EXPUNGE', 'S: a1 OK UID EXPUNGE completed'],
  },
};
