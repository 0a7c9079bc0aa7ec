import { ExitError } from '../errors.js';
import type { Lang } from '../i18n.js';
import type { MailStore, StoredTranscript } from '../mailstore/types.js';
import { explainSmtpClientLine, explainSmtpContentLine, smtpKnowledge } from '../protocols/smtp/knowledge/index.js';
import type { LineEvent, TranscriptEvent } from '../protocols/transcript.js';
import { theme } from '../ui/theme.js';
import { say, T } from './mail-texts.js';
import { liveLogText } from './serve-view.js';

/**
 * `l7lab mail show <id> --transcript`: the SMTP session that delivered a message, kept by
 * mailstore/transcript-recorder.ts, drawn by the very function that draws serve's live log.
 * The explanations were written in serve's language; shown in another, each command and
 * reply is explained again from the SMTP knowledge tables (they depend on the line alone).
 */
export async function showTranscript(store: MailStore, id: string, json: boolean, lang: Lang): Promise<string> {
  const kept = await store.transcript(id);
  if (!kept) throw new ExitError(say(T.noTranscript, lang, { id }));
  if (json) return `${JSON.stringify({ id, lang: kept.lang, events: kept.events }, null, 2)}\n`;
  const lines = [theme.heading(say(T.transcriptHead, lang, { id }))];
  for (const event of kept.events) {
    const text = liveLogText(inLanguage(event, kept, lang), { showSecrets: false, lang });
    if (text !== null) lines.push(text);
  }
  return `${lines.join('\n')}\n`;
}

function inLanguage(event: TranscriptEvent, kept: StoredTranscript, lang: Lang): TranscriptEvent {
  if (event.event !== 'line' || kept.lang === lang || event.explanation === null) return event;
  return { ...event, explanation: reexplain(event, kept.lang as Lang, lang) ?? event.explanation };
}

function reexplain(e: LineEvent, from: Lang, to: Lang): string | null {
  if (e.direction === 'server') return smtpKnowledge.explainServerLine(e.text, to);
  if (explainSmtpClientLine(e.text, from) === e.explanation) return explainSmtpClientLine(e.text, to);
  for (const kind of ['sasl', 'data', 'data-bare-dot'] as const) {
    if (explainSmtpContentLine(kind, null, from) === e.explanation) return explainSmtpContentLine(kind, null, to);
  }
  // The final dot's explanation carries the message's size and line count: find them in it.
  const numbers = (e.explanation ?? '').match(/\d+/g)?.map(Number) ?? [];
  for (const size of numbers) {
    for (const lines of numbers) {
      if (explainSmtpContentLine('data-end', { size, lines }, from) === e.explanation) return explainSmtpContentLine('data-end', { size, lines }, to);
    }
  }
  return null;
}
