import { describe, expect, it } from 'vitest';
import { describe as describeItem } from '../../../src/commands/mail.js';
import { summarizeHeader, wordDecoder } from '../../../src/mailstore/header-summary.js';
import { headerBlock, parsedSummary, summarize } from '../../../src/mailstore/inspect.js';
import { MaildirStore } from '../../../src/mailstore/maildir/store.js';
import { mailItems } from '../../../src/mailstore/transactions.js';
import { scratch } from '../../support/scratch.js';

const { tempDir } = scratch('l7lab-header-summary-');

const crlf = (...lines: string[]) => Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');

/** Messages whose header summary must be what mailparser gives (RFC 5322 and RFC 2047 cases). */
const MESSAGES: Record<string, Buffer> = {
  plain: crlf('From: bob@lab.example', 'To: alice@lab.example', 'Cc: A+b_c-d@Ex-1.COM', 'Subject: hello', 'Date: Thu, 01 Jan 2026 00:00:00 GMT', 'Message-ID: <1@lab.example>', '', 'Hi.'),
  // RFC 2047 4.1 (B) and 4.2 (Q); 6.2: adjacent encoded words join, the space between them goes.
  encodedWords: crlf(
    'From: =?UTF-8?B?5bGx55Sw?= <yamada@lab.example>',
    'To: =?ISO-8859-1?Q?Andr=E9?= <andre@lab.example>, "Plain Name" <p@lab.example>',
    'Subject: =?utf-8?q?caf=C3=A9_?= =?utf-8?q?au_lait?= and =?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?=',
    'Message-ID: =?utf-8?q?<enc@lab.example>?=',
    '',
    'body',
  ),
  // RFC 5322 2.2.3: a line starting with white space continues the field before it.
  folded: crlf(
    'From: "Bob',
    ' Builder" <bob@lab.example>',
    'To: a@lab.example,',
    '\tb@lab.example,',
    '  "C, the third" <c@lab.example>',
    'Subject: a subject',
    '   folded twice',
    '\tand thrice',
    'Date: Thu, 01 Jan 2026',
    ' 09:00:00 +0900',
    '',
    'body',
  ),
  missing: crlf('X-Only: nothing we show', '', 'body'),
  empty: Buffer.from(''),
  noBody: Buffer.from('Subject: header only, no blank line\r\nFrom: a@lab.example'),
  // RFC 5322 3.4: groups, an empty one and one with members; Bcc kept by the sender.
  groups: crlf('From: a@lab.example', 'To: undisclosed-recipients:;', 'Cc: Team: x@lab.example, "Y" <Y@Lab.Example>;, z@lab.example', 'Bcc: hidden@lab.example', '', 'b'),
  // mailparser keeps the first From, Subject and Message-ID and every To and Cc.
  repeated: crlf('From: first@lab.example', 'From: second@lab.example', 'To: one@lab.example', 'To: two@lab.example', 'Subject:', 'Subject: second subject', 'Message-ID: no-brackets@lab.example', 'Message-ID: <other@lab.example>', '', 'b'),
  // 8-bit UTF-8 in the header (RFC 6532), a quoted name with a quote and a backslash, a comment.
  eightBit: crlf('From: "Jürgen \\"J\\" Back\\\\slash" <j@lab.example>', 'To: 山田 <yamada@lab.example> (a comment)', 'Subject: grüße, 日本語', '', 'b'),
  // RFC 2047 5: an encoded word is no address; one that decodes to local@domain stands, another goes.
  encodedAddress: crlf('From: =?utf-8?B?ZXZpbEBiYW5rLmV4YW1wbGU=?=', 'To: x <=?utf-8?q?not_an_address?=@lab.example>', 'Subject: x', '', 'b'),
  lfOnly: Buffer.from('From: lf@lab.example\nTo: you@lab.example\nSubject: bare\n line feeds\n\nbody\n'),
  badDate: crlf('From: a@lab.example', 'Date: not a date at all', 'Subject: =?unknown-charset?Q?x?=', '', 'b'),
  // Left to mailparser: an IDNA domain (it writes it in Unicode) and an mbox preamble.
  idna: crlf('From: a@xn--bcher-kva.example', 'Subject: idna', '', 'b'),
  // The one-line fast way of reading a value: no space after the colon, colons in the value, white space around the name and at the end.
  spacing: crlf('From:a@lab.example', 'To :  b@lab.example  ', 'Subject: re: re: x:y  ', 'Message-ID:<s@lab.example>', 'Date:Thu, 01 Jan 2026 00:00:00 GMT', '', 'b'),
  mbox: crlf('From someone@lab.example Thu Jan  1 00:00:00 2026', 'From: a@lab.example', 'Subject: mbox', '', 'b'),
};

describe('the header summary of mail list', () => {
  for (const [name, raw] of Object.entries(MESSAGES)) {
    it(`is what mailparser gives: ${name}`, async () => {
      const expected = await parsedSummary(raw);
      expect(await summarize(raw)).toEqual(expected);
      const head = headerBlock(raw);
      const fast = summarizeHeader(head, await wordDecoder(head));
      if (name === 'idna' || name === 'mbox') expect(fast).toBeNull();
      else expect(fast).toEqual(expected);
    });
  }

  it('decodes what the cases above are about (not only agrees with mailparser)', async () => {
    const s = await summarize(MESSAGES.encodedWords as Buffer);
    expect(s.from).toBe('"山田" <yamada@lab.example>');
    expect(s.to).toBe('"André" <andre@lab.example>, "Plain Name" <p@lab.example>');
    expect(s.subject).toBe('café au lait and 日本語');
    const folded = await summarize(MESSAGES.folded as Buffer);
    expect(folded.subject).toBe('a subject folded twice and thrice');
    expect(folded.date).toBe('Thu, 01 Jan 2026 09:00:00 +0900');
    expect(folded.recipientAddresses).toEqual(['a@lab.example', 'b@lab.example', 'c@lab.example']);
    const groups = await summarize(MESSAGES.groups as Buffer);
    expect(groups.recipientAddresses).toEqual(['x@lab.example', 'y@lab.example', 'z@lab.example', 'hidden@lab.example']);
    expect(await summarize(MESSAGES.missing as Buffer)).toMatchObject({ from: '', to: '', subject: '', date: '', messageId: '' });
    const spacing = await summarize(MESSAGES.spacing as Buffer);
    expect(spacing).toMatchObject({ from: 'a@lab.example', to: 'b@lab.example', subject: 're: re: x:y', messageId: '<s@lab.example>', date: 'Thu, 01 Jan 2026 00:00:00 GMT' });
  });

  it('reads a header longer than the bounded read whole, from a Maildir', async () => {
    const store = new MaildirStore(tempDir());
    try {
      // A folded References field of ~40 KB before the Subject: past the first bounded read (16 KB).
      const refs = Array.from({ length: 1500 }, (_, i) => ` <ref-${i}@lab.example>`).join('\r\n');
      const long = crlf('From: long@lab.example', 'To: alice@lab.example', `References:${refs}`, 'Subject: =?utf-8?q?after_the_long_header?=', '', 'body');
      expect(long.length).toBeGreaterThan(32 * 1024);
      await store.deliver({ from: 'long@lab.example', to: ['alice@lab.example'] }, long);
      const [item] = await mailItems(store);
      const described = await describeItem(store, item!);
      expect(described.summary).toEqual(await parsedSummary(long));
      expect(described.summary.subject).toBe('after the long header');
      expect((await store.readHead('alice', 'INBOX', 1, 100)).length).toBe(100);
    } finally {
      await store.close();
    }
  });
});
