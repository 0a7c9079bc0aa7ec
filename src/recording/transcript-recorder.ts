import { TRANSCRIPT_MAX_HEAD_EVENTS, TRANSCRIPT_MAX_MESSAGE_EVENTS } from '../limits.js';
import { maskEvent } from '../protocols/mask.js';
import type { TranscriptEvent, TranscriptSink } from '../protocols/transcript.js';
import type { MailStore } from '../mailstore/types.js';

/**
 * Keeps, with each captured message, the explained SMTP session that delivered it: the same
 * transcript events the live log renders, collected per session here at the edge (the
 * sessions stay pure) and masked as the live log masks them, always: a password or AUTH
 * data is never stored, whatever --show-secrets says.
 *
 * A message's transcript is the session's setup (greeting, EHLO, STARTTLS, AUTH: everything
 * before its first MAIL) followed by what happened since the previous message of the same
 * session, up to and including the reply to the final "." (RFC 5321 4.1.1.4). It is saved
 * when that reply is emitted, which is before its bytes reach the client.
 */
interface SessionLog {
  head: TranscriptEvent[];
  since: TranscriptEvent[];
  /** Past the first MAIL: new events go to `since`. */
  inTransactions: boolean;
  /** Ids of a message just stored, waiting for the reply line that acknowledges it. */
  pending: string[] | null;
}

const MAIL = /^MAIL\s/i;

/** A kept transcript as the recorder wrote it: the store holds its events as opaque records. */
export interface RecordedTranscript {
  lang: string;
  events: TranscriptEvent[];
}

/** The transcript kept with transaction `id`, read back as the transcript events it was saved from. */
export async function recordedTranscript(store: Pick<MailStore, 'transcript'>, id: string): Promise<RecordedTranscript | null> {
  const kept = await store.transcript(id);
  return kept ? { lang: kept.lang, events: kept.events as TranscriptEvent[] } : null;
}

export function transcriptRecorder(store: Pick<MailStore, 'saveTranscript'>, lang: string): TranscriptSink {
  const sessions = new Map<string, SessionLog>();
  const save = (log: SessionLog, ids: string[]) => {
    const events = [...log.head, ...log.since];
    log.since = [];
    // The message event lists each transaction id once (smtp/commands/data.ts dedupes the copies).
    for (const id of ids) store.saveTranscript(id, { lang, events }).catch(() => undefined);
  };
  return (event) => {
    if (event.protocol !== 'smtp' || event.event === 'listening') return;
    const session = 'session' in event ? event.session : undefined;
    if (session === undefined) return;
    let log = sessions.get(session);
    if (!log) sessions.set(session, (log = { head: [], since: [], inTransactions: false, pending: null }));
    const shown = event.event === 'line' ? maskEvent(event) : event;
    if (event.event === 'line' && event.direction === 'client' && MAIL.test(event.text)) log.inTransactions = true;
    push(log, shown);
    if (event.event === 'message') log.pending = event.ids;
    else if (log.pending && event.event === 'line' && event.direction === 'server') {
      save(log, log.pending);
      log.pending = null;
    }
    if (event.event === 'disconnect') {
      // Stored, but the connection ended before the reply went out: keep what there is.
      if (log.pending) save(log, log.pending);
      sessions.delete(session);
    }
  };
}

/** Bounded: the setup keeps its first events, a message's part keeps its last ones. */
function push(log: SessionLog, event: TranscriptEvent): void {
  if (!log.inTransactions) {
    if (log.head.length < TRANSCRIPT_MAX_HEAD_EVENTS) log.head.push(event);
    return;
  }
  log.since.push(event);
  if (log.since.length > TRANSCRIPT_MAX_MESSAGE_EVENTS) log.since.shift();
}
