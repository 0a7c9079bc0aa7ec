import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runBinIn, type Run } from '../support/bin.js';
import { checkLesson } from '../../src/tutor/checker.js';
import { KNOWLEDGE } from '../../src/protocols/registry.js';
import { parseLesson } from '../../src/tutor/loader.js';
import type { Lesson, LocalizedText } from '../../src/tutor/schema.js';
import { scratch } from '../support/scratch.js';

/**
 * The first half of issue 7's lesson path (mail-flow, smtp-auth, mock-server, pop3), played
 * by the built bin against the real lab servers in both languages, and read as data: every
 * fact the issue names must be said in English and in Japanese, and each quiz must mark the
 * answer the lesson teaches as the correct one. Run `npm run build` first (npm test does).
 */
const LESSONS = join(process.cwd(), 'lessons');
const LANGS = ['en', 'ja'] as const;
type Lang = (typeof LANGS)[number];

const home = scratch('l7lab-lessons-part1-').suiteDir();

function l7lab(args: string[]): Promise<Run> {
  return runBinIn(home, args);
}

async function loadLesson(id: string): Promise<Lesson> {
  const path = join(LESSONS, `${id}.yaml`);
  const { lesson, problems } = parseLesson(path, await readFile(path, 'utf8'));
  if (!lesson) throw new Error(problems.map((p) => p.message).join('; '));
  return lesson;
}

/** Every learner-facing text of the lesson in one language (titles, steps, quiz choices, diagrams). */
function textOf(value: unknown, lang: Lang): string {
  if (typeof value !== 'object' || value === null) return '';
  if (Array.isArray(value)) return value.map((v) => textOf(v, lang)).join('\n');
  const record = value as Record<string, unknown>;
  if (typeof record.en === 'string' && typeof record.ja === 'string') return record[lang] as string;
  return Object.values(record)
    .map((v) => textOf(v, lang))
    .join('\n');
}

function correctChoice(lesson: Lesson, quizId: string): LocalizedText {
  const step = lesson.steps.find((s) => s.id === quizId);
  if (step?.kind !== 'quiz') throw new Error(`${lesson.id} has no quiz ${quizId}`);
  const right = step.choices.filter((c) => c.correct);
  expect(right).toHaveLength(1);
  return (right[0] as { text: LocalizedText }).text;
}

interface LessonSpec {
  /** Replies the auto-played transcript must show (in both languages: wire text is not translated). */
  replies: RegExp[];
  /** Facts the issue names, each as a pattern per language. */
  facts: Array<Record<Lang, RegExp>>;
  /** Each quiz: the text of the one correct choice, per language. */
  quizzes: Record<string, Record<Lang, RegExp>>;
}

const SPECS: Record<string, LessonSpec> = {
  'mail-flow': {
    replies: [
      /laptop S: 250 2\.0\.0 Ok: queued as/,
      // RFC 5321 5.1: the MX lookup before the relay, answered by the lab DNS (issue 17).
      /dns S: example\.net\. \d+ IN MX 10 mail\.example\.net\.\n[\s\S]*sending→receiving C: EHLO sending\.lab\.example/,
      // No MX: the implicit MX; no domain: a bounce to the envelope sender (RFC 3464).
      /sending→receiving C: RCPT TO:<bob@nomx\.example\.test>/,
      /Final-Recipient: rfc822; bob@nowhere\.example\.test/,
      /sending→receiving C: EHLO sending\.lab\.example/,
      /sending→receiving C: RCPT TO:<bob@example\.net>/,
      /sending→receiving S: 250 2\.0\.0 Ok: queued as/,
      /phone S: \+OK bob's maildrop has 1 message/,
      /phone S: Subject: The long way round/,
    ],
    facts: [
      // Submission, relay, fetch.
      { en: /submits the message to your provider's sending server/, ja: /送信サーバーにメッセージを渡し/ },
      { en: /passes the message to the recipient's receiving\s+server, with SMTP again/, ja: /受信サーバーへ、やはり SMTP でメッセージを転送/ },
      { en: /fetches it with POP3 or IMAP/, ja: /POP3 か IMAP で取り出します/ },
      // Ports 25, 587, 465.
      { en: /Port 25 is for server-to-server\s+relay/, ja: /ポート 25 はサーバー同士の転送/ },
      { en: /Port 587 is message submission \(RFC 6409\)/, ja: /ポート 587 はメッセージサブミッション（RFC 6409）/ },
      { en: /Port 465 is the same submission service with TLS from the very\s+first byte/, ja: /ポート 465 は同じサブミッションのサービスを、最初の 1 バイト目から TLS/ },
      // Nothing leaves the machine.
      { en: /nothing leaves the machine/, ja: /マシンの外には何も出ていきません/ },
    ],
    quizzes: {
      'quiz-port-25': { en: /^25$/, ja: /^25$/ },
      'quiz-465': { en: /^465 starts TLS from the first byte/, ja: /^465 は最初の 1 バイト目から TLS/ },
      'quiz-fetch': { en: /phone fetching/, ja: /スマートフォンが受信サーバーからメールを取り出す/ },
      'quiz-mx': { en: /^It asked DNS for the MX records of example\.net$/, ja: /^DNS に example\.net の MX レコードを尋ねた$/ },
    },
  },
  'smtp-auth': {
    replies: [
      /laptop S: 250-AUTH PLAIN LOGIN CRAM-MD5/,
      /laptop S: 530 5\.7\.0 /,
      /laptop S: 334 VXNlcm5hbWU6/,
      /laptop S: 535 5\.7\.8 /,
      /laptop C: AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=/,
      /laptop S: 235 2\.7\.0 /,
      // The CRAM-MD5 answer is computed from this session's challenge and accepted.
      /phone S: 334 [A-Za-z0-9+/]+=*\n[\s\S]*phone S: 235 2\.7\.0 /,
    ],
    facts: [
      // Why a sending server asks who you are.
      { en: /"open\s+relay"/, ja: /「オープンリレー」/ },
      { en: /EHLO shows this list/, ja: /この一覧を見せるのは EHLO だけ/ },
      // PLAIN: the learner builds the string, then decodes it.
      { en: /an empty authorization\s+name, a NUL byte, the user name, a NUL byte, the password/, ja: /空の認可 ID、NUL バイト、ユーザー名、NUL バイト、パスワード/ },
      { en: /Base64 is an\s+encoding, not encryption/, ja: /base64 は符号化（エンコーディング）であって、暗号化ではありません/ },
      // CRAM-MD5 from the real challenge; the password never crosses the wire.
      { en: /HMAC-MD5 of the challenge, keyed with the password/, ja: /パスワードを鍵としたチャレンジの HMAC-MD5/ },
      { en: /The password itself never crosses the wire/, ja: /パスワードそのものは回線を通りません/ },
      // 530, 535, 235.
      { en: /530 5\.7\.0, authentication required/, ja: /530 5\.7\.0、認証が必要です/ },
      { en: /535 5\.7\.8, authentication credentials invalid/, ja: /535 5\.7\.8、認証情報が正しくありません/ },
      { en: /235 2\.7\.0, authentication successful/, ja: /235 2\.7\.0、認証成功です/ },
    ],
    quizzes: {
      'quiz-base64': { en: /base64 is an encoding, not encryption/, ja: /base64 は符号化であって暗号化ではない/ },
      'quiz-codes': { en: /^535$/, ja: /^535$/ },
      'quiz-cram': { en: /HMAC-MD5 of the server's challenge keyed with the password/, ja: /パスワードを鍵としたサーバーのチャレンジの HMAC-MD5/ },
    },
  },
  'mock-server': {
    replies: [
      /app S: 220 \S+ ESMTP .*captured, never relayed/,
      /app C: RCPT TO:<someone@example\.com>\n[\s\S]*?app S: 250 2\.1\.5 /,
      /app S: 250 2\.0\.0 Ok: queued as/,
      // The check step shows the message in the store under "someone", and the mail list too.
      /someone\/INBOX[\s\S]*Your order #1042/,
      // At 80 columns a long sender may be cut with … (ui/tables.ts renderFitted).
      /│ someone +│ 1 +│ Example Shop <noreply@shop\.example\.c\S* +│ Your order #1042/,
      // Failure on demand: the magic recipients get a simulated 5xx and 4xx, explained as such.
      /shop S: 550 5\.1\.1 <reject-550@example\.com>: .*simulated failure \(l7lab magic address reject-550@\)/,
      /shop S: 451 4\.3\.0 <tempfail-451@example\.com>: .*simulated failure \(l7lab magic address tempfail-451@\)/,
    ],
    facts: [
      { en: /nothing left this machine/, ja: /このマシンの外には何も出ていません/ },
      { en: /accepts mail exactly like a real one, with the same replies, but delivers it\s+nowhere/, ja: /本物とまったく同じようにメールを受け付けますが、どこにも配送しません/ },
      { en: /the test can inspect what was sent/, ja: /テストは送られた内容を確かめられます/ },
      { en: /Captured, not delivered/, ja: /配送されずに保存されました/ },
      { en: /"l7lab serve"/, ja: /「l7lab serve」/ },
      { en: /"l7lab mail list"/, ja: /「l7lab mail list」/ },
      { en: /host 127\.0\.0\.1, port 2525, TLS off/, ja: /ホスト 127\.0\.0\.1、ポート 2525、TLS はオフ/ },
      { en: /A 5xx is permanent/, ja: /5xx は恒久的な失敗/ },
      { en: /A 4xx is temporary: the app keeps the message and tries again\s+later/, ja: /4xx は一時的な失敗なので、アプリはメッセージを保管して後でもう一度試します/ },
      { en: /Port 2525 offers no STARTTLS/, ja: /ポート 2525 は STARTTLS を提示しない/ },
    ],
    quizzes: {
      'quiz-why': { en: /^Nothing reaches real people, and the test can inspect what was sent$/, ja: /^本物の人には何も届かず、テストが送った内容を確かめられるから$/ },
      'quiz-someone': { en: /^It was captured in the mock server's store/, ja: /^模擬サーバーのストアに保存され/ },
      'quiz-settings': { en: /^host 127\.0\.0\.1, port 2525, TLS off$/, ja: /^ホスト 127\.0\.0\.1、ポート 2525、TLS オフ$/ },
      'quiz-failures': { en: /^Keep the message and try again later$/, ja: /^メッセージを保管して、後でもう一度試す$/ },
    },
  },
  pop3: {
    replies: [
      /laptop S: \+OK l7lab POP3 server ready/,
      /laptop S: -ERR STAT is not allowed in the AUTHORIZATION state/,
      /laptop S: \+OK 3 \d+\n/,
      /laptop S: \+OK unique-id listing follows/,
      /laptop S: \+OK top of message 1 follows/,
      /laptop S: \+OK message 1 deleted/,
      /laptop S: \+OK 2 \d+\n/,
      // DELE, then a dropped connection: the next login still finds 3 messages; QUIT deletes one.
      /S: \+OK message 1 deleted[\s\S]*laptop S: \+OK alice's maildrop has 3 messages[\s\S]*signing off \(1 deleted, 2 messages left\)/,
      /(session state|セッション状態): UPDATE/,
    ],
    facts: [
      { en: /POP3 is the Post Office Protocol version 3 \(RFC 1939\)/, ja: /POP3 は Post Office Protocol version 3（ポスト・オフィス・プロトコル バージョン 3、RFC 1939）/ },
      // The three states.
      { en: /AUTHORIZATION until you log in, TRANSACTION while you read and mark\s+messages, and UPDATE after QUIT/, ja: /ログインするまでの AUTHORIZATION、メッセージを読んだり印を付けたりする TRANSACTION、そして QUIT の後[^。]*UPDATE/ },
      // DELE only marks; deletion at QUIT (UPDATE), not on a dropped connection.
      { en: /DELE only marks the message/, ja: /DELE は印を付けるだけです/ },
      { en: /Deletion happens only in UPDATE, which only QUIT reaches/, ja: /削除は UPDATE でしか行われず、UPDATE に入れるのは QUIT だけです/ },
      // Downloaded mail and its read state live on the device.
      { en: /Downloaded mail lives on the device, and so does whether you have read it/, ja: /ダウンロードしたメールは端末の中にあり、読んだかどうかも端末の中だけにあります/ },
      { en: /POP3 has no "read" flag/, ja: /POP3 には「既読」の印がありません/ },
    ],
    quizzes: {
      'quiz-name': { en: /^Post Office Protocol version 3$/, ja: /^Post Office Protocol version 3（ポスト・オフィス・プロトコル バージョン 3）$/ },
      'quiz-dele': { en: /only QUIT leads to UPDATE/, ja: /UPDATE には、QUIT でしか入れない/ },
      'quiz-read': { en: /read state lives on each device/, ja: /既読かどうかは端末ごとに管理される/ },
    },
  },
};

const IDS = Object.keys(SPECS);

describe('lessons of issue 7, part 1: in the manifest, in order', () => {
  it('lists mail-flow, smtp-auth, mock-server, pop3 right after smtp-basics, in that order', async () => {
    const ids = (parse(await readFile(join(LESSONS, 'manifest.yaml'), 'utf8')) as { lessons: string[] }).lessons;
    const listed = ids.filter((id) => ['smtp-basics', ...IDS].includes(id));
    expect(listed).toEqual(['smtp-basics', ...IDS]);
    expect(ids.indexOf(IDS[0] as string)).toBe(ids.indexOf('smtp-basics') + 1);
  });

  it('passes the checker of l7lab lessons --check: known commands, captured placeholders, one right answer', async () => {
    const ids = (parse(await readFile(join(LESSONS, 'manifest.yaml'), 'utf8')) as { lessons: string[] }).lessons;
    const ctx = { knowledge: KNOWLEDGE, lessonIds: new Set(ids) };
    for (const id of IDS) expect(checkLesson(`${id}.yaml`, await loadLesson(id), ctx)).toEqual([]);
  });
});

describe.each(IDS)('lesson %s', (id) => {
  const spec = SPECS[id] as LessonSpec;

  it.each(LANGS)('plays in --auto in %s through the built bin, exit 0, with the key replies', { timeout: 90_000 }, async (lang) => {
    const run = await l7lab(['learn', id, '--auto', '--lang', lang]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(lang === 'en' ? 'Lesson complete' : 'レッスン完了');
    expect(run.stdout).not.toContain('MISMATCH');
    for (const reply of spec.replies) expect(run.stdout).toMatch(reply);
  });

  it('takes 5-10 minutes and ends with 2-4 quiz questions, each choice explained', async () => {
    const lesson = await loadLesson(id);
    expect(lesson.minutes).toBeGreaterThanOrEqual(5);
    expect(lesson.minutes).toBeLessThanOrEqual(10);
    const quizzes = lesson.steps.filter((s) => s.kind === 'quiz');
    expect(quizzes.length).toBeGreaterThanOrEqual(2);
    expect(quizzes.length).toBeLessThanOrEqual(4);
    const tail = lesson.steps.slice(-quizzes.length);
    expect(tail.every((s) => s.kind === 'quiz')).toBe(true);
    expect(quizzes.map((q) => q.id).sort()).toEqual(Object.keys(spec.quizzes).sort());
  });

  it.each(LANGS)('says every fact the issue names, in %s', async (lang) => {
    const text = textOf(await loadLesson(id), lang);
    for (const fact of spec.facts) expect(text).toMatch(fact[lang]);
  });

  it.each(LANGS)('marks the answer the lesson teaches as the correct choice of each quiz, in %s', async (lang) => {
    const lesson = await loadLesson(id);
    for (const [quiz, answer] of Object.entries(spec.quizzes)) expect(correctChoice(lesson, quiz)[lang]).toMatch(answer[lang]);
  });
});
