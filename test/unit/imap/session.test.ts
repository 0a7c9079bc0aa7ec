import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../src/mailstore/memory.js';
import { authFailureDelay } from '../../../src/protocols/auth-delay.js';
import { imapKnowledge } from '../../../src/protocols/imap/knowledge/index.js';
import { AUTH_MAX_FAILURES, IMAP_COMMAND_LINE, IMAP_MAX_BAD_COMMANDS, IMAP_MAX_LITERAL } from '../../../src/limits.js';
import { plainResponse } from '../../../src/protocols/sasl.js';
import { dialog, message, services, tagged } from './fixtures.js';

const TEN_GB = 10 * 1024 * 1024 * 1024;

async function loggedIn() {
  const store = new MemoryStore();
  await store.deliver({ from: 'alice@example.com', to: ['bob@example.com'] }, message('one'));
  const d = await dialog(services(store));
  expect(tagged(await d.line('l LOGIN bob builder'), 'l')).toMatch(/^l OK/);
  return { d, store };
}

describe('IMAP session: greeting and states (RFC 3501 3)', () => {
  it('greets with an untagged OK that carries the capabilities, in the not authenticated state', async () => {
    const d = await dialog();
    expect(d.written).toMatch(/^\* OK \[CAPABILITY IMAP4rev1 [^\]]*LITERAL\+[^\]]*IDLE[^\]]*UIDPLUS[^\]]*AUTH=PLAIN\]/);
    expect(d.session.state).toBe('not authenticated');
  });

  it.each([
    ['not authenticated', 'a SELECT INBOX', /^a BAD SELECT is not allowed in the not authenticated state; it is allowed in: authenticated, selected$/],
    ['not authenticated', 'a FETCH 1 FLAGS', /^a BAD FETCH is not allowed in the not authenticated state; it is allowed in: selected$/],
    ['not authenticated', 'a LIST "" *', /^a BAD LIST is not allowed in the not authenticated state/],
    ['not authenticated', 'a IDLE', /^a BAD IDLE is not allowed in the not authenticated state/],
    ['authenticated', 'a LOGIN bob builder', /^a BAD LOGIN is not allowed in the authenticated state; it is allowed in: not authenticated$/],
    ['authenticated', 'a FETCH 1 FLAGS', /^a BAD FETCH is not allowed in the authenticated state/],
    ['authenticated', 'a EXPUNGE', /^a BAD EXPUNGE is not allowed in the authenticated state/],
    ['authenticated', 'a UID FETCH 1 FLAGS', /^a BAD UID FETCH is not allowed in the authenticated state/],
    ['selected', 'a AUTHENTICATE PLAIN', /^a BAD AUTHENTICATE is not allowed in the selected state/],
    ['selected', 'a ENABLE CONDSTORE', /^a BAD ENABLE is not allowed in the selected state/],
  ])('in the %s state, %s is refused by the dispatcher with a BAD that says why', async (state, line, reply) => {
    const { d } = await loggedIn();
    if (state === 'selected') await d.line('s SELECT INBOX');
    if (state === 'not authenticated') await d.line('o LOGOUT');
    const fresh = state === 'not authenticated' ? await dialog() : d;
    expect(fresh.session.state).toBe(state);
    expect(tagged(await fresh.line(line), 'a')).toMatch(reply);
    expect(fresh.session.state).toBe(state);
  });

  it('walks not authenticated -> authenticated -> selected -> authenticated -> logout', async () => {
    const d = await dialog();
    const states: string[] = [d.session.state];
    for (const line of ['a LOGIN bob builder', 'b SELECT INBOX', 'c CLOSE', 'd LOGOUT']) {
      await d.line(line);
      states.push(d.session.state);
    }
    expect(states).toEqual(['not authenticated', 'authenticated', 'selected', 'authenticated', 'logout']);
    expect(d.closed).toBe(true);
    expect(d.written).toMatch(/\* BYE [^\r]*\r\nd OK LOGOUT completed\r\n$/);
  });

  it('marks the state change on the tagged OK as L5 and LOGIN lines as secret', async () => {
    const d = await dialog();
    await d.line('a LOGIN bob builder');
    const step = d.steps[d.steps.length - 1]?.step;
    expect(step?.client?.secret).toBe(true);
    expect(step?.layers?.[step.out.length - 1]).toBe('L5');
  });
});

describe('IMAP session: LOGIN and AUTHENTICATE PLAIN', () => {
  it('refuses a wrong password without saying which part was wrong, and says BYE after too many', async () => {
    const d = await dialog();
    for (let i = 1; i < AUTH_MAX_FAILURES; i++) {
      expect(tagged(await d.line(`a${i} LOGIN bob wrong`), `a${i}`)).toBe(`a${i} NO [AUTHENTICATIONFAILED] Invalid user name or password`);
    }
    const last = await d.line('z LOGIN bob wrong');
    expect(last).toMatch(/z NO \[AUTHENTICATIONFAILED\][^\r]*\r\n\* BYE Too many failed logins/);
    expect(d.closed).toBe(true);
    // Each failure is answered after a growing delay, which the server waits out.
    expect(d.steps.map((s) => s.step).filter((s) => s.delayMs !== undefined).map((s) => s.delayMs)).toEqual([2, 3].map(authFailureDelay));
  });

  it('logs in with AUTHENTICATE PLAIN after an empty continuation, showing the decoded response', async () => {
    const d = await dialog();
    expect(await d.line('a AUTHENTICATE PLAIN')).toBe('+ \r\n');
    const out = await d.line(plainResponse('bob', 'builder'));
    expect(tagged(out, 'a')).toMatch(/^a OK \[CAPABILITY [^\]]+\] AUTHENTICATE completed/);
    expect(d.session.state).toBe('authenticated');
    const note = d.steps[d.steps.length - 1]?.step.client;
    expect(note).toMatchObject({ secret: true, layer: 'L6', decoded: '\\0bob\\0builder' });
  });

  it.each([
    ['an initial response (SASL-IR)', [`a AUTHENTICATE PLAIN ${plainResponse('alice', 'wonderland')}`], /^a OK/],
    ['"*" cancels', ['a AUTHENTICATE PLAIN', '*'], /^a BAD AUTHENTICATE cancelled/],
    ['invalid base64', ['a AUTHENTICATE PLAIN', 'not base64!'], /^a BAD The response is not valid base64/],
    ['a wrong password', ['a AUTHENTICATE PLAIN', plainResponse('bob', 'nope')], /^a NO \[AUTHENTICATIONFAILED\]/],
    ['another authzid', ['a AUTHENTICATE PLAIN', plainResponse('bob', 'builder', 'alice')], /^a NO \[AUTHORIZATIONFAILED\]/],
    ['an unknown mechanism', ['a AUTHENTICATE CRAM-MD5'], /^a NO \[CANNOT\] Unsupported mechanism CRAM-MD5/],
  ])('AUTHENTICATE with %s', async (_, lines, reply) => {
    const d = await dialog();
    let out = '';
    for (const line of lines) out += await d.line(line);
    expect(tagged(out, 'a')).toMatch(reply);
  });
});

describe('IMAP session: literals (RFC 3501 4.3, RFC 7888)', () => {
  it('asks for a synchronising literal with + and reads exactly its octets', async () => {
    const d = await dialog();
    expect(await d.line('a LOGIN {3}')).toBe('+ Ready for literal data\r\n');
    expect(d.session.expect).toEqual({ mode: 'bytes', count: 3 });
    expect(await d.send('bob {7}\r\n')).toBe('+ Ready for literal data\r\n');
    expect(tagged(await d.send('builder\r\n'), 'a')).toMatch(/^a OK/);
    expect(d.session.state).toBe('authenticated');
  });

  it('takes LITERAL+ literals without any continuation', async () => {
    const d = await dialog();
    const out = await d.send('a LOGIN {3+}\r\nbob {7+}\r\nbuilder\r\n');
    expect(out).not.toContain('+ Ready');
    expect(tagged(out, 'a')).toMatch(/^a OK/);
  });

  it('handles a {0} literal (an empty string) like any other', async () => {
    const { d } = await loggedIn();
    expect(await d.line('a CREATE {0}')).toBe('+ Ready for literal data\r\n');
    expect(tagged(await d.send('\r\n'), 'a')).toMatch(/^a NO \[CANNOT\] invalid mailbox name "": it is empty/);
    expect(tagged(await d.send('b LOGIN {0+}\r\n x\r\n'), 'b')).toMatch(/^b BAD LOGIN is not allowed/);
  });

  it('refuses a 10 GB synchronising literal at once, without a + and without waiting for its bytes', async () => {
    const { d } = await loggedIn();
    const out = await d.line(`a APPEND INBOX {${TEN_GB}}`);
    expect(out).toBe(`a NO [TOOBIG] Literal of ${TEN_GB} octets is larger than this server's limit of ${IMAP_MAX_LITERAL} octets; do not send it\r\n`);
    expect(d.session.expect).toEqual({ mode: 'line', maxLine: IMAP_COMMAND_LINE, commandLine: true });
    expect(tagged(await d.line('b NOOP'), 'b')).toBe('b OK NOOP completed');
  });

  it('discards a 10 GB LITERAL+ literal unread: bytes that look like commands are never run', async () => {
    const { d } = await loggedIn();
    expect(await d.line(`a APPEND INBOX {${TEN_GB}+}`)).toBe('');
    // The transport skips that many octets; nothing is allocated for them.
    expect(d.session.expect).toEqual({ mode: 'discard', count: TEN_GB });
    const out = await d.send('x1 LOGOUT\r\nx2 DELETE INBOX\r\n'.repeat(1000));
    expect(out).toBe('');
    expect(d.closed).toBe(false);
    expect(d.session.state).toBe('authenticated');
  });

  it('after discarding an over-limit LITERAL+ literal, answers BAD [TOOBIG] and swallows the rest of that command', async () => {
    const { d, store } = await loggedIn();
    const size = IMAP_MAX_LITERAL + 1;
    const payload = Buffer.alloc(size, 'y');
    payload.write('\r\nx1 LOGOUT\r\n', 100);
    const out = await d.send(Buffer.concat([Buffer.from(`a APPEND INBOX {${size}+}\r\n`), payload, Buffer.from(' tail {3+}\r\nabc more\r\nb NOOP\r\n')]));
    expect(out).toBe(`a BAD [TOOBIG] Literal of ${size} octets is larger than this server's limit of ${IMAP_MAX_LITERAL} octets; it was discarded\r\nb OK NOOP completed\r\n`);
    expect(d.closed).toBe(false);
    expect((await store.status('bob', 'INBOX')).messages).toBe(1);
  });

  it('says BYE and closes on a command line over IMAP_COMMAND_LINE (its end could hide a literal)', async () => {
    const d = await dialog();
    const out = await d.send(`a NOOP ${'x'.repeat(IMAP_COMMAND_LINE)}\r\nb LOGOUT\r\n`);
    expect(out).toMatch(/^\* BYE \[TOOBIG\] Command line too long/);
    expect(d.closed).toBe(true);
  });

  // Real clients send long UID sets and ID lists: 64 KB of command is served (issue 20, item 17).
  it('accepts a 64 KB command line: an ID with 600 fields, a UID set of 64 KB', async () => {
    const d = await dialog();
    const pairs = Array.from({ length: 600 }, (_, i) => `"field-${i}" "${'v'.repeat(90)}"`).join(' ');
    const id = `a ID (${pairs})`;
    expect(id.length).toBeGreaterThan(60_000);
    expect(tagged(await d.send(`${id}\r\n`), 'a')).toMatch(/^a OK /);
    await d.send('l LOGIN bob builder\r\ns SELECT INBOX\r\n');
    let set = '1';
    for (let n = 3; set.length < IMAP_COMMAND_LINE - 40; n += 2) set += `,${n}`;
    const line = `u UID FETCH ${set} (FLAGS)`;
    expect(line.length + 2).toBeLessThanOrEqual(IMAP_COMMAND_LINE);
    expect(line.length).toBeGreaterThan(64 * 1024 - 64);
    expect(tagged(await d.send(`${line}\r\n`), 'u')).toMatch(/^u OK /);
    expect(d.closed).toBe(false);
  });

  it('counts the lines of one command together: many literals cannot stretch it past the limit', async () => {
    const d = await dialog();
    const chunk = `${'x'.repeat(1000)} {1+}\r\ny`;
    const out = await d.send(`a LOGIN ${chunk.repeat(Math.ceil(IMAP_COMMAND_LINE / 1000))}\r\nb NOOP\r\n`);
    expect(out).toMatch(/^\* BYE \[TOOBIG\] Command line too long/);
    expect(tagged(out, 'b')).toBeUndefined();
    expect(d.closed).toBe(true);
  });
});

describe('IMAP session: errors and limits', () => {
  it.each([
    ['a FROB', /^a BAD Unknown command FROB/],
    ['a LOGIN bob', /^a BAD LOGIN: missing argument 2: expected an atom or a string; syntax: LOGIN user-name password$/],
    ['a LOGIN bob builder extra', /^a BAD LOGIN: too many arguments/],
    ['a LOGIN "bob builder', /^a BAD Syntax error: unterminated quoted string/],
    ['a UID FROB 1', /^a BAD UID FROB is not a UID command/],
  ])('%s -> a tagged BAD with the reason', async (line, reply) => {
    const d = await dialog();
    expect(tagged(await d.line(line), 'a')).toMatch(reply);
  });

  it('answers a line without a usable tag with an untagged BAD', async () => {
    const d = await dialog();
    expect(await d.line('')).toMatch(/^\* BAD Syntax error: empty command line/);
    expect(await d.line('+x NOOP')).toMatch(/^\* BAD Syntax error: invalid tag/);
  });

  it(`says BYE after ${IMAP_MAX_BAD_COMMANDS} BAD replies`, async () => {
    const d = await dialog();
    const out = await d.send('a FROB\r\n'.repeat(IMAP_MAX_BAD_COMMANDS + 5));
    expect(out.match(/^a BAD/gm)).toHaveLength(IMAP_MAX_BAD_COMMANDS);
    expect(out).toMatch(/\* BYE Too many invalid commands[^\r]*\r\n$/);
    expect(d.closed).toBe(true);
  });

  it('autologout and shutdown say BYE and end in the logout state', async () => {
    const d = await dialog();
    const step = d.session.timeout();
    expect(step).toMatchObject({ out: [expect.stringMatching(/^\* BYE Autologout/)], close: true, closeReason: 'timeout' });
    expect(d.session.state).toBe('logout');
    const d2 = await dialog();
    expect(d2.session.shutdown()).toMatchObject({ out: ['* BYE [UNAVAILABLE] Server shutting down'], close: true });
  });

  it('explains lines from the knowledge tables, in English and Japanese', async () => {
    expect(imapKnowledge.explainServerLine('* 3 EXISTS', 'en')).toMatch(/messages/);
    expect(imapKnowledge.explainServerLine('a OK [READ-ONLY] EXAMINE completed', 'en')).toMatch(/read-only/);
    expect(imapKnowledge.explainClientLine('a UID FETCH 1:* FLAGS', 'en')).toMatch(/UID/);
    expect(imapKnowledge.explainServerLine('* 3 EXISTS', 'ja')).toMatch(/[\u3040-\u30ff]/);
  });
});
