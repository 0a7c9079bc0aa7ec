/**
 * One transcript: every server emits these typed events for each line in and out.
 * Lessons, the practice shell, `serve`'s live log and `--json-log` all render this stream.
 */
import type { Protocol } from '../protocol.js';
export type Direction = 'client' | 'server';
/** L5 session state, L6 encoding on the wire, L7 the command and its meaning. */
export type OsiLayer = 'L5' | 'L6' | 'L7';

/**
 * What explains a line, without saying it in any language: a key into the protocol's
 * knowledge tables plus its parameters (a reply code, a size). Sessions emit keys; the edge
 * (ui/, `--json-log`, the lessons) turns them into text in the reader's language.
 */
export interface KnowledgeRef {
  key: string;
  params?: Readonly<Record<string, string | number>>;
}

export interface ListeningEvent {
  event: 'listening';
  protocol: Protocol;
  host: string;
  port: number;
  /** An implicit-TLS port (SMTPS, POP3S, IMAPS, RFC 8314). */
  tls?: boolean;
}

export interface ConnectionEvent {
  event: 'connect' | 'disconnect';
  protocol: Protocol;
  session: string;
  remote: string;
  /** Why a session ended: 'quit', 'timeout', 'dropped', 'error', 'busy', 'shutdown'. */
  reason?: string;
}

export interface LineEvent {
  event: 'line';
  protocol: Protocol;
  session: string;
  /**
   * The client's port (the server's remote port): with the session id it ties a line to the
   * connection a lesson or the practice shell holds (its local port), without parsing `remote`.
   */
  port: number;
  direction: Direction;
  /** The line as it crossed the wire, without its CRLF (raw payloads are summarised). */
  text: string;
  /** The session state after this line was handled, in the RFC's own words. */
  state: string;
  /**
   * The knowledge key that explains the line (see KnowledgeRef), when there is one. Sessions
   * never write explanations: the edge (explain/event.ts) describes the key in the reader's language.
   */
  knowledge?: KnowledgeRef;
  /**
   * A server line sent as one summarised chunk (a message body, a literal: `text` is its
   * summary) covers this many lines on the wire; absent, the event is one wire line.
   */
  wireLines?: number;
  /** A decoded form of an encoded line (for example base64 in AUTH): teaches L6. */
  decoded?: string;
  /** The line (or its decoded form) carries a credential; logs mask it unless asked. */
  secret?: boolean;
  layer?: OsiLayer;
  /** The line travelled inside TLS (after STARTTLS/STLS, or on an implicit-TLS port). */
  tls?: boolean;
  time: string;
}

export interface MessageEvent {
  event: 'message';
  protocol: Protocol;
  session: string;
  /** Store id of the captured message: one, shared by its copy in every recipient's mailbox. */
  ids: string[];
  from: string;
  to: string[];
  size: number;
}

export interface NoticeEvent {
  event: 'notice';
  protocol: Protocol;
  session?: string;
  level: 'info' | 'warn' | 'error';
  text: string;
}

/**
 * A TLS handshake finished on a session (RFC 8446; STARTTLS RFC 3207, STLS RFC 2595,
 * IMAP STARTTLS RFC 3501 6.2.1, or an implicit-TLS port, RFC 8314): from here on the
 * session's lines are encrypted on the wire.
 */
export interface TlsEvent {
  event: 'tls';
  protocol: Protocol;
  session: string;
  /** 'starttls' after the protocol's upgrade command, 'implicit' on a TLS-from-the-start port. */
  mode: 'starttls' | 'implicit';
  /** e.g. TLSv1.3 */
  version: string;
  /** e.g. TLS_AES_256_GCM_SHA384 */
  cipher: string;
  /** The subject of the certificate the server presented, e.g. CN=localhost. */
  subject: string;
  /** Octets the client sent after the upgrade command in cleartext, thrown away unread (RFC 3207 4.2). */
  discarded: number;
  time: string;
}

export type TranscriptEvent = ListeningEvent | ConnectionEvent | LineEvent | MessageEvent | NoticeEvent | TlsEvent;
export type TranscriptSink = (event: TranscriptEvent) => void;

/** Sinks that can say nobody hears them now (a hub without listeners): see `heard`. */
const LISTENERS = new WeakMap<TranscriptSink, () => boolean>();

/**
 * Whether events given to this sink reach anyone: false only for a hub with no listeners at this
 * moment, so a server can skip building the line events nobody reads (and the clock read each
 * costs). Asked per step, so a listener added later (a lesson's link, `serve`'s log) hears the next line.
 */
export function heard(sink: TranscriptSink | undefined): sink is TranscriptSink {
  if (!sink) return false;
  const listening = LISTENERS.get(sink);
  return listening ? listening() : true;
}

/** Fan one stream out to many listeners; a throwing listener never breaks a server. */
export class TranscriptHub {
  private readonly sinks = new Set<TranscriptSink>();

  constructor() {
    LISTENERS.set(this.emit, () => this.sinks.size > 0);
  }

  add(sink: TranscriptSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  readonly emit: TranscriptSink = (event) => {
    for (const sink of this.sinks) {
      try {
        sink(event);
      } catch {
        // A renderer's bug must not take a session down.
      }
    }
  };
}
