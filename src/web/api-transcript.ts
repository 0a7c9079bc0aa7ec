import type { Lang } from '../i18n.js';
import type { MailStore } from '../mailstore/types.js';
import { recordedTranscript } from '../recording/transcript-recorder.js';
import type { Catalog } from './catalog.js';
import { json, jsonError } from './respond.js';
import type { Handler } from './router.js';

/**
 * `GET /api/messages/{id}/transcript?lang=en|ja`: the SMTP session that delivered the message,
 * as recording/transcript-recorder.ts kept it (masked), each line explained in the reader's
 * language by the edge every renderer shares (explain/event.ts; `mail show --transcript`'s
 * inLanguage for transcripts kept before lines carried keys). Those bring the explanation tables:
 * they are imported on the first transcript asked for, not when `serve` starts (issue 19: idle).
 */
export interface ExplainedLineView {
  direction: 'client' | 'server';
  text: string;
  state: string;
  layer: string | null;
  tls: boolean;
  explanation: string | null;
}

export type TranscriptEntry = ExplainedLineView | { event: 'tls'; version: string; cipher: string } | { event: 'message'; ids: string[]; size: number };

export async function explainedTranscript(store: Pick<MailStore, 'transcript'>, id: string, lang: Lang): Promise<{ keptIn: string; lines: TranscriptEntry[] } | null> {
  const kept = await recordedTranscript(store, id);
  if (!kept) return null;
  const [{ inLanguage }, { explainEvent }] = await Promise.all([import('../explain/kept-transcript.js'), import('../explain/event.js')]);
  const lines: TranscriptEntry[] = [];
  for (const event of kept.events) {
    const e = inLanguage(event, kept, lang);
    if (e.event === 'line') {
      lines.push({ direction: e.direction, text: e.text, state: e.state, layer: e.layer ?? null, tls: e.tls === true, explanation: explainEvent(e, lang) });
    } else if (e.event === 'tls') lines.push({ event: 'tls', version: e.version, cipher: e.cipher });
    else if (e.event === 'message') lines.push({ event: 'message', ids: e.ids, size: e.size });
  }
  return { keptIn: kept.lang, lines };
}

export function getTranscript(deps: { catalog: Catalog; store: MailStore }): Handler {
  return async (ctx) => {
    const id = ctx.params.id ?? '';
    if (!(await deps.catalog.find(id))) return jsonError(404, ctx.say('errNoMessage', { id }));
    const t = await explainedTranscript(deps.store, id, ctx.lang);
    if (!t) return jsonError(404, ctx.say('errNoTranscript', { id }));
    return json(200, { id, lang: ctx.lang, ...t }, { Vary: 'Accept-Language' });
  };
}
