import { describe, expect, it } from 'vitest';
import { POP3_MAILBOX } from '../../../src/protocols/pop3/maildrop.js';
import { lines, makeSession, makeStore, message, MSG1, MSG2, MSG3, run, send, wire, type Pop3Row } from './fixtures.js';


const S1 = MSG1.length;
const S2 = MSG2.length;
const S3 = MSG3.length;

async function loggedIn(store?: Awaited<ReturnType<typeof makeStore>>) {
  const st = store ?? (await makeStore());
  const s = makeSession(st);
  await s.greet();
  await run(s, [['USER bob', /^\+OK/], ['PASS builder', /^\+OK/, 'TRANSACTION']]);
  return { s, store: st };
}

async function uids(store: Awaited<ReturnType<typeof makeStore>>): Promise<number[]> {
  return (await store.list('bob', POP3_MAILBOX)).map((m) => m.uid);
}

describe('POP3 TRANSACTION state', () => {
  it('counts sizes in exact octets with CRLF line ends (a 69-octet message is 69)', async () => {
    const small = message('two', ['hello']);
    expect(small.length).toBe(69);
    const { s } = await loggedIn(await makeStore([small]));
    await run(s, [['STAT', '+OK 1 69'], ['LIST', ['+OK 1 message (69 octets)', '1 69', '.']]]);
  });

  const dialogs: Array<[string, Pop3Row[]]> = [
    ['STAT: count and total octets', [['STAT', `+OK 3 ${S1 + S2 + S3}`]]],
    ['LIST: a scan listing per message', [['LIST', [`+OK 3 messages (${S1 + S2 + S3} octets)`, `1 ${S1}`, `2 ${S2}`, `3 ${S3}`, '.']]]],
    [
      'LIST msg, and message-numbers that name nothing',
      [
        ['LIST 2', ['+OK 2 ' + S2]],
        ['LIST 4', '-ERR no such message, only 3 messages in maildrop'],
        ['LIST 0', '-ERR no such message, only 3 messages in maildrop'],
        ['LIST x', '-ERR msg must be a number, not "x"; syntax: LIST [msg]'],
        ['LIST -1', '-ERR msg must be a number, not "-1"; syntax: LIST [msg]'],
        ['LIST 1 2', '-ERR too many arguments; syntax: LIST [msg]'],
      ],
    ],
    [
      'UIDL: printable ids of 1 to 70 characters, one or all',
      [
        ['UIDL', /^\+OK unique-id listing follows$/],
        ['UIDL 3', /^\+OK 3 [\x21-\x7e]{1,70}$/],
      ],
    ],
    [
      'DELE only marks: the message vanishes from STAT/LIST/UIDL, RETR/TOP/DELE of it is -ERR',
      [
        ['DELE 2', '+OK message 2 deleted'],
        ['STAT', `+OK 2 ${S1 + S3}`],
        ['LIST', [`+OK 2 messages (${S1 + S3} octets)`, `1 ${S1}`, `3 ${S3}`, '.']],
        ['LIST 2', '-ERR message 2 already deleted'],
        ['UIDL 2', '-ERR message 2 already deleted'],
        ['RETR 2', '-ERR message 2 already deleted'],
        ['TOP 2 0', '-ERR message 2 already deleted'],
        ['DELE 2', '-ERR message 2 already deleted'],
        ['LIST 3', `+OK 3 ${S3}`],
      ],
    ],
    [
      'RSET unmarks everything',
      [
        ['DELE 1', /^\+OK/],
        ['DELE 3', /^\+OK/],
        ['STAT', `+OK 1 ${S2}`],
        ['RSET', `+OK maildrop has 3 messages (${S1 + S2 + S3} octets)`],
        ['STAT', `+OK 3 ${S1 + S2 + S3}`],
      ],
    ],
    ['NOOP', [['NOOP', ['+OK']]]],
    [
      'argument checks',
      [
        ['RETR', '-ERR missing argument msg; syntax: RETR msg'],
        ['TOP 1', '-ERR missing argument n; syntax: TOP msg n'],
        ['TOP 1 x', '-ERR n must be a number, not "x"; syntax: TOP msg n'],
        ['STAT 1', '-ERR STAT takes no arguments; syntax: STAT'],
        ['DELE 9', '-ERR no such message, only 3 messages in maildrop'],
      ],
    ],
    [
      'AUTHORIZATION commands are refused in TRANSACTION, naming the state',
      ['USER bob', 'PASS x', `APOP bob ${'0'.repeat(32)}`, 'AUTH PLAIN'].map((c): Pop3Row => {
        const name = c.split(' ')[0] as string;
        return [c, `-ERR ${name} is not allowed in the TRANSACTION state (allowed in: AUTHORIZATION)`, 'TRANSACTION'];
      }),
    ],
    [
      'CAPA is allowed in TRANSACTION too, with the same list',
      [['CAPA', ['+OK capability list follows', 'TOP', 'UIDL', 'USER', 'SASL PLAIN', 'RESP-CODES', 'AUTH-RESP-CODE', 'PIPELINING', 'IMPLEMENTATION l7lab', '.']]],
    ],
  ];

  it.each(dialogs)('%s', async (_name, rows) => {
    const { s } = await loggedIn();
    await run(s, rows);
  });

  it('RETR sends the exact message, byte-stuffed, ended by CRLF.CRLF', async () => {
    const { s } = await loggedIn();
    const step = await send(s, 'RETR 1');
    const expected =
      `+OK ${S1} octets\r\n` +
      'From: alice@example.com\r\nTo: bob@example.com\r\nSubject: one\r\n\r\n' +
      'first body line\r\n..starts with a dot\r\n...two dots\r\nlast\r\n.\r\n';
    expect(wire(step).toString('latin1')).toBe(expected);
    const chunk = step.out[1];
    expect(typeof chunk === 'object' && chunk.summary).toBe(`[message 1: ${S1} octets]`);
  });

  it('RETR of a message without a final CRLF still ends in CRLF.CRLF', async () => {
    const raw = Buffer.from('Subject: x\r\n\r\nno newline at the end');
    const { s } = await loggedIn(await makeStore([raw]));
    expect(wire(await send(s, 'RETR 1')).toString()).toBe(`+OK ${raw.length} octets\r\nSubject: x\r\n\r\nno newline at the end\r\n.\r\n`);
  });

  it.each([
    [0, ''],
    [2, 'first body line\r\n..starts with a dot\r\n'],
    [99, 'first body line\r\n..starts with a dot\r\n...two dots\r\nlast\r\n'],
  ])('TOP 1 %i: the header, the blank line and that many body lines', async (n, body) => {
    const { s } = await loggedIn();
    const header = 'From: alice@example.com\r\nTo: bob@example.com\r\nSubject: one\r\n\r\n';
    expect(wire(await send(s, `TOP 1 ${n}`)).toString()).toBe(`+OK top of message 1 follows\r\n${header}${body}.\r\n`);
  });

  it('leaves IMAP flags alone: RETR and TOP do not set \\Seen', async () => {
    const { s, store } = await loggedIn();
    await send(s, 'RETR 1');
    await send(s, 'TOP 2 1');
    await send(s, 'QUIT');
    for (const meta of await store.list('bob', POP3_MAILBOX)) expect(meta.flags).toEqual([]);
  });

  it('QUIT from TRANSACTION enters UPDATE, removes only the marked messages, and closes', async () => {
    const { s, store } = await loggedIn();
    const before = await uids(store);
    await run(s, [['DELE 1', /^\+OK/], ['DELE 3', /^\+OK/]]);
    expect(await uids(store)).toEqual(before);
    const step = await send(s, 'QUIT');
    expect(lines(step)).toEqual(['+OK l7lab POP3 server signing off (2 deleted, 1 message left)']);
    expect(step.close).toBe(true);
    expect(s.state).toBe('UPDATE');
    expect(await uids(store)).toEqual([before[1]]);
  });

  it('QUIT after deleting everything says the maildrop is empty', async () => {
    const { s, store } = await loggedIn(await makeStore([MSG2]));
    await send(s, 'DELE 1');
    expect(lines(await send(s, 'QUIT'))).toEqual(['+OK l7lab POP3 server signing off (1 deleted, maildrop empty)']);
    expect(await uids(store)).toEqual([]);
  });

  it('a dropped connection after DELE removes nothing and releases the lock', async () => {
    const { s, store } = await loggedIn();
    const before = await uids(store);
    await send(s, 'DELE 1');
    await s.closed();
    expect(await uids(store)).toEqual(before);
    expect(store.lockMaildrop('bob')).not.toBeNull();
  });

  it('an autologout after DELE says so, closes, and removes nothing', async () => {
    const { s, store } = await loggedIn();
    const before = await uids(store);
    await send(s, 'DELE 2');
    const step = s.timeout();
    expect(lines(step)).toEqual(['-ERR autologout: idle for 10 minutes; nothing was deleted']);
    expect(step.close).toBe(true);
    await s.closed();
    expect(await uids(store)).toEqual(before);
  });

  it('a server shutdown removes nothing either', async () => {
    const { s, store } = await loggedIn();
    const before = await uids(store);
    await send(s, 'DELE 2');
    expect(lines(s.shutdown())).toEqual(['-ERR [SYS/TEMP] server shutting down; nothing was deleted']);
    await s.closed();
    expect(await uids(store)).toEqual(before);
  });

  it('a second session on a locked maildrop gets [IN-USE] and may log in once the first quits', async () => {
    const { s, store } = await loggedIn();
    const other = makeSession(store);
    await other.greet();
    await run(other, [['USER bob', /^\+OK/], ['PASS builder', /^-ERR \[IN-USE\] bob's maildrop is locked by another POP3 session/, 'AUTHORIZATION']]);
    await send(s, 'QUIT');
    await run(other, [['USER bob', /^\+OK/], ['PASS builder', /^\+OK/, 'TRANSACTION']]);
  });

  it('message numbers are fixed at login: mail arriving later is not seen until the next session', async () => {
    const { s, store } = await loggedIn();
    await store.deliver({ from: 'a@b', to: ['bob@x'] }, message('late', ['x']));
    await run(s, [['STAT', `+OK 3 ${S1 + S2 + S3}`], ['LIST 4', '-ERR no such message, only 3 messages in maildrop']]);
  });

  it('unique-ids are stable across sessions, even when message-numbers shift', async () => {
    const first = await loggedIn();
    const listing = lines(await send(first.s, 'UIDL')).slice(1, -1);
    expect(new Set(listing.map((l) => l.split(' ')[1])).size).toBe(3);
    await send(first.s, 'DELE 1');
    await send(first.s, 'QUIT');
    const second = await loggedIn(first.store);
    const after = lines(await send(second.s, 'UIDL')).slice(1, -1);
    expect(after).toEqual([`1 ${listing[1]?.split(' ')[1]}`, `2 ${listing[2]?.split(' ')[1]}`]);
  });

  it('sends a long listing as the same wire lines, but as one transcript chunk with a summary', async () => {
    const msgs = Array.from({ length: 150 }, (_, i) => message(`m${i}`, ['x'.repeat(i)]));
    const { s } = await loggedIn(await makeStore(msgs));
    const list = await send(s, 'LIST');
    const total = msgs.reduce((a, m) => a + m.length, 0);
    expect(lines(list)).toEqual([`+OK 150 messages (${total} octets)`, ...msgs.map((m, i) => `${i + 1} ${m.length}`), '.']);
    expect(list.out.length).toBe(3);
    const chunk = list.out[1];
    expect(typeof chunk === 'object' && chunk.summary).toMatch(/^\[scan listing: 150 lines, \d+ octets\]$/);
    const uidl = lines(await send(s, 'UIDL'));
    expect(uidl.length).toBe(152);
    expect(uidl.slice(1, -1).every((l, i) => new RegExp(`^${i + 1} [\\x21-\\x7e]{1,70}$`).test(l))).toBe(true);
  });

  it('never writes a reply line longer than 512 octets or with a control byte in it', async () => {
    const { s } = await loggedIn();
    for (const line of [`XY${'z'.repeat(250)}`, `LIST ${'9'.repeat(240)}`, 'LIST 1\r\n-ERR forged', `TOP 1 ${'x'.repeat(245)}`]) {
      for (const l of lines(await send(s, line))) {
        expect(Buffer.byteLength(l) + 2).toBeLessThanOrEqual(512);
        expect(l).toMatch(/^[\x20-\x7e]*$/);
      }
    }
  });
});
