import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { prependSignature, signDkim, verifyDkim } from '../../../src/mailauth/dkim.js';
import { headerHashInput } from '../../../src/mailauth/dkim-hash.js';
import { pickFields, splitMessage } from '../../../src/mailauth/message.js';
import { LAB_DKIM_KEY_RECORD, LAB_DKIM_PRIVATE_KEY } from '../../../src/mailauth/lab-key.js';
import type { DkimCheck } from '../../../src/mailauth/types.js';
import { fakeDns } from './fake-dns.js';

const MESSAGE = [
  'From: Alice <alice@example.com>',
  'To: bob@example.net',
  'Subject: Lunch?',
  'Date: Thu, 03 Dec 2026 09:00:00 +0000',
  'Message-ID: <1@example.com>',
  '',
  'Shall we meet at noon?',
  '',
].join('\r\n');

const DNS = fakeDns({ txt: { 'lab._domainkey.example.com': [LAB_DKIM_KEY_RECORD], 'revoked._domainkey.example.com': ['v=DKIM1; k=rsa; p='] } });
const OPTS = { domain: 'example.com', selector: 'lab', privateKey: LAB_DKIM_PRIVATE_KEY, time: new Date('2026-12-03T09:00:00Z') };

function signed(message = MESSAGE, opts: Partial<typeof OPTS> & { headers?: string[] } = {}): string {
  return prependSignature(Buffer.from(message), signDkim(Buffer.from(message), { ...OPTS, ...opts })).toString('latin1');
}
const keys = (c: DkimCheck | undefined): string[] => (c?.steps ?? []).map((s) => s.key);
const verifyText = async (text: string): Promise<DkimCheck[]> => verifyDkim(Buffer.from(text, 'latin1'), DNS);

describe('DKIM sign and verify with the lab key', () => {
  it('signs rsa-sha256 relaxed/relaxed with t=, bh=, h= of the fields present, folded', () => {
    const field = signDkim(Buffer.from(MESSAGE), OPTS);
    expect(field).toMatch(/^DKIM-Signature: v=1; a=rsa-sha256; c=relaxed\/relaxed; d=example.com; s=lab;\r\n\tt=1796288400; bh=[A-Za-z0-9+/]{43}=;/);
    expect(field).toContain('h=from:to:subject:date:message-id;');
    expect(field.split('\r\n').every((line) => line.length <= 78)).toBe(true);
  });
  it('a signed message passes, every step there', async () => {
    const [check, more] = await verifyText(signed());
    expect(more).toBeUndefined();
    expect(check).toMatchObject({ result: 'pass', domain: 'example.com', selector: 'lab', bodyHashMatches: true });
    expect(check?.signedHeaders).toEqual(['from', 'to', 'subject', 'date', 'message-id']);
    expect(keys(check)).toEqual(['dkim.signature', 'dkim.key-lookup', 'dkim.key', 'dkim.body-hash-good', 'dkim.fields', 'dkim.rsa-good', 'dkim.result']);
    expect(check?.steps[1]?.dns?.name).toBe('lab._domainkey.example.com');
    expect(check?.steps[4]?.params.lines).toContain('subject:Lunch?');
  });
  it('relaxed survives re-folding and whitespace changes in transit', async () => {
    const moved = signed().replace('Subject: Lunch?', 'subject:   Lunch?').replace('at noon?', 'at   noon?   ');
    expect((await verifyText(moved))[0]?.result).toBe('pass');
  });
  it('a changed header fails at the RSA verify, the body hash still matching', async () => {
    const [check] = await verifyText(signed().replace('Subject: Lunch?', 'Subject: Dinner?'));
    expect(check).toMatchObject({ result: 'fail', bodyHashMatches: true });
    expect(keys(check)).toContain('dkim.rsa-bad');
  });
  it('a changed body fails at the body hash', async () => {
    const [check] = await verifyText(signed().replace('noon', 'midnight'));
    expect(check).toMatchObject({ result: 'fail', bodyHashMatches: false });
    expect(keys(check).at(-2)).toBe('dkim.body-hash-bad');
  });
  it('an added From field (not signed as absent) breaks the signature: From is picked bottom-up (RFC 6376 5.4.2, 8.15)', async () => {
    const [check] = await verifyText(signed().replace('Subject:', 'From: ceo@example.com\r\nSubject:'));
    expect(check?.result).toBe('fail');
  });
  it('no signature: no checks', async () => {
    expect(await verifyText(MESSAGE)).toEqual([]);
  });
});

describe('DKIM failures', () => {
  it('the revoked key is a permerror (RFC 6376 3.6.1)', async () => {
    const [check] = await verifyText(signed(MESSAGE, { selector: 'revoked' }));
    expect(check?.result).toBe('permerror');
    expect(keys(check)).toContain('dkim.key-revoked');
  });
  it('no key record is a permerror, a DNS failure a temperror (RFC 6376 6.1.2)', async () => {
    expect((await verifyText(signed(MESSAGE, { selector: 'nokey' })))[0]?.result).toBe('permerror');
    const broken = fakeDns({ failing: ['lab._domainkey.example.com'] });
    expect((await verifyDkim(Buffer.from(signed()), broken))[0]?.result).toBe('temperror');
  });
  it('a key that is not the signer\'s fails the RSA verify', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 1024, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const [check] = await verifyText(signed(MESSAGE, { privateKey: other.privateKey }));
    expect(check?.result).toBe('fail');
    expect(keys(check)).toContain('dkim.rsa-bad');
  });
  it('l= signs a prefix: text appended after it still passes, which is the danger (RFC 6376 8.2)', async () => {
    // A signature with l=24 over the relaxed body "Shall we meet at noon?\r\n" (24 octets), built by hand.
    const bh = createHash('sha256').update('Shall we meet at noon?\r\n').digest('base64');
    const unsigned = `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=lab; l=24; bh=${bh}; h=from:subject; b=`;
    const { fields } = splitMessage(Buffer.from(MESSAGE));
    const input = headerHashInput(pickFields(fields, ['from', 'subject']), unsigned, 'relaxed');
    const field = unsigned + sign('sha256', Buffer.from(input, 'latin1'), LAB_DKIM_PRIVATE_KEY).toString('base64');
    const [honest] = await verifyText(`${field}\r\n${MESSAGE}`);
    expect(honest?.result).toBe('pass');
    const [appended] = await verifyText(`${field}\r\n${MESSAGE}Click http://evil.test/ to claim your prize.\r\n`);
    expect(appended?.result).toBe('pass');
    expect(appended?.steps.find((st) => st.key === 'dkim.body-length')?.params).toEqual({ length: '24', total: '70' });
    const [cut] = await verifyText(`${field}\r\n${MESSAGE.replace('Shall we meet at noon?', 'Hi')}`);
    expect(cut?.bodyHashMatches).toBe(false);
  });
  it('garbage tags are permerrors, never a crash', async () => {
    const garbage = ['DKIM-Signature: ;;;', 'DKIM-Signature: v=1; v=1', 'DKIM-Signature: v=2; a=rsa-sha256; b=; bh=; d=x; h=from; s=s', 'DKIM-Signature: \u0000=\u0001',
      'DKIM-Signature: v=1; a=rsa-sha1; b=AA; bh=AA; d=example.com; h=from; s=lab', 'DKIM-Signature: v=1; a=rsa-sha256; b=AA; bh=AA; d=example.com; h=to; s=lab',
      'DKIM-Signature: v=1; a=rsa-sha256; b=AA; bh=AA; d=example.com; h=from; s=lab; i=x@evil.test', 'DKIM-Signature: v=1; a=rsa-sha256; b=AA; bh=AA; d=example.com; h=from; s=lab; l=-1',
      'DKIM-Signature: v=1; a=rsa-sha256; b=AA; bh=AA; d=example.com; h=from; s=lab; c=fancy', `DKIM-Signature: ${'x'.repeat(100_000)}`];
    for (const g of garbage) {
      const [check] = await verifyText(`${g}\r\n${MESSAGE}`);
      expect(check?.result, g.slice(0, 60)).toBe('permerror');
    }
  });
  it('a huge key record is a permerror, and so is a key too small (RFC 8301 3.2)', async () => {
    const huge = fakeDns({ txt: { 'lab._domainkey.example.com': [`v=DKIM1; k=rsa; p=${'QUJD'.repeat(50_000)}`] } });
    const [check] = await verifyDkim(Buffer.from(signed()), huge);
    expect(check?.result).toBe('permerror');
    expect(check?.steps.at(-1)?.key).toBe('dkim.key-bad');
    const small = generateKeyPairSync('rsa', { modulusLength: 512, publicKeyEncoding: { type: 'spki', format: 'der' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    const weak = fakeDns({ txt: { 'lab._domainkey.example.com': [`v=DKIM1; p=${small.publicKey.toString('base64')}`] } });
    const [tooSmall] = await verifyDkim(Buffer.from(signed(MESSAGE, { privateKey: small.privateKey })), weak);
    expect(tooSmall?.result).toBe('permerror');
    expect(tooSmall?.steps.at(-1)).toMatchObject({ key: 'dkim.key-size', params: { bits: '512' } });
  });
  it('checks at most five signatures', async () => {
    const field = signDkim(Buffer.from(MESSAGE), OPTS);
    const checks = await verifyText(`${Array(7).fill(field).join('\r\n')}\r\n${MESSAGE}`);
    expect(checks.map((c) => c.result)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass', 'permerror', 'permerror']);
  });
});
