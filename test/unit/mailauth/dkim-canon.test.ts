import { describe, expect, it } from 'vitest';
import { canonBody, canonHeader } from '../../../src/mailauth/canon.js';
import { withoutB } from '../../../src/mailauth/dkim-hash.js';
import { parseTags, readKeyRecord } from '../../../src/mailauth/dkim-tags.js';
import { pickFields, splitMessage } from '../../../src/mailauth/message.js';

/** RFC 6376 3.4.5: the example message, "A: X", "B : Y<TAB><CRLF><TAB>Z  ", and a body with spaces and empty lines. */
const EXAMPLE = Buffer.from('A: X\r\nB : Y\t\r\n\tZ  \r\n\r\n C \r\nD \t E\r\n\r\n\r\n', 'latin1');

describe('DKIM canonicalization: RFC 6376 3.4.5', () => {
  const { fields, body } = splitMessage(EXAMPLE);
  it('relaxed header: "a:X" and "b:Y Z"', () => {
    expect(fields.map((f) => canonHeader(f.raw, 'relaxed')).join('')).toBe('a:X\r\nb:Y Z\r\n');
  });
  it('relaxed body: " C" and "D E", the empty lines at the end gone', () => {
    expect(canonBody(body, 'relaxed')).toBe(' C\r\nD E\r\n');
  });
  it('simple header: unchanged; simple body: only the empty lines at the end gone', () => {
    expect(fields.map((f) => canonHeader(f.raw, 'simple')).join('')).toBe('A: X\r\nB : Y\t\r\n\tZ  \r\n');
    expect(canonBody(body, 'simple')).toBe(' C \r\nD \t E\r\n');
  });
  it('an empty body: CRLF in simple, nothing in relaxed (RFC 6376 3.4.3, 3.4.4); a missing final CRLF is added', () => {
    expect(canonBody('', 'simple')).toBe('\r\n');
    expect(canonBody('', 'relaxed')).toBe('');
    expect(canonBody('\r\n\r\n', 'relaxed')).toBe('');
    expect(canonBody('end', 'simple')).toBe('end\r\n');
  });
  it('LF-only messages read as CRLF', () => {
    const lf = splitMessage(Buffer.from('A: X\nB: Y\n\nbody\n'));
    expect(lf.fields.map((f) => f.raw)).toEqual(['A: X', 'B: Y']);
    expect(lf.body).toBe('body\r\n');
  });
});

describe('DKIM signed fields and tags', () => {
  it('a repeated field is taken bottom-up, and a name with no instance left adds nothing (RFC 6376 5.4.2)', () => {
    const { fields } = splitMessage(Buffer.from('Received: one\r\nReceived: two\r\nFrom: a@example.com\r\n\r\n'));
    expect(pickFields(fields, ['received', 'received', 'received', 'from']).map((f) => f.raw)).toEqual(['Received: two', 'Received: one', 'From: a@example.com']);
  });
  it('b= emptied, bh= kept (RFC 6376 3.7)', () => {
    expect(withoutB('DKIM-Signature: v=1; bh=AAA=; b=abc\r\n\tdef; d=x')).toBe('DKIM-Signature: v=1; bh=AAA=; b=; d=x');
    expect(withoutB('DKIM-Signature: b = abc ;v=1')).toBe('DKIM-Signature: b =;v=1');
  });
  it('parses a tag list with whitespace; a duplicate tag, a tag without "=" or a bad name is an error (RFC 6376 3.2)', () => {
    expect(parseTags(' v = 1 ;\r\n\ta=rsa-sha256;')).toEqual(new Map([['v', '1'], ['a', 'rsa-sha256']]));
    expect(parseTags('v=1; v=1')).toEqual({ error: 'tag v twice' });
    expect(parseTags('v=1; junk')).toHaveProperty('error');
    expect(parseTags('1v=1')).toHaveProperty('error');
  });
  it('reads a key record: revoked when p= is empty, unusable for another k= or v= (RFC 6376 3.6.1)', () => {
    expect(readKeyRecord('v=DKIM1; k=rsa; p=')).toEqual({ kind: 'revoked' });
    expect(readKeyRecord('v=DKIM1; k=ed25519; p=AAAA')).toMatchObject({ kind: 'bad' });
    expect(readKeyRecord('k=rsa; v=DKIM1; p=AAAA')).toMatchObject({ kind: 'bad' });
    expect(readKeyRecord('v=DKIM1; h=sha1; p=AAAA')).toMatchObject({ kind: 'bad' });
    expect(readKeyRecord('p=QUJD')).toMatchObject({ kind: 'key', der: Buffer.from('ABC') });
  });
});
