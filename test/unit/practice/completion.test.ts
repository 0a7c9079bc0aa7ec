import { describe, expect, it } from 'vitest';
import { commandStem, complete, type CompletionContext } from '../../../src/practice/completion.js';
import { commandsFor } from '../../../src/protocols/knowledge.js';
import { HELPER_NAMES } from '../../../src/practice/helpers.js';
import { KNOWLEDGE } from '../../../src/protocols/registry.js';
import type { Protocol } from '../../../src/protocol.js';

function ctx(protocol: Protocol, state: string | null, mode: CompletionContext['mode'] = 'command'): CompletionContext {
  return { knowledge: KNOWLEDGE[protocol], state, mode, helpers: HELPER_NAMES };
}

function stem(protocol: Protocol, name: string): string {
  const c = KNOWLEDGE[protocol].commands.get(name);
  if (!c) throw new Error(`no ${name}`);
  return commandStem(c);
}

describe('what completing a command inserts', () => {
  it.each([
    ['smtp', 'MAIL', 'MAIL FROM:'],
    ['smtp', 'RCPT', 'RCPT TO:'],
    ['smtp', 'EHLO', 'EHLO '],
    ['smtp', 'DATA', 'DATA'],
    ['smtp', 'NOOP', 'NOOP'],
    ['smtp', 'AUTH', 'AUTH '],
    ['pop3', 'USER', 'USER '],
    ['pop3', 'LIST', 'LIST'],
    ['pop3', 'TOP', 'TOP '],
    ['imap', 'AUTHENTICATE', 'AUTHENTICATE PLAIN'],
    ['imap', 'IDLE', 'IDLE'],
    ['imap', 'UID FETCH', 'UID FETCH '],
    ['imap', 'SEARCH', 'SEARCH '],
    ['imap', 'LIST', 'LIST '],
    ['imap', 'CAPABILITY', 'CAPABILITY'],
  ] as const)('%s %s -> %j', (protocol, name, expected) => {
    expect(stem(protocol, name)).toBe(expected);
  });

  it('works from the syntax, not from a list: a new command gets the same treatment', () => {
    expect(commandStem({ name: 'XTND', syntax: 'XTND XMIT <arg>' })).toBe('XTND XMIT ');
    expect(commandStem({ name: 'X', syntax: 'X [opt]' })).toBe('X');
    expect(commandStem({ name: 'Y', syntax: 'Y KEY:<value>' })).toBe('Y KEY:');
  });
});

describe('completion follows the session state', () => {
  it('MA completes to MAIL FROM: once greeted, and to nothing before EHLO', () => {
    expect(complete('MA', ctx('smtp', 'GREETED'))).toEqual([['MAIL FROM:'], 'MA']);
    expect(complete('MA', ctx('smtp', 'CONNECTED'))).toEqual([[], 'MA']);
  });

  it("keeps the user's case", () => {
    expect(complete('ma', ctx('smtp', 'GREETED'))).toEqual([['mail from:'], 'ma']);
  });

  it('offers every command allowed in the state, and only those', () => {
    for (const protocol of ['smtp', 'pop3', 'imap'] as const) {
      for (const state of KNOWLEDGE[protocol].states.keys()) {
        const [hits] = complete('', ctx(protocol, state));
        const allowed = commandsFor(KNOWLEDGE[protocol], state).map(commandStem);
        expect(hits.sort(), `${protocol} ${state}`).toEqual([...new Set(allowed)].sort());
      }
    }
  });

  it('POP3: RETR only in TRANSACTION', () => {
    expect(complete('RE', ctx('pop3', 'AUTHORIZATION'))[0]).toEqual([]);
    expect(complete('R', ctx('pop3', 'TRANSACTION'))[0].sort()).toEqual(['RETR ', 'RSET']);
  });

  it('offers every command when the state is unknown (a server that is not the lab)', () => {
    expect(complete('', ctx('pop3', null))[0]).toHaveLength(KNOWLEDGE.pop3.commands.size);
    expect(complete('R', ctx('pop3', null))[0].sort()).toEqual(['RETR ', 'RSET']);
  });

  it('IMAP: completes after a typed tag, and UID commands as one', () => {
    expect(complete('a1 SEL', ctx('imap', 'authenticated'))).toEqual([['SELECT '], 'SEL']);
    expect(complete('SEL', ctx('imap', 'not authenticated'))[0]).toEqual([]);
    expect(complete('UID F', ctx('imap', 'selected'))).toEqual([['UID FETCH '], 'UID F']);
    expect(complete('a9 uid s', ctx('imap', 'selected'))[0].sort()).toEqual(['uid search ', 'uid store ']);
  });

  it('offers nothing inside a message, a literal or a SASL exchange', () => {
    for (const mode of ['data', 'literal', 'continuation'] as const) expect(complete('MA', ctx('smtp', 'GREETED', mode))[0]).toEqual([]);
  });

  it('completes the colon helpers anywhere', () => {
    expect(complete(':b', ctx('smtp', null))).toEqual([[':b64 ', ':body '], ':b']);
    expect(complete(':', ctx('smtp', 'DATA', 'continuation'))[0]).toHaveLength(HELPER_NAMES.length);
  });
});

describe('HTTP completion', () => {
  it('offers the methods at the request line and the fields in the header section', () => {
    expect(complete('G', ctx('http', 'request-line'))).toEqual([['GET '], 'G']);
    expect(complete('', ctx('http', 'request-line'))[0]).toEqual(['GET ', 'HEAD ', 'POST ', 'PUT ', 'DELETE ', 'OPTIONS ']);
    expect(complete('Ho', ctx('http', 'headers'))).toEqual([['Host: '], 'Ho']);
    expect(complete('If-N', ctx('http', 'headers'))[0]).toEqual(['If-None-Match: ']);
    expect(complete('if-m', ctx('http', 'headers'))[0]).toEqual(['if-modified-since: ', 'if-match: ']);
    expect(complete('GE', ctx('http', 'headers'))[0]).toEqual([]);
  });
});
