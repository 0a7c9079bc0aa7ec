import type { Localized } from '../../../i18n.js';
import type { ReplyKnowledge, StateKnowledge } from '../../knowledge.js';

/** POP3 replies and response codes (RFC 1939 3, RFC 2449 8, RFC 3206), in English and Japanese. */
export const REPLIES: readonly ReplyKnowledge[] = [
  {
    code: '+OK',
    rfc: 'RFC 1939 3',
    meaning: {
      en: 'Success: the command worked. A multi-line reply continues after this line.',
      ja: '成功: コマンドは受け付けられました。複数行の応答なら、この行の後に続きます。',
    },
  },
  {
    code: '-ERR',
    rfc: 'RFC 1939 3',
    meaning: {
      en: 'Failure: the command was refused; the rest of the line says why.',
      ja: '失敗: コマンドは拒否されました。理由は行の残りに書かれています。',
    },
  },
  {
    code: '+',
    rfc: 'RFC 5034 4',
    meaning: {
      en: 'SASL continuation: the server waits for the next step of AUTH; send the base64 response on one line, or * to cancel.',
      ja: 'SASL の継続: サーバーは AUTH の次の手順を待っています。base64 の応答を 1 行で送るか、* で中止します。',
    },
  },
  {
    code: '.',
    rfc: 'RFC 1939 3',
    meaning: {
      en: 'End of the multi-line reply: a line holding only a dot.',
      ja: '複数行応答の終わり: ドット 1 つだけの行です。',
    },
  },
  {
    code: '[IN-USE]',
    rfc: 'RFC 2449 8.1.2',
    meaning: {
      en: "Another session holds this maildrop's lock; try again after that session has quit.",
      ja: '別のセッションがこのメールドロップをロックしています。そのセッションが終わってから再試行してください。',
    },
  },
  {
    code: '[LOGIN-DELAY]',
    rfc: 'RFC 2449 8.1.1',
    meaning: {
      en: 'Logging in too often: wait before the next login. (l7lab never sends it.)',
      ja: 'ログインの間隔が短すぎます。次のログインまで待つ必要があります（l7lab はこのコードを送りません）。',
    },
  },
  {
    code: '[AUTH]',
    rfc: 'RFC 3206 5',
    meaning: {
      en: 'The credentials were wrong (user name or password, deliberately not saying which); asking the user again makes sense.',
      ja: '認証情報が誤っていました（ユーザー名とパスワードのどちらが誤りかは、あえて伝えません）。ユーザーにもう一度入力してもらうのが適切です。',
    },
  },
  {
    code: '[SYS/TEMP]',
    rfc: 'RFC 3206 4',
    meaning: {
      en: "A temporary problem on the server, not the user's fault; try again later.",
      ja: 'サーバー側の一時的な問題で、利用者の誤りではありません。しばらくしてから再試行してください。',
    },
  },
  {
    code: '[SYS/PERM]',
    rfc: 'RFC 3206 4',
    meaning: {
      en: 'A lasting problem on the server; retrying will not help, ask its administrator.',
      ja: 'サーバー側の恒久的な問題です。再試行しても解決しないので、管理者に問い合わせてください。',
    },
  },
];

/** The three states of RFC 1939 3. */
export const STATES: readonly StateKnowledge[] = [
  {
    name: 'AUTHORIZATION',
    // RFC 1939 4; STLS is valid only in this state (RFC 2595 4), CAPA too (RFC 2449 5).
    rfc: 'RFC 1939 4',
    meaning: {
      en: 'After the greeting: the client must identify itself with USER/PASS, APOP or AUTH. Only those, CAPA, STLS and QUIT are allowed.',
      ja: '挨拶直後の状態です。クライアントは USER/PASS、APOP、AUTH のいずれかで身元を示します。使えるのはこれらと CAPA、STLS、QUIT だけです。',
    },
  },
  {
    name: 'TRANSACTION',
    rfc: 'RFC 1939 5',
    meaning: {
      en: 'Logged in and the maildrop locked: STAT, LIST, UIDL, RETR, TOP, DELE, RSET, NOOP. Message numbers stay fixed for the session.',
      ja: 'ログイン済みで、メールドロップがロックされた状態です。STAT、LIST、UIDL、RETR、TOP、DELE、RSET、NOOP が使えます。メッセージ番号はセッション中ずっと変わりません。',
    },
  },
  {
    name: 'UPDATE',
    rfc: 'RFC 1939 6',
    meaning: {
      en: 'Entered only by QUIT from TRANSACTION: the server removes the messages marked deleted, releases the lock and closes. A dropped connection never gets here.',
      ja: 'TRANSACTION 状態で QUIT したときだけ入る状態です。サーバーは削除の印が付いたメッセージを消し、ロックを解放して接続を閉じます。接続が途中で切れた場合はこの状態に入りません。',
    },
  },
];

/** What a +OK means right after each command (the transcript explains replies in context). */
export const OK_AFTER: Readonly<Record<string, Localized>> = {
  GREETING: {
    en: 'Greeting: the server is ready. The <...> at the end is the APOP timestamp, new for every connection.',
    ja: '挨拶: サーバーの準備ができました。末尾の <...> は APOP 用のタイムスタンプで、接続ごとに新しくなります。',
  },
  USER: {
    en: 'Name noted; send PASS next. (l7lab says +OK to any name, so this does not prove the user exists.)',
    ja: 'ユーザー名を受け取りました。次は PASS を送ります（l7lab はどの名前にも +OK を返すので、ユーザーが存在する証拠にはなりません）。',
  },
  LOGIN: {
    en: 'Logged in: the maildrop is locked for this session and the state is now TRANSACTION. The line gives the count and total size of the messages.',
    ja: 'ログインしました。このセッションのためにメールドロップがロックされ、TRANSACTION 状態になりました。行にはメッセージ数と合計サイズが示されています。',
  },
  STAT: {
    en: 'Drop listing: the message count, then the total size in octets.',
    ja: 'ドロップリスト: メッセージ数と、合計サイズ（オクテット）です。',
  },
  LIST: {
    en: 'Scan listing follows: one line per message, ended by a line with only ".".',
    ja: 'スキャンリストが続きます。1 通につき 1 行で、「.」だけの行で終わります。',
  },
  LIST1: {
    en: 'Scan listing of one message: its number, then its size in octets.',
    ja: '1 通分のスキャンリスト: メッセージ番号と、サイズ（オクテット）です。',
  },
  UIDL: {
    en: 'Unique-id listing follows: one line per message, ended by a line with only ".".',
    ja: '固有 ID の一覧が続きます。1 通につき 1 行で、「.」だけの行で終わります。',
  },
  UIDL1: {
    en: 'The message number, then its unique id, which stays the same in every session.',
    ja: 'メッセージ番号と、その固有 ID です。ID はどのセッションでも変わりません。',
  },
  RETR: {
    en: 'The message follows (size in octets), byte-stuffed, ended by a line with only ".".',
    ja: 'このあとにメッセージが続きます（数字はオクテット単位のサイズ）。ドットスタッフィングされ、「.」だけの行で終わります。',
  },
  TOP: {
    en: 'The header, a blank line and the first lines of the body follow, ended by a line with only ".".',
    ja: 'ヘッダー、空行、本文の先頭の数行が続き、「.」だけの行で終わります。',
  },
  DELE: {
    en: 'Marked only: the message is gone from the listings now, and from the server at QUIT.',
    ja: '印を付けただけです。一覧からはすぐに消えますが、サーバーから消えるのは QUIT のときです。',
  },
  RSET: {
    en: 'Deletion marks cleared; the count and size of the maildrop again.',
    ja: '削除の印を取り消しました。メールドロップのメッセージ数とサイズを改めて示しています。',
  },
  NOOP: {
    en: 'Nothing was done; the server is alive.',
    ja: '何もしていません。サーバーが応答していることの確認です。',
  },
  QUIT: {
    // RFC 1939 4 and 6: QUIT in AUTHORIZATION only ends the session; from TRANSACTION it enters UPDATE.
    en: 'Goodbye. If you were logged in (TRANSACTION), the session went through UPDATE and only then removed the messages marked by DELE; a QUIT before login removes nothing.',
    ja: '終了のあいさつです。ログイン済み（TRANSACTION）なら UPDATE 状態を経て、DELE で印を付けたメッセージがここで初めて削除されます。ログイン前の QUIT では何も削除されません。',
  },
  STLS: {
    en: 'Go ahead with TLS: the client starts the handshake now; what follows is encrypted, and the client asks CAPA again.',
    ja: 'TLS を始めてください。クライアントがここでハンドシェイクを始めます。この後のやり取りは暗号化され、クライアントは CAPA を聞き直します。',
  },
  CAPA: {
    en: 'Capability list follows, one per line, ended by a line with only ".".',
    ja: '対応機能の一覧が 1 行に 1 つずつ続き、「.」だけの行で終わります。',
  },
  AUTH: {
    en: 'The SASL mechanisms this server offers follow, ended by a line with only ".".',
    ja: 'このサーバーが使える SASL メカニズムの一覧が続き、「.」だけの行で終わります。',
  },
};

/** -ERR in a context where the reason deserves more than the line itself says. */
export const ERR_IN: Readonly<Record<string, Localized>> = {
  TIMEOUT: {
    en: 'Autologout: no command for too long. The session ends without UPDATE, so nothing is deleted.',
    ja: '自動ログアウト: 長い間コマンドがありませんでした。UPDATE 状態に入らずに終わるので、何も削除されません。',
  },
  OVERFLOW: {
    en: 'The command line was longer than 255 octets (RFC 2449 4), so it was discarded unread.',
    ja: 'コマンド行が 255 オクテット（RFC 2449 4）を超えたため、読まずに破棄されました。',
  },
  CLEARTEXT: {
    // RFC 2595 2.2; Dovecot's disable_plaintext_auth answers the same way, with [AUTH] (RFC 3206 5).
    en: 'This server refuses passwords in clear outside TLS (RFC 2595 2.2); [AUTH] marks it as a login problem. Send STLS first, or use APOP, which sends no password.',
    ja: 'このサーバーは、TLS の外では平文のパスワードを受け付けません（RFC 2595 2.2）。[AUTH] はログインに関する問題であることを示します。先に STLS を送るか、パスワードを送らない APOP を使ってください。',
  },
  STATE: {
    en: 'The command exists, but not in this state: POP3 allows each command only in certain states (RFC 1939 3).',
    ja: 'コマンド自体はありますが、今の状態では使えません。POP3 では状態ごとに使えるコマンドが決まっています（RFC 1939 3）。',
  },
};

/** One line of a multi-line listing, by the command it answers. */
export const LISTING_LINE: Readonly<Record<string, Localized>> = {
  LIST: { en: 'Scan listing: message number, then size in octets.', ja: 'スキャンリストの 1 行: メッセージ番号と、サイズ（オクテット）です。' },
  UIDL: {
    en: 'Message number, then its unique id: the same in every session.',
    ja: 'メッセージ番号と固有 ID です。ID はどのセッションでも同じです。',
  },
  AUTH: { en: 'A SASL mechanism AUTH accepts.', ja: 'AUTH で使える SASL メカニズムの 1 つです。' },
};

/** CAPA lines (RFC 2449 6), including those other servers announce (for `practice --connect`). */
export const CAPABILITY_TEXT: Readonly<Record<string, Localized>> = {
  TOP: { en: 'TOP is supported: the header and first lines of a message.', ja: 'TOP に対応: メッセージのヘッダーと先頭の数行を取り出せます。' },
  UIDL: { en: 'UIDL is supported: unique ids that stay the same across sessions.', ja: 'UIDL に対応: セッションをまたいで変わらない固有 ID を取り出せます。' },
  USER: { en: 'Login with USER and PASS (the password in clear text).', ja: 'USER と PASS によるログインに対応（パスワードは平文で送られます）。' },
  SASL: { en: 'AUTH with these SASL mechanisms (RFC 5034).', ja: 'これらの SASL メカニズムによる AUTH に対応（RFC 5034）。' },
  'RESP-CODES': {
    en: '-ERR replies may carry a response code in brackets, such as [IN-USE].',
    ja: '-ERR 応答に [IN-USE] のような角かっこ付きの応答コードが付くことがあります。',
  },
  'AUTH-RESP-CODE': {
    en: 'Login failures carry [AUTH] or [SYS/...], so a client knows whether to ask for the password again (RFC 3206).',
    ja: 'ログインに失敗すると [AUTH] や [SYS/...] が付くので、クライアントはパスワードを聞き直すべきか判断できます（RFC 3206）。',
  },
  PIPELINING: {
    en: 'The client may send several commands without waiting; the replies come back in order.',
    ja: 'クライアントは応答を待たずに複数のコマンドを送れます。応答は送った順に返ってきます。',
  },
  IMPLEMENTATION: { en: "The server software's name, for people to read.", ja: 'サーバーソフトウェアの名前です（人が読むための情報）。' },
  'LOGIN-DELAY': { en: 'The minimum number of seconds between two logins.', ja: '2 回のログインの間に空けるべき最小の秒数です。' },
  EXPIRE: { en: 'How many days the server keeps messages (NEVER: for ever).', ja: 'サーバーがメッセージを保持する日数です（NEVER は無期限）。' },
  STLS: { en: 'STLS switches the connection to TLS (RFC 2595).', ja: 'STLS で接続を TLS に切り替えられます（RFC 2595）。' },
};
