import type { MailStore } from '../mailstore/types.js';

/**
 * What wakes a long poll: the store's own change feed (the one IMAP IDLE listens to), which
 * says `added` as soon as SMTP has stored a message, before its 250 reaches the client. In
 * `serve` the web app shares the lab's store, and the store already polls its Maildir for
 * what other processes deliver (STORE_POLL_MS), so nothing needs fs.watch here, unlike
 * `l7lab mail wait`, which runs in a process of its own.
 */
export type ChangeSource = Pick<MailStore, 'watch'>;

/**
 * Resolves when a message is added (or, with `anyChange`, added, removed or re-flagged), after
 * `ms`, or when `signal` aborts, whichever is first.
 */
export function nextArrival(source: ChangeSource, ms: number, signal: AbortSignal, anyChange = false): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    let stop: () => void = () => undefined;
    const done = () => {
      clearTimeout(timer);
      stop();
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    stop = source.watch((change) => {
      if (anyChange || change.kind === 'added') done();
    });
  });
}
