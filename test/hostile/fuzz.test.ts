import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/mailstore/memory.js';
import { ImapParseError, literalAtEnd, parseCommand } from '../../src/protocols/imap/parser.js';
import { ImapSession } from '../../src/protocols/imap/session.js';
import type { ProtocolSession, Step } from '../../src/protocols/session.js';
import { Dialog } from '../support/dialog.js';
import { b64, makeSession as makeSmtp } from '../unit/smtp/fixtures.js';
import { makeSession as makePop3, MSG1, MSG2, MSG3 } from '../unit/pop3/fixtures.js';
import { message, services } from '../unit/imap/fixtures.js';

/**
 * Property-based fuzzing (fast-check) of the three pure session state machines and the IMAP
 * parser (issue 9): random and mutated command streams, cut at random points, must never
 * throw out of a session, every reply must be well-formed for its protocol, and the store
 * must stay consistent. Sessions are driven through the one dialog harness (the real Framer): no sockets,
 * so a few hundred runs take seconds. numRuns is bounded to keep the suite fast.
 */
const RUNS = 150;

/** A command-ish line: from a protocol's vocabulary, or mutated, or random bytes. */
function streams(vocabulary: string[]): fc.Arbitrary<Buffer> {
  const mutate = fc.tuple(fc.constantFrom(...vocabulary), fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 4 })).map(([line, at, bytes]) => {
    const b = Buffer.from(line, 'latin1');
    const i = at % (b.length + 1);
    return Buffer.concat([b.subarray(0, i), Buffer.from(bytes), b.subarray(i)]);
  });
  const truncated = fc.tuple(fc.constantFrom(...vocabulary), fc.nat()).map(([line, n]) => Buffer.from(line.slice(0, n % (line.length + 1)), 'latin1'));
  const line = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...vocabulary).map((l) => Buffer.from(l, 'latin1')) },
    { weight: 2, arbitrary: mutate },
    { weight: 1, arbitrary: truncated },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 40 }).map((a) => Buffer.from(a)) },
  );
  const ending = fc.constantFrom('\r\n', '\r\n', '\r\n', '\n', '\r', '\r\r\n');
  return fc.array(fc.tuple(line, ending), { maxLength: 25 }).map((parts) => Buffer.concat(parts.flatMap(([l, e]) => [l, Buffer.from(e)])));
}

/** Feed `input` in `chunk`-sized pieces through the one dialog harness; check every step, pushes included. Throws what the session throws. */
async function drive(session: ProtocolSession, input: Buffer, chunk: number, onStep: (s: Step) => void): Promise<void> {
  const dialog = new Dialog(session);
  await dialog.greet();
  await dialog.send(input, chunk);
  for (const { step } of dialog.steps) onStep(step);
}

const lineText = (item: Step['out'][number]) => (typeof item === 'string' ? item : null);

describe('SMTP session under random input', () => {
  const vocabulary = [
    'EHLO client.example', 'HELO client.example', 'MAIL FROM:<alice@example.com>', 'MAIL FROM:<> SIZE=100', 'RCPT TO:<bob@example.com>',
    'RCPT TO:<alice@example.com>', 'DATA', 'Subject: x', '', '.', '..stuffed', 'RSET', 'NOOP', 'VRFY bob', 'HELP', 'QUIT',
    'AUTH PLAIN', `AUTH PLAIN ${b64('\0alice\0wonderland')}`, 'AUTH LOGIN', b64('alice'), b64('wonderland'), 'AUTH CRAM-MD5', '*', 'BDAT 10', 'STARTTLS',
  ];
  it('never throws; every reply is ddd[ -]text with one final line; stored = acknowledged', async () => {
    await fc.assert(
      fc.asyncProperty(streams(vocabulary), fc.integer({ min: 1, max: 64 }), async (input, chunk) => {
        const { session, store } = makeSmtp();
        let queued = 0;
        await drive(session, input, chunk, (step) => {
          const lines = step.out.map(lineText).filter((l): l is string => l !== null);
          lines.forEach((l, i) => {
            expect(l).toMatch(i === lines.length - 1 ? /^[2-5]\d\d( .*)?$/s : /^[2-5]\d\d-/);
            expect(l).not.toMatch(/[\r\n\0]/);
          });
          if (lines.some((l) => /^250 2\.0\.0 Ok: queued as /.test(l))) queued++;
        });
        expect(store.delivered).toHaveLength(queued);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('POP3 session under random input', () => {
  const vocabulary = [
    'USER bob', 'PASS builder', 'PASS wrong', 'APOP bob c4c9334bac560ecc979e58001b3e22fb', 'STAT', 'LIST', 'LIST 1', 'LIST 9', 'RETR 1', 'RETR 2',
    'RETR 0', 'TOP 1 0', 'TOP 3 5', 'DELE 1', 'DELE 2', 'DELE 3', 'UIDL', 'UIDL 2', 'NOOP', 'RSET', 'CAPA', 'QUIT', 'AUTH', 'AUTH PLAIN',
    b64('\0bob\0builder'), '*', 'STLS',
  ];
  it('never throws; replies are +OK/-ERR/+ and multi-line ones end in "."; the store stays consistent', async () => {
    await fc.assert(
      fc.asyncProperty(streams(vocabulary), fc.integer({ min: 1, max: 64 }), async (input, chunk) => {
        const store = new MemoryStore();
        for (const raw of [MSG1, MSG2, MSG3]) await store.deliver({ from: 'alice@example.com', to: ['bob@example.com'] }, raw);
        const session = makePop3(store);
        await drive(session, input, chunk, (step) => {
          const wire = Buffer.concat(step.out.map((o) => (typeof o === 'string' ? Buffer.from(`${o}\r\n`, 'latin1') : o.raw))).toString('latin1');
          if (wire === '') return;
          expect(wire.endsWith('\r\n')).toBe(true);
          const lines = wire.slice(0, -2).split('\r\n');
          expect(lines[0]).toMatch(/^(\+OK|-ERR|\+)( |$)/);
          if (lines.length > 1) expect(lines.at(-1)).toBe('.');
        });
        await session.closed();
        const uids = (await store.list('bob', 'INBOX')).map((m) => m.uid);
        expect(uids).toEqual([...uids].sort((a, b) => a - b));
        expect(new Set(uids).size).toBe(uids.length);
        expect(uids.length).toBeGreaterThanOrEqual(session.state === 'UPDATE' ? 0 : 3);
        expect(store.lockMaildrop('bob')).not.toBeNull();
      }),
      { numRuns: RUNS },
    );
  });
});

describe('IMAP session and parser under random input', () => {
  const vocabulary = [
    'a LOGIN bob builder', 'a LOGIN bob wrong', 'b SELECT INBOX', 'b EXAMINE INBOX', 'c FETCH 1:* (FLAGS UID)', 'c FETCH 1 BODY[]', 'c UID FETCH 1:* FLAGS',
    'd STORE 1 +FLAGS (\\Seen)', 'd STORE 2 +FLAGS (\\Deleted)', 'd UID STORE 1:* -FLAGS (\\Seen)', 'e EXPUNGE', 'f CREATE Work', 'f CREATE Work/Old', 'g RENAME Work Play',
    'h DELETE Play', 'i LIST "" *', 'i LSUB "" *', 'j STATUS INBOX (MESSAGES UIDNEXT UNSEEN)', 'k APPEND INBOX {5+}', 'hello', 'k APPEND INBOX (\\Seen) {3}', 'abc',
    'l COPY 1:2 Work', 'm SEARCH ALL', 'm SEARCH (OR SEEN (NOT DELETED))', 'n NOOP', 'o CLOSE', 'p IDLE', 'DONE', 'q LOGOUT', 'r CAPABILITY',
    's AUTHENTICATE PLAIN', b64('\0bob\0builder'), '*', 't {0}', '+ NOOP', 'u SELECT {3}', 'Foo',
  ];
  it('never throws; every line is tagged, untagged or a continuation; UIDs ascend and counts match', async () => {
    await fc.assert(
      fc.asyncProperty(streams(vocabulary), fc.integer({ min: 1, max: 64 }), async (input, chunk) => {
        const store = new MemoryStore();
        for (const s of ['one', 'two', 'three']) await store.deliver({ from: 'alice@example.com', to: ['bob@example.com'] }, message(s));
        const session = new ImapSession({ id: 'fuzz', services: services(store) });
        const check = (step: Step) => {
          let afterLiteral = false;
          for (const item of step.out) {
            if (typeof item !== 'string') {
              afterLiteral = true;
              continue;
            }
            expect(item).not.toMatch(/[\r\n\0]/);
            if (!afterLiteral) expect(item).toMatch(/^(\* [A-Z0-9]|\+( |$)|[\x21-\x7e]+ (OK|NO|BAD)( |$))/);
            afterLiteral = /\{\d+\}$/.test(item);
          }
        };
        session.attachPush(check);
        await drive(session, input, chunk, check);
        await session.closed();
        for (const box of await store.listMailboxes('bob')) {
          const uids = (await store.list('bob', box)).map((m) => m.uid);
          for (let i = 1; i < uids.length; i++) expect(uids[i] as number).toBeGreaterThan(uids[i - 1] as number);
          const status = await store.status('bob', box);
          expect(status.messages).toBe(uids.length);
          if (uids.length > 0) expect(status.uidNext).toBeGreaterThan(uids.at(-1) as number);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('the parser returns a command or throws ImapParseError, for any bytes', () => {
    const seeds = ['a FETCH 1:* (FLAGS BODY[HEADER.FIELDS (SUBJECT)]<0.10>)', 'b SEARCH OR (SEEN) NOT UID 1:5', 'c LOGIN "bo\\"b" {3}\r\nabc', 'd APPEND INBOX () "01-Jan-2024 00:00:00 +0000" {0}\r\n'];
    const mutated = fc.tuple(fc.constantFrom(...seeds), fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 6 }), fc.nat()).map(([s, at, bytes, cut]) => {
      const b = Buffer.from(s, 'latin1');
      const i = at % (b.length + 1);
      const whole = Buffer.concat([b.subarray(0, i), Buffer.from(bytes), b.subarray(i)]);
      return whole.subarray(0, whole.length - (cut % 3));
    });
    const nested = fc.integer({ min: 0, max: 5000 }).map((d) => Buffer.from(`a FETCH 1 ${'('.repeat(d)}FLAGS${')'.repeat(d)}`));
    fc.assert(
      fc.property(fc.oneof(mutated, nested, fc.uint8Array({ maxLength: 80 }).map((a) => Buffer.from(a))), (input) => {
        try {
          const cmd = parseCommand(input);
          expect(cmd.tag).not.toMatch(/[+*\s]/);
        } catch (err) {
          expect(err).toBeInstanceOf(ImapParseError);
        }
        const lit = literalAtEnd(input);
        if (lit) expect(Number.isSafeInteger(lit.size) && lit.size >= 0).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });
});
