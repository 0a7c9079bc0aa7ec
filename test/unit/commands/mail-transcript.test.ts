import { describe, expect, it } from 'vitest';
import { showTranscript } from '../../../src/commands/mail-transcript.js';
import type { MailStore, StoredTranscript } from '../../../src/mailstore/types.js';
import { explainSmtpClientLine, explainSmtpContentLine, smtpKnowledge } from '../../../src/protocols/smtp/knowledge/index.js';
import type { ExplainedLine } from '../../../src/explain/event.js';

/**
 * `mail show --transcript` of a transcript kept before lines carried knowledge keys: the
 * explanations exist only in serve's language, and are found again in the reader's.
 */
const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

function line(direction: ExplainedLine['direction'], text: string, explanation: string | null): ExplainedLine {
  return { event: 'line', protocol: 'smtp', session: 'smtp-1', port: 1, direction, text, state: 'MAIL', explanation, time: 't' };
}

const kept: StoredTranscript = {
  lang: 'en',
  events: [
    line('client', 'MAIL FROM:<a@x>', explainSmtpClientLine('MAIL FROM:<a@x>', 'en')),
    line('server', '250 2.1.0 Ok', smtpKnowledge.explainServerLine('250 2.1.0 Ok', 'en')),
    line('client', '.', explainSmtpContentLine('data-end', { size: 12, lines: 3 }, 'en')),
    line('server', '250 2.0.0 Ok: queued as 7', smtpKnowledge.explainServerLine('250 2.0.0 Ok: queued as 7', 'en')),
  ],
};
const store = { transcript: async () => kept } as unknown as MailStore;

describe('a transcript kept before knowledge keys', () => {
  it('is explained again in the reader’s language', async () => {
    const ja = plain(await showTranscript(store, '7', false, 'ja'));
    expect(ja).toContain(smtpKnowledge.explainServerLine('250 2.1.0 Ok', 'ja') as string);
    expect(ja).not.toContain(smtpKnowledge.explainServerLine('250 2.1.0 Ok', 'en') as string);
    const en = plain(await showTranscript(store, '7', false, 'en'));
    expect(en).toContain(smtpKnowledge.explainServerLine('250 2.1.0 Ok', 'en') as string);
  });

  it('--json keeps every line’s explanation as it was kept', async () => {
    const json = JSON.parse(await showTranscript(store, '7', true, 'ja')) as { lang: string; events: ExplainedLine[] };
    expect(json.lang).toBe('en');
    expect(json.events.map((e) => e.explanation)).toEqual(kept.events.map((e) => (e as ExplainedLine).explanation));
  });
});
