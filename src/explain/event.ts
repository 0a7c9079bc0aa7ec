import type { Lang } from '../i18n.js';
import type { ProtocolKnowledge } from '../protocols/knowledge.js';
import { KNOWLEDGE } from '../protocols/registry.js';
import type { LineEvent } from '../protocols/transcript.js';
import type { Protocol } from '../protocol.js';

/**
 * The edge where a transcript line becomes words: the line's knowledge key, described by its
 * protocol's table in the reader's language. Every renderer (lessons, the practice shell,
 * serve's live log, `mail show --transcript`, `--json-log`) asks here, and this is the one
 * place that still reads `explanation`, the text a session wrote in its own language before
 * sessions emitted keys: an event without a key (or a table without `describe`) keeps it.
 */
export type Knowledge = Readonly<Record<Protocol, Pick<ProtocolKnowledge, 'describe'>>>;

export function explainEvent(event: LineEvent, lang: Lang, knowledge: Knowledge = KNOWLEDGE): string | null {
  const table = knowledge[event.protocol];
  if (event.knowledge && table.describe) return table.describe(event.knowledge, lang);
  return event.explanation;
}

/** The event as `--json-log` has always written it: its explanation said in `lang` (serve's). */
export function withExplanation(event: LineEvent, lang: Lang, knowledge: Knowledge = KNOWLEDGE): LineEvent {
  const explanation = explainEvent(event, lang, knowledge);
  return explanation === event.explanation ? event : { ...event, explanation };
}
