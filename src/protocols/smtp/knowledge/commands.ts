import type { Localized } from '../../../i18n.js';

/**
 * What each SMTP command means, for learners, in English and Japanese, with a short
 * exchange. Syntax, states and RFC section come from the command specs themselves
 * (commands/*.ts), so they are written once.
 */
export interface CommandText {
  summary: Localized;
  example: readonly string[];
}

export const COMMAND_TEXT: Readonly<Record<string, CommandText>> = {
  EHLO: {
    summary: {
      en: 'Say hello and ask which extensions the server supports (SIZE, AUTH, PIPELINING, ...); it also resets any transaction.',
      ja: 'サーバーに挨拶し、対応している拡張機能（SIZE、AUTH、PIPELINING など）を尋ねます。進行中のトランザクションはリセットされます。',
    },
    example: ['C: EHLO client.example', 'S: 250-l7lab.localhost Hello client.example', 'S: 250-SIZE 10485760', 'S: 250 HELP'],
  },
  HELO: {
    summary: {
      en: 'The original greeting from RFC 821: no extensions, so no AUTH and no MAIL parameters.',
      ja: 'RFC 821 からある元祖の挨拶です。拡張機能が使えないため、AUTH も MAIL のパラメーターも使えません。',
    },
    example: ['C: HELO client.example', 'S: 250 l7lab.localhost Hello client.example'],
  },
  STARTTLS: {
    summary: {
      en: 'Turn this cleartext connection into a TLS one: after 220 the client starts the handshake, everything that follows is encrypted, and the client must say EHLO again.',
      ja: '平文の接続を TLS の接続に切り替えます。220 の後でクライアントがハンドシェイクを始め、その後のやり取りはすべて暗号化されます。EHLO はもう一度送り直す必要があります。',
    },
    example: ['C: STARTTLS', 'S: 220 2.0.0 Ready to start TLS'],
  },
  AUTH: {
    summary: {
      en: 'Log in with a SASL mechanism. PLAIN and LOGIN send the password in base64, an encoding, not encryption; CRAM-MD5 sends only a keyed digest of a fresh challenge.',
      ja: 'SASL の方式でログインします。PLAIN と LOGIN はパスワードを base64 で送りますが、base64 は符号化であって暗号化ではありません。CRAM-MD5 は毎回変わるチャレンジに対する鍵付きダイジェストだけを送ります。',
    },
    example: ['C: AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=', 'S: 235 2.7.0 Authentication successful'],
  },
  MAIL: {
    summary: {
      en: 'Start a mail transaction and give the envelope sender (the reverse-path, where bounces go); it may differ from the From: header.',
      ja: 'メールトランザクションを開始し、エンベロープの送信者（エラー通知の返送先となる reverse-path）を伝えます。ヘッダーの From: と違っていてもかまいません。',
    },
    example: ['C: MAIL FROM:<alice@example.com> SIZE=2048', 'S: 250 2.1.0 Ok'],
  },
  RCPT: {
    summary: {
      en: 'Add one envelope recipient; repeat for each. This, not the To: or Cc: header, decides where the mail goes.',
      ja: 'エンベロープの宛先を 1 件追加します。宛先ごとに繰り返します。実際の配送先を決めるのはヘッダーの To: や Cc: ではなく、このコマンドです。',
    },
    example: ['C: RCPT TO:<bob@example.com>', 'S: 250 2.1.5 Ok'],
  },
  DATA: {
    summary: {
      en: 'Send the message itself (headers, a blank line, the body). After 354, end it with a line holding only a dot; a line that starts with a dot gets a second one (dot-stuffing).',
      ja: 'メール本体（ヘッダー、空行、本文）を送ります。354 が返ったら送り始め、ドット 1 つだけの行で終えます。ドットで始まる行には、もう 1 つドットを付けて送ります（ドットスタッフィング）。',
    },
    example: ['C: DATA', 'S: 354 End data with <CR><LF>.<CR><LF>', 'C: Subject: hello', 'C:', 'C: Hi Bob!', 'C: .', 'S: 250 2.0.0 Ok: queued as 1A2B3C'],
  },
  RSET: {
    summary: {
      en: 'Abort the current transaction (sender and recipients are forgotten); the session stays open and logged in.',
      ja: '進行中のトランザクションを取り消します（送信者と宛先は破棄されます）。セッションとログイン状態はそのまま続きます。',
    },
    example: ['C: RSET', 'S: 250 2.0.0 Ok'],
  },
  NOOP: {
    summary: {
      en: 'Do nothing; the server answers 250. Handy to check that the connection is still alive.',
      ja: '何もしません。サーバーは 250 を返します。接続がまだ生きているかを確かめるのに便利です。',
    },
    example: ['C: NOOP', 'S: 250 2.0.0 Ok'],
  },
  VRFY: {
    summary: {
      en: 'Ask whether a mailbox exists. Servers rarely tell, since it helps spammers harvest addresses: 252 means "cannot verify, but I will accept mail for it".',
      ja: 'メールボックスが存在するか問い合わせます。アドレス収集に悪用されるため、答えないサーバーがほとんどです。252 は「確認はできないが、宛てたメールは受け付ける」という意味です。',
    },
    example: ['C: VRFY bob', 'S: 252 2.0.0 Cannot VRFY user, but will accept message and attempt delivery'],
  },
  HELP: {
    summary: {
      en: 'List the commands the server knows, or show the syntax of one of them.',
      ja: 'サーバーが知っているコマンドの一覧、または指定したコマンドの書式を表示します。',
    },
    example: ['C: HELP RCPT', 'S: 214-2.0.0 RCPT TO:<forward-path>', 'S: 214 2.0.0 RFC 5321 4.1.1.3'],
  },
  QUIT: {
    summary: {
      en: 'End the session: the server answers 221 and closes the connection.',
      ja: 'セッションを終了します。サーバーは 221 を返して接続を閉じます。',
    },
    example: ['C: QUIT', 'S: 221 2.0.0 l7lab.localhost Bye'],
  },
};
