import type { Lang, Localized } from '../i18n.js';
import { langOption, type Options } from './options.js';

/** What `l7lab mail` says, in English and Japanese. */
export const T = {
  head: { en: ['id', 'received', 'from', 'to', 'subject', 'size', 'read'], ja: ['ID', '受信', '差出人', '宛先', '件名', 'サイズ', '既読'] },
  yes: { en: 'yes', ja: '既読' },
  no: { en: 'no', ja: '未読' },
  seen: { en: 'read', ja: '既読' },
  unseen: { en: 'unread', ja: '未読' },
  empty: { en: 'No captured mail in {dir} yet: send some to `l7lab serve` (SMTP), then look again.', ja: '{dir} にはまだメールがありません。`l7lab serve` (SMTP) に送ってから、もう一度見てください。' },
  footer: { en: '{n} message(s), {unread} unread, in {dir}. Read one: l7lab mail show <id>', ja: '{dir} に {n} 通 (未読 {unread} 通)。読むには: l7lab mail show <id>' },
  legend: {
    en: '+ marks envelope addresses (MAIL FROM, RCPT TO) the header lacks, e.g. a Bcc;\n…+N: N more of them cut off here (l7lab mail show <id> lists them).',
    ja: '+ はヘッダーにないエンベロープ (MAIL FROM、RCPT TO) のアドレスです (Bcc など)。\n…+N: 表示しきれないその種のアドレスが N 個あります (mail show <id> で一覧)。',
  },
  unknownId: { en: 'no message with id "{id}" in {dir}: see `l7lab mail list`', ja: '{dir} に ID "{id}" のメッセージはありません: `l7lab mail list` で確かめてください' },
  ambiguous: { en: 'id "{id}" matches {n} messages: type more of it (see `l7lab mail list`)', ja: 'ID "{id}" は {n} 通に当てはまります: もっと長く入力してください (`l7lab mail list` を参照)' },
  about: { en: 'id {id} · {boxes} · {size} · received {date} · {read}', ja: 'ID {id} · {boxes} · {size} · 受信 {date} · {read}' },
  bcc: { en: 'only in the envelope (Bcc): {list}', ja: 'エンベロープにだけある宛先 (Bcc): {list}' },
  senderDiffers: { en: 'the envelope sender differs from From: (bounces go to the envelope sender)', ja: 'エンベロープの送信者は From: と異なります (エラー通知はエンベロープの送信者に届きます)' },
  noEnvelope: { en: 'Envelope: not kept (the message came by IMAP APPEND or COPY, or before envelopes were kept)', ja: 'エンベロープ: 記録なし (IMAP の APPEND や COPY で入ったメッセージか、記録を始める前のメッセージです)' },
  noText: { en: '(no text part)', ja: '(テキスト部分なし)' },
  fromHtml: { en: 'Note: the message has only an HTML part; shown here as text converted from it. The HTML itself: --raw', ja: '注: このメッセージには HTML 部分しかないため、テキストに変換して表示しました。HTML そのものは --raw で見られます。' },
  alsoHtml: { en: 'Note: the message also has an HTML version, not shown. See it with --raw.', ja: '注: HTML 版もありますが表示していません。--raw で見られます。' },
  attachments: { en: 'Attachments:', ja: '添付ファイル:' },
  unnamed: { en: '(no file name)', ja: '(ファイル名なし)' },
  noTranscript: {
    en: 'no transcript kept for message {id}: only mail that `l7lab serve` captured over SMTP has one',
    ja: 'メッセージ {id} の記録 (トランスクリプト) はありません: `l7lab serve` が SMTP で受け取ったメールにだけあります',
  },
  transcriptHead: { en: 'The SMTP session that delivered message {id} (passwords and AUTH data masked):', ja: 'メッセージ {id} を届けた SMTP セッション (パスワードと AUTH のデータは伏せています):' },
  nothing: { en: 'Nothing to clear: no captured mail in {dir}.', ja: '消すものはありません: {dir} にメールはありません。' },
  confirm: { en: 'Delete all {n} captured message(s) in {dir}?', ja: '{dir} のメール {n} 通をすべて削除しますか?' },
  kept: { en: 'Nothing deleted.', ja: '何も削除しませんでした。' },
  needYes: { en: 'mail clear deletes every captured message: pass --yes to confirm (there is no terminal to ask on)', ja: 'mail clear は受け取ったメールをすべて削除します: 確認のため --yes を付けてください (確認を尋ねる端末がありません)' },
  removed: { en: 'Removed {n} message(s) from {dir}.', ja: '{dir} から {n} 通を削除しました。' },
  structureHead: {
    en: 'MIME structure, parts numbered as IMAP names them (BODY[1.2], RFC 3501 6.4.5):',
    ja: 'MIME の構造（番号は IMAP でのパート番号、BODY[1.2] など、RFC 3501 6.4.5）:',
  },
  sevenBit: { en: '7bit (no Content-Transfer-Encoding: the default, RFC 2045 6.1)', ja: '7bit（Content-Transfer-Encoding なし: 既定値、RFC 2045 6.1）' },
  decodedSize: { en: '{decoded} decoded, {encoded} as sent', ja: 'デコード後 {decoded}、送信時 {encoded}' },
  enclosed: { en: 'a whole message inside, {size}:', ja: '中にメッセージがまるごと入っています（{size}）:' },
  noCloseDelimiter: {
    en: 'no close delimiter "--{boundary}--": the last part runs to the end (RFC 2046 5.1.1)',
    ja: '閉じの区切り行「--{boundary}--」がありません。最後のパートは終わりまで続くものとして読みました（RFC 2046 5.1.1）',
  },
  noBoundary: {
    en: 'Content-Type says {declared} but has no boundary parameter, so no part can be found: read as one text/plain part, as IMAP does (RFC 2046 5.1.1)',
    ja: 'Content-Type は {declared} ですが boundary パラメーターがないため、パートを見つけられません。IMAP と同じく 1 つの text/plain パートとして読みました（RFC 2046 5.1.1）',
  },
  noDelimiter: {
    en: 'Content-Type says {declared} but no line starts with its boundary: read as one text/plain part, as IMAP does (RFC 2046 5.1.1)',
    ja: 'Content-Type は {declared} ですが、boundary で始まる行がありません。IMAP と同じく 1 つの text/plain パートとして読みました（RFC 2046 5.1.1）',
  },
  waitTimeout: { en: 'no message matching {what} arrived in {dir} within {s} s', ja: '{s} 秒以内に {dir} に {what} に当てはまるメッセージは届きませんでした' },
  waitTimeoutAny: { en: 'no message arrived in {dir} within {s} s', ja: '{s} 秒以内に {dir} にメッセージは届きませんでした' },
  badTimeout: { en: 'invalid --timeout "{value}": use a number of seconds above 0', ja: '--timeout "{value}" は使えません: 0 より大きい秒数を指定してください' },
  badSince: { en: 'invalid --since "{value}": use a date and time such as 2026-12-02T18:00:00Z', ja: '--since "{value}" は使えません: 2026-12-02T18:00:00Z のような日時を指定してください' },
} satisfies Record<string, Localized | Record<Lang, string[]>>;

/** `--lang` for every mail subcommand; a bad value is a usage error that names `mail`. */
export function langOf(opts: Options): Lang {
  return langOption(opts, process.env, 'mail: ');
}
