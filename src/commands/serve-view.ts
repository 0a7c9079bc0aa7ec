import { explainEvent } from '../explain/event.js';
import { pick } from '../i18n.js';
import { PHRASES } from '../protocols/smtp/knowledge/replies.js';
import { maskEvent } from '../protocols/mask.js';
import type { TranscriptEvent } from '../protocols/transcript.js';
import { theme } from '../ui/theme.js';
import { renderTlsHandshake } from '../ui/tls-view.js';
import { wrap } from '../ui/wrap.js';
import { eventView, renderLine } from '../ui/transcript-view.js';
import type { ServeConfig } from './serve-config.js';
import { serveText as t } from './serve-texts.js';

/**
 * `serve`'s live log (human and --json-log): each line explained at the edge (explain/event.ts),
 * so this module brings the explanation tables; serve.ts imports it only when a log is written
 * (not with --quiet). The banner is serve-banner.ts.
 */

/**
 * One JSON object a line: scripts and tests follow the servers with this. A line keeps the
 * fields it has always had, its explanation said at the edge in serve's language; the fields
 * that exist for the edge itself (the knowledge key, the client port, a chunk's wire lines)
 * are left out, so what scripts read does not change.
 */
export function jsonLogLine(event: TranscriptEvent, config: Pick<ServeConfig, 'showSecrets' | 'lang'>): string {
  if (event.event !== 'line') return JSON.stringify(event);
  const shown = config.showSecrets ? event : maskEvent(event);
  const { port: _port, knowledge: _knowledge, wireLines: _wireLines, ...fields } = shown;
  return JSON.stringify({ ...fields, explanation: explainEvent(shown, config.lang) });
}

/** The human live log: one block per event, or null for events not worth a line. */
export function liveLogText(event: TranscriptEvent, config: Pick<ServeConfig, 'showSecrets' | 'lang'>): string | null {
  switch (event.event) {
    case 'line': {
      const e = config.showSecrets ? event : maskEvent(event);
      // Client lines speak for themselves in the live log; the replies say what happened.
      const view = eventView(e, e.direction === 'server' ? explainEvent(e, config.lang) : null);
      return renderLine({ ...view, who: e.session }, { lang: config.lang });
    }
    case 'connect':
      return theme.dim(t(config.lang, 'connected', { session: event.session, remote: event.remote }));
    case 'disconnect': {
      const closed = theme.dim(t(config.lang, 'closed', { session: event.session, reason: event.reason ?? t(config.lang, 'done') }));
      // A simulated drop has no reply line to explain: the explanation goes with the close.
      return /^dropped by l7lab /.test(event.reason ?? '') ? `${closed}\n            ${theme.explanation(pick(PHRASES.simulatedDrop, config.lang))}` : closed;
    }
    case 'message':
      return theme.ok(t(config.lang, 'captured', { session: event.session, from: event.from, to: event.to.map((r) => `<${r}>`).join(', '), size: event.size, ids: event.ids.join(', ') }));
    case 'notice':
      // The DNS hierarchy's start-up notice says what the banner's DNS rows say, in the user's language.
      if (event.protocol === 'dns' && event.level === 'info') return null;
      // Wrapped like every other line, so the log keeps to the terminal's width.
      return event.level === 'info' ? wrap(event.text, { style: theme.dim }) : wrap(`${event.session ?? event.protocol}: ${event.text}`, { style: theme.warn });
    case 'tls':
      return renderTlsHandshake(event, config.lang);
    case 'listening':
      return null;
  }
}
