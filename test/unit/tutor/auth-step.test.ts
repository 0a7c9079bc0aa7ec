import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuthStep, DkimCheck, DmarcCheck, SpfCheck } from '../../../src/mailauth/types.js';
import { topReceived } from '../../../src/tutor/auth-source.js';
import { authLines, resultOf, shorten, type AuthOutcome } from '../../../src/tutor/auth-view.js';
import { checkLesson } from '../../../src/tutor/checker.js';
import { dkimTags, fieldLines } from '../../../src/tutor/dkim-data.js';
import { parseLesson } from '../../../src/tutor/loader.js';
import { formatProblem } from '../../../src/tutor/problems.js';
import { KNOWLEDGE } from '../../../src/protocols/registry.js';
import { misses } from '../../../src/tutor/steps/authcheck.js';
import { wrap } from '../../../src/ui/wrap.js';
import { squash } from '../../support/text.js';
import { MemoryStore } from '../../../src/mailstore/memory.js';
import type { ReceivedMessage } from '../../../src/mailauth/index.js';
import type { AuthEngine } from '../../../src/tutor/auth-engine.js';
import type { LessonContext } from '../../../src/tutor/context.js';
import type { TutorLab } from '../../../src/tutor/lab-types.js';
import { step as stepSchema, type StepOf } from '../../../src/tutor/schema.js';
import { runAuthcheck } from '../../../src/tutor/steps/authcheck.js';
import { displayWidth } from '../../../src/ui/width.js';

/**
 * The authcheck step's parts: where a receiving server's inputs come from (the top Received
 * field, RFC 5321 4.4), how the checks are shown (each step, its DNS question and answer, the
 * result, all within 80 columns), the tags of a DKIM-Signature field (RFC 6376 3.5), and the checker's rules
 * for the step kind and the data step's dkim option.
 */
const text = (s: AuthStep) => `${s.key} ${Object.values(s.params).join(' ')}`;
const KEY = `v=DKIM1; k=rsa; p=${'A'.repeat(392)}`;

const spf: SpfCheck = {
  result: 'fail',
  domain: 'example.net',
  ip: '127.0.0.1',
  record: 'v=spf1 ip4:192.0.2.25 -all',
  matched: '-all',
  steps: [
    { key: 'spf.lookup', params: { domain: 'example.net' }, dns: { name: 'example.net', type: 'TXT', answer: '"v=spf1 ip4:192.0.2.25 -all"' } },
    { key: 'spf.no-match', params: { term: 'ip4:192.0.2.25' } },
  ],
};
const dkim: DkimCheck = {
  result: 'fail',
  domain: 'example.com',
  selector: 'lab',
  signedHeaders: ['from', 'to', 'subject'],
  bodyHashMatches: true,
  steps: [{ key: 'dkim.key', params: {}, dns: { name: 'lab._domainkey.example.com', type: 'TXT', answer: KEY } }],
};
const dmarc: DmarcCheck = { result: 'fail', fromDomain: 'example.com', policy: 'reject', spfAligned: false, dkimAligned: false, steps: [] };

describe('what the receiving server knows of a stored message', () => {
  const raw = Buffer.from(
    [
      'Return-Path: <ceo@example.net>',
      'Received: from mail.example.com ([127.0.0.1])',
      '\tby lab.test (l7lab) with ESMTP id Q1',
      '\tfor <bob@example.test>; Thu, 3 Dec 2026 09:00:00 +0000',
      'Received: from evil ([192.0.2.99]) by forged.example',
      'From: "Alice, CEO" <alice@Example.COM>',
      '',
      'body',
    ].join('\r\n'),
  );

  it('takes the address, HELO and server from the top Received field, never a lower (forgeable) one', () => {
    expect(topReceived(raw)).toEqual({ ip: '127.0.0.1', helo: 'mail.example.com', by: 'lab.test' });
    expect(topReceived(Buffer.from('Received: from x ([IPv6:::1]) by h\r\n\r\n'))).toMatchObject({ ip: '::1' });
    expect(topReceived(Buffer.from('From: a@b\r\n\r\n'))).toEqual({ ip: null, helo: null, by: null });
  });
});

describe('how the checks are shown', () => {
  const outcome: AuthOutcome = { spf, dkim: [dkim], dmarc };

  it('shows each check in order: heading, each step with the DNS question and answer it asked, the judged result', () => {
    const lines = authLines('en', ['spf', 'dkim', 'dmarc'], outcome, { spf: 'fail', dkim: 'pass' }, text);
    expect(lines[0]).toEqual({ kind: 'head', text: 'SPF (RFC 7208): may 127.0.0.1 send mail for example.net?' });
    expect(lines[1]).toEqual({ kind: 'text', text: 'spf.lookup example.net' });
    expect(lines[2]).toEqual({ kind: 'wire', text: 'dns C: TXT example.net' });
    expect(lines[3]).toEqual({ kind: 'wire', text: 'dns S: "v=spf1 ip4:192.0.2.25 -all"' });
    expect(lines).toContainEqual({ kind: 'result', text: 'spf=fail (matched -all)', ok: true });
    // Judged against the step's expect: dkim was expected to pass and did not; dmarc is not judged.
    expect(lines).toContainEqual({ kind: 'result', text: 'dkim=fail (the body hash (bh=) matches the body)', ok: false });
    expect(lines).toContainEqual({ kind: 'result', text: 'dmarc=fail', ok: null });
    // A step that quotes data lines (canonicalized fields) shows them as such, under its sentence.
    const quoting = authLines('en', ['dkim'], { dkim: [{ ...dkim, steps: [{ key: 'k', params: {} }] }] }, {}, () => 'The fields:\nfrom:a@b\nsubject:x');
    expect(quoting.slice(1, 4)).toEqual([{ kind: 'text', text: 'The fields:' }, { kind: 'wire', text: '  from:a@b' }, { kind: 'wire', text: '  subject:x' }]);
    expect(lines.findIndex((l) => l.text.startsWith('DKIM'))).toBeLessThan(lines.findIndex((l) => l.text.startsWith('DMARC')));
  });

  it('shows only the checks the step names, in Japanese too', () => {
    const lines = authLines('ja', ['dkim'], outcome, {}, text);
    expect(lines.some((l) => l.text.startsWith('SPF'))).toBe(false);
    expect(lines[0]?.text).toBe('DKIM（RFC 6376）: d=example.com s=lab の署名は正しいか？');
    expect(lines).toContainEqual({ kind: 'result', text: 'dkim=fail（本文ハッシュ（bh=）は本文と一致）', ok: null });
  });

  it('keeps every line within 80 columns: a long DNS answer (the key) is shortened, text wraps', () => {
    for (const lang of ['en', 'ja'] as const) {
      for (const line of authLines(lang, ['spf', 'dkim', 'dmarc'], outcome, {}, text)) {
        const shown = line.kind === 'wire' ? `  ${line.text}` : wrap(line.text, { width: 80, prefix: '  ' });
        for (const row of shown.split('\n')) expect(displayWidth(row), row).toBeLessThanOrEqual(80);
      }
    }
    expect(shorten(KEY)).toMatch(/^v=DKIM1; k=rsa; p=A+…A+$/);
    expect(shorten(KEY)).toHaveLength(66);
    expect(shorten('short')).toBe('short');
  });

  it('a message without a signature is dkim=none, and one good signature among bad ones passes (RFC 6376 6.1)', () => {
    expect(resultOf({ dkim: [] }, 'dkim')).toBe('none');
    expect(resultOf({ dkim: [dkim, { ...dkim, result: 'pass' }] }, 'dkim')).toBe('pass');
    expect(resultOf({}, 'spf')).toBeUndefined();
    expect(misses(['spf', 'dkim'], { spf, dkim: [] }, { spf: 'fail', dkim: 'pass' })).toEqual([{ check: 'dkim', want: 'pass', got: 'none' }]);
  });
});

describe('a DKIM-Signature field, tag by tag (RFC 6376 3.5)', () => {
  it('reads the tags of a folded field, whitespace inside values dropped', () => {
    const field = 'DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com;\r\n s=lab; t=1; h=from:to:subject; bh=abc\r\n def=; b=XYZ\r\n 123';
    expect(dkimTags(field).map((t) => `${t.tag}=${t.value}`)).toEqual(['v=1', 'a=rsa-sha256', 'c=relaxed/relaxed', 'd=example.com', 's=lab', 't=1', 'h=from:to:subject', 'bh=abcdef=', 'b=XYZ123']);
    expect(fieldLines(`${field}\r\n`)).toEqual(field.split('\r\n'));
  });
});

describe('the checker on authcheck steps and the dkim option', () => {
  const path = 'test/unit/tutor/fixtures/bad-authcheck.yaml';
  const { lesson } = parseLesson(join(process.cwd(), path), readFileSync(path, 'utf8'));
  const lines = lesson ? checkLesson(path, lesson, { knowledge: KNOWLEDGE, lessonIds: new Set() }).map(formatProblem) : ['did not parse'];

  it.each([
    ['early', 'account', 'no earlier step delivers a message to check'],
    ['reused', 'dkim', 'reuse needs an earlier data step with dkim: sign'],
    ['unsigned-from', 'body', 'a DKIM-signed message needs a From field in its header section (RFC 6376 5.4)'],
    ['wrong-expect', 'expect.dkim', 'the step does not run dkim (checks: spf)'],
    ['softfail-dmarc', 'expect.dmarc', 'dmarc never gives "softfail"'],
    ['bad-values', 'ip', '"300.1.1.1" is not an IPv4 or IPv6 address'],
    ['bad-values', 'mailFrom', '"nobody" is not an address'],
    ['no-dns', 'lab', 'lab "plain" does not run dns'],
  ])('step %s: field %s', (step, field, message) => {
    expect(lines.find((l) => l.startsWith(`${path}: step ${step}: field ${field}: `)), lines.join('\n')).toContain(message);
  });

  it('reports nothing else', () => {
    expect(lines).toHaveLength(8);
  });
});

describe('the authcheck step against a stand-in engine', () => {
  const received = (mailFrom: string) =>
    Buffer.from(`Return-Path: <${mailFrom}>\r\nReceived: from mail.example.com ([127.0.0.1])\r\n\tby lab.test (l7lab) with ESMTP id Q1; Thu, 3 Dec 2026 09:00:00 +0000\r\nFrom: Alice <alice@example.com>\r\n\r\nhi\r\n`);

  async function run(over: Record<string, unknown>, deliver: boolean) {
    const store = new MemoryStore();
    if (deliver) await store.deliver({ from: 'ceo@example.net', to: ['bob@example.test'] }, received('ceo@example.net'));
    const asked: ReceivedMessage[] = [];
    const engine: AuthEngine = {
      async checkMessage(r) {
        asked.push(r);
        return { spf: { ...spf, ip: r.ip }, dkim: [], dmarc };
      },
      authenticationResults: (id) => `Authentication-Results: ${id};\r\n\tspf=fail`,
      signDkim: () => '',
      labKey: { domain: 'example.com', selector: 'lab', privateKey: '' },
      dnsFor: () => ({ txt: async () => ({ kind: 'nodata' }), addresses: async () => [], mx: async () => [] }),
      stepText: (_lang, s) => s.key,
    };
    let out = '';
    const lab = { store, dns: { resolver: { host: '127.0.0.1', port: 1 }, servers: [] } } as unknown as TutorLab;
    const ctx = {
      lesson: { id: 't', show: { layers: false }, steps: [] },
      lang: 'en',
      auto: true,
      quiet: false,
      labs: new Map([['main', { name: 'main', lab }]]),
      captures: new Map(),
      mismatches: [],
      write: (t: string) => (out += t),
      ownMessage: false,
    } as unknown as LessonContext;
    const step = stepSchema.parse({ id: 'a', kind: 'authcheck', account: 'bob', explain: { en: 'e', ja: 'e' }, ...over }) as StepOf<'authcheck'>;
    await runAuthcheck(ctx, step, engine);
    return { asked, out, mismatches: ctx.mismatches };
  }

  it('checks the newest message with the address from its top Received field and the envelope MAIL FROM', async () => {
    const r = await run({ checks: ['spf'], expect: { spf: 'fail' } }, true);
    expect(r.asked).toHaveLength(1);
    expect(r.asked[0]).toMatchObject({ ip: '127.0.0.1', mailFrom: 'ceo@example.net', helo: 'mail.example.com' });
    expect(r.asked[0]?.message.toString()).toContain('From: Alice <alice@example.com>');
    expect(r.out).toContain('→ spf=fail (matched -all) ✓');
    expect(r.out).toContain('  Authentication-Results: lab.test;\n      spf=fail');
    expect(r.mismatches).toEqual([]);
  });

  it('uses the values a step gives instead, and records a result other than the expected one', async () => {
    const r = await run({ checks: ['spf', 'dkim'], ip: '192.0.2.25', mailFrom: 'x@example.net', helo: 'h.example', expect: { spf: 'pass', dkim: 'none' } }, true);
    expect(r.asked[0]).toMatchObject({ ip: '192.0.2.25', mailFrom: 'x@example.net', helo: 'h.example' });
    expect(squash(r.out)).toContain(squash('Values this step gives: address 192.0.2.25, MAIL FROM <x@example.net>, HELO h.example.'));
    expect(squash(r.out)).toContain(squash('This step expected spf=pass; the check says spf=fail.'));
    expect(r.mismatches).toEqual([{ step: 'a', expected: 'spf=pass', got: 'spf=fail' }]);
  });

  it('says so when the mailbox holds nothing to check, and asks the engine nothing', async () => {
    const r = await run({ expect: { dkim: 'pass' } }, false);
    expect(r.asked).toEqual([]);
    expect(squash(r.out)).toContain(squash('There is no message in bob/INBOX to check yet.'));
    expect(r.mismatches).toEqual([{ step: 'a', expected: 'dkim=pass', got: 'no message' }]);
  });
});
