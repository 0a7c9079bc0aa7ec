import { describe, expect, it } from 'vitest';
import { decodedResponse, explainClient, explainReply, imapLineKinds, verbOf } from '../../../src/explain/explainer.js';

describe('IMAP reply lines and literals (RFC 3501 4.3)', () => {
  it('marks the octets of a literal and the line it continues', () => {
    const lines = ['* 1 FETCH (BODY[] {14}', 'Subject: x', '', ' FLAGS (\\Seen))', 'a1 OK FETCH completed'];
    expect(imapLineKinds(lines)).toEqual(['line', 'literal', 'literal', 'continued', 'line']);
  });

  it('a literal that does not end in CRLF continues on its last line', () => {
    expect(imapLineKinds(['* 1 FETCH (BODY[] {3}', 'abc)', 'a1 OK'])).toEqual(['line', 'continued', 'line']);
  });

  it('a continued line may announce the next literal', () => {
    const lines = ['* 1 FETCH (BODY[1] {3}', 'abc BODY[2] {4}', 'de', ')', 'a1 OK'];
    expect(imapLineKinds(lines)).toEqual(['line', 'continued', 'literal', 'continued', 'line']);
  });

  it('explains the FETCH line, never a line of the message inside the literal', () => {
    const lines = ['* 1 FETCH (BODY[] {14}', '* 3 EXISTS', '', ')', 'a1 OK FETCH completed'];
    const out = explainReply('imap', lines, 'FETCH', 'en');
    expect(out[0]).toMatch(/message n/);
    expect(out[1]).toBeNull();
    expect(out[3]).toBeNull();
    expect(out[4]).toMatch(/Success/);
  });
});

describe('explanations from the tables, by the command a reply answers', () => {
  it('POP3: +OK after PASS is a login; inside a message body a +OK line is just text', () => {
    const [login] = explainReply('pop3', ["+OK bob's maildrop has 2 messages (10 octets)"], 'PASS', 'en');
    expect(login).toMatch(/Logged in/);
    const body = explainReply('pop3', ['+OK 10 octets', '+OK not a status', '.'], 'RETR', 'en');
    expect(body[1]).toBeNull();
    expect(body[2]).toMatch(/End of the multi-line reply/);
  });

  it('SMTP and Japanese', () => {
    expect(explainReply('smtp', ['354 go ahead'], 'DATA', 'ja')[0]).toMatch(/^354: 送信を始めてください/);
  });

  it('a SASL response is decoded after AUTH, but DONE after IDLE is not base64 to decode', () => {
    expect(explainClient('smtp', 'AGFsaWNlAHdvbmRlcmxhbmQ=', 'continuation', 'en', 'AUTH').decoded).toBe('\\0alice\\0wonderland');
    expect(explainClient('imap', 'DONE', 'continuation', 'en', 'IDLE')).toEqual({ explanation: expect.stringMatching(/DONE ends IDLE/) });
    expect(decodedResponse('not base64!')).toBeUndefined();
  });

  it('the verb a line names, after the tag for IMAP', () => {
    expect(verbOf('pop3', 'retr 1')).toBe('RETR');
    expect(verbOf('imap', 'a1 select INBOX')).toBe('SELECT');
  });
});
