import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../src/mailstore/memory.js';
import { NoSuchMessageError } from '../../../src/mailstore/types.js';
import { dialog, fixture, message, services, tagged } from './fixtures.js';

/**
 * Table-driven dialogs: each row starts from the same mailbox, puts the session in a
 * state, sends one command and checks the tagged status and the key untagged lines.
 */

type Row = [command: string, status: RegExp, untagged?: RegExp[], absent?: RegExp];

const AUTHENTICATED: Row[] = [
  ['CAPABILITY', /^OK/, [/^\* CAPABILITY IMAP4rev1 .*IDLE.*NAMESPACE.*UIDPLUS.*ID.*AUTH=PLAIN/m]],
  ['NOOP', /^OK NOOP completed/],
  ['NAMESPACE', /^OK/, [/^\* NAMESPACE \(\("" "\/"\)\) NIL NIL$/m]],
  ['ID ("name" "vitest" "version" "1")', /^OK/, [/^\* ID \("name" "l7lab"/m]],
  ['ID NIL', /^OK/],
  ['ID foo', /^BAD ID takes NIL or a list/],
  ['ENABLE CONDSTORE', /^OK/, [/^\* ENABLED$/m]],
  ['LIST "" ""', /^OK/, [/^\* LIST \(\\Noselect\) "\/" ""$/m]],
  ['LIST "" *', /^OK/, [/^\* LIST \(\\HasNoChildren\) "\/" INBOX$/m, /^\* LIST \(\\HasChildren\) "\/" Archive$/m, /^\* LIST \(\\HasNoChildren\) "\/" Archive\/2023$/m]],
  ['LIST "" %', /^OK/, [/^\* LIST \(\\HasChildren\) "\/" Archive$/m], /Archive\/2023/],
  ['LIST Archive/ %', /^OK/, [/^\* LIST \(\\HasNoChildren\) "\/" Archive\/2023$/m], /"\/" INBOX/],
  ['LIST "" inbox', /^OK/, [/^\* LIST \(\\HasNoChildren\) "\/" INBOX$/m]],
  ['LSUB "" *', /^OK/, [/^\* LSUB \(\\HasChildren\) "\/" Archive$/m], /INBOX/],
  ['CREATE Work/2024', /^OK CREATE completed/],
  ['CREATE Work/', /^OK CREATE completed, Work exists now/],
  ['CREATE inbox', /^NO \[ALREADYEXISTS\]/],
  ['CREATE ../etc', /^NO \[CANNOT\] invalid mailbox name "..\/etc"/],
  ['CREATE a/../b', /^NO \[CANNOT\]/],
  ['CREATE /root', /^NO \[CANNOT\] .*starts with "\/"/],
  ['CREATE ~root', /^NO \[CANNOT\] .*starts with "~"/],
  ['DELETE INBOX', /^NO \[CANNOT\] INBOX cannot be deleted/],
  ['DELETE Nope', /^NO \[NONEXISTENT\]/],
  ['DELETE Archive/2023', /^OK DELETE completed/],
  ['RENAME Archive Old', /^OK RENAME completed, Archive is now Old/],
  ['RENAME Nope Other', /^NO \[NONEXISTENT\]/],
  ['RENAME Archive INBOX', /^NO \[ALREADYEXISTS\]/],
  ['SUBSCRIBE Archive/2023', /^OK SUBSCRIBE completed/],
  ['SUBSCRIBE Nope', /^NO \[NONEXISTENT\]/],
  ['UNSUBSCRIBE Archive', /^OK UNSUBSCRIBE completed/],
  ['STATUS INBOX (MESSAGES UNSEEN UIDNEXT RECENT)', /^OK/, [/^\* STATUS INBOX \(MESSAGES 3 UNSEEN 2 UIDNEXT 4 RECENT 3\)$/m]],
  ['STATUS inbox (UIDVALIDITY)', /^OK/, [/^\* STATUS INBOX \(UIDVALIDITY \d+\)$/m]],
  ['STATUS INBOX (SIZE)', /^BAD unknown STATUS item/],
  ['STATUS Nope (MESSAGES)', /^NO \[NONEXISTENT\]/],
  ['SELECT Nope', /^NO \[NONEXISTENT\]/],
  [
    'SELECT INBOX',
    /^OK \[READ-WRITE\] SELECT completed/,
    [/^\* FLAGS \(\\Seen \\Answered \\Flagged \\Deleted \\Draft\)$/m, /^\* OK \[PERMANENTFLAGS \([^)]*\\\*\)\]/m, /^\* 3 EXISTS$/m, /^\* 3 RECENT$/m, /^\* OK \[UNSEEN 1\]/m, /^\* OK \[UIDVALIDITY \d+\]/m, /^\* OK \[UIDNEXT 4\]/m],
  ],
  ['EXAMINE inbox', /^OK \[READ-ONLY\] EXAMINE completed/, [/^\* OK \[PERMANENTFLAGS \(\)\]/m, /^\* 3 EXISTS$/m]],
  ['IDLE', /.*/, [/^\+ idling$/m]],
];

const SELECTED: Row[] = [
  ['CHECK', /^OK CHECK completed/],
  ['FETCH 1 FLAGS', /^OK FETCH completed/, [/^\* 1 FETCH \(FLAGS \(\\Recent\)\)$/m]],
  ['FETCH 1:* UID', /^OK/, [/^\* 1 FETCH \(UID 1\)$/m, /^\* 2 FETCH \(UID 2\)$/m, /^\* 3 FETCH \(UID 3\)$/m]],
  ['FETCH 4 FLAGS', /^BAD the mailbox has 3 message\(s\)/],
  ['FETCH 1 FROB', /^BAD Syntax error: unknown FETCH item FROB/],
  ['UID FETCH 99 FLAGS', /^OK UID FETCH completed/, [], /FETCH \(/],
  ['UID FETCH 2:* FLAGS', /^OK/, [/^\* 2 FETCH \(UID 2 FLAGS \(\\Recent\)\)$/m, /^\* 3 FETCH \(UID 3 FLAGS \(\\Deleted \\Seen \\Recent\)\)$/m]],
  ['FETCH 1 (INTERNALDATE RFC822.SIZE)', /^OK/, [/^\* 1 FETCH \(INTERNALDATE " 1-Jan-2024 10:00:00 \+0000" RFC822\.SIZE \d+\)$/m]],
  ['FETCH 1 ENVELOPE', /^OK/, [/^\* 1 FETCH \(ENVELOPE \("Mon, 01 Jan 2024 10:00:00 \+0000" "one" \(\("Alice" NIL "alice" "example.com"\)\)/m]],
  ['FETCH 2 BODYSTRUCTURE', /^OK/, [/^\* 2 FETCH \(BODYSTRUCTURE \(\("text" "plain" \("charset" "utf-8"\).*\) "mixed" \("boundary" "b1"\)/im]],
  ['FETCH 2 BODY', /^OK/, [/^\* 2 FETCH \(BODY \(\("text" "plain" .*\) "mixed"\)\)$/im]],
  ['FETCH 1 BODY[]', /^OK/, [/^\* 1 FETCH \(BODY\[\] \{\d+\}\r\nFrom: Alice[\s\S]*Hello\.\r\n FLAGS \(\\Seen \\Recent\)\)$/m]],
  ['FETCH 1 BODY.PEEK[]', /^OK/, [/^\* 1 FETCH \(BODY\[\] \{\d+\}\r\nFrom: Alice[\s\S]*\r\n\)$/m], /FLAGS/],
  ['FETCH 1 BODY.PEEK[HEADER]', /^OK/, [/^\* 1 FETCH \(BODY\[HEADER\] \{\d+\}\r\nFrom: [\s\S]*Message-ID: <one@example\.com>\r\n\r\n\)$/m]],
  ['FETCH 1 BODY.PEEK[HEADER.FIELDS (Subject From)]', /^OK/, [/^\* 1 FETCH \(BODY\[HEADER\.FIELDS \(SUBJECT FROM\)\] \{\d+\}\r\nFrom: Alice <alice@example\.com>\r\nSubject: one\r\n\r\n\)$/m]],
  ['FETCH 1 BODY.PEEK[HEADER.FIELDS.NOT (Subject From To Date Message-ID)]', /^OK/, [/BODY\[HEADER\.FIELDS\.NOT \(SUBJECT FROM TO DATE MESSAGE-ID\)\] \{2\}\r\n\r\n\)/]],
  ['FETCH 1 BODY.PEEK[TEXT]', /^OK/, [/^\* 1 FETCH \(BODY\[TEXT\] \{8\}\r\nHello\.\r\n\)$/m]],
  ['FETCH 2 BODY.PEEK[1]', /^OK/, [/^\* 2 FETCH \(BODY\[1\] \{13\}\r\nSee attached\.\)$/m]],
  ['FETCH 2 BODY.PEEK[2]', /^OK/, [/^\* 2 FETCH \(BODY\[2\] \{8\}\r\nAAECAw==\)$/m]],
  ['FETCH 2 BODY.PEEK[2.MIME]', /^OK/, [/^\* 2 FETCH \(BODY\[2\.MIME\] \{\d+\}\r\nContent-Type: application\/octet-stream/m]],
  ['FETCH 2 BODY.PEEK[9]', /^OK/, [/^\* 2 FETCH \(BODY\[9\] \{0\}\r\n\)$/m]],
  ['FETCH 1 BODY.PEEK[]<0.4>', /^OK/, [/^\* 1 FETCH \(BODY\[\]<0> \{4\}\r\nFrom\)$/m]],
  ['FETCH 1 BODY.PEEK[TEXT]<2.3>', /^OK/, [/^\* 1 FETCH \(BODY\[TEXT\]<2> \{3\}\r\nllo\)$/m]],
  ['FETCH 1 BODY.PEEK[]<100000.4>', /^OK/, [/^\* 1 FETCH \(BODY\[\]<100000> \{0\}\r\n\)$/m]],
  ['FETCH 1 RFC822', /^OK/, [/^\* 1 FETCH \(RFC822 \{\d+\}\r\nFrom: Alice[\s\S]*\r\n FLAGS \(\\Seen \\Recent\)\)$/m]],
  ['FETCH 1 RFC822.HEADER', /^OK/, [/^\* 1 FETCH \(RFC822\.HEADER \{\d+\}\r\nFrom: [\s\S]*\r\n\r\n\)$/m], /FLAGS/],
  ['FETCH 1 RFC822.TEXT', /^OK/, [/^\* 1 FETCH \(RFC822\.TEXT \{8\}\r\nHello\.\r\n FLAGS \(\\Seen \\Recent\)\)$/m]],
  ['FETCH 1 FAST', /^OK/, [/^\* 1 FETCH \(FLAGS \(\\Recent\) INTERNALDATE "[^"]+" RFC822\.SIZE \d+\)$/m]],
  ['FETCH 1 ALL', /^OK/, [/^\* 1 FETCH \(FLAGS \(\\Recent\) INTERNALDATE "[^"]+" RFC822\.SIZE \d+ ENVELOPE \(/m]],
  ['FETCH 1 FULL', /^OK/, [/^\* 1 FETCH \(FLAGS \(\\Recent\) INTERNALDATE "[^"]+" RFC822\.SIZE \d+ ENVELOPE \(.*\) BODY \("text" "plain"/m]],
  ['SEARCH ALL', /^OK SEARCH completed, 3 match/, [/^\* SEARCH 1 2 3$/m]],
  ['SEARCH UNSEEN', /^OK/, [/^\* SEARCH 1 2$/m]],
  ['SEARCH SEEN', /^OK/, [/^\* SEARCH 3$/m]],
  ['SEARCH DELETED', /^OK/, [/^\* SEARCH 3$/m]],
  ['SEARCH FLAGGED', /^OK/, [/^\* SEARCH$/m]],
  ['SEARCH ANSWERED', /^OK/, [/^\* SEARCH$/m]],
  ['SEARCH FROM carol', /^OK/, [/^\* SEARCH 2$/m]],
  ['SEARCH TO "bob@example.com"', /^OK/, [/^\* SEARCH 1 2 3$/m]],
  ['SEARCH SUBJECT three', /^OK/, [/^\* SEARCH 3$/m]],
  ['SEARCH BODY attached', /^OK/, [/^\* SEARCH 2$/m]],
  ['SEARCH TEXT Bye', /^OK/, [/^\* SEARCH 3$/m]],
  ['SEARCH SINCE 2-Jan-2024', /^OK/, [/^\* SEARCH 2 3$/m]],
  ['SEARCH BEFORE 2-Jan-2024', /^OK/, [/^\* SEARCH 1$/m]],
  ['SEARCH ON 3-Jan-2024', /^OK/, [/^\* SEARCH 3$/m]],
  ['SEARCH LARGER 300', /^OK/, [/^\* SEARCH 2$/m]],
  ['SEARCH SMALLER 300', /^OK/, [/^\* SEARCH 1 3$/m]],
  ['SEARCH UID 2:*', /^OK/, [/^\* SEARCH 2 3$/m]],
  ['SEARCH 2:3', /^OK/, [/^\* SEARCH 2 3$/m]],
  ['SEARCH NOT SEEN', /^OK/, [/^\* SEARCH 1 2$/m]],
  ['SEARCH OR FROM carol SUBJECT three', /^OK/, [/^\* SEARCH 2 3$/m]],
  ['SEARCH UNSEEN FROM alice', /^OK/, [/^\* SEARCH 1$/m]],
  ['SEARCH RECENT', /^OK/, [/^\* SEARCH 1 2 3$/m]],
  ['SEARCH CHARSET UTF-8 FROM carol', /^OK/, [/^\* SEARCH 2$/m]],
  ['SEARCH CHARSET KOI8-R ALL', /^NO \[BADCHARSET \(UTF-8 US-ASCII\)\]/],
  ['SEARCH FROB', /^BAD Syntax error/],
  ['SEARCH', /^BAD Syntax error: SEARCH needs at least one search key/],
  ['UID SEARCH UNSEEN', /^OK UID SEARCH completed/, [/^\* SEARCH 1 2$/m]],
  ['STORE 1 +FLAGS (\\Flagged)', /^OK STORE completed/, [/^\* 1 FETCH \(FLAGS \(\\Flagged \\Recent\)\)$/m]],
  ['STORE 1 +FLAGS.SILENT (\\Flagged)', /^OK STORE completed/, [], /FETCH/],
  ['STORE 3 -FLAGS (\\Seen)', /^OK/, [/^\* 3 FETCH \(FLAGS \(\\Deleted \\Recent\)\)$/m]],
  ['STORE 3 FLAGS ($Label1 \\Answered)', /^OK/, [/^\* 3 FETCH \(FLAGS \(\$Label1 \\Answered \\Recent\)\)$/m]],
  // NIL is a flag-keyword atom (RFC 3501 9), as in Dovecot; not a BAD (issue 20, item 16).
  ['STORE 2 +FLAGS NIL', /^OK STORE completed/, [/^\* 2 FETCH \(FLAGS \([^)]*\bNIL\b[^)]*\)\)$/m]],
  ['STORE 1 +FLAGS \\Seeen', /^BAD \\Seeen is not a system flag/],
  ['STORE 1 XFLAGS (\\Seen)', /^BAD XFLAGS is not FLAGS, \+FLAGS or -FLAGS/],
  ['UID STORE 3 +FLAGS (\\Answered)', /^OK UID STORE completed/, [/^\* 3 FETCH \(UID 3 FLAGS \(\\Answered \\Deleted \\Seen \\Recent\)\)$/m]],
  ['COPY 1:2 Archive', /^OK \[COPYUID \d+ 1:2 1:2\] COPY completed/],
  ['COPY 1 Nope', /^NO \[TRYCREATE\]/],
  ['COPY 1 ../x', /^NO \[CANNOT\]/],
  ['UID COPY 3 Archive', /^OK \[COPYUID \d+ 3 1\] UID COPY completed/],
  ['UID COPY 7 Archive', /^OK UID COPY completed, no messages matched/],
  ['COPY 1 INBOX', /^OK \[COPYUID \d+ 1 4\]/, [/^\* 4 EXISTS$/m, /^\* 4 RECENT$/m]],
  ['EXPUNGE', /^OK EXPUNGE completed, 1 message\(s\) removed/, [/^\* 3 EXPUNGE$/m]],
  ['UID EXPUNGE 1:2', /^OK UID EXPUNGE completed, 0 message\(s\) removed/, [], /EXPUNGE\r\n/],
  ['UID EXPUNGE 3', /^OK UID EXPUNGE completed, 1 message/, [/^\* 3 EXPUNGE$/m]],
  ['CLOSE', /^OK CLOSE completed, 1 deleted message\(s\) removed/, [], /EXPUNGE\r\n/],
  ['UNSELECT', /^OK UNSELECT completed/],
  ['SELECT Nope', /^NO \[NONEXISTENT\]/],
];

async function run(state: 'authenticated' | 'selected', [command, status, untagged = [], absent]: Row): Promise<void> {
  const { d } = await fixture();
  if (state === 'selected') await d.line('s SELECT INBOX');
  const out = await d.line(`t ${command}`);
  if (command !== 'IDLE') expect(tagged(out, 't')?.slice(2)).toMatch(status);
  for (const re of untagged) expect(out).toMatch(re);
  if (absent) expect(out.split(/\r\nt (OK|NO|BAD)/)[0]).not.toMatch(absent);
}

describe('IMAP commands in the authenticated state', () => {
  it.each(AUTHENTICATED)('%s', (...row) => run('authenticated', row));
});

describe('IMAP commands in the selected state', () => {
  it.each(SELECTED)('%s', (...row) => run('selected', row));
});

describe('IMAP commands: effects on the store', () => {
  it('APPEND with flags, date and a literal stores exactly those octets and reports APPENDUID', async () => {
    const { d, store } = await fixture();
    const body = message('appended', 'Line one.\r\nLine two.');
    const out = await d.line(`a APPEND Archive (\\Seen $Work) " 5-Jan-2024 09:30:00 +0200" {${body.length}}`);
    expect(out).toBe('+ Ready for literal data\r\n');
    const done = await d.send(Buffer.concat([body, Buffer.from('\r\n')]));
    const { uidValidity } = await store.status('bob', 'Archive');
    expect(tagged(done, 'a')).toBe(`a OK [APPENDUID ${uidValidity} 1] APPEND completed, ${body.length} octets stored in Archive`);
    const [meta] = await store.list('bob', 'Archive');
    expect(meta?.flags).toEqual(['$Work', '\\Seen']);
    expect(meta?.internalDate.toISOString()).toBe('2024-01-05T07:30:00.000Z');
    expect((await store.read('bob', 'Archive', 1)).equals(body)).toBe(true);
  });

  it.each([
    ['APPEND Nope {5+}\r\nhello', /^a NO \[TRYCREATE\] Mailbox does not exist: Nope/],
    ['APPEND INBOX "yesterday" {5+}\r\nhello', /^a BAD the date-time must look like/],
    ['APPEND INBOX (\\Bogus) {5+}\r\nhello', /^a BAD \\Bogus is not a system flag/],
    ['APPEND INBOX {0+}\r\n', /^a NO An empty message cannot be stored/],
    ['APPEND INBOX', /^a BAD APPEND: missing argument/],
  ])('APPEND refusals: %s', async (line, reply) => {
    const { d } = await fixture();
    expect(tagged(await d.send(`a ${line}\r\n`), 'a')).toMatch(reply);
  });

  it('refuses a mailbox name with NUL sent as a literal', async () => {
    const { d } = await fixture();
    expect(tagged(await d.send('a CREATE {3+}\r\na\0b\r\n'), 'a')).toMatch(/^a NO \[CANNOT\] .*control character/);
  });

  it('UIDs strictly ascend and are never reused; UIDVALIDITY stays the same', async () => {
    const { d } = await fixture();
    const select1 = await d.line('s SELECT INBOX');
    const validity = /UIDVALIDITY (\d+)/.exec(select1)?.[1];
    await d.send('a APPEND INBOX {5+}\r\nhello\r\n');
    await d.line('b STORE 4 +FLAGS (\\Deleted)');
    await d.line('c EXPUNGE');
    const out = await d.send('e APPEND INBOX {5+}\r\nagain\r\n');
    expect(tagged(out, 'e')).toMatch(new RegExp(`^e OK \\[APPENDUID ${validity} 5\\]`));
    const select2 = await d.line('f SELECT INBOX');
    expect(select2).toContain(`[UIDVALIDITY ${validity}]`);
    expect(select2).toContain('[UIDNEXT 6]');
    expect(await d.line('g FETCH 1:* UID')).toMatch(/UID 1\)[\s\S]*UID 2\)[\s\S]*UID 5\)/);
  });

  it('EXAMINE changes nothing: no \\Seen from BODY[], STORE and EXPUNGE refused, CLOSE removes nothing', async () => {
    const { d, store } = await fixture();
    await d.line('x EXAMINE INBOX');
    const fetched = await d.line('a FETCH 1 BODY[]');
    expect(fetched).not.toMatch(/FLAGS/);
    expect((await store.list('bob', 'INBOX'))[0]?.flags).toEqual([]);
    expect(tagged(await d.line('b STORE 1 +FLAGS (\\Seen)'), 'b')).toMatch(/^b NO \[READ-ONLY\]/);
    expect(tagged(await d.line('c EXPUNGE'), 'c')).toMatch(/^c NO \[READ-ONLY\]/);
    expect(tagged(await d.line('d CLOSE'), 'd')).toBe('d OK CLOSE completed');
    expect((await store.status('bob', 'INBOX')).messages).toBe(3);
  });

  it('EXAMINE claims no \\Recent: a later SELECT still sees the messages as recent', async () => {
    const { d } = await fixture();
    expect(await d.line('x EXAMINE INBOX')).toMatch(/\* 3 RECENT/);
    expect(await d.line('y SELECT INBOX')).toMatch(/\* 3 RECENT/);
    expect(await d.line('z SELECT INBOX')).toMatch(/\* 0 RECENT/);
  });

  it('BODY[] sets \\Seen in the store and reports it in the same FETCH response, once', async () => {
    const { d, store } = await fixture();
    await d.line('s SELECT INBOX');
    const first = await d.line('a FETCH 1 (FLAGS BODY[TEXT])');
    expect(first).toMatch(/^\* 1 FETCH \(FLAGS \(\\Seen \\Recent\) BODY\[TEXT\] \{8\}\r\nHello\.\r\n\)\r\na OK/);
    expect((await store.list('bob', 'INBOX'))[0]?.flags).toEqual(['\\Seen']);
    expect(await d.line('b NOOP')).toBe('b OK NOOP completed\r\n');
  });

  it('a failed SELECT leaves the previous mailbox: the state is authenticated (RFC 3501 6.3.1)', async () => {
    const { d } = await fixture();
    await d.line('s SELECT INBOX');
    expect(tagged(await d.line('t SELECT Nope'), 't')).toMatch(/^t NO/);
    expect(d.session.state).toBe('authenticated');
    expect(tagged(await d.line('u FETCH 1 FLAGS'), 'u')).toMatch(/^u BAD FETCH is not allowed in the authenticated state/);
  });

  it('DELETE of the selected mailbox is refused, so the session never points at nothing', async () => {
    const { d } = await fixture();
    await d.line('s SELECT Archive');
    expect(tagged(await d.line('t DELETE Archive'), 't')).toMatch(/^t NO \[INUSE\]/);
  });

  it('SEARCH answers sequence numbers, UID SEARCH answers UIDs', async () => {
    const { d } = await fixture();
    await d.line('s SELECT INBOX');
    await d.line('a STORE 1 +FLAGS.SILENT (\\Deleted)');
    await d.line('a STORE 3 -FLAGS.SILENT (\\Deleted)');
    await d.line('b EXPUNGE');
    expect(await d.line('c SEARCH ALL')).toMatch(/^\* SEARCH 1 2\r\n/);
    expect(await d.line('d UID SEARCH ALL')).toMatch(/^\* SEARCH 2 3\r\n/);
    expect(await d.line('e UID SEARCH UID 3:*')).toMatch(/^\* SEARCH 3\r\n/);
  });

  it('a message that vanished between the view and the store call gets NO [EXPUNGEISSUED], not a dropped session', async () => {
    class RacyStore extends MemoryStore {
      override async copy(): Promise<number[]> {
        throw new NoSuchMessageError(1);
      }
    }
    const store = new RacyStore();
    await store.deliver({ from: 'alice@example.com', to: ['bob@example.com'] }, message('one'));
    const d = await dialog(services(store));
    await d.line('l LOGIN bob builder');
    await d.line('s SELECT INBOX');
    expect(tagged(await d.line('c COPY 1 INBOX'), 'c')).toBe('c NO [EXPUNGEISSUED] Message UID 1 was expunged by another session');
    expect(d.closed).toBe(false);
  });

  it('RENAME INBOX moves its messages and leaves INBOX empty (RFC 3501 6.3.5)', async () => {
    const { d, store } = await fixture();
    expect(tagged(await d.line('r RENAME INBOX Old'), 'r')).toMatch(/^r OK/);
    expect((await store.status('bob', 'Old')).messages).toBe(3);
    expect((await store.status('bob', 'INBOX')).messages).toBe(0);
  });
});

describe('LSUB with % and a subscribed child of an unsubscribed parent (RFC 3501 6.3.9; issue 20, item 15)', () => {
  it('returns the parent flagged \\Noselect where % stops, the child itself where it matches', async () => {
    const { store, d } = await fixture();
    await store.createMailbox('bob', 'imaptest/a/b');
    await store.setSubscribed('bob', 'Archive', false);
    await store.setSubscribed('bob', 'imaptest/a/b', true);
    const lsub = (out: string) => out.split('\r\n').filter((l) => l.startsWith('* LSUB'));
    expect(lsub(await d.line('a LSUB "" imaptest/%'))).toEqual(['* LSUB (\\Noselect) "/" imaptest/a']);
    expect(lsub(await d.line('b LSUB "" %'))).toEqual(['* LSUB (\\Noselect) "/" imaptest']);
    expect(lsub(await d.line('c LSUB "" *'))).toEqual(['* LSUB (\\HasNoChildren) "/" imaptest/a/b']);
    expect(lsub(await d.line('e LSUB imaptest/ %/%'))).toEqual(['* LSUB (\\HasNoChildren) "/" imaptest/a/b']);
    // A subscribed parent is listed as itself, with its own attributes.
    await store.setSubscribed('bob', 'imaptest', true);
    expect(lsub(await d.line('f LSUB "" %'))).toEqual(['* LSUB (\\HasChildren) "/" imaptest']);
  });
});

describe('SEARCH FROM an address written with comments inside (RFC 5322 3.2.2; issue 20, item 14)', () => {
  it('matches user-from@domain.org in <user-from (comment)@ (comment) domain.org>, as Dovecot does', async () => {
    const { store, d } = await fixture();
    const raw = Buffer.from('From: <user-from (comment)@ (comment) domain.org>\r\nTo: x (y) @ example.com\r\nSubject: s\r\n\r\nhi\r\n');
    await store.deliver({ from: 'a@example.com', to: ['bob@example.com'] }, raw);
    await d.line('s SELECT INBOX');
    expect(await d.line('a SEARCH FROM user-from@domain.org')).toMatch(/^\* SEARCH 4\r\n/);
    expect(await d.line('b SEARCH TO x@example.com')).toMatch(/^\* SEARCH 4\r\n/);
    // The field as written still matches too.
    expect(await d.line('c SEARCH FROM "(comment)"')).toMatch(/^\* SEARCH 4\r\n/);
    expect(await d.line('e SEARCH FROM nobody@domain.org')).toMatch(/^\* SEARCH\r\n/);
  });
});
