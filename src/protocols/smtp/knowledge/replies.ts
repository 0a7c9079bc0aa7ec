import type { Localized } from '../../../i18n.js';
import type { ReplyKnowledge, StateKnowledge } from '../../knowledge.js';

/**
 * SMTP reply codes the lab server sends (RFC 5321 4.2), some refined by their enhanced
 * status code (RFC 3463) where one code has several everyday meanings, the four reply
 * classes, the EHLO extension keywords and the states, in English and Japanese.
 */
const r = (code: string, rfc: string, en: string, ja: string): ReplyKnowledge => ({ code, rfc, meaning: { en, ja } });

export const REPLIES: readonly ReplyKnowledge[] = [
  r('214', 'RFC 5321 4.1.1.8', 'help text', 'ヘルプの表示です'),
  r('220', 'RFC 5321 3.1', 'the server is ready: the greeting, sent as soon as you connect', 'サーバーの準備ができました。接続するとすぐに送られる挨拶です'),
  r('220 2.0.0', 'RFC 3207 4', 'go ahead with TLS: the client starts the handshake now, and the server forgets what it was told in cleartext', 'TLS を始めてください。クライアントがここでハンドシェイクを始め、サーバーは平文で聞いたことを忘れます'),
  r('221', 'RFC 5321 4.1.1.10', 'goodbye: the server closes the connection', 'さようなら。サーバーが接続を閉じます'),
  r('235', 'RFC 4954 6', 'authentication succeeded: you are logged in', '認証に成功しました。ログインできています'),
  r('250', 'RFC 5321 4.2.2', 'OK: the requested action was done', 'OK: 要求した処理が完了しました'),
  r('250 2.1.0', 'RFC 5321 4.1.1.2', 'sender accepted: the mail transaction has begun', '送信者を受け付けました。メールトランザクションが始まりました'),
  r('250 2.1.5', 'RFC 5321 4.1.1.3', 'recipient accepted', '宛先を受け付けました'),
  r('252', 'RFC 5321 3.5.3', 'cannot verify the mailbox, but mail to it will be accepted', 'メールボックスの存在は確認できませんが、宛てたメールは受け付けます'),
  r('334', 'RFC 4954 4', 'continue authentication: the server waits for your next line, in base64', '認証を続けます。サーバーは base64 で符号化した次の行を待っています'),
  r('354', 'RFC 5321 4.1.1.4', 'go ahead, end your message with a line holding only a dot', '送信を始めてください。ドット 1 つだけの行でメッセージを終えます'),
  r('421', 'RFC 5321 3.8', 'service not available: the server is closing the connection', 'サービスを利用できません。サーバーが接続を閉じます'),
  r('421 4.4.2', 'RFC 5321 4.5.3.2.7', 'nothing arrived for too long: the server closes the idle connection', '長い間何も届かなかったため、サーバーがアイドル状態の接続を閉じます'),
  r('421 4.7.0', 'RFC 5321 3.8', 'too many errors or connections: the server closes the connection', 'エラーまたは接続が多すぎるため、サーバーが接続を閉じます'),
  r('421 4.3.2', 'RFC 3463 3.4', 'the server is shutting down', 'サーバーが停止しようとしています'),
  r('451', 'RFC 5321 4.2.2', 'temporary failure on the server (storing failed): the message was not accepted, send it again later', 'サーバー側の一時的な障害（保存の失敗）です。メッセージは受け付けられていないので、後で再送してください'),
  r('452', 'RFC 5321 4.2.2', 'temporary limit: too many recipients or not enough storage; send the rest later', '一時的な制限です。宛先が多すぎるか保存領域が足りません。残りは後で送ってください'),
  r('452 4.5.3', 'RFC 5321 4.5.3.1.10', 'too many recipients for one message: send the others in another transaction', '1 通の宛先が多すぎます。残りの宛先は別のトランザクションで送ってください'),
  r('452 4.3.1', 'RFC 3463 3.4', 'the server is out of storage space', 'サーバーの保存領域が足りません'),
  r('450', 'RFC 5321 4.2.2', 'mailbox unavailable for now (busy or greylisted): keep the message and try again later', 'メールボックスが今は使えません（使用中やグレーリストなど）。メッセージを保管して後で再送してください'),
  r('452 4.2.2', 'RFC 3463 3.3', 'the recipient\'s mailbox is full for now: try again later', '宛先のメールボックスが今はいっぱいです。後で再送してください'),
  r('454', 'RFC 4954 6', 'temporary authentication failure (e.g. the password database is unreachable): try again later', '一時的な認証の失敗です（パスワードのデータベースに届かないなど）。後で試してください'),
  r('500', 'RFC 5321 4.2.2', 'syntax error: the command was not recognised, or the line was too long', '構文エラーです。コマンドが認識されないか、行が長すぎます'),
  r('500 5.5.6', 'RFC 4954 6', 'the authentication line was too long', '認証の行が長すぎます'),
  r('501', 'RFC 5321 4.2.2', 'syntax error in the arguments (an address, a parameter, base64, ...)', '引数の構文エラーです（アドレス、パラメーター、base64 など）'),
  r('501 5.7.0', 'RFC 4954 4', 'authentication cancelled: the client sent *', '認証を取り消しました。クライアントが * を送りました'),
  r('501 5.5.2', 'RFC 4954 4', 'the base64 could not be decoded', 'base64 をデコードできませんでした'),
  r('502', 'RFC 5321 4.2.4', 'command not implemented by this server', 'このサーバーはそのコマンドを実装していません'),
  r('503', 'RFC 5321 4.2.2', 'bad sequence of commands: not allowed now (e.g. RCPT before MAIL, or a second AUTH)', 'コマンドの順序が正しくありません。今は使えません（MAIL より前の RCPT、2 回目の AUTH など）'),
  r('504', 'RFC 4954 4', 'parameter not implemented, e.g. an unknown AUTH mechanism', 'そのパラメーターには対応していません（未知の AUTH 方式など）'),
  r('530', 'RFC 4954 6', 'authentication required: log in with AUTH before MAIL', '認証が必要です。MAIL の前に AUTH でログインしてください'),
  r('538', 'RFC 4954 6', 'encryption required for this authentication mechanism', 'この認証方式には暗号化が必要です'),
  r('538 5.7.11', 'RFC 4954 6', 'encryption required: this mechanism sends the password readably, so STARTTLS first', '暗号化が必要です。この方式はパスワードが読める形で流れるので、先に STARTTLS してください'),
  r('535', 'RFC 4954 6', 'authentication failed: user name or password is wrong (the server never says which)', '認証に失敗しました。ユーザー名かパスワードが間違っています（どちらかはあえて教えません）'),
  r('550', 'RFC 5321 4.2.2', 'mailbox unavailable: no such user, or refused by policy; do not retry, bounce the message', 'メールボックスを利用できません（存在しないユーザー、またはポリシーによる拒否）。再送せず、差出人に不達を知らせます'),
  r('550 5.1.1', 'RFC 3463 3.2', 'no such user at this domain: the address is wrong', 'このドメインにそのユーザーはいません。アドレスの誤りです'),
  r('552 5.2.2', 'RFC 3463 3.3', 'the recipient\'s mailbox is full', '宛先のメールボックスがいっぱいです'),
  r('554 5.7.1', 'RFC 3463 3.8', 'refused by the receiving server\'s policy (e.g. spam): do not retry as it is', '受信サーバーのポリシー（迷惑メール対策など）で拒否されました。そのまま再送しても通りません'),
  r('552', 'RFC 1870 6', 'the message is bigger than this server accepts', 'メッセージが、このサーバーが受け付ける大きさを超えています'),
  r('553', 'RFC 6531 3.5', 'mailbox name not allowed, e.g. a non-ASCII address without SMTPUTF8', '使えないメールボックス名です（SMTPUTF8 なしの非 ASCII アドレスなど）'),
  r('554', 'RFC 5321 4.2.2', 'transaction failed; here: the client does not speak SMTP (e.g. HTTP), so the server hangs up', 'トランザクションが失敗しました。ここでは、相手が SMTP を話していない（HTTP など）ため、サーバーが接続を切ります'),
  r('555', 'RFC 5321 4.1.1.11', 'a MAIL FROM or RCPT TO parameter was not recognised', 'MAIL FROM または RCPT TO のパラメーターを認識できません'),
  r('2xx', 'RFC 5321 4.2.1', 'positive completion: done', '肯定完了: 処理が終わりました'),
  r('3xx', 'RFC 5321 4.2.1', 'positive intermediate: go on, the server waits for more', '肯定中間: 続けてください。サーバーは続きを待っています'),
  r('4xx', 'RFC 5321 4.2.1', 'transient failure: try again later', '一時的な失敗: 後でもう一度試してください'),
  r('5xx', 'RFC 5321 4.2.1', 'permanent failure: the same command will not succeed as it is', '恒久的な失敗: 同じコマンドをそのまま繰り返しても成功しません'),
];

/** EHLO keywords (RFC 5321 4.1.1.1) the server advertises. */
export const EXTENSIONS: Readonly<Record<string, Localized>> = {
  SIZE: { en: 'the largest message the server accepts, in octets (RFC 1870)', ja: 'サーバーが受け付ける最大のメッセージサイズです（オクテット単位、RFC 1870）' },
  PIPELINING: { en: 'the client may send several commands without waiting for each reply (RFC 2920)', ja: 'クライアントは応答を待たずに複数のコマンドをまとめて送れます（RFC 2920）' },
  '8BITMIME': { en: 'the body may contain 8-bit bytes (RFC 6152)', ja: '本文に 8 ビットのバイトを含めてもかまいません（RFC 6152）' },
  ENHANCEDSTATUSCODES: { en: 'replies carry a detailed code such as 5.1.3 after the three digits (RFC 2034, RFC 3463)', ja: '応答の 3 桁の後に 5.1.3 のような詳細コードが付きます（RFC 2034、RFC 3463）' },
  STARTTLS: { en: 'the connection can be switched to TLS with the STARTTLS command (RFC 3207)', ja: 'STARTTLS コマンドで接続を TLS に切り替えられます（RFC 3207）' },
  AUTH: { en: 'the SASL mechanisms you can log in with (RFC 4954)', ja: 'ログインに使える SASL の方式の一覧です（RFC 4954）' },
  SMTPUTF8: { en: 'addresses and headers may use UTF-8, e.g. 太郎@example.jp (RFC 6531)', ja: 'アドレスやヘッダーに UTF-8 を使えます（例: 太郎@example.jp、RFC 6531）' },
  HELP: { en: 'the HELP command is available', ja: 'HELP コマンドが使えます' },
};

const s = (name: string, rfc: string, en: string, ja: string): StateKnowledge => ({ name, rfc, meaning: { en, ja } });

export const STATES: readonly StateKnowledge[] = [
  s('CONNECTED', 'RFC 5321 3.1', 'Connected; the server has greeted with 220. Introduce yourself with EHLO (or HELO).', '接続済みで、サーバーは 220 で挨拶しました。EHLO（または HELO）で名乗ってください。'),
  s('GREETED', 'RFC 5321 3.2', 'The client has introduced itself and no mail transaction is open: AUTH or MAIL FROM comes next.', 'クライアントが名乗り終え、メールトランザクションはまだ始まっていません。次は AUTH か MAIL FROM です。'),
  s('MAIL', 'RFC 5321 3.3', 'MAIL FROM has opened a transaction: add recipients with RCPT TO.', 'MAIL FROM でトランザクションが始まりました。RCPT TO で宛先を追加してください。'),
  s('RCPT', 'RFC 5321 3.3', 'At least one recipient is accepted: add more with RCPT TO, or send DATA.', '宛先が 1 件以上受け付けられました。RCPT TO で追加するか、DATA を送ってください。'),
  s('DATA', 'RFC 5321 4.1.1.4', 'The server is reading the message until a line holding only a dot.', 'サーバーは、ドット 1 つだけの行が来るまでメッセージを読み込んでいます。'),
  s('AUTH', 'RFC 4954 4', 'An authentication exchange is under way: answer each 334 with a base64 line, or * to cancel.', '認証のやり取りの途中です。334 には base64 の行で答えるか、* で取り消します。'),
  s('CLOSED', 'RFC 5321 3.8', 'The session is over and the connection is closing.', 'セッションは終了し、接続を閉じています。'),
];

/** Phrases for lines that are not commands: message content, SASL responses, decoded challenges. */
export const PHRASES = {
  dataLine: {
    en: 'a line of the message; the server answers nothing until the final dot',
    ja: 'メッセージの 1 行です。最後のドットまでサーバーは何も応答しません',
  },
  dataBareDot: {
    en: 'a dot ended by a bare LF does not end the message; only CRLF.CRLF does (so SMTP smuggling cannot work): send CRLF line ends, e.g. with nc -C or telnet',
    ja: 'LF だけで終わるドットの行では、メッセージは終わりません。終わりの印は CRLF.CRLF だけです（そのため SMTP スマグリングは成立しません）。nc -C や telnet などで、CRLF で行を送ってください',
  },
  dataEnd: {
    en: 'end of data: the message ({size} octets in {lines}) is complete',
    ja: 'データの終わり: メッセージ（{lines}、{size} オクテット）が完成しました',
  },
  saslLine: {
    en: 'an authentication response in base64: an encoding anyone can decode, not encryption',
    ja: 'base64 で送る認証の応答です。誰でもデコードできる（元に戻せる）符号化であり、暗号化ではありません',
  },
  simulatedTemporary: {
    en: 'simulated by an l7lab failure rule: a 4xx is temporary, so a client keeps the message and retries later, with growing pauses (RFC 5321 4.2.1, 4.5.4.1)',
    ja: 'l7lab の失敗ルールによる模擬応答です。4xx は一時的な失敗なので、クライアントはメッセージを保管し、間隔を広げながら後で再送します（RFC 5321 4.2.1、4.5.4.1）',
  },
  simulatedPermanent: {
    en: 'simulated by an l7lab failure rule: a 5xx is permanent, so a client does not retry; it gives up and tells the sender (a bounce) (RFC 5321 4.2.1, 6.1)',
    ja: 'l7lab の失敗ルールによる模擬応答です。5xx は恒久的な失敗なので、クライアントは再送せず、送信者に不達を知らせます（バウンス、RFC 5321 4.2.1、6.1）',
  },
  simulatedDrop: {
    en: 'simulated by an l7lab failure rule: the server hung up without a reply, so the client cannot know whether the message was taken; it treats the transaction as if it got a 451, keeps the message and retries later, which is how duplicates happen (RFC 5321 3.8, RFC 1047)',
    ja: 'l7lab の失敗ルールによる模擬です。サーバーが応答せずに接続を切ったので、クライアントにはメッセージが受け取られたかどうかわかりません。クライアントは 451 を受けたものとして扱い、メッセージを保管して後で再送します。重複したメールはこうして生まれます（RFC 5321 3.8、RFC 1047）',
  },
  simulatedDelay: {
    en: 'this reply was held back on purpose by an l7lab failure rule (a slow server): a client waits minutes, not seconds, for a reply (RFC 5321 4.5.3.2)',
    ja: 'この応答は l7lab の失敗ルールでわざと遅らせたものです（遅いサーバーの模擬）。クライアントは応答を秒単位でなく分単位で待ちます（RFC 5321 4.5.3.2）',
  },
  base64Of: { en: ' (base64 for "{text}")', ja: '（base64 で「{text}」）' },
  ehloFirst: {
    en: 'the server greets you by name; the lines that follow list its extensions',
    ja: 'サーバーが名前を呼んで挨拶を返します。続く行は対応する拡張機能の一覧です',
  },
} satisfies Record<string, Localized>;
