import { describe, expect, it } from 'vitest';
import { explainEvent, withExplanation, type Knowledge } from '../../../src/explain/event.js';
import type { Lang } from '../../../src/i18n.js';
import type { KnowledgeRef, LineEvent } from '../../../src/protocols/transcript.js';

/** The edge: a knowledge key becomes text in the reader's language; an event without one keeps its text. */
const said: Record<Lang, (ref: KnowledgeRef) => string | null> = {
  en: (ref) => (ref.key === 'reply' ? `reply ${String(ref.params?.code)}: accepted` : null),
  ja: (ref) => (ref.key === 'reply' ? `応答 ${String(ref.params?.code)}: 受け付けました` : null),
};
const withDescribe = { describe: (ref: KnowledgeRef, lang: Lang) => said[lang](ref) };
const knowledge: Knowledge = { smtp: withDescribe, pop3: {}, imap: withDescribe };

function event(extra: Partial<LineEvent> = {}): LineEvent {
  return { event: 'line', protocol: 'smtp', session: 'smtp-1', port: 5000, direction: 'server', text: '250 OK', state: 'MAIL', explanation: 'in serve’s language', time: 't', ...extra };
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

  it('an event without a key, or a table without describe, keeps its explanation', () => {
    expect(explainEvent(event(), 'ja', knowledge)).toBe('in serve’s language');
    expect(explainEvent(event({ explanation: null }), 'en', knowledge)).toBeNull();
    const pop3 = event({ protocol: 'pop3', knowledge: { key: 'ok', params: { command: 'RETR' } } });
    expect(explainEvent(pop3, 'en', knowledge)).toBe('in serve’s language');
  });

  it('withExplanation puts the edge’s text in the event’s own field, the same object when nothing changes', () => {
    const plain = event();
    expect(withExplanation(plain, 'en', knowledge)).toBe(plain);
    const keyed = withExplanation(event({ knowledge: { key: 'reply', params: { code: '250' } } }), 'ja', knowledge);
    expect(keyed.explanation).toBe('応答 250: 受け付けました');
  });

  it('with the real registry, an event without a key is explained as before', () => {
    expect(explainEvent(event({ explanation: 'kept' }), 'en')).toBe('kept');
  });
});
