import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../src/mailstore/memory.js';
import { RecentRegistry } from '../../../src/protocols/imap/recent.js';
import { dialog, message, services, tagged } from './fixtures.js';

/**
 * Two sessions on one mailbox (RFC 3501 5.2, 7.4.1; RFC 2177): what one does, the other
 * hears about on its next command, or at once while it IDLEs.
 */
async function pair() {
  const store = new MemoryStore();
  for (const s of ['one', 'two', 'three']) await store.deliver({ from: 'alice@example.com', to: ['bob@example.com'] }, message(s));
  const svc = services(store, new RecentRegistry());
  const a = await dialog(svc);
  const b = await dialog(svc);
  for (const d of [a, b]) {
    await d.line('l LOGIN bob builder');
    await d.line('s SELECT INBOX');
  }
  return { store, a, b };
}

describe('two sessions on one mailbox', () => {
  it('A reads with BODY[]; B sees \\Seen on its next command', async () => {
    const { a, b } = await pair();
    expect(await a.line('f FETCH 2 BODY[]')).toMatch(/FLAGS \(\\Seen( \\Recent)?\)\)\r\nf OK/);
    expect(await b.line('n NOOP')).toBe('* 2 FETCH (FLAGS (\\Seen))\r\nn OK NOOP completed\r\n');
    // Told once: the next command has nothing new.
    expect(await b.line('m NOOP')).toBe('m OK NOOP completed\r\n');
  });

  it('A reads with BODY.PEEK[]; B hears nothing', async () => {
    const { a, b } = await pair();
    await a.line('f FETCH 2 BODY.PEEK[]');
    expect(await b.line('n NOOP')).toBe('n OK NOOP completed\r\n');
  });

  it('B in IDLE hears A\'s \\Seen at once, and DONE ends IDLE', async () => {
    const { a, b } = await pair();
    expect(await b.line('i IDLE')).toBe('+ idling\r\n');
    await a.line('f FETCH 1 RFC822');
    expect(await b.waitFor('* 1 FETCH (FLAGS (\\Seen))\r\n')).toContain('* 1 FETCH (FLAGS (\\Seen))\r\n');
    expect(await b.line('DONE')).toBe('i OK IDLE terminated\r\n');
  });

  it('new mail delivered into the store appears as EXISTS in an IDLE session; exactly one session gets \\Recent', async () => {
    const { store, a, b } = await pair();
    await b.line('i IDLE');
    await store.deliver({ from: 'carol@example.com', to: ['bob@example.com'] }, message('four'));
    expect(await b.waitFor('* 4 EXISTS\r\n* 1 RECENT\r\n')).toContain('* 4 EXISTS\r\n* 1 RECENT\r\n');
    await b.line('DONE');
    // A claimed messages 1-3 at its SELECT; the new one went to B, who saw it first.
    expect(await a.line('n NOOP')).toBe('* 4 EXISTS\r\n* 3 RECENT\r\nn OK NOOP completed\r\n');
    expect(await b.line('f FETCH 4 FLAGS')).toContain('* 4 FETCH (FLAGS (\\Recent))');
    expect(await a.line('f FETCH 4 FLAGS')).toContain('* 4 FETCH (FLAGS ())');
    expect(await b.line('g FETCH 1 FLAGS')).toContain('* 1 FETCH (FLAGS ())');
  });

  it('an EXPUNGE by A reaches B on NOOP, highest number first, and B\'s numbers then match A\'s', async () => {
    const { a, b } = await pair();
    await a.line('d STORE 1:2 +FLAGS.SILENT (\\Deleted)');
    expect(await a.line('e EXPUNGE')).toBe('* 2 EXPUNGE\r\n* 1 EXPUNGE\r\ne OK EXPUNGE completed, 2 message(s) removed\r\n');
    const out = await b.line('n NOOP');
    expect(out).toBe('* 2 EXPUNGE\r\n* 1 EXPUNGE\r\nn OK NOOP completed\r\n');
    expect(await b.line('f FETCH 1 UID')).toContain('* 1 FETCH (UID 3)');
  });

  it('holds EXPUNGE during FETCH, STORE and SEARCH (RFC 3501 7.4.1): old numbers stay valid until the next command', async () => {
    const { a, b } = await pair();
    await a.line('d STORE 1 +FLAGS.SILENT (\\Deleted)');
    await a.line('e EXPUNGE');
    const fetched = await b.line('f FETCH 3 UID');
    expect(fetched).toContain('* 3 FETCH (UID 3)');
    expect(fetched).not.toContain('EXPUNGE');
    // Its bytes are gone: FETCH says so instead of inventing them.
    expect(tagged(await b.line('g FETCH 1 BODY.PEEK[]'), 'g')).toMatch(/^g NO \[EXPUNGEISSUED\]/);
    expect(await b.line('h STORE 2 +FLAGS.SILENT (\\Flagged)')).not.toContain('EXPUNGE');
    expect(await b.line('n NOOP')).toMatch(/^\* 1 EXPUNGE\r\n/);
    expect(await b.line('f FETCH 2 UID')).toContain('* 2 FETCH (UID 3)');
  });

  it('UID FETCH may report the EXPUNGE right away, after its own responses', async () => {
    const { a, b } = await pair();
    await a.line('d STORE 3 +FLAGS.SILENT (\\Deleted)');
    await a.line('e EXPUNGE');
    expect(await b.line('u UID FETCH 1 FLAGS')).toBe('* 1 FETCH (UID 1 FLAGS ())\r\n* 3 EXPUNGE\r\nu OK UID FETCH completed\r\n');
  });

  it('B in IDLE hears A\'s EXPUNGE at once', async () => {
    const { a, b } = await pair();
    await b.line('i IDLE');
    await a.line('d STORE 2 +FLAGS (\\Deleted)');
    await b.waitFor('* 2 FETCH (FLAGS (\\Deleted))');
    await a.line('e EXPUNGE');
    expect(await b.waitFor('* 2 EXPUNGE')).toContain('* 2 FETCH (FLAGS (\\Deleted))\r\n* 2 EXPUNGE\r\n');
  });

  it('STORE .SILENT still reports a change another session made meanwhile, but not its own', async () => {
    const { a, b } = await pair();
    await a.line('x STORE 1 +FLAGS (\\Answered)');
    const out = await b.line('y STORE 1 +FLAGS.SILENT (\\Flagged)');
    expect(out).toBe('* 1 FETCH (FLAGS (\\Answered \\Flagged))\r\ny OK STORE completed\r\n');
    expect(await b.line('z STORE 2 +FLAGS.SILENT (\\Flagged)')).toBe('z OK STORE completed\r\n');
    expect(await b.line('n NOOP')).toBe('n OK NOOP completed\r\n');
  });

  it('a keyword used for the first time is announced with FLAGS and PERMANENTFLAGS, to both sessions, once (RFC 3501 7.2.6; issue 20, item 18)', async () => {
    const { a, b } = await pair();
    const flags = '\\Seen \\Answered \\Flagged \\Deleted \\Draft $Work';
    const announce = `* FLAGS (${flags})\r\n* OK [PERMANENTFLAGS (${flags} \\*)] Flags that stay, \\* = new keywords too\r\n`;
    expect(await a.line('x STORE 1 +FLAGS.SILENT ($Work)')).toBe(`${announce}x OK STORE completed\r\n`);
    expect(await b.line('n NOOP')).toBe(`${announce}* 1 FETCH (FLAGS ($Work))\r\nn OK NOOP completed\r\n`);
    // Known now: using it again announces nothing.
    expect(await a.line('y STORE 2 +FLAGS.SILENT ($Work)')).toBe('y OK STORE completed\r\n');
    expect(await b.line('m NOOP')).toBe('* 2 FETCH (FLAGS ($Work))\r\nm OK NOOP completed\r\n');
  });

  it('+FLAGS by B keeps the flag A set meanwhile instead of overwriting it', async () => {
    const { store, a, b } = await pair();
    await a.line('x STORE 1 +FLAGS.SILENT (\\Answered)');
    await b.line('y STORE 1 +FLAGS.SILENT (\\Flagged)');
    expect((await store.list('bob', 'INBOX'))[0]?.flags).toEqual(['\\Answered', '\\Flagged']);
  });

  it('A session in another mailbox hears nothing of INBOX', async () => {
    const { store, a } = await pair();
    await store.createMailbox('bob', 'Other');
    await a.line('o SELECT Other');
    await store.deliver({ from: 'carol@example.com', to: ['bob@example.com'] }, message('five'));
    expect(await a.line('n NOOP')).toBe('n OK NOOP completed\r\n');
  });

  it('after LOGOUT a session no longer listens to the store', async () => {
    const { store, a } = await pair();
    await a.line('z LOGOUT');
    await a.session.closed();
    await store.deliver({ from: 'carol@example.com', to: ['bob@example.com'] }, message('six'));
    const steps = a.steps.length;
    await new Promise((r) => setImmediate(r));
    expect(a.steps.length).toBe(steps);
  });
});
