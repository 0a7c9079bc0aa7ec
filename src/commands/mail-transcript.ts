import { ExitError } from '../errors.js';
import { localize, type Lang } from '../i18n.js';
import type { MailStore } from '../mailstore/types.js';
import type { LineEvent, TranscriptEvent } from '../protocols/transcript.js';
import { recordedTranscript, type RecordedTranscript } from '../recording/transcript-recorder.js';
import { withExplanation, type ExplainedLine } from '../explain/event.js';
import { inLanguage } from '../explain/kept-transcript.js';
import { theme } from '../ui/theme.js';
import { T } from './mail-texts.js';
import { liveLogText } from './serve-view.js';

/**
 * `l7lab mail show <id> --transcript`: the SMTP session that delivered a message, kept by
 * recording/transcript-recorder.ts, drawn by the very function that draws serve's live log.
 * Each line is explained in the reader's language from the knowledge key kept with it.
 */
export async function showTranscript(store: MailStore, id: string, json: boolean, lang: Lang): Promise<string> {
  const kept = await recordedTranscript(store, id);
  if (!kept) throw new ExitError(localize(T.noTranscript, lang, { id }));
  if (json) {
    // As it has always read: each line's explanation in the language the transcript was kept in.
    const events = kept.events.map((e) => (e.event === 'line' ? withExplanation(e, kept.lang as Lang) : e));
    return `${JSON.stringify({ id, lang: kept.lang, events }, null, 2)}\n`;
  }
  const lines = [theme.heading(localize(T.transcriptHead, lang, { id }))];
  for (const event of kept.events) {
    const text = liveLogText(inLanguage(event, kept, lang), { showSecrets: false, lang });
    if (text !== null) lines.push(text);
  }
  return `${lines.join('\n')}\n`;
}

