import type { Localized } from '../i18n.js';
import type { Protocol } from '../protocol.js';

/**
 * Ways back to where a lesson step expects the session to be, keyed by the state the
 * learner is in now (and, where it matters, the state the step wants). Data, not code: the
 * recovery menu shows the first entry that fits; nothing fits, and Reset is the way out.
 * `{tag}` becomes a fresh IMAP tag.
 */
export interface WayOut {
  protocol: Protocol;
  /** The session state now (the server's transcript event state). */
  now: string;
  /** The state the step starts from; any when omitted. */
  want?: string;
  command: string;
  /**
   * The lesson's own command this way out stands for (LOGIN, USER): when the lesson sends one on
   * the same connection, the way out repeats it with the lesson's account, not the default one.
   */
  same?: RegExp;
  text: Localized;
}

export const WAY_OUT: readonly WayOut[] = [
  // RFC 5321 4.1.1.5: RSET aborts the mail transaction; the session stays greeted.
  ...(['MAIL', 'RCPT'] as const).map((now) => ({
    protocol: 'smtp' as const,
    now,
    command: 'RSET',
    text: {
      en: 'RSET cancels the mail transaction you started (MAIL FROM, RCPT TO) and takes the session back to where EHLO left it (RFC 5321 4.1.1.5).',
      ja: 'RSET は始めたメールトランザクション（MAIL FROM、RCPT TO）を取り消し、セッションを EHLO の直後の状態に戻します（RFC 5321 4.1.1.5）。',
    },
  })),
  // RFC 5321 4.1.4: a session that was not greeted (a new connection) needs EHLO first.
  {
    protocol: 'smtp',
    now: 'CONNECTED',
    command: 'EHLO laptop.example',
    text: {
      en: 'This connection is new and has not said hello yet: EHLO first (RFC 5321 4.1.4).',
      ja: 'この接続は新しく、まだ挨拶をしていません。まず EHLO を送ってください（RFC 5321 4.1.4）。',
    },
  },
  // RFC 5321 4.1.4: EHLO may be sent again later in a session; the server resets as for RSET and
  // lists its extensions, so a step that wants EHLO on a new connection works after HELO too.
  {
    protocol: 'smtp',
    now: 'GREETED',
    want: 'CONNECTED',
    command: 'EHLO laptop.example',
    text: {
      en: 'The session has said hello already, but EHLO may be sent again at any time: the server starts over and lists its extensions (RFC 5321 4.1.4).',
      ja: 'セッションはすでに挨拶を済ませていますが、EHLO はいつでも送り直せます。サーバーは状態をリセットし、拡張機能の一覧を返します（RFC 5321 4.1.4）。',
    },
  },
  // RFC 3501 6.4.2 / RFC 3691 2: CLOSE or UNSELECT leaves the selected mailbox; UNSELECT expunges nothing.
  {
    protocol: 'imap',
    now: 'selected',
    want: 'authenticated',
    command: '{tag} UNSELECT',
    text: {
      en: 'A mailbox is selected, but this step starts without one: UNSELECT closes it without deleting anything (RFC 3691 2).',
      ja: 'メールボックスが選択されていますが、このステップは選択なしの状態から始まります。UNSELECT は何も削除せずに閉じます（RFC 3691 2）。',
    },
  },
  {
    protocol: 'imap',
    now: 'authenticated',
    want: 'selected',
    command: '{tag} SELECT INBOX',
    text: {
      en: 'No mailbox is selected any more: SELECT INBOX selects it again (RFC 3501 6.3.1).',
      ja: 'メールボックスが選択されていません。SELECT INBOX でもう一度選択してください（RFC 3501 6.3.1）。',
    },
  },
  {
    protocol: 'imap',
    now: 'not authenticated',
    command: '{tag} LOGIN alice wonderland',
    same: /^\S+ LOGIN /i,
    text: {
      en: 'This session is not logged in (a new connection): LOGIN first (RFC 3501 6.2.3).',
      ja: 'このセッションはログインしていません（新しい接続です）。まず LOGIN してください（RFC 3501 6.2.3）。',
    },
  },
  {
    protocol: 'pop3',
    now: 'AUTHORIZATION',
    want: 'TRANSACTION',
    command: 'USER alice',
    same: /^USER /i,
    text: {
      en: 'This session is not logged in (a new connection): USER, then PASS (RFC 1939 7).',
      ja: 'このセッションはログインしていません（新しい接続です）。USER、続けて PASS を送ってください（RFC 1939 7）。',
    },
  },
];

export function wayOut(protocol: Protocol, now: string, want: string | null): WayOut | undefined {
  return WAY_OUT.find((w) => w.protocol === protocol && w.now === now && (w.want === undefined || w.want === want));
}
