import { nearest } from '../edit-distance.js';
import { messages, type Lang, type Localized } from '../i18n.js';

/**
 * `l7lab explain`'s and `:explain`'s own words, in English and Japanese: labels, the lines
 * for unknown terms and the unknown-protocol line (which `l7lab practice` shares). What a
 * command or reply means is not here: that lives in each protocol's knowledge table.
 */
const MESSAGES = {
  syntax: { en: 'syntax', ja: '構文' },
  states: { en: 'states', ja: '使える状態' },
  meaning: { en: 'meaning', ja: '意味' },
  example: { en: 'example', ja: '例' },
  asResponse: { en: 'as a response', ja: '応答として' },
  variants: { en: 'in detail', ja: '詳しくは' },
  cls: { en: 'class', ja: 'クラス' },
  category: { en: 'category', ja: '分類' },
  commandsHere: { en: 'commands', ja: '使えるコマンド' },
  none: { en: '(none)', ja: '（なし）' },
  kindCommand: { en: 'command', ja: 'コマンド' },
  kindReply: { en: 'reply', ja: '応答' },
  kindState: { en: 'state', ja: '状態' },
  kindMethod: { en: 'method', ja: 'メソッド' },
  kindStatus: { en: 'status', ja: 'ステータス' },
  kindField: { en: 'header field', ja: 'ヘッダーフィールド' },
  kindCoding: { en: 'coding', ja: 'コーディング' },
  kindRecordType: { en: 'record type', ja: 'レコード型' },
  kindRcode: { en: 'RCODE', ja: 'RCODE' },
  kindFlag: { en: 'header flag', ja: 'ヘッダーフラグ' },
  kindSection: { en: 'section', ja: 'セクション' },
  kindConcept: { en: 'term', ja: '用語' },
  kindEnhanced: { en: 'enhanced status code', ja: '拡張ステータスコード' },
  enhanced: { en: 'enhanced code', ja: '拡張コード' },
  subject: { en: 'subject', ja: '主題' },
  detail: { en: 'detail', ja: '詳細' },
  sentAs: { en: 'sent as', ja: '使われる応答' },
  unlistedDetail: {
    en: '{code} is not in l7lab\'s table of details (RFC 3463 3, the IANA registry); the rows above say what its parts mean',
    ja: '{code} は l7lab の詳細コード表（RFC 3463 3、IANA の登録簿）にありません。各部分の意味は上の行のとおりです',
  },
  exampleOf: { en: 'from {command}', ja: '{command} の例' },
  unlistedCode: {
    en: '{code} is not in l7lab\'s table of {protocol} replies; what its form says:',
    ja: '{code} は l7lab の {protocol} 応答表にありません。形からわかること:',
  },
  secondDigitUnassigned: {
    en: 'the second digit {digit} has no category in RFC 5321 4.2.1',
    ja: '2 桁目の {digit} には RFC 5321 4.2.1 で分類が割り当てられていません',
  },
  replyClasses: { en: 'every {protocol} reply starts with one of these:', ja: '{protocol} の応答は必ず次のどれかで始まります:' },
  unknownTerm: {
    en: 'no command, reply or state "{term}" in {protocol}; closest commands: {suggestions} (see l7lab explain {protocolLower} <command>)',
    ja: '{protocol} に「{term}」というコマンド・応答・状態はありません。近いコマンド: {suggestions}（l7lab explain {protocolLower} <コマンド> で確認できます）',
  },
  unknownHttpTerm: {
    en: 'no method, status, header field, coding or state "{term}" in HTTP; closest: {suggestions} (see l7lab explain http <term>)',
    ja: 'HTTP に「{term}」というメソッド・ステータス・ヘッダーフィールド・コーディング・状態はありません。近いもの: {suggestions}（l7lab explain http <用語> で確認できます）',
  },
  unknownDnsTerm: {
    en: 'no record type, RCODE, flag, section or term "{term}" in DNS; closest: {suggestions} (see l7lab explain dns <term>)',
    ja: 'DNS に「{term}」というレコード型・RCODE・フラグ・セクション・用語はありません。近いもの: {suggestions}（l7lab explain dns <用語> で確認できます）',
  },
  notEnhancedCode: {
    en: '"{term}" is not an enhanced status code: it is class.subject.detail, the class 2, 4 or 5, the others 1 to 3 digits (RFC 3463 2)',
    ja: '「{term}」は拡張ステータスコードではありません。形は クラス.主題.詳細 で、クラスは 2・4・5 のどれか、ほかは 1〜3 桁の数字です（RFC 3463 2）',
  },
  notSmtpCode: {
    en: '"{term}" is not an SMTP reply code: a reply code is three digits, the first 2, 3, 4 or 5 (RFC 5321 4.2.1)',
    ja: '「{term}」は SMTP の応答コードではありません。応答コードは 3 桁で、1 桁目は 2・3・4・5 のどれかです（RFC 5321 4.2.1）',
  },
  notHttpStatus: {
    en: '"{term}" is not an HTTP status code: a status code is three digits, the first 1 to 5 (RFC 9110 15)',
    ja: '「{term}」は HTTP のステータスコードではありません。ステータスコードは 3 桁で、1 桁目は 1〜5 のどれかです（RFC 9110 15）',
  },
  unknownProtocol: { en: 'unknown protocol "{protocol}"{suggest}: use {list}', ja: '未知のプロトコル「{protocol}」です{suggest}。{list} のどれかを指定してください' },
  // The one style of every "did you mean" (as learn's unknown lesson and cli.ts's unknown command).
  didYouMean: { en: ' (did you mean {best}?)', ja: '（{best} のことですか？）' },
} satisfies Record<string, Localized>;

export type MessageKey = keyof typeof MESSAGES;

export const msg = messages(MESSAGES);

/** `practice smpt`, `explain smpt 250`: the one line, with the protocol the user most likely meant. */
export function unknownProtocolLine(lang: Lang, protocol: string, known: readonly string[]): string {
  // One typo at most: `smpt`, `pop`, `imap4`; `http` is no misspelt smtp.
  const best = nearest(protocol.toLowerCase(), known, 1);
  // `smtp, pop3, imap or http`; `smtp、pop3、imap、http`.
  const list = lang === 'ja' ? known.join('、') : known.length > 1 ? `${known.slice(0, -1).join(', ')} or ${known[known.length - 1]}` : known.join('');
  return msg(lang, 'unknownProtocol', { protocol, list, suggest: best ? msg(lang, 'didYouMean', { best }) : '' });
}
