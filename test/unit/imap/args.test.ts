import { describe, expect, it } from 'vitest';
import { MailboxNameError } from '../../../src/mailstore/types.js';
import { ProtocolSyntaxError } from '../../../src/protocols/errors.js';
import { ImapNoError } from '../../../src/protocols/imap/errors.js';
import {
  astring,
  atoms,
  dateTime,
  fetchAtts,
  flagList,
  idParams,
  literal,
  mailbox,
  newMailbox,
  optional,
  searchKey,
  seqSet,
  statusItems,
  storeFlags,
  storeOperation,
  tokenArgs,
  type Arg,
} from '../../../src/protocols/imap/commands/args.js';
import { parseCommand } from '../../../src/protocols/imap/parser.js';
import { fixture, tagged } from './fixtures.js';

/**
 * The typed argument combinators (commands/args.ts): each turns the parser's tokens into a
 * typed value, once, before any handler runs; bad input becomes IMAP's own reply.
 */
function parse<const A extends readonly Arg<unknown>[]>(slots: A, args: string) {
  const tokens = parseCommand(Buffer.from(`t X ${args}`, 'latin1')).args;
  return tokenArgs('X', 'X syntax', slots).parse(tokens, undefined);
}

describe('IMAP argument combinators produce typed values', () => {
  it.each([
    ['seqSet', [seqSet], '1:3,7,9:*', [[{ from: 1, to: 3 }, { from: 7, to: 7 }, { from: 9, to: '*' }]]],
    ['mailbox (canonical INBOX)', [mailbox], 'inbox', ['INBOX']],
    ['mailbox (a quoted name)', [mailbox], '"Work/2024"', ['Work/2024']],
    ['newMailbox drops a trailing delimiter', [newMailbox], 'Work/', ['Work']],
    ['astring (NIL reads as "NIL")', [astring], 'NIL', ['NIL']],
    ['flagList (system flags canonical, \\Recent dropped)', [flagList], '(\\seen $Work \\Recent)', [['\\Seen', '$Work']]],
    ['storeOperation', [storeOperation], '-FLAGS.SILENT', [{ op: 'remove', silent: true }]],
    ['storeFlags (bare atoms)', [storeFlags], '\\Deleted \\Flagged', [['\\Deleted', '\\Flagged']]],
    // RFC 3501 9 flag-keyword = atom: NIL is a keyword there, not "no flags" (issue 20, item 16).
    ['storeFlags (NIL is a keyword atom)', [storeFlags], 'NIL', [['NIL']]],
    ['flagList (NIL inside a list)', [flagList], '($Work NIL)', [['$Work', 'NIL']]],
    ['statusItems', [statusItems], '(messages UIDNEXT)', [['MESSAGES', 'UIDNEXT']]],
    ['literal', [literal], '{5+}\r\nhello', [Buffer.from('hello')]],
    ['idParams', [idParams], '("name" "x")', [null]],
    ['atoms', [atoms], 'CONDSTORE UTF8=ACCEPT', [['CONDSTORE', 'UTF8=ACCEPT']]],
    ['optional slots left out', [mailbox, optional(flagList), optional(dateTime), literal], 'Drafts {2+}\r\nhi', ['Drafts', undefined, undefined, Buffer.from('hi')]],
  ] as const)('%s', (_name, slots, args, want) => {
    expect(parse(slots, args)).toEqual(want);
  });

  it('dateTime is a Date, fetchAtts typed items, searchKey one key', () => {
    expect((parse([dateTime], '"05-Jan-2024 09:30:00 +0200"')[0] as Date).toISOString()).toBe('2024-01-05T07:30:00.000Z');
    expect(parse([fetchAtts], '(UID BODY.PEEK[TEXT]<0.5>)')[0]).toEqual([{ kind: 'UID' }, { kind: 'BODY[]', peek: true, section: { part: [], text: 'TEXT', fields: [] }, partial: { start: 0, count: 5 } }]);
    expect(parse([fetchAtts], 'FAST')[0]).toEqual([{ kind: 'FLAGS' }, { kind: 'INTERNALDATE' }, { kind: 'RFC822.SIZE' }]);
    expect(parse([searchKey], 'UNSEEN FROM alice')[0]).toMatchObject({ op: 'and' });
  });

  it.each([
    ['a shape error names the command, the slot and the syntax', [seqSet, mailbox], '1', ProtocolSyntaxError, /^X: missing argument 2: expected an atom or a string$/],
    ['a token of the wrong shape', [seqSet], 'abc', ProtocolSyntaxError, /^X: argument 1 is atom abc, expected a sequence set/],
    ['too many tokens', [mailbox], 'a b', ProtocolSyntaxError, /^X: too many arguments \(1 more than expected\)$/],
    ['a mailbox name that climbs out of the store', [mailbox], '../etc', MailboxNameError, /invalid mailbox name/],
    ['an unknown system flag', [flagList], '(\\Seeen)', ProtocolSyntaxError, /^\\Seeen is not a system flag/],
    ['a date that is not a date-time', [dateTime], '"yesterday"', ProtocolSyntaxError, /date-time must look like/],
    ['a STORE operation that is not one', [storeOperation], 'XFLAGS', ProtocolSyntaxError, /^XFLAGS is not FLAGS/],
    ['an unknown STATUS item', [statusItems], '(SIZE)', ProtocolSyntaxError, /^unknown STATUS item/],
    ['an unknown SEARCH charset is a NO, not a BAD', [searchKey], 'CHARSET KOI8-R ALL', ImapNoError, /KOI8-R/],
    ['ID with an odd list', [idParams], '("name")', ProtocolSyntaxError, /^ID takes NIL or a list/],
  ] as const)('bad input: %s', (_name, slots, args, type, message) => {
    let caught: unknown;
    try {
      parse(slots, args);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(type);
    expect((caught as Error).message).toMatch(message);
  });

  it('shapes are checked for every argument before any value is made, so the first problem is the one reported', () => {
    // A bad mailbox name (NO) in argument 1, but argument 2 is missing (BAD): the BAD wins, as before.
    expect(() => parse([mailbox, literal], '../x')).toThrow(ProtocolSyntaxError);
  });
});

describe('IMAP argument combinators: the protocol’s own replies', () => {
  it.each([
    ['COPY 1', /^t BAD COPY: missing argument 2: expected an atom or a string; syntax: COPY sequence-set mailbox$/],
    ['COPY x Archive', /^t BAD COPY: argument 1 is atom x, expected a sequence set/],
    ['COPY 1 ../x', /^t NO \[CANNOT\]/],
    ['STORE 1 FLAGS (\\Bogus)', /^t BAD \\Bogus is not a system flag/],
    ['STATUS INBOX (SIZE)', /^t BAD unknown STATUS item; use MESSAGES, RECENT, UIDNEXT, UIDVALIDITY, UNSEEN; syntax: STATUS mailbox/],
    ['SEARCH CHARSET KOI8-R ALL', /^t NO \[BADCHARSET \(UTF-8 US-ASCII\)\]/],
    ['FETCH 1 (FLAGS FROB)', /^t BAD Syntax error: unknown FETCH item FROB/],
    ['UID FROB 1', /^t BAD UID FROB is not a UID command/],
    ['APPEND INBOX "yesterday" {5+}\r\nhello', /^t BAD the date-time must look like .*; syntax: APPEND/],
  ])('%s', async (line, reply) => {
    const { d } = await fixture();
    await d.line('s SELECT INBOX');
    expect(tagged(await d.line(`t ${line}`), 't')).toMatch(reply);
  });
});
