import { describe, expect, it } from 'vitest';
import { apop, b64, challengeText, cram, parseHelper, plain, timestampOf, unb64 } from '../../../src/practice/helpers.js';

describe('colon helpers', () => {
  it(':plain alice wonderland is base64 of \\0alice\\0wonderland (RFC 4616 2)', () => {
    const r = plain('alice', 'wonderland');
    expect(r.response).toBe(Buffer.from('\0alice\0wonderland').toString('base64'));
    expect(r.response).toBe('AGFsaWNlAHdvbmRlcmxhbmQ=');
    expect(r.decoded).toBe('\\0alice\\0wonderland');
  });

  it(':apop with the RFC 1939 7 example gives its digest', () => {
    expect(apop('<1896.697170952@dbc.mtview.ca.us>', 'tanstaaf').digest).toBe('c4c9334bac560ecc979e58001b3e22fb');
  });

  it(':apop finds the timestamp inside a whole greeting line', () => {
    const r = apop('+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>', 'tanstaaf');
    expect(r).toEqual({ timestamp: '<1896.697170952@dbc.mtview.ca.us>', digest: 'c4c9334bac560ecc979e58001b3e22fb' });
    expect(timestampOf('no brackets')).toBe('no brackets');
  });

  describe(':cram against the RFC 2195 2 example', () => {
    const text = '<1896.697170952@postoffice.reston.mci.net>';
    const base64 = Buffer.from(text).toString('base64');
    it.each([
      ['as text', text],
      ['as base64 after 334', base64],
    ])('challenge %s', (_how, challenge) => {
      const r = cram(challenge, 'tim', 'tanstaaftanstaaf');
      expect(r.challenge).toBe(text);
      expect(r.digest).toBe('b913a602c7eda7a495b4e6e7334d3890');
      expect(r.decoded).toBe('tim b913a602c7eda7a495b4e6e7334d3890');
      expect(r.response).toBe('dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw');
    });

    it('a challenge that is not base64 of text is used as it is', () => {
      expect(challengeText('not-base64!')).toBe('not-base64!');
      // valid base64, but of binary bytes: not a challenge text
      expect(challengeText(Buffer.from([0, 1, 2, 255]).toString('base64'))).toBe('AAEC/w==');
    });
  });

  it(':b64 and :unb64 are each other\'s inverse, with NULs and control bytes visible', () => {
    expect(b64('hello world')).toBe('aGVsbG8gd29ybGQ=');
    expect(unb64('aGVsbG8gd29ybGQ=')).toBe('hello world');
    expect(unb64(b64('\0bob\0builder'))).toBe('\\0bob\\0builder');
    expect(unb64(Buffer.from('a\x01b').toString('base64'))).toBe('a\\x01b');
    expect(unb64(b64('日本語'))).toBe('日本語');
  });

  it(':unb64 refuses what is not strict base64 (RFC 4648 4)', () => {
    for (const bad of ['abc', 'ab$=', 'a=bc', '====x']) expect(unb64(bad), bad).toBeNull();
  });

  it('parses a helper line: name, words, and the rest as typed', () => {
    expect(parseHelper(':b64 two  words')).toEqual({ name: 'b64', args: ['two', 'words'], rest: 'two  words' });
    expect(parseHelper('  :QUIT  ')).toEqual({ name: 'quit', args: [], rest: '' });
    expect(parseHelper('NOOP')).toBeNull();
  });
});
