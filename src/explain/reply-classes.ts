import type { Localized } from '../i18n.js';

/**
 * What the digits of an SMTP reply code say on their own (RFC 5321 4.2.1), so a code no
 * table lists still gets a meaning: the first digit is the class (2xx..5xx, in the SMTP
 * knowledge table), the second the category written here, the third a finer grade.
 * POP3 (+OK/-ERR) and IMAP (OK/NO/BAD/BYE/PREAUTH) classes are already in their tables.
 */
export interface DigitMeaning {
  code: string;
  meaning: Localized;
  rfc: string;
}

const RFC = 'RFC 5321 4.2.1';

export const SMTP_SECOND_DIGIT: ReadonlyMap<string, DigitMeaning> = new Map(
  (
    [
      ['x0x', 'syntax: the command was malformed, unknown, not implemented or out of place', '構文: コマンドの形が誤っている、未知、未実装、または場違いであることを表します'],
      ['x1x', 'information: an answer to a request for information, such as status or help', '情報: 状態やヘルプなど、情報を求める要求への応答です'],
      ['x2x', 'connections: about the transmission channel itself', '接続: 通信路そのものについての応答です'],
      ['x3x', 'not assigned by the RFC', 'RFC では割り当てられていません'],
      ['x4x', 'not assigned by the RFC', 'RFC では割り当てられていません'],
      ['x5x', 'mail system: about the receiving mail system and the requested mail action', 'メールシステム: 受信側メールシステムと、要求したメール処理についての応答です'],
    ] as const
  ).map(([code, en, ja]) => [code, { code, meaning: { en, ja }, rfc: RFC }]),
);

/** `571` -> { class: '5xx', second: 'x7x' }; null when it is not three digits. */
export function smtpDigits(code: string): { cls: string; second: string } | null {
  const m = /^(\d)(\d)\d$/.exec(code);
  return m ? { cls: `${m[1]}xx`, second: `x${m[2]}x` } : null;
}
