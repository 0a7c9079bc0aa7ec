import { createHash } from 'node:crypto';
import { squash, textsOf } from '../support/text.js';
import { describe, expect, it } from 'vitest';
import { runBinIn, type Run } from '../support/bin.js';
import { scratch } from '../support/scratch.js';
import { LANGS, lessonFile, manifestIds, type Lang, type RawChoice, type RawLesson, type RawStep } from '../support/lesson-files.js';

/**
 * The lessons apop, imap, pop3-vs-imap and review (issue 7, items 5-8), played through the
 * built bin against the real lab servers on loopback, in both languages; and the facts the
 * issue names, checked in each lesson file's English and Japanese text. Run `npm run build`
 * first (npm test does).
 */


const home = scratch('l7lab-part2-').suiteDir();

function l7lab(args: string[]): Promise<Run> {
  return runBinIn(home, args, { L7LAB_LESSONS_DIR: '' });
}


const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function quizzes(lesson: RawLesson): RawStep[] {
  return lesson.steps.filter((s) => s.kind === 'quiz');
}

function correctChoice(step: RawStep): RawChoice {
  const right = (step.choices ?? []).filter((c) => c.correct === true);
  expect(right, `quiz ${step.id} has exactly one correct choice`).toHaveLength(1);
  return right[0] as RawChoice;
}

/** What each lesson must teach, in both languages, as the issue and DESIGN.md word it. */
const FACTS: Record<string, Record<Lang, RegExp[]>> = {
  apop: {
    en: [/Post Office Protocol, version 3/, /MD5 of the timestamp and the shared secret/, /timestamp to be different in every greeting/, /server must keep the secret in clear/, /MD5 is weak/, /What replaced APOP is TLS/],
    ja: [/Post Office Protocol バージョン 3/, /タイムスタンプと共有秘密の MD5/, /挨拶のたびにタイムスタンプを変える/, /サーバーは秘密を平文で保存/, /MD5 は弱い/, /APOP に代わって使われているのは TLS/],
  },
  imap: {
    en: [/Internet Message Access Protocol/, /keeps your mail on the server/, /starts with a tag you choose/, /untagged lines starting with "\*"/, /IMAP flags are shared across devices/, /BODY\.PEEK means "look, but do not touch"/, /BODY\[\] without PEEK marks the message as read/, /Message numbers are positions; UIDs are names/],
    ja: [/Internet Message Access Protocol/, /メールをサーバーに置いたまま/, /自分で選んだ a1 のようなタグで始め/, /「\*」で始まるタグなしの行/, /IMAP のフラグは端末の間で共有/, /BODY\.PEEK は「見るだけで触らない」/, /PEEK なしで BODY\[\] を取り出すとメッセージは既読/, /メッセージ番号は位置、UID は名前/],
  },
  'pop3-vs-imap': {
    en: [/Post Office Protocol version 3/, /With IMAP, flags are shared across devices/, /read state is each device's own/, /POP3 downloads the mail to one device; IMAP keeps it on the server/, /The phone finds nothing/, /no polling, no delay/, /Which to choose when/, /Choose IMAP if you read mail on more than one device/, /Choose POP3 for one computer/, /"leave a copy on the server"/],
    ja: [/Post Office Protocol バージョン 3/, /フラグが端末の間で共有/, /既読の状態は端末ごとに別々/, /POP3 はメールを 1 台の端末にダウンロードします。IMAP はメールをサーバーに置いたまま/, /phone には何も見つかりません/, /問い合わせも待ち時間もありません/, /どんなときにどちらを選ぶか/, /複数の端末でメールを読む場合.*IMAP を選びます/, /POP3 を選ぶのは、1 台のコンピューター/, /「サーバーにコピーを残す」/],
  },
};

/** For each quiz (by step id), what its one correct answer must say: the lesson marks the right choice. */
const ANSWERS: Record<string, Record<string, RegExp>> = {
  apop: {
    'quiz-digest': /timestamp .*followed by the shared secret/,
    'quiz-replay': /different timestamp/,
    'quiz-weak': /store the secret in clear, and MD5 is weak/,
    'quiz-replaced': /^TLS \(from the first byte on 995, or from STLS on 110\)/,
  },
  imap: {
    'quiz-peek': /^BODY\.PEEK\[/,
    'quiz-tag': /starts with a7/,
    'quiz-shared': /^Read: the \\Seen flag is stored on the server/,
    'quiz-expunge': /^Message 2, UID unchanged/,
  },
  'pop3-vs-imap': {
    'quiz-seen': /^As read$/,
    'quiz-pop3': /^Nothing$/,
    'quiz-idle': /pushed "\* 2 EXISTS" during IDLE/,
    'quiz-choose': /one computer who wants every message stored locally/,
  },
  review: {
    'q-apop': /^MD5 of the greeting's timestamp followed by the shared secret$/,
    'q-503': /no MAIL FROM yet/,
    'q-layer': /^L6 presentation$/,
    'q-exists': /now holds 4 messages/,
    'q-submit': /^Port 587, SMTP, after logging in$/,
    'q-update': /^UPDATE, after QUIT$/,
    'q-530': /log in with AUTH first/,
    'q-mock': /delivers it nowhere/,
    'q-choose': /^IMAP on both devices$/,
    'q-tls': /^Anyone on the path: the line crossed in clear text$/,
    'q-http': /^400 Bad Request: the Host field is missing$/,
    'q-https': /^The server name sent in the ClientHello \(SNI\)$/,
    'q-mime': /^BODYSTRUCTURE: the MIME tree/,
    'q-dns': /^The MX record of example\.net$/,
    'q-spf-dkim': /^Yes: DMARC fails it/,
  },
};

describe('lesson files: facts and quiz answers in English and Japanese', () => {
  for (const [id, facts] of Object.entries(FACTS)) {
    it(`${id} states its facts in both languages`, async () => {
      const texts = textsOf(await lessonFile(id));
      for (const lang of LANGS) {
        const all = texts[lang].join('\n');
        for (const fact of facts[lang]) expect(all, `${id} (${lang})`).toMatch(fact);
      }
    });
  }

  for (const [id, answers] of Object.entries(ANSWERS)) {
    it(`${id}: each quiz marks the right answer, with an explanation for every choice`, async () => {
      const lesson = await lessonFile(id);
      const qs = quizzes(lesson);
      expect(qs.length).toBeGreaterThanOrEqual(2);
      expect(qs.map((q) => q.id).sort()).toEqual(Object.keys(answers).sort());
      for (const q of qs) {
        expect(correctChoice(q).text.en, `quiz ${q.id}`).toMatch(answers[q.id] as RegExp);
        for (const c of q.choices ?? []) for (const lang of LANGS) expect(c.explain?.[lang]?.trim(), `quiz ${q.id}: ${c.text.en}`).toBeTruthy();
      }
    });
  }
});

describe('review: a mixed quiz that points back to every lesson', () => {
  it('has one question per earlier lesson, each pointing back to it with see:', async () => {
    const ids = await manifestIds();
    expect(ids[ids.length - 1]).toBe('review');
    const qs = quizzes(await lessonFile('review'));
    expect(qs.every((q) => q.see !== undefined)).toBe(true);
    expect(qs.map((q) => q.see).sort()).toEqual(ids.filter((id) => id !== 'review').sort());
  });
});

describe('lessons play in --auto through the built bin', { timeout: 90_000 }, () => {
  async function play(id: string, lang: Lang): Promise<string> {
    const run = await l7lab(['learn', id, '--auto', '--lang', lang]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(lang === 'en' ? 'Lesson complete' : 'レッスン完了');
    expect(run.stdout).not.toContain('MISMATCH');
    // Every quiz's correct answer is what the learner is shown as the right one (wrapped to 80
    // columns, so compared without the line breaks and spaces the wrapping moves).
    for (const q of quizzes(await lessonFile(id))) {
      expect(squash(run.stdout)).toContain(squash(`${lang === 'en' ? 'The right answer: ' : '正解: '}${correctChoice(q).text[lang]}`));
    }
    return run.stdout;
  }

  for (const lang of LANGS) {
    it(`apop (${lang}): PASS in clear, APOP with MD5 of this greeting's timestamp, a replayed digest refused`, async () => {
      const out = await play('apop', lang);
      expect(out).toContain('laptop C: PASS wonderland');
      const greetings = [...out.matchAll(/^(\w+) S: \+OK l7lab POP3 server ready (<[^>]+>)$/gm)].map((m) => ({ who: m[1], ts: m[2] as string }));
      expect(greetings.map((g) => g.who)).toEqual(['laptop', 'laptop', 'eve']);
      const [first, second, eve] = greetings.map((g) => g.ts);
      expect(new Set([first, second, eve]).size).toBe(3);
      // The digest on the wire is MD5(timestamp + secret) of the second greeting, computed here independently.
      const digest = createHash('md5').update(`${second}wonderland`).digest('hex');
      expect(out).toContain(`laptop C: APOP alice ${digest}`);
      expect(out).toMatch(/^laptop S: \+OK alice's maildrop has 1 message/m);
      expect(out).toMatch(/^laptop S: \+OK 1 \d+$/m);
      // Eve replays the same line on a connection with another timestamp: refused.
      expect(out).toContain(`eve C: APOP alice ${digest}`);
      expect(out).toMatch(/^eve S: -ERR \[AUTH\]/m);
    });
  }

  for (const lang of LANGS) {
    it(`imap (${lang}): tagged replies, SELECT counts, PEEK leaves \\Seen unset, BODY[] sets it, STORE + EXPUNGE renumber`, async () => {
      const out = await play('imap', lang);
      expect(out).toMatch(/^laptop S: a1 OK .*LOGIN completed/m);
      expect(out).toMatch(/^laptop S: \* 3 EXISTS$/m);
      expect(out).toMatch(/^laptop S: \* OK \[UIDVALIDITY \d+\]/m);
      expect(out).toMatch(/^laptop S: \* SEARCH 2 3$/m);
      // The server side, shown by the check steps: unread after PEEK, \Seen after BODY[].
      const peek = out.indexOf('laptop C: a6 FETCH 3 (BODY.PEEK[HEADER.FIELDS (FROM SUBJECT)])');
      const read = out.indexOf('laptop C: a7 FETCH 3 BODY[]');
      expect(peek).toBeGreaterThan(0);
      expect(read).toBeGreaterThan(peek);
      // At 80 columns the size column gives way (ui/tables.ts renderFitted); flags and sender stay.
      expect(out.slice(peek, read)).toMatch(/│ 3 +│ (?:\d+ +│ )?- +│ Bob <bob@example\.com>/);
      const after = out.slice(read);
      expect(after).toMatch(/^laptop S:  FLAGS \(\\Seen/m);
      expect(after).toMatch(/│ 3 +│ (?:\d+ +│ )?\\Seen +│ Bob <bob@example\.com>/);
      expect(after).toMatch(/^laptop S: \* SEARCH 2$/m);
      expect(after).toMatch(/^laptop S: \* 2 EXPUNGE$/m);
      expect(after).toMatch(/^laptop S: \* 2 FETCH \(UID 3 FLAGS/m);
      expect(after).toMatch(/^laptop S: \* BYE/m);
    });
  }

  for (const lang of LANGS) {
    it(`pop3-vs-imap (${lang}): IMAP \\Seen and IDLE reach the phone; POP3 on the laptop leaves the phone nothing`, async () => {
      const out = await play('pop3-vs-imap', lang);
      const imapRead = out.indexOf('laptop C: l3 FETCH 1 BODY[]');
      expect(imapRead).toBeGreaterThan(0);
      // Before the laptop reads: no \Seen on the phone; after: the phone sees \Seen it never downloaded.
      expect(out.slice(0, imapRead)).toMatch(/^phone S: \* 1 FETCH \(FLAGS \(\)\)$/m);
      expect(out.slice(imapRead)).toMatch(/^phone S: \* 1 FETCH \(FLAGS \(\\Seen\)\)$/m);
      // IDLE: the continuation, the relayed message, the untagged EXISTS pushed on the phone, DONE.
      expect(out).toMatch(/^phone S: \+ idling$/m);
      expect(out).toMatch(/^outside→main S: 250 .*queued as/m);
      const push = out.search(/^phone S: \* 2 EXISTS$/m);
      expect(push).toBeGreaterThan(out.indexOf('outside→main C: QUIT'));
      expect(out).toMatch(/^phone S: p5 OK IDLE terminated$/m);
      expect(out).toMatch(/^laptop S: \* 2 EXISTS$/m);
      // POP3: the laptop downloads both, RETR marks nothing on the server, QUIT deletes, the phone finds nothing.
      expect(out).toMatch(/^laptop S: \+OK alice's maildrop has 2 messages/m);
      expect(out).toMatch(/│ 2 +│ \d+ +│ - +│ Dave <dave@outside\.example>/);
      expect(out).toMatch(/^laptop S: \+OK .*signing off \(2 deleted/m);
      expect(out).toMatch(/^phone S: \+OK alice's maildrop has 0 messages/m);
      expect(out).toMatch(/^phone S: \+OK 0 0$/m);
    });
  }

  for (const lang of LANGS) {
    it(`review (${lang}): every answer names the lesson to revisit`, async () => {
      const out = await play('review', lang);
      for (const q of quizzes(await lessonFile('review'))) {
        const line = `${lang === 'en' ? 'The right answer: ' : '正解: '}${correctChoice(q).text[lang]}`;
        const see = lang === 'en' ? `(see the lesson ${q.see})` : `（レッスン ${q.see} を参照）`;
        expect(squash(out)).toContain(squash(`${line}${see}`));
      }
    });
  }
});
