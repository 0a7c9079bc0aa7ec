import type { Localized } from '../../../i18n.js';

/**
 * What each POP3 command does, in English and Japanese, with a short exchange.
 * Syntax, states and RFC section come from the command specs themselves (commands/*.ts).
 */
export interface CommandText {
  summary: Localized;
  example: readonly string[];
}

export const COMMAND_TEXT: Readonly<Record<string, CommandText>> = {
  STLS: {
    summary: {
      en: 'Switches this cleartext connection to TLS before logging in: after +OK the client starts the handshake, and USER/PASS then travel encrypted.',
      ja: 'ログインの前に、平文の接続を TLS に切り替えます。+OK の後でクライアントがハンドシェイクを始め、その後の USER/PASS は暗号化されて流れます。',
    },
    example: ['C: STLS', 'S: +OK Begin TLS negotiation'],
  },
  USER: {
    summary: {
      en: 'Names the maildrop (the user) to log in to; the password follows with PASS. l7lab answers +OK to any name, so names cannot be probed.',
      ja: 'ログインするメールドロップ（ユーザー名）を伝えます。パスワードは続く PASS で送ります。l7lab はどの名前にも +OK を返すので、存在するユーザー名を探ることはできません。',
    },
    example: ['C: USER bob', 'S: +OK send PASS for bob'],
  },
  PASS: {
    summary: {
      en: 'Sends the password in clear text, right after USER. On success the server locks the maildrop and the session enters TRANSACTION.',
      ja: 'USER の直後に、パスワードを平文で送ります。成功するとサーバーはメールドロップをロックし、セッションは TRANSACTION 状態に移ります。',
    },
    example: ['C: PASS builder', "S: +OK bob's maildrop has 2 messages (3426 octets)"],
  },
  APOP: {
    summary: {
      en: "Logs in without sending the password: the digest is MD5 of the greeting's timestamp followed by the shared secret. The server must keep the secret in clear, and MD5 is weak today.",
      ja: 'パスワードそのものを送らずにログインします。digest は、挨拶に含まれるタイムスタンプの後ろに共有の秘密（パスワード）をつなげた文字列の MD5 です。ただしサーバーは秘密を平文で保存しておく必要があり、MD5 も今では弱いハッシュです。',
    },
    example: [
      'S: +OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>',
      'C: APOP mrose c4c9334bac560ecc979e58001b3e22fb',
      "S: +OK mrose's maildrop has 1 message (369 octets)",
    ],
  },
  AUTH: {
    summary: {
      en: 'Logs in with SASL. PLAIN sends base64 of "\\0user\\0password": base64 is an encoding, not encryption.',
      ja: 'SASL でログインします。PLAIN は「\\0ユーザー名\\0パスワード」を base64 にして送ります。base64 は符号化であって、暗号化ではありません。',
    },
    example: ['C: AUTH PLAIN', 'S: + ', 'C: AGJvYgBidWlsZGVy', "S: +OK bob's maildrop has 2 messages (3426 octets)"],
  },
  CAPA: {
    summary: {
      en: 'Asks which optional features the server supports (TOP, UIDL, SASL, PIPELINING, ...). Allowed before and after login.',
      ja: 'サーバーが対応している拡張機能（TOP、UIDL、SASL、PIPELINING など）を問い合わせます。ログインの前でも後でも使えます。',
    },
    example: ['C: CAPA', 'S: +OK capability list follows', 'S: TOP', 'S: UIDL', 'S: .'],
  },
  STAT: {
    summary: {
      en: 'The number of messages in the maildrop and their total size in octets, leaving out messages marked deleted.',
      ja: 'メールドロップ内のメッセージ数と合計サイズ（オクテット）を返します。削除の印が付いたメッセージは数えません。',
    },
    example: ['C: STAT', 'S: +OK 2 3426'],
  },
  LIST: {
    summary: {
      en: 'The size in octets of every message, or of one: the scan listing.',
      ja: '各メッセージ（または指定した 1 通）のサイズをオクテット単位で返します。これをスキャンリストと呼びます。',
    },
    example: ['C: LIST', 'S: +OK 2 messages (3426 octets)', 'S: 1 1712', 'S: 2 1714', 'S: .', 'C: LIST 2', 'S: +OK 2 1714'],
  },
  UIDL: {
    summary: {
      en: "Each message's unique id, the same in every session: how a client remembers on its own device which messages it already downloaded.",
      ja: '各メッセージの固有 ID を返します。ID はどのセッションでも同じなので、クライアントはこれを使って、どのメッセージをダウンロード済みかを自分の端末に記録します。',
    },
    example: ['C: UIDL', 'S: +OK unique-id listing follows', 'S: 1 1732950000.1', 'S: 2 1732950000.2', 'S: .'],
  },
  RETR: {
    summary: {
      en: 'Downloads a whole message. Lines starting with "." get one more dot, and a line with only "." ends it. The message is not marked as read: POP3 has no read state.',
      ja: 'メッセージ全体を取り出します。「.」で始まる行には「.」がもう 1 つ付き、「.」だけの行で終わります。既読の印は付きません。POP3 には既読という状態がないからです。',
    },
    example: ['C: RETR 1', 'S: +OK 1712 octets', 'S: <the message>', 'S: .'],
  },
  TOP: {
    summary: {
      en: 'The header and the first n lines of the body of a message: a look before downloading.',
      ja: 'メッセージのヘッダーと本文の先頭 n 行を返します。ダウンロードする前に中身を確かめるのに使います。',
    },
    example: ['C: TOP 1 0', 'S: +OK top of message 1 follows', 'S: <the header and a blank line>', 'S: .'],
  },
  DELE: {
    summary: {
      en: 'Marks a message for deletion. It leaves the server only when QUIT ends the session (UPDATE state); until then RSET undoes the mark.',
      ja: 'メッセージに削除の印を付けます。サーバーから実際に消えるのは QUIT でセッションを終えたとき（UPDATE 状態）で、それまでは RSET で取り消せます。',
    },
    example: ['C: DELE 1', 'S: +OK message 1 deleted'],
  },
  RSET: {
    summary: {
      en: 'Clears every deletion mark set in this session.',
      ja: 'このセッションで付けた削除の印をすべて取り消します。',
    },
    example: ['C: RSET', 'S: +OK maildrop has 2 messages (3426 octets)'],
  },
  NOOP: {
    summary: {
      en: 'Does nothing; the server answers +OK. Keeps an idle session alive.',
      ja: '何もしません。サーバーは +OK を返すだけです。操作のないセッションを維持するのに使います。',
    },
    example: ['C: NOOP', 'S: +OK'],
  },
  QUIT: {
    summary: {
      en: 'Ends the session. From TRANSACTION it enters UPDATE: the messages marked by DELE are removed now, and only now.',
      ja: 'セッションを終了します。TRANSACTION 状態からの QUIT では UPDATE 状態に入り、DELE で印を付けたメッセージがこのとき初めて削除されます。',
    },
    example: ['C: QUIT', 'S: +OK l7lab POP3 server signing off (1 deleted, 1 message left)'],
  },
};
