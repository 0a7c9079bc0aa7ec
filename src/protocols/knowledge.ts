import type { Lang, Localized } from '../i18n.js';
import type { KnowledgeRef } from './transcript.js';
import type { Protocol } from '../protocol.js';

/**
 * Protocol knowledge is data: commands, reply codes and states with their explanations,
 * in English and Japanese. One table per protocol (smtp/knowledge.ts, ...), used by the
 * servers' transcript, `l7lab explain`, the practice shell and the lessons alike.
 */
export interface CommandKnowledge {
  name: string;
  /** e.g. `MAIL FROM:<reverse-path> [SIZE=n]` */
  syntax: string;
  /** States (in the RFC's words) where the command is allowed. */
  states: readonly string[];
  /** e.g. `RFC 5321 4.1.1.2` */
  rfc: string;
  summary: Localized;
  /** A short exchange, lines prefixed `C: ` and `S: `. */
  example: readonly string[];
}

export interface ReplyKnowledge {
  /** `354`, `+OK`, `-ERR`, `OK`, `NO`, `BAD`, `BYE`, `[IN-USE]`, ... */
  code: string;
  meaning: Localized;
  rfc: string;
}

export interface StateKnowledge {
  name: string;
  meaning: Localized;
  rfc: string;
}

/**
 * A term a protocol knows besides its commands, replies and states: an HTTP header field
 * (RFC 9110 5) or a coding (RFC 9112 7); a DNS header flag (RFC 1035 4.1.1), a message section
 * (RFC 1035 4.1) or an idea such as TTL or glue. `explain` finds it by name, case-insensitively.
 */
export interface TermKnowledge {
  name: string;
  kind: 'field' | 'coding' | 'flag' | 'section' | 'concept';
  meaning: Localized;
  rfc: string;
}

export interface ProtocolKnowledge {
  protocol: Protocol;
  commands: ReadonlyMap<string, CommandKnowledge>;
  replies: ReadonlyMap<string, ReplyKnowledge>;
  states: ReadonlyMap<string, StateKnowledge>;
  /** Other terms, keyed by lower-case name (HTTP's header fields and codings); absent when none. */
  terms?: ReadonlyMap<string, TermKnowledge>;
  /** One line explaining a server line from its text alone: `describe(serverKey(line), lang)`. */
  explainServerLine(line: string, lang: Lang): string | null;
  /** One line explaining a client line from its text alone: `describe(clientKey(line), lang)`. */
  explainClientLine(line: string, lang: Lang): string | null;
  /**
   * The key explaining a server line, from its text alone; `answers` is the command it replies
   * to, when known (a practice shell talking to a server that is not l7lab's has only the text).
   */
  serverKey(line: string, answers?: string): KnowledgeRef | null;
  /** The key explaining a client line: a command, or (`mode`) a line inside a multi-line step. */
  clientKey(line: string, mode?: string): KnowledgeRef | null;
  /** A key in the reader's language (null for a key this protocol does not know). */
  describe(ref: KnowledgeRef, lang: Lang): string | null;
}

/** The commands allowed in `state`, in the table's order; every command when the state is unknown. */
export function commandsFor(knowledge: ProtocolKnowledge, state: string | null): CommandKnowledge[] {
  const all = [...knowledge.commands.values()];
  return state === null ? all : all.filter((c) => c.states.includes(state));
}

/**
 * Keys `{ key, params: { [param]: value } }` shared per value, built once and frozen: a line
 * kind that repeats per line (a FETCH 1:* of 10,000 `* n FETCH` lines, a LIST of 10,000
 * messages) costs no key allocation per line. Only for values from a closed set (known names).
 */
export function sharedKeys(key: string, param: string): (value: string) => KnowledgeRef {
  const keys = new Map<string, KnowledgeRef>();
  return (value) => {
    let ref = keys.get(value);
    if (!ref) keys.set(value, (ref = Object.freeze({ key, params: Object.freeze({ [param]: value }) })));
    return ref;
  };
}

/** A protocol's knowledge without the two explain methods, which follow from its keys and describe. */
export type KnowledgeParts = Omit<ProtocolKnowledge, 'explainServerLine' | 'explainClientLine'>;

/** A ProtocolKnowledge whose explain methods are `describe(serverKey(line))` and `describe(clientKey(line))`. */
export function protocolKnowledge(parts: KnowledgeParts): ProtocolKnowledge {
  const explain = (ref: KnowledgeRef | null, lang: Lang): string | null => (ref ? parts.describe(ref, lang) : null);
  return {
    ...parts,
    explainServerLine: (line, lang) => explain(parts.serverKey(line), lang),
    explainClientLine: (line, lang) => explain(parts.clientKey(line), lang),
  };
}
