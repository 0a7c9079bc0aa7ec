import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMessage, type MessageView } from '../../../src/protocols/imap/message.js';
import { ImapParseError, parseCommand, type ImapToken } from '../../../src/protocols/imap/parser.js';
import {
  SearchCharsetError,
  matchSearch,
  parseSearch,
  searchNeedsMessage,
  sentDay,
  type SearchKey,
  type SearchTarget,
} from '../../../src/protocols/imap/search.js';
import { IMAP_MAX_NESTING } from '../../../src/limits.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../../fixtures/imap/${name}`, import.meta.url));

/** SEARCH arguments as the parser delivers them from a real command line. */
function args(text: string | Buffer): ImapToken[] {
  const line = Buffer.concat([Buffer.from('t SEARCH ', 'latin1'), typeof text === 'string' ? Buffer.from(text, 'utf8') : text]);
  return parseCommand(line).args;
}

const key = (text: string): SearchKey => parseSearch(args(text)).key;

describe('parseSearch', () => {
  it.each<[string, SearchKey]>([
    ['ALL', { op: 'all' }],
    ['seen', { op: 'flag', flag: '\\Seen', present: true }],
    ['UNSEEN', { op: 'flag', flag: '\\Seen', present: false }],
    ['OLD', { op: 'flag', flag: '\\Recent', present: false }],
    ['NEW', { op: 'and', keys: [{ op: 'flag', flag: '\\Recent', present: true }, { op: 'flag', flag: '\\Seen', present: false }] }],
    ['KEYWORD $Work', { op: 'flag', flag: '$Work', present: true }],
    ['UNKEYWORD $Work', { op: 'flag', flag: '$Work', present: false }],
    ['FROM alice', { op: 'header', field: 'from', value: 'alice' }],
    ['SUBJECT "lunch tomorrow"', { op: 'header', field: 'subject', value: 'lunch tomorrow' }],
    ['HEADER Message-ID ""', { op: 'header', field: 'message-id', value: '' }],
    ['BODY noon', { op: 'body', value: 'noon' }],
    ['TEXT noon', { op: 'text', value: 'noon' }],
    ['SINCE 1-Feb-1994', { op: 'date', field: 'internal', cmp: 'since', day: Date.UTC(1994, 1, 1) / 86_400_000 }],
    ['SENTBEFORE "01-Jul-2003"', { op: 'date', field: 'sent', cmp: 'before', day: Date.UTC(2003, 6, 1) / 86_400_000 }],
    ['LARGER 100', { op: 'size', cmp: 'larger', octets: 100 }],
    ['UID 2:*', { op: 'uid', set: [{ from: 2, to: '*' }] }],
    ['1,3:*', { op: 'seq', set: [{ from: 1, to: 1 }, { from: 3, to: '*' }] }],
    ['NOT DELETED', { op: 'not', key: { op: 'flag', flag: '\\Deleted', present: true } }],
    ['OR SEEN FLAGGED', { op: 'or', left: { op: 'flag', flag: '\\Seen', present: true }, right: { op: 'flag', flag: '\\Flagged', present: true } }],
    ['(SEEN)', { op: 'flag', flag: '\\Seen', present: true }],
    [
      'UNSEEN (OR FROM a TO b) SMALLER 5',
      {
        op: 'and',
        keys: [
          { op: 'flag', flag: '\\Seen', present: false },
          { op: 'or', left: { op: 'header', field: 'from', value: 'a' }, right: { op: 'header', field: 'to', value: 'b' } },
          { op: 'size', cmp: 'smaller', octets: 5 },
        ],
      },
    ],
  ])('%s', (text, expected) => {
    expect(key(text)).toEqual(expected);
  });

  it('reads CHARSET and literal strings', () => {
    const literal = Buffer.concat([Buffer.from('CHARSET UTF-8 SUBJECT {9}\r\n', 'latin1'), Buffer.from('日本語', 'utf8')]);
    expect(parseSearch(args(literal))).toEqual({ charset: 'UTF-8', key: { op: 'header', field: 'subject', value: '日本語' } });
    expect(parseSearch(args('charset us-ascii ALL')).charset).toBe('us-ascii');
    expect(parseSearch(args('ALL')).charset).toBeNull();
  });

  it('refuses other charsets with an error the session turns into NO [BADCHARSET]', () => {
    expect(() => parseSearch(args('CHARSET ISO-8859-1 ALL'))).toThrow(SearchCharsetError);
    try {
      parseSearch(args('CHARSET KOI8-R ALL'));
    } catch (err) {
      expect(err).toBeInstanceOf(SearchCharsetError);
      expect(err).not.toBeInstanceOf(ImapParseError);
      expect((err as SearchCharsetError).charset).toBe('KOI8-R');
    }
  });

  it.each<[string, RegExp]>([
    ['', /at least one search key/],
    ['CHARSET UTF-8', /at least one search key/],
    ['FROB', /unknown search key FROB/],
    ['FROM', /FROM needs a string/],
    ['FROM (a)', /FROM needs a string, not a list/],
    ['HEADER Subject', /needs a string/],
    ['SINCE yesterday', /date like 1-Feb-1994/],
    ['SINCE 31-Feb-2024', /date like/],
    ['LARGER big', /number of octets/],
    ['LARGER 99999999999', /number of octets/],
    ['UID', /UID needs/],
    ['UID 0:3', /sequence set/],
    ['OR SEEN', /needs a search key/],
    ['NOT', /needs a search key/],
    ['()', /empty/],
    ['KEYWORD \\Seen', /not a system flag/],
    ['"ALL"', /expected a search key/],
  ])('%j is refused', (text, message) => {
    const run = (): unknown => parseSearch(args(text === '' ? 'X' : text).slice(text === '' ? 1 : 0));
    expect(run).toThrow(ImapParseError);
    expect(run).toThrow(message);
  });

  it(`refuses NOT/OR chains deeper than ${IMAP_MAX_NESTING}, without a stack overflow`, () => {
    expect(() => key(`${'NOT '.repeat(IMAP_MAX_NESTING)}ALL`)).not.toThrow();
    expect(() => key(`${'NOT '.repeat(2000)}ALL`)).toThrow(/nested deeper/);
    expect(() => key(`${'OR ALL '.repeat(2000)}ALL`)).toThrow(/nested deeper/);
  });
});

describe('searchNeedsMessage', () => {
  it.each<[string, boolean]>([
    ['ALL', false],
    ['UNSEEN UID 1:* LARGER 5 SINCE 1-Jan-2024 1:3', false],
    ['NOT OR SEEN DELETED', false],
    ['FROM a', true],
    ['OR SEEN BODY x', true],
    ['NOT TEXT x', true],
    ['SENTON 1-Jan-2024', true],
    ['HEADER X-Foo ""', true],
  ])('%s -> %s', (text, needs) => {
    expect(searchNeedsMessage(key(text))).toBe(needs);
  });
});

describe('sentDay', () => {
  it.each<[string, string | null]>([
    ['Tue, 1 Jul 2003 10:52:37 +0200', '2003-07-01'],
    ['Tue, 1 Jul 2003 23:52:37 -0700', '2003-07-01'],
    ['1 Jul 03 10:00 GMT', '2003-07-01'],
    ['Fri, 31 Dec 99 23:00:00 +0000', '1999-12-31'],
    ['Thursday, 3 July 2003 08:00:00 +0000', '2003-07-03'],
    ['2024-03-15T12:00:00Z', '2024-03-15'],
    ['not a date', null],
  ])('%j', (header, iso) => {
    const day = sentDay(header);
    expect(day === null ? null : new Date(day * 86_400_000).toISOString().slice(0, 10)).toBe(iso);
  });
});

/**
 * The expectations for keys that do not depend on the internal date (header, body, text,
 * SENT*) were cross-checked once against Dovecot 2.3.19 searching the same four fixture
 * messages; Dovecot differs only in accepting more charsets (KOI8-R) where we answer BADCHARSET.
 */
describe('matchSearch', () => {
  const views = new Map<string, MessageView>();
  const view = (name: string) => (): MessageView => {
    if (!views.has(name)) views.set(name, parseMessage(fixture(name)));
    return views.get(name) as MessageView;
  };
  const box: SearchTarget[] = [
    { seq: 1, uid: 3, flags: ['\\Seen'], size: 632, internalDate: new Date('2003-07-01T09:00:00Z'), view: view('plain.eml') },
    { seq: 2, uid: 7, flags: ['\\Recent', '$Work'], size: 397, internalDate: new Date('2024-03-15T03:00:00Z'), view: view('encoded-headers.eml') },
    { seq: 3, uid: 9, flags: ['\\Flagged', '\\Answered', '\\Recent', '\\Seen'], size: 1215, internalDate: new Date('2024-01-10T20:30:00Z'), view: view('mixed-attachment.eml') },
    { seq: 4, uid: 12, flags: ['\\Deleted', '\\Draft'], size: 95, internalDate: new Date('2024-02-02T00:00:00Z'), view: view('missing-headers.eml') },
  ];
  const ctx = { maxSeq: 4, maxUid: 12 };
  const search = (text: string | Buffer): number[] => {
    const { key: k } = parseSearch(args(text));
    return box.filter((t) => matchSearch(k, t, ctx)).map((t) => t.seq);
  };

  it.each<[string, number[]]>([
    ['ALL', [1, 2, 3, 4]],
    ['SEEN', [1, 3]],
    ['UNSEEN', [2, 4]],
    ['ANSWERED', [3]],
    ['UNANSWERED', [1, 2, 4]],
    ['DELETED', [4]],
    ['UNDELETED', [1, 2, 3]],
    ['DRAFT', [4]],
    ['UNDRAFT', [1, 2, 3]],
    ['FLAGGED', [3]],
    ['UNFLAGGED', [1, 2, 4]],
    ['RECENT', [2, 3]],
    ['NEW', [2]],
    ['OLD', [1, 4]],
    ['KEYWORD $work', [2]],
    ['UNKEYWORD $Work', [1, 3, 4]],
    ['FROM alice', [1, 3]],
    ['FROM "ALICE EXAMPLE"', [1, 3]],
    ['TO carol@example.org', [1]],
    ['CC dave', [1]],
    ['BCC anyone', []],
    ['SUBJECT "lunch TOMORROW"', [1]],
    ['SUBJECT report', [3]],
    ['HEADER Message-ID ""', [1, 2, 3]],
    ['HEADER X-Note "no date"', [4]],
    ['HEADER content-type plain', [1, 2]],
    ['BODY noon', [1]],
    ['BODY "report attached"', [3]],
    ['BODY lunch', [1]],
    ['TEXT lunch', [1]],
    ['TEXT "without mime"', [4]],
    ['BODY JVBERi0', []],
    ['SINCE 10-Jan-2024', [2, 3, 4]],
    ['ON 10-Jan-2024', [3]],
    ['BEFORE 10-Jan-2024', [1]],
    ['SENTON 1-Jul-2003', [1]],
    ['SENTON 10-Jan-2024', [3]],
    ['SENTSINCE 15-Mar-2024', [2]],
    // Message 4 has no Date header: it counts as 1-Jan-1970, as in Dovecot.
    ['SENTBEFORE 2-Feb-2024', [1, 3, 4]],
    ['SENTON 2-Feb-2024', []],
    ['SENTON 1-Jan-1970', [4]],
    ['LARGER 632', [3]],
    ['SMALLER 397', [4]],
    ['UID 7:9', [2, 3]],
    ['UID *', [4]],
    ['UID 13:*', [4]],
    ['UID 4:6', []],
    ['2:3', [2, 3]],
    ['*', [4]],
    ['NOT SEEN', [2, 4]],
    ['OR FLAGGED DELETED', [3, 4]],
    ['OR (FROM alice SMALLER 700) DRAFT', [1, 4]],
    ['UNSEEN NOT DELETED', [2]],
    ['NOT (SEEN UNFLAGGED)', [2, 3, 4]],
    // 8-bit text travels in quoted strings or literals, never in atoms (RFC 3501 9).
    ['CHARSET UTF-8 BODY "日本語"', [2]],
    ['CHARSET UTF-8 SUBJECT "CAFÉ"', [2]],
    ['FROM "山田"', [2]],
    ['TO "françois"', [2]],
  ])('%s -> %j', (text, seqs) => {
    expect(search(text)).toEqual(seqs);
  });

  it('never calls view() for keys that do not need the message', () => {
    const target: SearchTarget = { ...(box[0] as SearchTarget), view: () => {
      throw new Error('view() must not be called');
    } };
    expect(matchSearch(key('SEEN UID 1:* LARGER 5 SINCE 1-Jan-2000'), target, ctx)).toBe(true);
  });

  it('parses the message once per match even when many keys need it', () => {
    let calls = 0;
    const target: SearchTarget = { ...(box[0] as SearchTarget), view: () => {
      calls++;
      return view('plain.eml')();
    } };
    expect(matchSearch(key('FROM alice TO bob SUBJECT lunch BODY noon TEXT Alice SENTON 1-Jul-2003'), target, ctx)).toBe(true);
    expect(calls).toBe(1);
  });
});
