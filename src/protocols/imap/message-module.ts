/**
 * The MIME half of the IMAP server (message.ts: libmime, mailsplit, iconv-lite and
 * encoding-japanese underneath, ~2.7 MB of heap once loaded), imported on first use: a FETCH of
 * ENVELOPE, BODYSTRUCTURE or a body part, or a SEARCH that reads messages. `serve` idle and
 * `FETCH 1:* (UID FLAGS RFC822.SIZE)` never pay for it (issue 19: memory).
 */
export type MessageModule = typeof import('./message.js');

let loading: Promise<MessageModule> | null = null;

export function messageModule(): Promise<MessageModule> {
  loading ??= import('./message.js');
  return loading;
}
