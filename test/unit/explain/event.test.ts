import { describe, expect, it } from 'vitest';
import { explainEvent, withExplanation, type ExplainedLine, type Knowledge } from '../../../src/explain/event.js';
import type { Lang } from '../../../src/i18n.js';
import type { KnowledgeRef } from '../../../src/protocols/transcript.js';

/** The edge: a knowledge key becomes text in the reader's language; a line kept before keys keeps its words. */
const said: Record<Lang, (ref: KnowledgeRef) => string | null> = {
  en: (ref) => (ref.key === 'reply' ? `reply ${String(ref.params?.code)}: accepted` : null),
  ja: (ref) => (ref.key === 'reply' ? `応答 ${String(ref.params?.code)}: 受け付けました` : null),
};
const withDescribe = { describe: (ref: KnowledgeRef, lang: Lang) => said[lang](ref) };
const knowledge: Knowledge = { smtp: withDescribe, pop3: withDescribe, imap: withDescribe, http: withDescribe, dns: withDescribe };

function event(extra: Partial<ExplainedLine> = {}): ExplainedLine {
  return { event: 'line', protocol: 'smtp', session: 'smtp-1', port: 5000, direction: 'server', text: '250 OK', state: 'MAIL', time: 't', ...extra };
}

describe('explainEvent', () => {
  it('describes the key in the reader’s language, en and ja', () => {
    const keyed = event({ knowledge: { key: 'reply', params: { code: '250' } } });
    expect(explainEvent(keyed, 'en', knowledge)).toBe('reply 250: accepted');
    expect(explainEvent(keyed, 'ja', knowledge)).toBe('応答 250: 受け付けました');
  });

  it('a key the table does not know says nothing rather than the wrong thing', () => {
    expect(explainEvent(event({ knowledge: { key: 'no-such-key' } }), 'en', knowledge)).toBeNull();
  });

  it('a line without a key says nothing, unless it was kept with words (before keys existed); a key wins over kept words', () => {
    expect(explainEvent(event(), 'ja', knowledge)).toBeNull();
    expect(explainEvent(event({ explanation: 'in serve’s language' }), 'ja', knowledge)).toBe('in serve’s language');
    expect(explainEvent(event({ explanation: 'old words', knowledge: { key: 'reply', params: { code: '250' } } }), 'en', knowledge)).toBe('reply 250: accepted');
  });

  it('withExplanation puts the edge’s words in the line’s `explanation` field, as --json-log writes it', () => {
    const keyed = withExplanation(event({ knowledge: { key: 'reply', params: { code: '250' } } }), 'ja', knowledge);
    expect(keyed.explanation).toBe('応答 250: 受け付けました');
    expect(withExplanation(event(), 'en', knowledge).explanation).toBeNull();
  });

  it('with the real registry, a real SMTP key is described in both languages', () => {
    const keyed = event({ knowledge: { key: 'reply', params: { code: '354' } } });
    expect(explainEvent(keyed, 'en')).toMatch(/^354: /);
    expect(explainEvent(keyed, 'ja')).toMatch(/^354: .*[\u3040-\u30ff]/);
  });
});
