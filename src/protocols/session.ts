import type { KnowledgeRef, OsiLayer } from './transcript.js';
import type { Protocol } from '../protocol.js';

/**
 * The contract between a pure protocol session and the socket that carries it.
 * A session never touches a socket, the clock or the terminal: it takes a line (or
 * bytes) and returns a Step saying what to write and what it expects to read next.
 */

/** Bytes written verbatim (a message body, an IMAP literal); the transcript shows `summary`. */
export interface RawChunk {
  raw: Buffer;
  summary: string;
}

/** A string is one reply line: the server appends CRLF. */
export type OutItem = string | RawChunk;

/**
 * What the transport should read next: the "one pending slot" for multi-line steps.
 * - line: the next line, up to maxLine octets including CRLF (command line or DATA text line)
 * - bytes: exactly `count` octets (IMAP literal), delivered whole to `bytes()`
 * - discard: skip `count` octets unseen (a refused non-synchronising literal), then `bytes()` gets an empty buffer
 */
export type Expect =
  /** commandLine: a command line, which must arrive whole within the server's COMMAND_LINE_DEADLINE_MS of its first octet. */
  | { mode: 'line'; maxLine: number; commandLine?: true }
  | { mode: 'bytes'; count: number }
  | { mode: 'discard'; count: number };

export interface ClientNote {
  /** Decoded form of the client's line (AUTH base64 -> `\0alice\0secret`). */
  decoded?: string;
  secret?: boolean;
  layer?: OsiLayer;
  /** Override the text shown for the client line (e.g. a summary of a DATA body). */
  text?: string;
  /** Do not emit a transcript event for this client line (e.g. each DATA body line in quiet mode). */
  silent?: boolean;
  /** The knowledge key that explains the client line. */
  knowledge?: KnowledgeRef | null;
}

export interface Step {
  out: OutItem[];
  /** Close the connection after writing `out`. */
  close?: boolean;
  /** Why the session closes, for the disconnect event ('quit', 'error', ...). */
  closeReason?: string;
  /** What to read next; the session's current expectation when omitted. */
  expect?: Expect;
  client?: ClientNote;
  /** Per-out-line layer tags, same index as `out`, where a lesson should show one. */
  layers?: Array<OsiLayer | undefined>;
  /** Per-out-line knowledge keys, same index as `out` (see KnowledgeRef). */
  knowledge?: Array<KnowledgeRef | null | undefined>;
  /**
   * After writing `out` (the go-ahead of STARTTLS/STLS), the server throws away whatever the
   * client pipelined behind the command and starts a TLS handshake (RFC 3207 4.2, RFC 2595 4,
   * RFC 3501 6.2.1). The session has already forgotten what the cleartext told it.
   */
  startTls?: boolean;
  /**
   * Wait this long before writing `out` (bounded by the session's own limits): the brake on
   * password guessing and simulated slow servers. The session never reads the clock; the
   * server that owns the socket does the waiting.
   */
  delayMs?: number;
  /**
   * A deadline for the client's next input that a trickle of bytes does not reset (the idle timer
   * does): a number arms a timer that starts with the next byte the client sends (at once when
   * bytes are already waiting) and, when it fires, ends the session with `timeout('deadline')`;
   * null disarms it; omitted leaves it as it is. HTTP's slow-header guard (slowloris).
   */
  inputDeadlineMs?: number | null;
}

/**
 * How a session stands to TLS: one shape and one set of names for every protocol.
 * `starttls`: the upgrade command (STARTTLS, STLS) is offered (RFC 3207, RFC 2595, RFC 3501 6.2.1).
 * `secure`: inside TLS from the first byte (an implicit-TLS port, RFC 8314).
 * `loginRequiresTls`: passwords in clear (SMTP AUTH PLAIN/LOGIN, POP3 USER/PASS and AUTH PLAIN,
 * IMAP LOGIN and AUTHENTICATE PLAIN) are refused outside TLS (RFC 4954 4, RFC 2595 2.2, RFC 3501 6.2.3).
 */
export interface SessionTls {
  starttls: boolean;
  secure: boolean;
  loginRequiresTls: boolean;
}

/** The server's name when none is given, the same for every protocol (RFC 6761 6.3: .localhost never leaves the machine). */
export const DEFAULT_HOSTNAME = 'l7lab.localhost';

export interface Terminator {
  /** The line ended in CRLF (true) or a bare LF (false). */
  crlf: boolean;
}

export interface ProtocolSession {
  readonly protocol: Protocol;
  readonly id: string;
  /** The state in the RFC's own words; shown in every transcript event. */
  readonly state: string;
  /** What the transport should read now. */
  readonly expect: Expect;
  greet(): Promise<Step>;
  /** One line, without its terminator. */
  line(line: Buffer, end: Terminator): Promise<Step>;
  /**
   * Optional: line() for the transport's fast path, the same step but handed back directly
   * when it needs no async work (a line of an SMTP message body), so a burst of such lines
   * is handled without a promise or a microtask turn per line.
   */
  lineNow?(line: Buffer, end: Terminator): Step | Promise<Step>;
  /**
   * Optional: offered the bytes received and not yet read, before they are cut into lines, when
   * nobody listens to the transcript; a session may take a whole block at once (an HTTP request
   * head) and say how many octets it used, or return null to have them read line by line.
   */
  takeBlock?(bytes: Buffer): { used: number; step: Step | Promise<Step> } | null;
  /** The bytes asked for by an Expect of mode bytes (or an empty buffer after discard). */
  bytes(data: Buffer): Promise<Step>;
  /** The client sent a line longer than expect.maxLine (the excess was discarded). */
  overflow(): Promise<Step>;
  /** The idle timer fired (or, `deadline`, a Step.inputDeadlineMs ran out): the protocol's autologout reply. */
  timeout(cause?: 'idle' | 'deadline'): Step;
  /** The server is shutting down. */
  shutdown(): Step;
  /**
   * Optional: the client closed its side or the connection dropped, told at once, even while the
   * session is still working on a line (an HTTP long-poll stops waiting for mail).
   */
  clientGone?(): void;
  /** The connection is gone, for whatever reason: release locks, never apply pending deletes. */
  closed(): Promise<void>;
  /**
   * Optional: the server hands the session a way to send unsolicited replies between
   * commands (IMAP untagged EXISTS/EXPUNGE/FETCH during IDLE). The session must only push
   * while it is not in the middle of answering a command.
   */
  attachPush?(push: (step: Step) => void): void;
  /**
   * Optional: true while the client is in the middle of a multi-line step that a shutdown
   * should let finish (an SMTP message body, read in line mode); the server waits for it.
   */
  readonly busy?: boolean;
}
