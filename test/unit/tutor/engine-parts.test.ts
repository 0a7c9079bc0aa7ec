import { describe, expect, it } from 'vitest';
import { Accounts } from '../../../src/protocols/accounts.js';
import { closest, resumeIndex, suggested, type CatalogEntry } from '../../../src/tutor/catalog.js';
import type { LessonContext, RunningLab } from '../../../src/tutor/context.js';
import { capture } from '../../../src/tutor/context.js';
import { protocolsNeeded, seedMessageText } from '../../../src/tutor/labs.js';
import { parseLesson } from '../../../src/tutor/loader.js';
import { fill, isBuiltin, placeholdersIn } from '../../../src/tutor/placeholders.js';
import type { Lesson, StepOf } from '../../../src/tutor/schema.js';
import { derive } from '../../../src/tutor/steps/compute.js';
import { headerOf } from '../../../src/tutor/steps/mailbox.js';
import { isAccepted, statusMatches } from '../../../src/tutor/steps/send.js';

function lesson(yaml: string): Lesson {
  const { lesson: l, problems } = parseLesson('/virtual/x.yaml', yaml);
  if (!l) throw new Error(problems.map((p) => p.message).join('; '));
  return l;
}

/** A context with only what compute and capture use: the lab's accounts and the captures. */
function ctxWith(accounts: Array<[string, string]>, captures: Record<string, string> = {}): LessonContext {
  const lab = { name: 'main', lab: { accounts: new Accounts(accounts), endpoints: {} } } as unknown as RunningLab;
  return { labs: new Map([['main', lab]]), captures: new Map(Object.entries(captures)) } as unknown as LessonContext;
}

const compute = (op: StepOf<'compute'>['op'], user: string, input?: string) =>
  ({ id: 'c', kind: 'compute', op, user, into: 'out', explain: { en: 'x', ja: 'x' }, ...(input !== undefined ? { input } : {}) }) as StepOf<'compute'>;

describe('placeholders', () => {
  it('finds names, leaves IMAP literal counts alone, and fills from a lookup', () => {
    expect(placeholdersIn('APOP {user} {digest} and a literal {12}')).toEqual(['user', 'digest']);
    expect(fill('LOGIN alice {password.alice} {nope}', (n) => (n === 'password.alice' ? 'wonderland' : undefined))).toBe('LOGIN alice wonderland {nope}');
    expect([isBuiltin('password.bob'), isBuiltin('port.imap'), isBuiltin('host'), isBuiltin('timestamp')]).toEqual([true, true, true, false]);
  });
});

describe('compute: derivations with known answers', () => {
  it('AUTH PLAIN: base64 of \\0user\\0password, and back', () => {
    const { result, rows } = derive(ctxWith([['alice', 'wonderland']]), compute('sasl-plain', 'alice'));
    expect(result).toBe('AGFsaWNlAHdvbmRlcmxhbmQ=');
    expect(rows.map(([, v]) => v)).toContain('\\0alice\\0wonderland');
  });

  it('APOP: the example of RFC 1939 7, with the timestamp taken from a capture', () => {
    const ctx = ctxWith([['mrose', 'tanstaaf']], { timestamp: '<1896.697170952@dbc.mtview.ca.us>' });
    expect(derive(ctx, compute('apop', 'mrose', '{timestamp}')).result).toBe('c4c9334bac560ecc979e58001b3e22fb');
  });

  it('CRAM-MD5: the example of RFC 2195 2, from the base64 challenge a server sends', () => {
    const challenge = Buffer.from('<1896.697170952@postoffice.reston.mci.net>').toString('base64');
    const { result, rows } = derive(ctxWith([['tim', 'tanstaaftanstaaf']]), compute('cram-md5', 'tim', challenge));
    expect(rows.map(([, v]) => v)).toContain('b913a602c7eda7a495b4e6e7334d3890');
    expect(Buffer.from(result, 'base64').toString()).toBe('tim b913a602c7eda7a495b4e6e7334d3890');
  });

  it('base64 and its decoding', () => {
    const ctx = ctxWith([['alice', 'x']]);
    expect(derive(ctx, compute('base64', 'alice', 'alice')).result).toBe('YWxpY2U=');
    expect(derive(ctx, compute('base64-decode', 'alice', 'VXNlcm5hbWU6')).result).toBe('Username:');
    expect(() => derive(ctx, compute('base64-decode', 'alice', 'not base64!'))).toThrow(/not base64/);
  });
});

describe('send: what counts as right', () => {
  it.each([
    ['250', '250', true],
    ['250', '251', false],
    ['2xx', '251', true],
    ['+OK', '+ok', true],
    ['OK', 'NO', false],
    ['+', '+', true],
  ])('expect %s against status %s', (expected, status, ok) => {
    expect(statusMatches(expected, status)).toBe(ok);
  });

  it('accepts by pattern, or by the suggestion with case and spaces ignored', () => {
    const step = { accept: '^MAIL FROM:\\s*<[^>]*>$' } as StepOf<'send'>;
    expect(isAccepted(step, 'mail from:<carol@x>', 'MAIL FROM:<a@b>')).toBe(true);
    expect(isAccepted(step, 'MAIL FROM alice', 'MAIL FROM:<a@b>')).toBe(false);
    const plain = {} as StepOf<'send'>;
    expect(isAccepted(plain, '  quit ', 'QUIT')).toBe(true);
    expect(isAccepted(plain, 'QUITE', 'QUIT')).toBe(false);
  });
});

describe('capture', () => {
  it('captures the first group (or the whole match) line by line', () => {
    const ctx = ctxWith([]);
    const missed = capture(ctx, { host: '^220 (\\S+)', stamp: '<[^>]+>', none: 'xyz' }, ['220 lab.example ESMTP <1.2@lab>']);
    expect([ctx.captures.get('host'), ctx.captures.get('stamp'), missed]).toEqual(['lab.example', '<1.2@lab>', ['none']]);
  });

});

describe('labs of a lesson', () => {
  it('knows which protocols each lab must run, from connect and relay steps', () => {
    const l = lesson(`
id: x
title: { en: x, ja: x }
summary: { en: x, ja: x }
minutes: 5
labs: { sending: { protocols: [smtp] }, receiving: {} }
steps:
  - { id: a, kind: connect, connection: laptop, protocol: smtp, lab: sending, explain: { en: x, ja: x } }
  - { id: b, kind: connect, connection: phone, protocol: imap, lab: receiving, explain: { en: x, ja: x } }
  - { id: c, kind: relay, from: sending, to: receiving, account: bob, mailFrom: a@b, rcptTo: [bob@b], explain: { en: x, ja: x } }
`);
    const need = protocolsNeeded(l);
    expect([...(need.get('sending') ?? [])]).toEqual(['smtp']);
    expect([...(need.get('receiving') ?? [])].sort()).toEqual(['imap', 'smtp']);
  });

  it('builds seed messages as CRLF RFC 5322 text whose headers read back', () => {
    const raw = seedMessageText({ from: 'a@x', to: ['bob@x'], subject: 'Hi there', body: ['line'], flags: [] }, new Date(0));
    expect(raw.toString()).toMatch(/^From: a@x\r\nTo: bob@x\r\nSubject: Hi there\r\nDate: .+\r\nMessage-ID: <\S+>\r\n\r\nline\r\n$/);
    expect(headerOf(raw, 'subject')).toBe('Hi there');
    expect(headerOf(Buffer.from('Subject: a\r\n b\r\n\r\nSubject: body'), 'subject')).toBe('a b');
  });
});

describe('catalog', () => {
  const entry = (id: string, status: CatalogEntry['status']): CatalogEntry => ({ id, title: id, minutes: 5, status, steps: 3, done: 0, score: null });

  it('suggests a near lesson id for a typo', () => {
    expect(closest('smtp-basic', ['application-layer', 'smtp-basics'])).toBe('smtp-basics');
    expect(closest('smtp', ['application-layer', 'smtp-basics'])).toBe('smtp-basics');
    expect(closest('zzzzzz', ['application-layer', 'smtp-basics'])).toBeNull();
  });

  it('offers the lesson left half-way, else the first not done', () => {
    expect(suggested([entry('a', 'done'), entry('b', 'started'), entry('c', 'new')], 'a')?.id).toBe('b');
    expect(suggested([entry('a', 'done'), entry('b', 'new')], 'a')?.id).toBe('b');
  });

  it('resumes at the first step not done', () => {
    const l = { steps: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] } as Lesson;
    expect([resumeIndex(l, ['a']), resumeIndex(l, ['a', 'b', 'c']), resumeIndex(l, [])]).toEqual([1, 0, 0]);
  });
});
