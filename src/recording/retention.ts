import type { TranscriptSink } from '../protocols/transcript.js';
import { keepNewest } from '../mailstore/transactions.js';
import type { MailStore } from '../mailstore/types.js';

/**
 * `serve --max-messages N`: after each captured message, the oldest transactions beyond N are
 * removed (every copy, with envelope and transcript), so a long-running `serve --memory`
 * cannot grow without end. One pass at a time; messages that arrive during a pass get one more.
 */
export function retention(store: MailStore, max: number, dropped: (ids: string[]) => void): TranscriptSink {
  let running = false;
  let again = false;
  const pass = async (): Promise<void> => {
    running = true;
    try {
      do {
        again = false;
        const ids = await keepNewest(store, max).catch(() => [] as string[]);
        if (ids.length > 0) dropped(ids);
      } while (again);
    } finally {
      running = false;
    }
  };
  return (event) => {
    if (event.event !== 'message') return;
    if (running) again = true;
    else void pass();
  };
}
