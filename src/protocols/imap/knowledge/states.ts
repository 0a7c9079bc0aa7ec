import type { StateKnowledge } from '../../knowledge.js';

/** The four IMAP states (RFC 3501 3), in the RFC's own words, explained. */
export const IMAP_STATE_KNOWLEDGE: ReadonlyMap<string, StateKnowledge> = new Map(
  (
    [
      // RFC 3501 6.2: STARTTLS, AUTHENTICATE, LOGIN; 6.1: CAPABILITY, NOOP, LOGOUT in any state.
      ['not authenticated', 'Connected, not logged in yet: only STARTTLS, LOGIN, AUTHENTICATE and the any-state commands work.', '接続済みでまだログインしていない状態です。STARTTLS・LOGIN・AUTHENTICATE と、どの状態でも使えるコマンドだけが使えます。', 'RFC 3501 3.1'],
      ['authenticated', 'Logged in, no mailbox open: manage mailboxes, then SELECT or EXAMINE one.', 'ログイン済みでメールボックスは開いていない状態です。メールボックスを管理したり、SELECT や EXAMINE で開いたりします。', 'RFC 3501 3.2'],
      ['selected', 'A mailbox is open: FETCH, SEARCH, STORE, COPY and EXPUNGE work on its messages.', 'メールボックスを開いている状態です。FETCH・SEARCH・STORE・COPY・EXPUNGE でメッセージを扱えます。', 'RFC 3501 3.3'],
      ['logout', 'The session is ending: the server said BYE and closes the connection.', 'セッションの終了中です。サーバーは BYE を送り、接続を閉じます。', 'RFC 3501 3.4'],
    ] as const
  ).map(([name, en, ja, rfc]) => [name, { name, meaning: { en, ja }, rfc }]),
);
