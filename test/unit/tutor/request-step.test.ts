import { describe, expect, it } from 'vitest';
import { KNOWLEDGE } from '../../../src/protocols/registry.js';
import { checkLesson } from '../../../src/tutor/checker.js';
import { parseLesson } from '../../../src/tutor/loader.js';
import { formatProblem } from '../../../src/tutor/problems.js';
import type { StepOf } from '../../../src/tutor/schema.js';
import { closesAfter, requestAccepted } from '../../../src/tutor/steps/request.js';
import { requestMissReason } from '../../../src/tutor/steps/request-miss.js';
import { isHead } from '../../../src/tutor/http-exchange.js';

/**
 * The `request` step kind (an HTTP request typed line by line, RFC 9112 2.1): which typed
 * lines count as the step's request, the sentence that says why a request missed (Host
 * forgotten, RFC 9112 3.2; a request line without three parts, RFC 9112 3), and the checker's
 * rules for request steps.
 */
function step(over: Partial<StepOf<'request'>> = {}): StepOf<'request'> {
  return {
    id: 'get',
    kind: 'request',
    connection: 'browser',
    text: { en: 't', ja: 't' },
    lines: ['GET /hello.txt HTTP/1.1', 'Host: localhost:2080'],
    expect: '200',
    hint: { en: 'h', ja: 'h' },
    explain: { en: 'e', ja: 'e' },
    ...over,
  };
}

const SUGGESTED = ['GET /hello.txt HTTP/1.1', 'Host: localhost:2080'];

describe('requestAccepted', () => {
  it('takes the suggested lines (any case and spacing), with or without extra fields before the empty line', () => {
    expect(requestAccepted(step(), ['get  /hello.txt http/1.1', 'host: LOCALHOST:2080', ''], SUGGESTED)).toBe(true);
    expect(requestAccepted(step(), [...SUGGESTED, 'Accept: */*', ''], SUGGESTED)).toBe(true);
  });

  it('refuses a request that ended before a suggested line, or with a different line', () => {
    expect(requestAccepted(step(), ['GET /hello.txt HTTP/1.1', ''], SUGGESTED)).toBe(false);
    expect(requestAccepted(step(), ['GET /other HTTP/1.1', 'Host: localhost:2080', ''], SUGGESTED)).toBe(false);
  });

  it('uses a per-line accept pattern where given, the suggestion where null', () => {
    const s = step({ accept: [null, '^Host:\\s*localhost(:\\d+)?$'] });
    expect(requestAccepted(s, ['GET /hello.txt HTTP/1.1', 'Host: localhost', ''], SUGGESTED)).toBe(true);
    expect(requestAccepted(s, ['GET /hello.txt HTTP/1.1', 'Host: example.com', ''], SUGGESTED)).toBe(false);
  });
});

describe('requestMissReason', () => {
  it('names a forgotten Host and the line to type (RFC 9112 3.2)', () => {
    const why = requestMissReason('en', ['GET /hello.txt HTTP/1.1', ''], SUGGESTED);
    expect(why).toContain('before the Host field');
    expect(why).toContain('RFC 9112 3.2');
    expect(why).toContain('Host: localhost:2080');
    expect(requestMissReason('ja', ['GET /hello.txt HTTP/1.1', ''], SUGGESTED)).toContain('Host フィールドの前に空行');
  });

  it('says a request line needs method, target and version (RFC 9112 3)', () => {
    expect(requestMissReason('en', ['GET /hello.txt', ''], SUGGESTED)).toContain('three parts');
  });

  it('judges each line by the step\'s own pattern where it has one', () => {
    const accept = [null, '^Host:\\s*localhost(:\\d+)?$', null];
    const three = [...SUGGESTED, 'If-None-Match: "abc"'];
    expect(requestMissReason('en', ['GET /hello.txt HTTP/1.1', 'Host: localhost', ''], three, accept)).toBe('The empty line ended the request too early: it still needs If-None-Match: "abc".');
  });

  it('names the first line that differs, and a missing line that is not Host', () => {
    expect(requestMissReason('en', ['GET /x HTTP/1.1', 'Host: localhost:2080', ''], SUGGESTED)).toBe('Line 1 is not the one this step asks for: GET /hello.txt HTTP/1.1');
    const three = [...SUGGESTED, 'If-None-Match: "abc"'];
    expect(requestMissReason('en', [...SUGGESTED, ''], three)).toBe('The empty line ended the request too early: it still needs If-None-Match: "abc".');
  });
});

describe('closesAfter (RFC 9112 9.6: Connection: close in the response)', () => {
  it('reads the header section only, any case, close among other options', () => {
    expect(closesAfter(['HTTP/1.1 400 Bad Request', 'connection: Close', '', 'body'])).toBe(true);
    expect(closesAfter(['HTTP/1.1 200 OK', 'Connection: keep-alive, close', ''])).toBe(true);
    expect(closesAfter(['HTTP/1.1 200 OK', 'Connection: keep-alive', '', 'Connection: close'])).toBe(false);
    expect(closesAfter(['HTTP/1.1 200 OK', 'X-Connection: close', ''])).toBe(false);
  });
});

describe('isHead (RFC 9110 9.3.2: no content in the response to HEAD)', () => {
  it('is true only for a HEAD request line', () => {
    expect(isHead('HEAD / HTTP/1.1')).toBe(true);
    expect(isHead('head / HTTP/1.1')).toBe(true);
    expect(isHead('GET /HEAD HTTP/1.1')).toBe(false);
    expect(isHead(undefined)).toBe(false);
  });
});

const QUIZ = `
  - id: q
    kind: quiz
    question: { en: Which?, ja: どれですか？ }
    choices:
      - { text: { en: a, ja: あ }, correct: true, explain: { en: yes, ja: はい } }
      - { text: { en: b, ja: い }, explain: { en: no, ja: いいえ } }`;

function problems(steps: string, tls = false): string[] {
  const source = `id: t
title: { en: T, ja: テ }
summary: { en: S, ja: エス }
minutes: 5
labs: { main: { tls: ${tls} } }
steps:
  - { id: web, kind: connect, connection: browser, protocol: http, tls: true, explain: { en: hi, ja: こんにちは } }
  - { id: mail, kind: connect, connection: laptop, protocol: smtp, explain: { en: hi, ja: こんにちは } }
${steps}${QUIZ}
`;
  const { lesson, problems: parse } = parseLesson('/t.yaml', source);
  expect(parse).toEqual([]);
  return checkLesson('t.yaml', lesson!, { knowledge: KNOWLEDGE, lessonIds: new Set(['t']) }).map(formatProblem);
}

const REQUEST = (over: string) => `
  - id: get
    kind: request
    connection: browser
    text: { en: Type it, ja: 入力 }
    hint: { en: h, ja: ヒ }
    explain: { en: e, ja: エ }
    expect: '200'
${over}`;

describe('the checker on request steps', () => {
  it('passes a request step on an HTTP connection with a known method and field lines', () => {
    expect(problems(REQUEST("    lines: ['GET / HTTP/1.1', 'Host: localhost']"), true)).toEqual([]);
  });

  it('says a connect over TLS needs the lab certificate', () => {
    expect(problems(REQUEST("    lines: ['GET / HTTP/1.1', 'Host: localhost']"))).toEqual(['t.yaml: step web: field tls: TLS from the first byte needs the lab certificate: give the lab `tls: true`']);
  });

  it('rejects an unknown method, a line that is not a field, and an accept that refuses its own line', () => {
    const found = problems(REQUEST("    lines: ['FETCH / HTTP/1.1', 'Host localhost']\n    accept: [null, '^Host:']"), true);
    expect(found).toEqual([
      't.yaml: step get: field accept[1]: does not accept the suggested line itself',
      't.yaml: step get: field lines[0]: "FETCH / HTTP/1.1" is not a request line with a method the knowledge table knows',
      't.yaml: step get: field lines[1]: "Host localhost" is not a field line (name: value, RFC 9112 5)',
    ]);
  });

  it('refuses STARTTLS on an HTTP connection: HTTPS is TLS from the first byte', () => {
    const step = `
  - { id: up, kind: starttls, connection: browser, text: { en: t, ja: て }, explain: { en: e, ja: え } }`;
    expect(problems(step, true)).toEqual(['t.yaml: step up: field connection: HTTP has no STARTTLS: connect with tls: true instead']);
  });

  it('keeps requests and mail commands apart: a request on SMTP, a send on HTTP', () => {
    const onSmtp = REQUEST("    lines: ['GET / HTTP/1.1']").replace('connection: browser', 'connection: laptop');
    expect(problems(onSmtp, true)).toContain('t.yaml: step get: field connection: a request step needs an HTTP connection');
    const send = `
  - { id: s, kind: send, connection: browser, text: { en: t, ja: て }, command: GET / HTTP/1.1, expect: '200', hint: { en: h, ja: ひ }, explain: { en: e, ja: え } }`;
    expect(problems(send, true)).toContain('t.yaml: step s: field connection: an HTTP request is several lines: use a request step');
  });
});
