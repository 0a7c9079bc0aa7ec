import { beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/mailstore/memory.js';
import { Accounts } from '../../src/protocols/accounts.js';
import { createPop3Server } from '../../src/protocols/pop3/server.js';
import type { LineEvent, TranscriptEvent } from '../../src/protocols/transcript.js';
import { closeAfterEach, listenLoopback } from '../support/opened.js';
import { python } from '../support/programs.js';
import { scratch } from '../support/scratch.js';
import { makeTlsFixture, type TlsFixture } from '../support/tls-fixture.js';

/**
 * Python's poplib against a POP3 server that takes passwords only inside TLS (RFC 2595 2.2,
 * like Dovecot's disable_plaintext_auth): user() in clear gets -ERR [AUTH], apop() works in
 * clear (no password on the wire), and after stls() user()/pass_() log in. The client trusts
 * only the lab certificate.
 */
const opened = closeAfterEach(200);
const tlsDir = scratch('l7lab-pop3-tls-').suiteDir();
let fx: TlsFixture;
beforeAll(async () => {
  fx = await makeTlsFixture(tlsDir);
});

const PY = `
import poplib, ssl, sys
ca, port = sys.argv[1], int(sys.argv[2])
ctx = ssl.create_default_context(cafile=ca)
p = poplib.POP3('localhost', port, timeout=10)
print('stls offered', 'STLS' in p.capa())
try:
    p.user('bob')
    print('user accepted in clear')
except poplib.error_proto as e:
    print('refused', e.args[0].decode())
q = poplib.POP3('localhost', port, timeout=10)
print('apop', q.apop('bob', 'builder').decode())
q.quit()
p.stls(context=ctx)
p.user('bob')
print('pass', p.pass_('builder').decode())
print('stat', p.stat()[0])
p.quit()
`;

describe('POP3 loginRequiresTls with Python poplib', () => {
  it('refuses USER in clear with [AUTH], allows APOP, and logs in with USER/PASS after STLS', async () => {
    const events: TranscriptEvent[] = [];
    const store = new MemoryStore();
    await store.deliver({ from: 'alice@example.com', to: ['bob@example.com'] }, Buffer.from('Subject: hi\r\n\r\nhello\r\n'));
    const server = createPop3Server({ store, accounts: new Accounts([['bob', 'builder']]), sink: (e) => events.push(e), tls: fx.pair, loginRequiresTls: true });
    const port = await listenLoopback(server, opened);
    const r = await python(PY, [fx.cert.certPath, port]);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n')).toEqual([
      'stls offered True',
      'refused -ERR [AUTH] plaintext authentication disallowed on non-secure connections; use STLS first',
      "apop +OK bob's maildrop has 1 message (22 octets)",
      "pass +OK bob's maildrop has 1 message (22 octets)",
      'stat 1',
    ]);
    // The PASS that logged in travelled inside TLS.
    const pass = events.find((e): e is LineEvent => e.event === 'line' && e.direction === 'client' && e.text.startsWith('PASS'));
    expect(pass?.tls).toBe(true);
  });
});
