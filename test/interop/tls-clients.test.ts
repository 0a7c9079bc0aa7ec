import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../src/lab.js';
import type { LineEvent, TlsEvent, TranscriptEvent } from '../../src/protocols/transcript.js';
import { makeTlsFixture, type TlsFixture } from '../support/tls-fixture.js';
import { python } from '../support/programs.js';
import { scratch } from '../support/scratch.js';

/**
 * Real TLS clients against the lab with a certificate and --login-requires-tls: Python's
 * smtplib (starttls, SMTP_SSL), imaplib (starttls, IMAP4_SSL), poplib (stls, POP3_SSL),
 * nodemailer (requireTLS, secure) and imapflow (STARTTLS, secure), each trusting only the
 * lab certificate, so a wrong name or a wrong certificate would fail the test.
 */
const tlsDir = scratch('l7lab-tls-').suiteDir();
let fx: TlsFixture;
let lab: Lab;
const events: TranscriptEvent[] = [];

beforeAll(async () => {
  fx = await makeTlsFixture(tlsDir);
  lab = await startLab({
    sink: (e) => events.push(e),
    tls: { ...fx.pair, implicitPorts: { smtp: 0, pop3: 0, imap: 0 }, loginRequiresTls: true },
  });
});
afterAll(async () => {
  await lab.close();
});

const plain = (p: 'smtp' | 'pop3' | 'imap') => lab.endpoints[p]?.port as number;
const implicit = (p: 'smtp' | 'pop3' | 'imap') => lab.tlsEndpoints[p]?.port as number;

const PY_SMTP = `
import smtplib, ssl, sys
ca, port, sport = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
ctx = ssl.create_default_context(cafile=ca)
s = smtplib.SMTP('localhost', port, timeout=10)
s.ehlo()
print('before', s.has_extn('starttls'))
s.user, s.password = 'alice', 'wonderland'
try:
    s.auth('PLAIN', s.auth_plain)
except smtplib.SMTPAuthenticationError as e:
    print('refused', e.smtp_code)
s.starttls(context=ctx)
s.ehlo()
print('after', s.has_extn('starttls'))
s.auth('PLAIN', s.auth_plain)
s.sendmail('alice@example.com', ['bob@example.com'], b'Subject: py starttls\\r\\n\\r\\nsent after STARTTLS\\r\\n')
s.quit()
t = smtplib.SMTP_SSL('localhost', sport, context=ctx, timeout=10)
t.login('alice', 'wonderland')
t.sendmail('alice@example.com', ['bob@example.com'], b'Subject: py smtps\\r\\n\\r\\nsent over SMTPS\\r\\n')
t.quit()
print('sent')
`;

const PY_IMAP = `
import imaplib, ssl, sys
ca, port, sport = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
ctx = ssl.create_default_context(cafile=ca)
m = imaplib.IMAP4('localhost', port, timeout=10)
print('before', ' '.join(sorted(c for c in m.capabilities if c in ('STARTTLS', 'LOGINDISABLED', 'AUTH=PLAIN'))))
m.starttls(ssl_context=ctx)
print('after', ' '.join(sorted(c for c in m.capabilities if c in ('STARTTLS', 'LOGINDISABLED', 'AUTH=PLAIN'))))
m.login('bob', 'builder')
typ, data = m.select('INBOX')
print('exists', data[0].decode())
m.logout()
n = imaplib.IMAP4_SSL('localhost', sport, ssl_context=ctx, timeout=10)
n.login('bob', 'builder')
typ, data = n.select('INBOX', readonly=True)
print('ssl-exists', data[0].decode())
n.logout()
`;

const PY_POP3 = `
import poplib, ssl, sys
ca, port, sport = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
ctx = ssl.create_default_context(cafile=ca)
p = poplib.POP3('localhost', port, timeout=10)
print('before', 'STLS' in p.capa())
p.stls(context=ctx)
print('after', 'STLS' in p.capa())
p.user('bob')
p.pass_('builder')
print('stat', p.stat()[0])
p.quit()
q = poplib.POP3_SSL('localhost', sport, context=ctx, timeout=10)
q.user('bob')
q.pass_('builder')
print('ssl-stat', q.stat()[0])
q.quit()
`;

describe('TLS with real clients', () => {
  it("Python smtplib: AUTH PLAIN refused in clear (538), accepted after starttls(); SMTP_SSL", async () => {
    const r = await python(PY_SMTP, [fx.cert.certPath, plain('smtp'), implicit('smtp')]);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n')).toEqual(['before True', 'refused 538', 'after False', 'sent']);
    expect((await lab.store.list('bob', 'INBOX')).length).toBeGreaterThanOrEqual(2);
  });

  it('Python imaplib: LOGINDISABLED before starttls(), gone after; IMAP4_SSL', async () => {
    const r = await python(PY_IMAP, [fx.cert.certPath, plain('imap'), implicit('imap')]);
    expect(r.stderr).toBe('');
    const out = r.stdout.trim().split('\n');
    expect(out[0]).toBe('before LOGINDISABLED STARTTLS');
    expect(out[1]).toBe('after AUTH=PLAIN');
    expect(out[2]).toMatch(/^exists \d+$/);
    expect(out[3]).toMatch(/^ssl-exists \d+$/);
  });

  it('Python poplib: STLS in CAPA before stls() and not after; POP3_SSL', async () => {
    const r = await python(PY_POP3, [fx.cert.certPath, plain('pop3'), implicit('pop3')]);
    expect(r.stderr).toBe('');
    const out = r.stdout.trim().split('\n');
    expect(out.slice(0, 2)).toEqual(['before True', 'after False']);
    expect(out[2]).toMatch(/^stat \d+$/);
    expect(out[3]).toMatch(/^ssl-stat \d+$/);
  });

  it('nodemailer: requireTLS on the STARTTLS port and secure on the SMTPS port', async () => {
    for (const [port, secure] of [
      [plain('smtp'), false],
      [implicit('smtp'), true],
    ] as const) {
      const transport = nodemailer.createTransport({
        host: 'localhost',
        port,
        secure,
        requireTLS: !secure,
        tls: { ca: fx.cert.cert },
        auth: { user: 'alice', pass: 'wonderland' },
      });
      const info = await transport.sendMail({ from: 'alice@example.com', to: 'carol@example.com', subject: `nodemailer secure=${secure}`, text: 'hi' });
      expect(info.accepted).toEqual(['carol@example.com']);
      transport.close();
    }
    const modes = events.filter((e): e is TlsEvent => e.event === 'tls' && e.protocol === 'smtp').map((e) => e.mode);
    expect(modes).toContain('starttls');
    expect(modes).toContain('implicit');
  });

  it('imapflow: STARTTLS on the IMAP port and secure on the IMAPS port', async () => {
    for (const [port, secure] of [
      [plain('imap'), false],
      [implicit('imap'), true],
    ] as const) {
      const client = new ImapFlow({ host: 'localhost', port, secure, doSTARTTLS: secure ? undefined : true, tls: { ca: [fx.cert.cert] }, auth: { user: 'bob', pass: 'builder' }, logger: false } as ConstructorParameters<typeof ImapFlow>[0]);
      await client.connect();
      const box = await client.mailboxOpen('INBOX');
      expect(box.exists).toBeGreaterThanOrEqual(1);
      await client.logout();
    }
    // Every LOGIN the lab saw travelled inside TLS.
    const logins = events.filter((e): e is LineEvent => e.event === 'line' && e.protocol === 'imap' && e.direction === 'client' && / (LOGIN|AUTHENTICATE) /i.test(e.text));
    expect(logins.length).toBeGreaterThan(0);
    expect(logins.every((e) => e.tls === true)).toBe(true);
  });
});
