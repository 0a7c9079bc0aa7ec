import type { Lang } from '../i18n.js';
import type { ProtocolKnowledge } from '../protocols/knowledge.js';
import { KNOWLEDGE } from '../protocols/registry.js';
import type { LineEvent } from '../protocols/transcript.js';
import type { Protocol } from '../protocol.js';

/**
 * The edge where a transcript line becomes words: the line's knowledge key, described by its
 * protocol's table in the reader's language. Every renderer (lessons, the practice shell,
 * serve's live log, `mail show --transcript`, `--json-log`) asks here; sessions never write words.
 */
export type Knowledge = Readonly<Record<Protocol, Pick<ProtocolKnowledge, 'describe'>>>;

/**
 * A line with its words attached: what `--json-log` and `mail show --transcript --json` write.
 * A transcript kept before lines carried keys (l7lab 0.1 before issue 13) holds only these words.
 */
export type ExplainedLine = LineEvent & { explanation?: string | null };

export function explainEvent(event: ExplainedLine, lang: Lang, knowledge: Knowledge = KNOWLEDGE): string | null {
  if (event.knowledge) return knowledge[event.protocol].describe(event.knowledge, lang);
  return event.explanation ?? null;
}

/** The event as `--json-log` has always written it: its explanation said in `lang` (serve's). */
export function withExplanation(event: ExplainedLine, lang: Lang, knowledge: Knowledge = KNOWLEDGE): ExplainedLine & { explanation: string | null } {
  return { ...event, explanation: explainEvent(event, lang, knowledge) };
}
