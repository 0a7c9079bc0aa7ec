import { describe, expect, it } from 'vitest';
import { maskDecoded, maskEvent, maskSecretText } from '../../../src/protocols/mask.js';
import type { LineEvent } from '../../../src/protocols/transcript.js';

describe('maskSecretText', () => {
  it.each([
    ['AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=', 'AUTH PLAIN ****'],
    ['auth login YWxpY2U=', 'auth login ****'],
    ['PASS wonderland', 'PASS ****'],
    ['APOP alice c4c9334bac560ecc979e58001b3e22fb', 'APOP alice ****'],
    ['a1 LOGIN alice wonderland', 'a1 LOGIN alice ****'],
    ['a1 LOGIN "al ice" "won der"', 'a1 LOGIN "al ice" ****'],
    ['a2 AUTHENTICATE PLAIN AGFsaWNl', 'a2 AUTHENTICATE PLAIN ****'],
    ['d29uZGVybGFuZA==', '****'],
    ['AUTH PLAIN', 'AUTH PLAIN'],
    ['a2 AUTHENTICATE PLAIN', 'a2 AUTHENTICATE PLAIN'],
  ])('%s -> %s', (input, masked) => {
    expect(maskSecretText(input)).toBe(masked);
    expect(masked).not.toContain('wonderland');
  });
});

describe('maskEvent', () => {
  const base: LineEvent = {
    event: 'line',
    protocol: 'smtp',
    session: 's1',
    port: 1,
    direction: 'client',
    text: 'AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=',
    state: 'GREETED',
    time: '2026-01-01T00:00:00.000Z',
  };

  it('leaves lines without secrets untouched', () => {
    const e = { ...base, text: 'MAIL FROM:<a@b>' };
    expect(maskEvent(e)).toBe(e);
  });

  it('masks the wire text and the password in the decoded form but keeps the user', () => {
    const e = maskEvent({ ...base, secret: true, decoded: '\\0alice\\0wonderland' });
    expect(e.text).toBe('AUTH PLAIN ****');
    expect(e.decoded).toBe('\\0alice\\0****');
    expect(JSON.stringify(e)).not.toContain('wonderland');
    expect(maskDecoded('alice')).toBe('****');
  });
});
