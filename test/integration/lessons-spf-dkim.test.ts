import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startLab } from '../../src/lab.js';
import { loadLesson } from '../../src/tutor/loader.js';
import { runLesson } from '../../src/tutor/runner.js';
import { drivenPrompts, type Plan, type Policy } from '../unit/tutor/driven-prompts.js';
import { squash } from '../support/text.js';

/**
 * The spf-dkim lesson (issue 18 part 2) on the real lab: SMTP and the lab DNS on loopback, the
 * checks of src/mailauth run on the messages the lab server stored. Played by itself in English
 * and Japanese (every check gives the result its step expects), and taken by hand with a message
 * of the learner's own that changes a verdict: the step says so and leads on.
 */
const LESSONS = join(process.cwd(), 'lessons');

async function auto(lang: 'en' | 'ja') {
  const lesson = await loadLesson('spf-dkim', LESSONS);
  let text = '';
  const prompts = drivenPrompts(lesson, () => text);
  const result = await runLesson({ lesson, lang, auto: true, prompts, write: (t) => (text += t), startLab, timeoutMs: 5000 });
  return { result, text };
}

describe('the spf-dkim lesson plays itself against the lab', { timeout: 60_000 }, () => {
  for (const lang of ['en', 'ja'] as const) {
    it(`${lang}: SPF pass then fail, DKIM pass then fail, DMARC fail, each as its step expects`, async () => {
      const { result, text } = await auto(lang);
      expect(result).toMatchObject({ completed: true, mismatches: [] });
      expect(text).toMatch(/^dns C: TXT example\.com$/m);
      expect(text).toMatch(/^dns S: example\.com\. \d+ IN TXT "v=spf1 ip4:127\.0\.0\.1 -all"$/m);
      // The SPF steps ask the lab DNS; the results, in the order the lesson sends the mail.
      const results = [...text.matchAll(/→ (spf|dkim|dmarc)=(\w+)/g)].map((m) => `${m[1]}=${m[2]}`);
      expect(results).toEqual(['spf=pass', 'spf=fail', 'dkim=pass', 'dkim=fail', 'spf=pass', 'dkim=none', 'dmarc=fail']);
      expect(text).toMatch(/→ spf=fail(?: \(matched|（一致したのは) -all[)）] ✓/);
      // The signing step shows the field it added and what each tag means (RFC 6376 3.5).
      expect(text).toMatch(/^ {2}DKIM-Signature: v=1; a=rsa-sha256;/m);
      expect(text).toMatch(/^sending C: From: Alice <alice@example\.com>\n[\s\S]*^sending C: DKIM-Signature: v=1;.*\n(sending C: \t.*\n)+sending C: From: Alice/m); // on the wire, first
      for (const tag of ['v=1', 'a=rsa-sha256', 'c=relaxed/relaxed', 'd=example.com', 's=lab', 't=', 'bh=', 'h=from:to:subject', 'b=']) expect(text).toMatch(new RegExp(`^ {2}${tag}\\S* +\\S`, 'm'));
      // The changed Subject: the body hash still matches, the signature does not verify.
      expect(squash(text)).toContain(squash(lang === 'en' ? 'dkim=fail (the body hash (bh=) matches the body) ✓' : 'dkim=fail（本文ハッシュ（bh=）は本文と一致） ✓'));
      // How a receiver records all three (RFC 8601 2.2), with the lab server as authserv-id, folded.
      expect(text).toMatch(/^ {2}Authentication-Results: l7lab\.localhost;\n {6}spf=fail smtp\.mailfrom=example\.net;\n {6}dkim=none;\n {6}dmarc=fail header\.from=example\.net$/m);
      expect(text).toMatch(/^ {6}spf=pass smtp\.mailfrom=example\.test;\n {6}dkim=none;\n {6}dmarc=fail header\.from=example\.com$/m);
    });
  }
});

/** Unplanned prompts: Enter (the suggestion), the prepared message, the first choice of a menu. */
const enter: Policy = () => undefined;

async function take(plan: Plan, lang: 'en' | 'ja' = 'en') {
  const lesson = await loadLesson('spf-dkim', LESSONS);
  let text = '';
  const prompts = drivenPrompts(lesson, () => text, plan, enter);
  const result = await runLesson({ lesson, lang, auto: false, prompts, write: (t) => (text += t), startLab, timeoutMs: 5000 });
  return { result, text: squash(text), prompts };
}

describe('the spf-dkim lesson taken by hand', { timeout: 60_000 }, () => {
  it('a message of the learner\'s own changes the DMARC verdict: said, then Reset replays the prepared one', async () => {
    const own = ['From: Mallory <mallory@example.test>', 'Subject: hello', '', 'hi', '.'];
    const r = await take({
      'msg-lookalike': ['typed', ...own],
      'dmarc-fail': ['reset'],
    });
    expect(r.result).toMatchObject({ completed: true, mismatches: [] });
    expect(r.prompts.unused()).toEqual({});
    // example.test publishes no DMARC record: none, not the fail the step expects.
    expect(r.text).toContain(squash('This step expected dmarc=fail; the check says dmarc=none.'));
    expect(r.text).toContain(squash('You sent a message of your own, so this is the check of yours'));
    // A signing step offers no message of the learner's own: a typed one would need its own signature.
    expect(r.text).toContain(squash('This message is signed as it is prepared, so it is sent as prepared.'));
    expect(r.prompts.log.filter((q) => q.step === 'msg-signed').map((q) => q.values)).toEqual([['prepared', 'quit']]);
    expect(r.text).toContain(squash('→ dmarc=fail ✓'));
  });

  it('a wrong DKIM key query is answered and said so, in Japanese', async () => {
    const r = await take({ 'dkim-key': ['TXT example.com', 'hint', 'TXT lab._domainkey.example.com'] }, 'ja');
    expect(r.result).toMatchObject({ completed: true, mismatches: [] });
    expect(r.text).toContain(squash('example.com について尋ねましたが、このステップで尋ねるのは lab._domainkey.example.com です'));
    expect(r.text).toContain(squash('ヒント: セレクター、_domainkey、ドメインの順です'));
  });
});
