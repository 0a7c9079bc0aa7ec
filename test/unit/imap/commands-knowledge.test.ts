import { describe, expect, it } from 'vitest';
import { IMAP_COMMANDS } from '../../../src/protocols/imap/commands/index.js';
import { IMAP_STATES } from '../../../src/protocols/imap/types.js';
import { imapKnowledge } from '../../../src/protocols/imap/knowledge/index.js';
import { BYE, CAPABILITIES } from '../../../src/protocols/imap/replies.js';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe('IMAP knowledge tables', () => {
  it('explain every registered command in English and Japanese, with syntax, states, RFC and an example', () => {
    for (const spec of IMAP_COMMANDS.values()) {
      const k = imapKnowledge.commands.get(spec.name);
      expect(k, spec.name).toBeDefined();
      expect(k?.syntax).toBe(spec.syntax);
      expect(k?.states).toEqual(spec.states);
      expect(k?.rfc).toMatch(/^RFC \d+/);
      expect(k?.summary.en.length).toBeGreaterThan(10);
      expect(k?.summary.ja).toMatch(JAPANESE);
      expect(k?.example.every((l) => /^[CS]: /.test(l))).toBe(true);
      expect(k?.example.some((l) => l.startsWith('C: '))).toBe(true);
    }
  });

  it('have every command a client could know from CAPABILITY (UID forms and extensions too)', () => {
    const names = [...IMAP_COMMANDS.keys()];
    for (const n of ['IDLE', 'NAMESPACE', 'ID', 'ENABLE', 'UNSELECT', 'UID FETCH', 'UID STORE', 'UID SEARCH', 'UID COPY', 'UID EXPUNGE']) expect(names).toContain(n);
    expect(CAPABILITIES).toContain('UIDPLUS');
  });

  it('explain each of the four states', () => {
    for (const s of IMAP_STATES) {
      const k = imapKnowledge.states.get(s);
      expect(k?.meaning.ja, s).toMatch(JAPANESE);
      expect(k?.rfc).toMatch(/^RFC 3501 3\.\d$/);
    }
  });

  it.each([
    ['* 3 EXISTS', /messages/],
    ['* 1 RECENT', /new/],
    ['* 2 EXPUNGE', /removed/],
    ['* 4 FETCH (FLAGS (\\Seen))', /flags/],
    ['* FLAGS (\\Seen)', /flags/],
    ['* CAPABILITY IMAP4rev1', /supports/],
    ['* LIST (\\HasNoChildren) "/" INBOX', /mailbox/],
    ['* SEARCH 1 2', /matched/],
    ['* STATUS INBOX (MESSAGES 1)', /counts/],
    ['* PREAUTH ready', /authenticated/],
    ['* OK [UIDVALIDITY 17] UIDs valid', /cached UID/],
    ['* OK [UIDNEXT 5] Predicted next UID', /next new message/],
    ['* OK [PERMANENTFLAGS (\\Seen \\*)] x', /saved for good/],
    ['* OK [UNSEEN 2] x', /first message without/],
    ['a OK [READ-ONLY] EXAMINE completed', /read-only/],
    ['a OK [READ-WRITE] SELECT completed', /reading and writing/],
    ['a NO [TRYCREATE] Mailbox does not exist', /CREATE it/],
    ['a OK [APPENDUID 1 2] APPEND completed', /appended message/],
    ['a OK [COPYUID 1 1:2 3:4] COPY completed', /source UIDs/],
    ['a NO [TOOBIG] Literal too big', /limit/],
    ['a NO [AUTHENTICATIONFAILED] x', /password/],
    ['a NO [EXPUNGEISSUED] x', /another session/],
    ['a NO plain failure', /failed/],
    ['a BAD Unknown command', /not understood/],
    ['+ Ready for literal data', /ready for more/],
    [BYE.logout, /closing/],
    [BYE.busy, /too many connections/],
  ])('explain the server line %s', (line, meaning) => {
    expect(imapKnowledge.explainServerLine(line, 'en')).toMatch(meaning);
    expect(imapKnowledge.explainServerLine(line, 'ja')).toMatch(JAPANESE);
  });

  it.each([
    ['a1 FETCH 1 BODY[]', /BODY\[\] marks the message \\Seen/],
    ['a1 uid fetch 1:* FLAGS', /UID instead of sequence number/],
    ['a1 LOGIN bob builder', /plain text/],
    ['DONE', /ends IDLE/],
    ['*', /cancels/],
    ['AGJvYgBidWlsZGVy', /base64/],
    ['[literal: 310 octets]', /Literal octets/],
  ])('explain the client line %s', (line, meaning) => {
    expect(imapKnowledge.explainClientLine(line, 'en')).toMatch(meaning);
    expect(imapKnowledge.explainClientLine(line, 'ja')).toMatch(JAPANESE);
  });

  it('have an entry for every response code the server sends', () => {
    const codes = ['READ-ONLY', 'READ-WRITE', 'TRYCREATE', 'APPENDUID', 'COPYUID', 'TOOBIG', 'UIDVALIDITY', 'UIDNEXT', 'UNSEEN', 'PERMANENTFLAGS', 'CAPABILITY', 'ALERT', 'AUTHENTICATIONFAILED', 'AUTHORIZATIONFAILED', 'NONEXISTENT', 'ALREADYEXISTS', 'CANNOT', 'INUSE', 'EXPUNGEISSUED', 'UNAVAILABLE', 'SERVERBUG', 'OVERQUOTA', 'BADCHARSET'];
    for (const c of codes) expect(imapKnowledge.replies.get(`[${c}]`), c).toBeDefined();
  });
});
