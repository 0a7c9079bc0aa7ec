import { describe, expect, it } from 'vitest';
import { implicitTlsNeeded } from '../../../src/tutor/labs.js';
import { parseLesson } from '../../../src/tutor/loader.js';
import { isBuiltin } from '../../../src/tutor/placeholders.js';
import { responseLines } from '../../../src/tutor/http-exchange.js';
import { HttpResponseReader } from '../../../src/wire/http-response.js';

/**
 * The pieces the http lessons stand on: which labs need an implicit-TLS (HTTPS) port, the
 * `{port.https}` placeholder, and a response turned into the lines the transcript shows, one
 * per line on the wire (so they pair with the server's events: a chunk's data is followed by
 * the CRLF that ends it, RFC 9112 7.1).
 */
describe('implicitTlsNeeded', () => {
  it('takes the lab config and every connect step with tls: true', () => {
    const { lesson } = parseLesson(
      '/t.yaml',
      `id: t
title: { en: T, ja: テ }
summary: { en: S, ja: エス }
minutes: 5
labs: { main: { tls: true, implicitTls: [imap] }, other: { tls: true } }
steps:
  - { id: a, kind: connect, connection: b, protocol: http, tls: true, explain: { en: e, ja: え } }
  - { id: c, kind: connect, connection: d, protocol: smtp, lab: other, explain: { en: e, ja: え } }
  - { id: q, kind: quiz, question: { en: Q, ja: キ }, choices: [{ text: { en: a, ja: あ }, correct: true, explain: { en: y, ja: は } }, { text: { en: b, ja: い }, explain: { en: n, ja: い } }] }
`,
    );
    const need = implicitTlsNeeded(lesson!);
    expect([...(need.get('main') ?? [])].sort()).toEqual(['http', 'imap']);
    expect([...(need.get('other') ?? [])]).toEqual([]);
  });
});

describe('placeholders', () => {
  it('{port.https} and {port.imaps} are built in, {port.nope} is not', () => {
    expect(isBuiltin('port.http')).toBe(true);
    expect(isBuiltin('port.https')).toBe(true);
    expect(isBuiltin('port.imaps')).toBe(true);
    expect(isBuiltin('port.nope')).toBe(false);
  });
});

describe('responseLines', () => {
  it('shows a chunked response line by line, each chunk followed by its CRLF line', () => {
    const reader = new HttpResponseReader();
    reader.push(Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nd\r\nFirst chunk.\n\r\n0\r\nX-Chunk-Count: 1\r\n\r\n'));
    const r = reader.next('GET');
    expect(r).not.toBeNull();
    expect(responseLines([r!])).toEqual(['HTTP/1.1 200 OK', 'Transfer-Encoding: chunked', '', 'd', 'First chunk.', '', '0', 'X-Chunk-Count: 1', '']);
  });

  it('splits a Content-Length body at its line ends', () => {
    const reader = new HttpResponseReader();
    reader.push(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\na\r\nb\nc'));
    expect(responseLines([reader.next('GET')!])).toEqual(['HTTP/1.1 200 OK', 'Content-Length: 6', '', 'a', 'b', 'c']);
  });
});
