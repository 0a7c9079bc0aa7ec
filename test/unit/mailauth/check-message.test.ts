import { describe, expect, it } from 'vitest';
import { authenticationResults, checkMessage, headerFrom } from '../../../src/mailauth/check-message.js';
import { prependSignature, signDkim } from '../../../src/mailauth/dkim.js';
import { LAB_DKIM_KEY_RECORD, LAB_DKIM_PRIVATE_KEY } from '../../../src/mailauth/lab-key.js';
import { fakeDns } from './fake-dns.js';

const DNS = fakeDns({
  txt: {
    'example.com': ['v=spf1 ip4:127.0.0.1 -all'],
    'example.net': ['v=spf1 ip4:192.0.2.25 -all'],
    'lab._domainkey.example.com': [LAB_DKIM_KEY_RECORD],
    '_dmarc.example.com': ['v=DMARC1; p=reject'],
  },
});
const MESSAGE = Buffer.from('From: Alice <alice@example.com>\r\nTo: bob@example.net\r\nSubject: Hi\r\n\r\nHello\r\n');
const SIGNED = prependSignature(MESSAGE, signDkim(MESSAGE, { domain: 'example.com', selector: 'lab', privateKey: LAB_DKIM_PRIVATE_KEY }));

describe('checkMessage and Authentication-Results', () => {
  it('a signed message from the lab host passes all three', async () => {
    const auth = await checkMessage({ ip: '127.0.0.1', mailFrom: 'alice@example.com', helo: 'lab.test', message: SIGNED }, DNS);
    expect([auth.spf.result, auth.dkim.map((d) => d.result), auth.dmarc.result]).toEqual(['pass', ['pass'], 'pass']);
    expect(authenticationResults('lab.test', auth)).toBe(
      'Authentication-Results: lab.test;\r\n\tspf=pass smtp.mailfrom=example.com;\r\n\tdkim=pass header.d=example.com header.s=lab;\r\n\tdmarc=pass header.from=example.com',
    );
  });
  it('a spoof: header From example.com, envelope elsewhere, no signature: DMARC fail with p=reject', async () => {
    const auth = await checkMessage({ ip: '127.0.0.1', mailFrom: 'bob@example.net', helo: 'lab.test', message: MESSAGE }, DNS);
    expect([auth.spf.result, auth.dkim.length, auth.dmarc.result, auth.dmarc.policy]).toEqual(['fail', 0, 'fail', 'reject']);
    expect(authenticationResults('lab.test', auth)).toContain('spf=fail smtp.mailfrom=example.net;\r\n\tdkim=none;\r\n\tdmarc=fail header.from=example.com');
    const bounce = await checkMessage({ ip: '127.0.0.1', mailFrom: '', helo: 'example.net', message: MESSAGE }, DNS);
    expect(authenticationResults('lab.test', bounce)).toContain('spf=fail smtp.helo=example.net;');
  });
  it('the From field: exactly one, else nothing (RFC 5322 3.6, RFC 7489 6.6.1)', () => {
    expect(headerFrom(Buffer.from('From: Alice\r\n <alice@example.com>\r\n\r\n'))).toBe('Alice <alice@example.com>');
    expect(headerFrom(Buffer.from('From: a@example.com\r\nFrom: b@example.net\r\n\r\n'))).toBe('');
  });
  it('signing refuses a message without From (RFC 6376 5.4)', () => {
    expect(() => signDkim(Buffer.from('To: b@example.net\r\n\r\nx\r\n'), { domain: 'example.com', selector: 'lab', privateKey: LAB_DKIM_PRIVATE_KEY })).toThrow(/no From field/);
  });
});
