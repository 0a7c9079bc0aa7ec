import { describe, expect, it } from 'vitest';
import { said } from '../../support/dialog.js';
import { apopDigest, plainResponse } from '../../../src/protocols/sasl.js';
import { authFailureDelay } from '../../../src/protocols/auth-delay.js';
import { AUTH_MAX_FAILURES } from '../../../src/limits.js';
import { makeSession, makeStore, lines, MSG1, MSG2, MSG3, RFC_DIGEST, RFC_TIMESTAMP, run, send, wire, type Pop3Row } from './fixtures.js';


const TOTAL = MSG1.length + MSG2.length + MSG3.length;
const FAILED = '-ERR [AUTH] invalid user name or password';

describe('POP3 AUTHORIZATION state', () => {
  it('greets with +OK and the APOP timestamp it was given, in AUTHORIZATION', async () => {
    const s = makeSession(await makeStore());
    expect(lines(await s.greet())).toEqual([`+OK l7lab POP3 server ready ${RFC_TIMESTAMP}`]);
    expect(s.state).toBe('AUTHORIZATION');
  });

  it('holds the RFC 1939 APOP example: the timestamp and tanstaaf give c4c9334b...', () => {
    expect(apopDigest(RFC_TIMESTAMP, 'tanstaaf')).toBe(RFC_DIGEST);
  });

  const dialogs: Array<[string, Pop3Row[]]> = [
    [
      'USER/PASS logs in and enters TRANSACTION',
      [
        ['USER bob', '+OK send PASS for bob', 'AUTHORIZATION'],
        ['PASS builder', `+OK bob's maildrop has 3 messages (${TOTAL} octets)`, 'TRANSACTION'],
      ],
    ],
    [
      'keywords are case-insensitive, names too',
      [
        ['user BOB', '+OK send PASS for BOB'],
        ['pass builder', /^\+OK bob's maildrop has 3 messages/, 'TRANSACTION'],
      ],
    ],
    ['the RFC APOP example logs mrose in', [[`APOP mrose ${RFC_DIGEST}`, "+OK mrose's maildrop has 0 messages (0 octets)", 'TRANSACTION']]],
    ['APOP accepts an upper-case digest', [[`APOP mrose ${RFC_DIGEST.toUpperCase()}`, /^\+OK/, 'TRANSACTION']]],
    [
      'an unknown user and a wrong password get the very same reply',
      [
        ['USER nobody', '+OK send PASS for nobody'],
        ['PASS builder', FAILED, 'AUTHORIZATION'],
        ['USER bob', '+OK send PASS for bob'],
        ['PASS wrong', FAILED, 'AUTHORIZATION'],
      ],
    ],
    [
      'APOP: wrong digest and unknown user get the same [AUTH] reply',
      [
        [`APOP mrose ${'0'.repeat(32)}`, FAILED],
        [`APOP nobody ${RFC_DIGEST}`, FAILED, 'AUTHORIZATION'],
      ],
    ],
    ['APOP checks the digest syntax', [['APOP mrose xyz', '-ERR digest must be 32 hexadecimal digits; syntax: APOP name digest']]],
    ['APOP needs two arguments', [['APOP mrose', '-ERR missing argument digest; syntax: APOP name digest']]],
    ['PASS without USER is refused', [['PASS builder', '-ERR PASS must come right after USER; syntax: USER name, then PASS string']]],
    [
      'PASS must follow USER at once: any other command in between forgets the name',
      [
        ['USER bob', /^\+OK/],
        ['CAPA', /^\+OK/],
        ['PASS builder', /^-ERR PASS must come right after USER/],
      ],
    ],
    ['a password may contain spaces (the whole rest of the line)', [['USER alice', /^\+OK/], ['PASS with space pass', /^\+OK alice's maildrop/, 'TRANSACTION']]],
    ['USER needs a name', [['USER', '-ERR missing argument name; syntax: USER name']]],
    ['USER takes one name only', [['USER a b', '-ERR too many arguments; syntax: USER name']]],
    [
      'TRANSACTION commands are refused in AUTHORIZATION, naming the state',
      ['STAT', 'LIST', 'UIDL', 'RETR 1', 'TOP 1 1', 'DELE 1', 'RSET', 'NOOP'].map((c): Pop3Row => {
        const name = c.split(' ')[0] as string;
        return [c, `-ERR ${name} is not allowed in the AUTHORIZATION state (allowed in: TRANSACTION)`, 'AUTHORIZATION'];
      }),
    ],
    ['an unknown command', [['XYZZY', '-ERR unknown command "XYZZY"']]],
    ['an empty line', [['', '-ERR empty command line']]],
    [
      'AUTH PLAIN with an initial response',
      [[`AUTH PLAIN ${plainResponse('bob', 'builder')}`, /^\+OK bob's maildrop has 3 messages/, 'TRANSACTION']],
    ],
    [
      'AUTH PLAIN with a continuation',
      [
        ['AUTH PLAIN', ['+ ']],
        [plainResponse('bob', 'builder'), /^\+OK bob's maildrop/, 'TRANSACTION'],
      ],
    ],
    [
      'AUTH PLAIN: "*" cancels, bad base64 and wrong password are refused',
      [
        ['AUTH PLAIN', ['+ ']],
        ['*', '-ERR authentication cancelled'],
        ['AUTH PLAIN', ['+ ']],
        ['!!!notbase64', '-ERR the response is not valid base64'],
        [`AUTH PLAIN ${plainResponse('bob', 'nope')}`, FAILED],
        [`AUTH PLAIN ${plainResponse('bob', 'builder', 'alice')}`, FAILED, 'AUTHORIZATION'],
      ],
    ],
    ['a bare AUTH lists the mechanisms', [['AUTH', ['+OK supported SASL mechanisms follow', 'PLAIN', '.']]]],
    ['AUTH with an unknown mechanism', [['AUTH CRAM-MD5', '-ERR unsupported mechanism CRAM-MD5, use PLAIN; syntax: AUTH mechanism [initial-response]']]],
    [
      'CAPA in AUTHORIZATION',
      [['CAPA', ['+OK capability list follows', 'TOP', 'UIDL', 'USER', 'SASL PLAIN', 'RESP-CODES', 'AUTH-RESP-CODE', 'PIPELINING', 'IMPLEMENTATION l7lab', '.']]],
    ],
  ];

  it.each(dialogs)('%s', async (_name, rows) => {
    const s = makeSession(await makeStore());
    await s.greet();
    await run(s, rows);
  });

  it(`closes the connection after ${AUTH_MAX_FAILURES} failed logins, whatever the method`, async () => {
    const s = makeSession(await makeStore());
    await s.greet();
    await run(s, [['USER bob', /^\+OK/], ['PASS x', FAILED], [`APOP bob ${'1'.repeat(32)}`, FAILED]]);
    const last = await send(s, `AUTH PLAIN ${plainResponse('bob', 'y')}`);
    expect(lines(last)[0]).toMatch(/^-ERR \[AUTH\] invalid user name or password; 3 failed attempts, closing/);
    expect(last.close).toBe(true);
    // Each failure is answered after a growing delay, which the server waits out.
    expect(last.delayMs).toBe(authFailureDelay(3));
  });

  it('QUIT in AUTHORIZATION closes and never enters UPDATE', async () => {
    const s = makeSession(await makeStore());
    await s.greet();
    const step = await send(s, 'QUIT');
    expect(lines(step)).toEqual(['+OK l7lab POP3 server signing off']);
    expect(step.close).toBe(true);
    expect(s.state).toBe('AUTHORIZATION');
  });

  it('marks PASS, APOP and AUTH lines secret, and shows the decoded PLAIN message at L6', async () => {
    const command = (name: string) => ({ key: 'command', params: { name } });
    const sasl = { key: 'sasl-response' };
    const s = makeSession(await makeStore());
    await s.greet();
    await send(s, 'USER bob');
    expect((await send(s, 'PASS builder')).client).toEqual({ secret: true, knowledge: command('PASS') });
    const s2 = makeSession(await makeStore());
    await s2.greet();
    expect((await send(s2, 'AUTH PLAIN')).client).toEqual({ knowledge: command('AUTH') });
    const step = await send(s2, plainResponse('bob', 'builder'));
    expect(step.client).toEqual({ decoded: '\\0bob\\0builder', secret: true, layer: 'L6', knowledge: sasl });
    expect(said(step, 'pop3').client).toMatch(/base64/);
    const s3 = makeSession(await makeStore());
    await s3.greet();
    const initial = await send(s3, `AUTH PLAIN ${plainResponse('bob', 'builder')}`);
    expect(initial.client).toEqual({ decoded: '\\0bob\\0builder', secret: true, layer: 'L6', knowledge: command('AUTH') });
    expect((await send(makeSession(await makeStore()), `APOP bob ${'0'.repeat(32)}`)).client).toEqual({ secret: true, knowledge: command('APOP') });
  });

  it('sends the "+ " continuation exactly, with its space (RFC 5034 4)', async () => {
    const s = makeSession(await makeStore());
    await s.greet();
    expect(wire(await send(s, 'AUTH PLAIN')).toString()).toBe('+ \r\n');
  });
});
