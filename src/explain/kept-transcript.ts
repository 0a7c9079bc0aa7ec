import type { Lang } from '../i18n.js';
import { explainSmtpClientLine, explainSmtpContentLine, smtpKnowledge } from '../protocols/smtp/knowledge/index.js';
import type { LineEvent, TranscriptEvent } from '../protocols/transcript.js';
import type { RecordedTranscript } from '../recording/transcript-recorder.js';
import { explainEvent, type ExplainedLine } from './event.js';

/**
 * A line with a knowledge key is described in the reader's language at the edge (liveLogText,
 * explainEvent). Only a transcript kept before lines carried keys has nothing but serve's
 * words: for those, the explanation is matched against the SMTP tables in serve's language
 * and said again in the reader's (drop this once such transcripts have aged out).
 */
export function inLanguage(event: TranscriptEvent | ExplainedLine, kept: RecordedTranscript, lang: Lang): TranscriptEvent | ExplainedLine {
  if (event.event !== 'line' || event.knowledge || kept.lang === lang) return event;
  const said = explainEvent(event, kept.lang as Lang);
  if (said === null) return event;
  const line: ExplainedLine = { ...event, explanation: reexplain(event, said, kept.lang as Lang, lang) ?? said };
  return line;
}

function reexplain(e: LineEvent, said: string, from: Lang, to: Lang): string | null {
  if (e.direction === 'server') return smtpKnowledge.explainServerLine(e.text, to);
  if (explainSmtpClientLine(e.text, from) === said) return explainSmtpClientLine(e.text, to);
  for (const kind of ['sasl', 'data', 'data-bare-dot'] as const) {
    if (explainSmtpContentLine(kind, null, from) === said) return explainSmtpContentLine(kind, null, to);
  }
  // The final dot's explanation carries the message's size and line count: find them in it.
  const numbers = said.match(/\d+/g)?.map(Number) ?? [];
  for (const size of numbers) {
    for (const lines of numbers) {
      if (explainSmtpContentLine('data-end', { size, lines }, from) === said) return explainSmtpContentLine('data-end', { size, lines }, to);
    }
  }
  return null;
}
