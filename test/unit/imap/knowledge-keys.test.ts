import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../src/mailstore/memory.js';
import type { Lang } from '../../../src/i18n.js';
import { imapKnowledge } from '../../../src/protocols/imap/knowledge/index.js';
import { clientKey, serverKey } from '../../../src/protocols/imap/knowledge/keys.js';
import { ImapSession } from '../../../src/protocols/imap/session.js';
import { plainResponse } from '../../../src/protocols/sasl.js';
import type { Step } from '../../../src/protocols/session.js';
import type { Frame } from '../../../src/protocols/transport.js';
import type { KnowledgeRef } from '../../../src/protocols/transcript.js';
import { dialog, message, services } from './fixtures.js';

/**
 * Knowledge keys (issue 13): every step carries, for the client line and each reply line, a
 * language-free key; `describe(key, lang)` is the explanation. The fixture was recorded from
 * the transcript's explanations before keys existed (the session's text-matching explain()),
 * for exactly this dialog, so old and new must say the same, word for word, in en and ja.
 */
interface Recorded {
  direction: 'client' | 'server';
  text: string;
  en: string | null;
  ja: string | null;
}

const RECORDED: Recorded[] = JSON.parse(readFileSync(new URL('./fixtures/transcript-explanations.json', import.meta.url), 'utf8'));

const WIRE = [
  'a CAPABILITY', 'b NOOP', 'c AUTHENTICATE PLAIN', '*', 'd AUTHENTICATE PLAIN', 'bm90IHBsYWlu', 'e AUTHENTICATE FOO',
  'f LOGIN bob wrong', 'g FROB', 'h SELECT INBOX', 'i LOGIN {3}', 'bob builder',
  `j AUTHENTICATE PLAIN ${plainResponse('bob', 'builder')}`,
  'k LIST "" *', 'l STATUS INBOX (MESSAGES UNSEEN UIDNEXT)', 'm CREATE Archive', 'n SELECT INBOX',
  'o FETCH 1:* (UID FLAGS RFC822.SIZE)', 'p FETCH 1 BODY[]', 'q STORE 2 +FLAGS (\\Deleted)', 'r SEARCH UNSEEN',
  'r2 SEARCH CHARSET KOI8-R ALL', 's COPY 1 Archive', 't COPY 1 Nope', 'u UID FETCH 1 FLAGS', 'v APPEND INBOX {5}', 'hello',
  'w IDLE', 'DONE', 'x EXPUNGE', 'y EXAMINE INBOX', 'y2 STORE 1 +FLAGS (\\Seen)', 'z NAMESPACE', 'z1 ID NIL', 'z2 UID SEARCH ALL',
  'z3 FETCH 9 FLAGS', 'z4 CLOSE', 'z5 ENABLE CONDSTORE', 'z6 LOGOUT',
];

/** The text the transcript shows for the client's part of a step (as protocols/step-events.ts does). */
function clientText(frame: Frame, step: Step): string {
  return step.client?.text ?? (frame.kind === 'line' ? frame.line.toString('latin1') : frame.kind === 'overflow' ? '[line too long, discarded]' : `[${frame.data.length} octets]`);
}

interface Line {
  direction: 'client' | 'server';
  text: string;
  key: KnowledgeRef | null | undefined;
}

async function replay(): Promise<Line[]> {
  const store = new MemoryStore();
  await store.deliver({ from: 'alice@example.com', to: ['bob@example.com'] }, message('one'), new Date('2024-01-01T10:00:00Z'));
  await store.deliver({ from: 'carol@example.com', to: ['bob@example.com'] }, message('two', 'Second.'), new Date('2024-01-02T10:00:00Z'));
  const d = await dialog(services(store));
  for (const line of WIRE) await d.line(line);
  const lines: Line[] = [];
  for (const { frame, step } of d.steps) {
    if (frame && !step.client?.silent) lines.push({ direction: 'client', text: clientText(frame, step), key: step.client?.knowledge });
    step.out.forEach((item, i) => {
      if (typeof item === 'string') lines.push({ direction: 'server', text: item, key: step.knowledge?.[i] });
    });
  }
  return lines;
}

const describeKey = (key: KnowledgeRef | null | undefined, lang: Lang): string | null => (key ? (imapKnowledge.describe?.(key, lang) ?? null) : null);
/** UIDVALIDITY is the clock at the mailbox's creation; it is not what the explanation is about. */
const sameLine = (text: string): string => text.replace(/(UIDVALIDITY|COPYUID|APPENDUID) \d+/g, '$1 n');

describe('IMAP knowledge keys on every step', () => {
  it.each(['en', 'ja'] as const)('describe(step key, %s) says what the transcript said before keys, line by line', async (lang) => {
    const lines = await replay();
    expect(lines.map((l) => `${l.direction} ${sameLine(l.text)}`)).toEqual(RECORDED.map((r) => `${r.direction} ${sameLine(r.text)}`));
    lines.forEach((line, i) => {
      const recorded = RECORDED[i] as Recorded;
      expect(describeKey(line.key, lang), `${line.direction} ${line.text}`).toBe(recorded[lang]);
    });
  });

  it.each(['en', 'ja'] as const)('the text alone (%s) gives the same words as before (a server that is not the lab)', async (lang) => {
    for (const r of RECORDED) {
      const words = r.direction === 'client' ? imapKnowledge.explainClientLine(r.text, lang) : imapKnowledge.explainServerLine(r.text, lang);
      expect(words, r.text).toBe(r[lang]);
    }
  });

  it('keys are semantic and language-free: a name and parameters, never a sentence', async () => {
    const lines = await replay();
    const keys = lines.map((l) => l.key).filter((k): k is KnowledgeRef => Boolean(k));
    expect(new Set(keys.map((k) => k.key))).toEqual(new Set(['untagged', 'code', 'tagged', 'continue', 'command', 'literal', 'sasl', 'cancel', 'done']));
    for (const k of keys) for (const v of Object.values(k.params ?? {})) expect(String(v)).toMatch(/^(UID )?[A-Z0-9.+-]+$/);
  });
});

describe('IMAP serverKey and clientKey', () => {
  it.each([
    ['* 3 EXISTS', undefined, { key: 'untagged', params: { name: 'EXISTS' } }],
    ['* 1 FETCH (FLAGS (\\Seen))', undefined, { key: 'untagged', params: { name: 'FETCH' } }],
    ['* CAPABILITY IMAP4rev1 IDLE', undefined, { key: 'untagged', params: { name: 'CAPABILITY' } }],
    ['* BYE l7lab IMAP server logging out', undefined, { key: 'untagged', params: { name: 'BYE' } }],
    ['* OK [UIDNEXT 4] Predicted next UID', undefined, { key: 'code', params: { code: 'UIDNEXT', status: 'OK' } }],
    ['a NO [TRYCREATE] Mailbox does not exist', 'COPY', { key: 'code', params: { code: 'TRYCREATE', status: 'NO' } }],
    ['a OK [X-UNKNOWN] fine', 'NOOP', { key: 'tagged', params: { status: 'OK', command: 'NOOP' } }],
    ['a1 BAD Unknown command', undefined, { key: 'tagged', params: { status: 'BAD' } }],
    ['+ Ready for literal data', undefined, { key: 'continue' }],
    ['* 2 FROBNICATE', undefined, null],
    ['hello', undefined, null],
  ] as const)('serverKey(%j, %j)', (line, answers, want) => {
    expect(serverKey(line, answers)).toEqual(want);
  });

  it.each([
    ['a1 uid fetch 1:* FLAGS', undefined, { key: 'command', params: { name: 'UID FETCH' } }],
    ['a1 LOGIN bob builder', undefined, { key: 'command', params: { name: 'LOGIN' } }],
    ['[literal: 310 octets]', undefined, { key: 'literal', params: { octets: 310 } }],
    ['DONE', 'idle', { key: 'done' }],
    ['*', 'sasl', { key: 'cancel' }],
    ['AGJvYgBidWlsZGVy', 'sasl', { key: 'sasl' }],
    ['AGJvYgBidWlsZGVy', undefined, { key: 'sasl' }],
    ['a1 FROB', undefined, null],
  ] as const)('clientKey(%j, %j)', (line, mode, want) => {
    expect(clientKey(line, mode)).toEqual(want);
  });

  it('describe knows nothing of a key it never made', () => {
    expect(imapKnowledge.describe?.({ key: 'reply', params: { code: '250' } }, 'en')).toBeNull();
    expect(imapKnowledge.describe?.({ key: 'untagged', params: { name: 'NOPE' } }, 'ja')).toBeNull();
    expect(imapKnowledge.describe?.({ key: 'toString' }, 'en')).toBeNull();
  });
});
