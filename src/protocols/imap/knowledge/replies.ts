import type { ReplyKnowledge } from '../../knowledge.js';

/**
 * IMAP responses explained: the tagged status (OK/NO/BAD), the continuation `+`, the
 * untagged `*` data and the response codes in brackets (RFC 3501 7).
 */
type Entry = [code: string, en: string, ja: string, rfc: string];

const ENTRIES: readonly Entry[] = [
  // status responses (RFC 3501 7.1)
  ['OK', 'Success: tagged, the command with this tag is done; untagged, information.', '成功。タグ付きならそのタグのコマンドが完了したこと、タグなしなら情報の通知です。', 'RFC 3501 7.1.1'],
  ['NO', 'The command was understood but failed (no such mailbox, wrong password, ...).', 'コマンドは理解されたが失敗しました（メールボックスがない、パスワードが違う など）。', 'RFC 3501 7.1.2'],
  ['BAD', 'The command was not understood or not allowed now: a syntax or state error.', 'コマンドを理解できないか、今は使えません。構文か状態の誤りです。', 'RFC 3501 7.1.3'],
  ['PREAUTH', 'Greeting of an already-authenticated session: no LOGIN needed.', 'すでに認証済みのセッションであることを示す挨拶です。LOGIN は不要です。', 'RFC 3501 7.1.4'],
  ['BYE', 'The server is closing the connection (LOGOUT, autologout, shutdown or an error).', 'サーバーが接続を閉じようとしています（LOGOUT、自動ログアウト、停止、エラーなど）。', 'RFC 3501 7.1.5'],
  ['+', 'Continuation: the server is ready for more (literal octets, a SASL response, or DONE during IDLE).', '継続要求。サーバーが続きを待っています（リテラルのデータ、SASL の応答、IDLE 中の DONE など）。', 'RFC 3501 7.5'],
  // untagged data (RFC 3501 7.2-7.4)
  ['CAPABILITY', 'The list of what this server supports.', 'このサーバーが対応している機能の一覧です。', 'RFC 3501 7.2.1'],
  ['LIST', 'One mailbox: its attributes, the hierarchy delimiter and its name.', 'メールボックス 1 つ分の情報（属性・階層の区切り文字・名前）です。', 'RFC 3501 7.2.2'],
  ['LSUB', 'One subscribed mailbox.', '購読中のメールボックス 1 つ分の情報です。', 'RFC 3501 7.2.3'],
  ['STATUS', 'The requested counts of a mailbox.', '問い合わせたメールボックスの件数などです。', 'RFC 3501 7.2.4'],
  ['SEARCH', 'The numbers (or UIDs) of the messages that matched.', '条件に合ったメッセージの番号（または UID）です。', 'RFC 3501 7.2.5'],
  ['FLAGS', 'The flags that can be used in this mailbox.', 'このメールボックスで使えるフラグの一覧です。', 'RFC 3501 7.2.6'],
  ['EXISTS', 'How many messages the mailbox has now; a higher number means new mail.', 'メールボックス内の現在のメッセージ数です。増えていれば新着メールです。', 'RFC 3501 7.3.1'],
  ['RECENT', 'How many messages are new since the last session looked (\\Recent).', '前回どのセッションも見ていない新しいメッセージ（\\Recent）の数です。', 'RFC 3501 7.3.2'],
  ['EXPUNGE', 'Message n was removed for good; every later message moves down by one.', 'n 番のメッセージが完全に削除されました。後ろのメッセージの番号が 1 つずつ繰り上がります。', 'RFC 3501 7.4.1'],
  ['FETCH', 'Data of message n: flags, size, envelope, body parts... (also sent when flags change).', 'n 番のメッセージのデータ（フラグ・サイズ・エンベロープ・本文など）です。フラグが変わったときにも送られます。', 'RFC 3501 7.4.2'],
  ['NAMESPACE', 'Personal, other users\' and shared namespaces, with their delimiters.', '個人用・他ユーザー用・共有の名前空間と、その区切り文字です。', 'RFC 2342 5'],
  ['ID', 'The server\'s name and version, for logs.', 'ログ用のサーバー名とバージョンです。', 'RFC 2971 3.2'],
  ['ENABLED', 'The extensions that ENABLE turned on (none here).', 'ENABLE で有効になった拡張の一覧です（ここでは空です）。', 'RFC 5161 3.2'],
  // response codes (RFC 3501 7.1 and extensions)
  ['[ALERT]', 'A message the user must see.', '利用者に必ず見せるべきメッセージです。', 'RFC 3501 7.1'],
  ['[CAPABILITY]', 'The capability list, sent along so the client need not ask.', '機能一覧です。クライアントが改めて尋ねなくて済むよう添えられています。', 'RFC 3501 7.1'],
  ['[PERMANENTFLAGS]', 'The flags that are saved for good; \\* means new keywords can be created.', '永続的に保存されるフラグです。\\* があれば新しいキーワードも作れます。', 'RFC 3501 7.1'],
  ['[READ-ONLY]', 'The mailbox is open read-only (EXAMINE): nothing can change.', 'メールボックスは読み取り専用（EXAMINE）で開かれており、何も変更できません。', 'RFC 3501 7.1'],
  ['[READ-WRITE]', 'The mailbox is open for reading and writing (SELECT).', 'メールボックスは読み書き可能（SELECT）で開かれています。', 'RFC 3501 7.1'],
  ['[TRYCREATE]', 'The target mailbox does not exist; CREATE it and try again.', '宛先のメールボックスがありません。CREATE してから再試行してください。', 'RFC 3501 7.1'],
  // RFC 3501 2.3.1.1: the next unique identifier value is a prediction, not a promise.
  ['[UIDNEXT]', 'The predicted UID of the next new message.', '次に届くメッセージに付けられる UID の予測値です。', 'RFC 3501 7.1'],
  ['[UIDVALIDITY]', 'If this number changes, every cached UID of the mailbox is invalid.', 'この値が変わったら、そのメールボックスについてキャッシュした UID はすべて無効です。', 'RFC 3501 7.1'],
  ['[UNSEEN]', 'The number of the first message without \\Seen.', '\\Seen の付いていない最初のメッセージの番号です。', 'RFC 3501 7.1'],
  ['[PARSE]', 'A message could not be parsed.', 'メッセージを解析できませんでした。', 'RFC 3501 7.1'],
  ['[BADCHARSET]', 'The search charset is not supported; the supported ones follow.', '検索の文字コードに対応していません。続いて対応している文字コードが示されます。', 'RFC 3501 7.1'],
  ['[APPENDUID]', 'UIDVALIDITY and the UID the appended message got.', '保存したメッセージの UIDVALIDITY と、付けられた UID です。', 'RFC 4315 3'],
  ['[COPYUID]', 'UIDVALIDITY of the target, the source UIDs and the new UIDs, in the same order.', 'コピー先の UIDVALIDITY、コピー元の UID、新しい UID（同じ順番）です。', 'RFC 4315 3'],
  ['[TOOBIG]', 'Too large: a literal or command over the server\'s limit; nothing of it was run.', '大きすぎます。リテラルやコマンドがサーバーの上限を超えたため、何も実行されていません。', 'RFC 7888 4, RFC 4469'],
  ['[PRIVACYREQUIRED]', 'Refused because the connection is not encrypted: STARTTLS first.', '接続が暗号化されていないため拒否されました。先に STARTTLS してください。', 'RFC 5530 3'],
  ['[AUTHENTICATIONFAILED]', 'Wrong user name or password (the server never says which).', 'ユーザー名かパスワードが違います（どちらが違うかはあえて言いません）。', 'RFC 5530 3'],
  ['[AUTHORIZATIONFAILED]', 'Logged-in user may not act as the requested user.', 'ログインしたユーザーは、指定した別のユーザーとして振る舞えません。', 'RFC 5530 3'],
  ['[NONEXISTENT]', 'No mailbox by that name.', 'その名前のメールボックスはありません。', 'RFC 5530 3'],
  ['[ALREADYEXISTS]', 'A mailbox by that name already exists.', 'その名前のメールボックスはすでにあります。', 'RFC 5530 3'],
  ['[CANNOT]', 'The operation is not possible here (e.g. an invalid or reserved name).', 'ここではその操作はできません（無効な名前や予約された名前など）。', 'RFC 5530 3'],
  ['[INUSE]', 'The mailbox is in use; finish with it first.', 'メールボックスが使用中です。先に閉じてください。', 'RFC 5530 3'],
  ['[EXPUNGEISSUED]', 'Some requested messages were removed by another session meanwhile.', '要求したメッセージの一部が、その間に別のセッションで削除されました。', 'RFC 5530 3'],
  ['[UNAVAILABLE]', 'The server cannot serve now (too many connections, shutting down).', 'サーバーが今は応じられません（接続数が多すぎる、停止中など）。', 'RFC 5530 3'],
  ['[SERVERBUG]', 'An internal error on the server side.', 'サーバー側の内部エラーです。', 'RFC 5530 3'],
  ['[OVERQUOTA]', 'The store is full.', '保存領域がいっぱいです。', 'RFC 5530 3'],
];

export const IMAP_REPLIES: ReadonlyMap<string, ReplyKnowledge> = new Map(
  ENTRIES.map(([code, en, ja, rfc]) => [code, { code, meaning: { en, ja }, rfc }]),
);
