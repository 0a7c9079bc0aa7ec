import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeBase64 } from '../../../src/protocols/sasl.js';
import { challengeOf, cram } from '../../../src/practice/helpers.js';
import { encoding } from '../../../src/practice/shell-helpers.js';
import { missReason } from '../../../src/tutor/feedback.js';
import { ProgressStore } from '../../../src/tutor/progress.js';
import { withoutVerdict } from '../../../src/tutor/verdict.js';
import { wayOutCommand } from '../../../src/tutor/recovery.js';
import { wayOut, WAY_OUT } from '../../../src/tutor/way-out.js';
import { scratch } from '../../support/scratch.js';

/** The pure parts of issue 14: why a line missed, the ways out, quiz wording, :cram's short form, watched progress. */
const reason = (typed: string, suggestion: string, protocol: 'smtp' | 'pop3' | 'imap' = 'smtp', continues = false, lang: 'en' | 'ja' = 'en') =>
  missReason({ lang, protocol, typed, suggestion, continues });

describe('missReason', () => {
  it('names a missing IMAP tag, a missing argument, a near miss and plain text where base64 belongs', () => {
    expect(reason('login alice wonderland', 'a1 LOGIN alice wonderland', 'imap')).toBe('IMAP commands start with a tag of your choice (a1, a2, ...): type a1 login alice wonderland.');
    expect(reason('ehlo', 'EHLO laptop.example')).toBe('Right command, but EHLO needs more: EHLO laptop.example.');
    expect(reason('MAIL FROM:', 'MAIL FROM:<alice@example.com>')).toBe('Right command, but MAIL needs more: MAIL FROM:<alice@example.com>.');
    expect(reason('EHOL laptop.example', 'EHLO laptop.example')).toBe('"EHOL" is not a command: did you mean EHLO?');
    expect(reason('a2 SELCT INBOX', 'a2 SELECT INBOX', 'imap')).toBe('"SELCT" is not a command: did you mean SELECT?');
    // RFC 3501 6.4.5: BODY[section] sets \Seen where the step wanted BODY.PEEK[section].
    expect(reason('b5 FETCH 1 BODY[1.MIME]', 'b5 FETCH 1 BODY.PEEK[1.MIME]', 'imap')).toBe(
      'BODY[1.MIME] without PEEK marked the message \\Seen on the server; this step asks for BODY.PEEK[1.MIME], which leaves the flags alone.',
    );
    expect(reason('a6 FETCH 3 (BODY.PEEK[HEADER])', 'a6 FETCH 3 (BODY.PEEK[HEADER.FIELDS (FROM SUBJECT)])', 'imap')).not.toContain('without PEEK');
    // HELO is a command (RFC 5321 4.1.1.1), just not the one the step asks for.
    expect(reason('HELO laptop.example', 'EHLO laptop.example')).toBe('"HELO" is a command too, but this step asks for EHLO.');
    expect(reason('alice', encodeBase64('alice'), 'smtp', true)).toMatch(/must be base64; :b64 <text>/);
    expect(reason('QUIT', 'RCPT TO:<bob@example.com>')).toBe('The server answered, but this step asks for a different command.');
  });

  it('says the same in Japanese', () => {
    expect(reason('login alice wonderland', 'a1 LOGIN alice wonderland', 'imap', false, 'ja')).toContain('タグ');
    expect(reason('ehlo', 'EHLO laptop.example', 'smtp', false, 'ja')).toBe('コマンドは合っていますが、EHLO には続きが必要です: EHLO laptop.example');
    expect(reason('EHOL x', 'EHLO x', 'smtp', false, 'ja')).toBe('"EHOL" というコマンドはありません。EHLO のことですか？');
    expect(reason('HELO x', 'EHLO x', 'smtp', false, 'ja')).toBe('"HELO" もコマンドですが、このステップで使うのは EHLO です。');
  });
});

describe('way out of the state the learner is in', () => {
  it('is RSET inside an SMTP transaction and UNSELECT for a mailbox selected too early', () => {
    expect(wayOut('smtp', 'MAIL', 'GREETED')?.command).toBe('RSET');
    expect(wayOut('smtp', 'RCPT', 'GREETED')?.command).toBe('RSET');
    // HELO where the step wants EHLO: EHLO again (RFC 5321 4.1.4), not "no way back".
    expect(wayOut('smtp', 'GREETED', 'CONNECTED')?.command).toBe('EHLO laptop.example');
    expect(wayOut('smtp', 'GREETED', 'MAIL')).toBeUndefined();
    expect(wayOut('imap', 'selected', 'authenticated')?.command).toBe('{tag} UNSELECT');
    expect(wayOut('pop3', 'TRANSACTION', 'AUTHORIZATION')).toBeUndefined();
  });

  it('has every text in both languages', () => {
    for (const w of WAY_OUT) {
      expect(w.text.en.length).toBeGreaterThan(10);
      expect(w.text.ja).toMatch(/[ぁ-んァ-ン]/);
    }
  });
});

describe('quiz feedback after a miss', () => {
  it('drops a leading verdict so a missed question never reads "Right."', () => {
    expect(withoutVerdict('Right. 354 answers DATA.')).toBe('354 answers DATA.');
    expect(withoutVerdict('そのとおり。354 は DATA への応答です。')).toBe('354 は DATA への応答です。');
    expect(withoutVerdict('Rightly so, 354.')).toBe('Rightly so, 354.');
  });
});

describe(':cram and :apop short forms', () => {
  it(':cram <user> <secret> uses the last challenge seen, the same as giving it', async () => {
    const challenge = encodeBase64('<1896.697170952@postoffice.reston.mci.net>');
    expect(challengeOf([`334 ${challenge}`])).toBe(challenge);
    expect(challengeOf(['+ ' + challenge])).toBe(challenge);
    expect(challengeOf(['334 '])).toBeNull();
    const short = await encoding({ name: 'cram', args: ['tim', 'tanstaaftanstaaf'], rest: 'tim tanstaaftanstaaf' }, { lang: 'en', greeting: '', challenge });
    // RFC 2195 2: the example's response for tim / tanstaaftanstaaf.
    expect(short?.text).toContain(cram(challenge, 'tim', 'tanstaaftanstaaf').response);
    expect(cram(challenge, 'tim', 'tanstaaftanstaaf').digest).toBe('b913a602c7eda7a495b4e6e7334d3890');
    const none = await encoding({ name: 'cram', args: ['tim', 'x'], rest: 'tim x' }, { lang: 'ja', greeting: '', challenge: null });
    expect(none?.text).toContain('まだチャレンジがありません');
  });
});

describe('watched and scored progress', () => {
  const { tempDir } = scratch('l7lab-watched-');

  it('an --auto run is watched, a run by hand is done with its quiz score', async () => {
    const dir = tempDir();
    const p = await ProgressStore.open(join(dir, 'progress.json'));
    await p.watched('pop3');
    expect(p.status('pop3')).toBe('watched');
    await p.complete('pop3', { commands: 3, replies: {}, score: { right: 2, total: 3 } });
    const again = await ProgressStore.open(join(dir, 'progress.json'));
    expect(again.status('pop3')).toBe('done');
    expect(again.lesson('pop3')?.stats?.score).toEqual({ right: 2, total: 3 });
  });
});

describe('a way out that logs in repeats the lesson own login', () => {
  // A lesson step list and a lab with bob's account: only what wayOutCommand reads.
  const ctxWith = (steps: unknown[]) =>
    ({
      lesson: { steps },
      captures: new Map<string, string>(),
      labs: new Map([['main', { lab: { accounts: { secret: (user: string) => (user === 'bob' ? 'builder' : undefined) } } }]]),
    }) as unknown as Parameters<typeof wayOutCommand>[0];
  const imapLogin = wayOut('imap', 'not authenticated', 'authenticated');
  const pop3User = wayOut('pop3', 'AUTHORIZATION', 'TRANSACTION');

  it('uses the account and password of the lesson LOGIN on the same connection, with a fresh tag', () => {
    const ctx = ctxWith([
      { kind: 'send', connection: 'laptop', command: 'a1 LOGIN alice {password.alice}' },
      { kind: 'send', connection: 'phone', command: 'b1 LOGIN bob {password.bob}' },
    ]);
    expect(wayOutCommand(ctx, imapLogin!, 'phone')).toBe('a9 LOGIN bob builder');
  });

  it('falls back to the table when the lesson sends no login on that connection', () => {
    const ctx = ctxWith([{ kind: 'send', connection: 'laptop', command: 'a1 LOGIN bob {password.bob}' }]);
    expect(wayOutCommand(ctx, imapLogin!, 'phone')).toBe('a9 LOGIN alice wonderland');
    expect(wayOutCommand(ctxWith([{ kind: 'send', connection: 'p', command: 'USER bob' }]), pop3User!, 'p')).toBe('USER bob');
  });
});
