import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startLab } from '../../src/lab.js';
import { loadLesson } from '../../src/tutor/loader.js';
import { runLesson } from '../../src/tutor/runner.js';
import { drivenPrompts, type Plan, type Policy } from '../unit/tutor/driven-prompts.js';
import { squash } from '../support/text.js';

/**
 * The dns lesson and mail-flow's MX lookup (issue 17) on the real lab DNS: the authoritative
 * hierarchy on 127.0.0.2.. and the recursive resolver on 127.0.0.1 (the lab's own, as `l7lab learn`
 * starts it), all on loopback port 0.
 * Played by itself (every step gets its expected answer, in English and Japanese), and taken
 * with wrong queries: each miss says what to change, and hint, answer and skip lead on.
 */
const LESSONS = join(process.cwd(), 'lessons');

async function auto(id: string, lang: 'en' | 'ja') {
  const lesson = await loadLesson(id, LESSONS);
  let text = '';
  const prompts = drivenPrompts(lesson, () => text);
  const result = await runLesson({ lesson, lang, auto: true, prompts, write: (t) => (text += t), startLab, timeoutMs: 5000 });
  return { result, text };
}

describe('the dns lesson plays itself against the lab DNS', { timeout: 60_000 }, () => {
  for (const lang of ['en', 'ja'] as const) {
    it(`${lang}: every query gets the answer its step expects`, async () => {
      const { result, text } = await auto('dns', lang);
      expect(result).toMatchObject({ completed: true, mismatches: [] });
      // The first query's bytes, field by field (RFC 1035 4.1.1, 4.1.2).
      expect(text).toMatch(/^ {2}0000 {2}[0-9a-f]{2} [0-9a-f]{2} +field id = \d+/m);
      expect(text).toMatch(/field qname = example\.test\./);
      expect(text).toMatch(/^dns C: A example\.test$/m);
      expect(text).toMatch(/^dns S: example\.test\. \d+ IN MX 10 mail\.example\.test\.$/m);
      expect(text).toMatch(/^dns S: www\.example\.test\. \d+ IN CNAME example\.test\.$/m);
      // The root refers to test. with glue; the zone's server answers with AA (RFC 1034 4.3.2, RFC 1035 4.1.1).
      expect(text).toMatch(/^dns S: test\. \d+ IN NS a\.tld\.test\.$/m);
      expect(text).toMatch(/^dns S: a\.tld\.test\. \d+ IN A 127\.0\.0\.3$/m);
      expect(text).toMatch(/^dns S: ;; flags: qr aa;/m);
      expect(text).toMatch(/status: NXDOMAIN/);
    });
  }

  it('the cached answer is handed out with a TTL no higher than the first (RFC 1035 7.4, RFC 2181 5.2)', async () => {
    const { text } = await auto('dns', 'en');
    const m = /ThistimetheTTLis(\d+)\(itwas(\d+)\)/.exec(squash(text));
    expect(m).not.toBeNull();
    expect(Number(m?.[1])).toBeLessThanOrEqual(Number(m?.[2]));
    expect(Number(m?.[2])).toBeGreaterThan(0);
  });
});

describe('mail-flow looks the recipient domain up before relaying (RFC 5321 5.1)', { timeout: 60_000 }, () => {
  it('MX for example.net, the implicit MX for nomx.example.test, a bounce for nowhere.example.test', async () => {
    const { result, text } = await auto('mail-flow', 'en');
    expect(result).toMatchObject({ completed: true, mismatches: [] });
    const flat = squash(text);
    expect(text).toMatch(/^dns C: MX example\.net$/m);
    expect(text).toMatch(/^dns S: example\.net\. \d+ IN MX 10 mail\.example\.net\.$/m);
    expect(flat).toMatch(/MXmail\.example\.net\(preference10,TTL\d+s\)/);
    expect(text.indexOf('dns C: MX example.net')).toBeLessThan(text.indexOf('sending→receiving C: EHLO'));
    expect(flat).toContain(squash('nomx.example.test has no MX record (NODATA)'));
    expect(text).toMatch(/^sending→receiving C: RCPT TO:<bob@nomx\.example\.test>$/m);
    expect(flat).toContain(squash('nowhere.example.test does not exist (NXDOMAIN)'));
    expect(text).toContain('Final-Recipient: rfc822; bob@nowhere.example.test');
    expect(text).not.toMatch(/RCPT TO:<bob@nowhere\.example\.test>/);
  });
});

/** Unplanned prompts: Enter (the suggested query), and the first choice of a menu. */
const enter: Policy = () => undefined;

async function take(plan: Plan, lang: 'en' | 'ja' = 'en') {
  const lesson = await loadLesson('dns', LESSONS);
  let text = '';
  const prompts = drivenPrompts(lesson, () => text, plan, enter);
  const result = await runLesson({ lesson, lang, auto: false, prompts, write: (t) => (text += t), startLab, timeoutMs: 5000 });
  return { result, text: squash(text), prompts };
}

describe('the dns lesson taken with wrong queries', { timeout: 60_000 }, () => {
  it('each miss says what to change; hint, answer and skip lead on, and no step is left unexpected', async () => {
    const r = await take({
      // A typo: NXDOMAIN, read as a typo; then Skip sends the suggested query.
      'first-query': ['A exmaple.test', 'skip'],
      // The wrong type, then the hint, then the right query.
      mx: ['A example.test', 'hint', 'MX example.test'],
      // Recursion left on: the resolver answers, not a referral; the answer shows the query.
      'ask-root': ['A www.example.test @root', 'answer', 'A www.example.test +norec @root'],
      // Not a query at all: said so, never sent; then the right one.
      'ask-tld': ['A +norec @tld', 'A www.example.test +norec @tld'],
      // The wrong server: the resolver is not authoritative.
      'ask-zone': ['A www.example.test +norec @tld', 'retry', 'A www.example.test +norec @ns.example.test'],
    });
    expect(r.result).toMatchObject({ completed: true, mismatches: [] });
    expect(r.prompts.unused()).toEqual({});
    expect(r.text).toContain(squash('You asked about exmaple.test; this step asks about example.test: A example.test'));
    expect(r.text).toContain(squash('exmaple.test does not exist in the lab (NXDOMAIN): check the spelling'));
    expect(r.text).toContain(squash('Skipped: l7lab sends A example.test'));
    expect(r.text).toContain(squash('You asked for A records; this step asks for MX: MX example.test'));
    expect(r.text).toContain(squash("Hint: MX, then the domain: MX example.test"));
    expect(r.text).toContain(squash('Your query asked for recursion (RD set): add +norec'));
    expect(r.text).toContain(squash('Answer: type this query: A www.example.test +norec @root'));
    expect(r.text).toContain(squash('which name? type A and a name, e.g. A example.test (this step asks: A www.example.test +norec @tld)'));
    expect(r.text).toContain(squash('You asked @tld; this step asks @ns.example.test'));
  });

  it('says the same in Japanese', async () => {
    const r = await take({ mx: ['A example.test', 'hint', 'MX example.test'] }, 'ja');
    expect(r.result).toMatchObject({ completed: true, mismatches: [] });
    expect(r.text).toContain(squash('A レコードを尋ねましたが、このステップで尋ねるのは MX です: MX example.test'));
    expect(r.text).toContain(squash('ヒント: MX、次にドメインです: MX example.test'));
  });
});
