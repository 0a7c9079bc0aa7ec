import { describe, expect, it } from 'vitest';
import { lookup } from '../../../src/explain/lookup.js';
import { KNOWLEDGE } from '../../../src/protocols/registry.js';
import { httpClientKey, httpServerKey } from '../../../src/protocols/http/knowledge/keys.js';
import { hostOf, parseFieldLine, parseRequestLine, pathAndQuery, targetForm } from '../../../src/protocols/http/parser.js';
import { dialog, req } from './fixtures.js';

describe('HTTP parser (RFC 9112 3, 5)', () => {
  it('reads the request line into method, target, form and version', () => {
    expect(parseRequestLine('GET /a?b HTTP/1.1')).toEqual({ method: 'GET', target: '/a?b', form: 'origin', version: 'HTTP/1.1' });
    expect(parseRequestLine('OPTIONS * HTTP/1.0')).toMatchObject({ form: 'asterisk', version: 'HTTP/1.0' });
    expect(parseRequestLine('GET http://h:8/x HTTP/1.1')).toMatchObject({ form: 'absolute' });
  });

  it.each(['GET / HTTP/1.1 extra', 'GET /a b HTTP/1.1', 'GET / http/1.1', 'G(T / HTTP/1.1', 'GET /\x01 HTTP/1.1'])('refuses %j', (line) => {
    expect(() => parseRequestLine(line)).toThrow();
  });

  it('knows the four target forms (RFC 9112 3.2)', () => {
    expect(['/x', 'http://a/b', '*', 'a.example:443', 'x'].map(targetForm)).toEqual(['origin', 'absolute', 'asterisk', 'authority', null]);
  });

  it('trims optional whitespace around a field value and keeps the name as sent', () => {
    expect(parseFieldLine('X-Name: \t value with  spaces \t')).toEqual({ name: 'X-Name', value: 'value with  spaces' });
    expect(parseFieldLine('Empty:')).toEqual({ name: 'Empty', value: '' });
  });

  it('reads hosts with ports and IPv6 literals; refuses what is no host', () => {
    expect(['localhost:8080', '[::1]:2080', '127.0.0.1', 'Example.ORG'].map(hostOf)).toEqual(['localhost', '[::1]', '127.0.0.1', 'example.org']);
    expect(hostOf('a/b')).toBeNull();
    // Asked again and in turns (the last answer is kept): each gets its own.
    expect(['a/b', 'Example.ORG', 'Example.ORG', 'a/b', '', 'x:1'].map(hostOf)).toEqual([null, 'example.org', 'example.org', null, '', 'x']);
  });

  it('decodes the path once and keeps the query as parameters', () => {
    const { path, query } = pathAndQuery('/a%2Fb%20c?x=1&x=2', 'origin');
    expect(path).toBe('/a/b c');
    expect(query.getAll('x')).toEqual(['1', '2']);
    expect(() => pathAndQuery('/%zz', 'origin')).toThrow();
  });
});

describe('HTTP knowledge keys from the text alone', () => {
  it.each([
    ['GET / HTTP/1.1', { key: 'request', params: { method: 'GET', form: 'origin', version: 'HTTP/1.1' } }],
    ['OPTIONS * HTTP/1.1', { key: 'request', params: { method: 'OPTIONS', form: 'asterisk', version: 'HTTP/1.1' } }],
    ['Host: localhost', { key: 'header', params: { name: 'host' } }],
    ['Content-Length: 3', { key: 'header', params: { name: 'content-length' } }],
    ['', { key: 'end-of-head' }],
    ['1a', { key: 'chunk-size', params: { size: 26 } }],
    ['0', { key: 'last-chunk' }],
  ])('client %j', (line, key) => {
    expect(httpClientKey(line)).toEqual(key);
  });

  it('trailers and refused lines need to be told', () => {
    expect(httpClientKey('X-Sum: 1', 'trailer')).toEqual({ key: 'trailer', params: { name: 'x-sum' } });
    expect(httpClientKey('Host : a', 'bad:space-before-colon')).toEqual({ key: 'bad-line', params: { reason: 'space-before-colon' } });
  });

  it.each([
    ['HTTP/1.1 200 OK', undefined, { key: 'status', params: { code: 200 } }],
    ['HTTP/1.1 400 Bad Request', 'no-host', { key: 'status', params: { code: 400, reason: 'no-host' } }],
    ['HTTP/1.0 404 Not Found', undefined, { key: 'status', params: { code: 404 } }],
    ['Content-Type: text/html', undefined, { key: 'header', params: { name: 'content-type' } }],
    ['X-Checksum: abc', 'trailer', { key: 'trailer', params: { name: 'x-checksum' } }],
    ['', undefined, { key: 'end-of-head' }],
    ['7', undefined, { key: 'chunk-size', params: { size: 7 } }],
  ])('server %j', (line, answers, key) => {
    expect(httpServerKey(line, answers)).toEqual(key);
  });

  it('every line of a whole exchange, both ways, carries a key; bare-LF lines say so', async () => {
    const d = dialog();
    await d.send('POST /echo HTTP/1.1\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n');
    await d.send(req('GET /chunks HTTP/1.1', 'Host: a'));
    for (const { step } of d.steps.filter((s) => !s.step.client?.silent)) {
      expect(step.client?.knowledge ?? null).not.toBeNull();
      step.out.forEach((_, i) => expect(step.knowledge?.[i] ?? null).not.toBeNull());
    }
    expect(d.steps[0]?.step.client?.knowledge).toEqual({ key: 'request', params: { method: 'POST', form: 'origin', version: 'HTTP/1.1', bareLf: 1 } });
    expect(d.steps[1]?.step.client?.knowledge).toEqual({ key: 'header', params: { name: 'host' } });
  });

  it('the state in each step is the session state after the line', async () => {
    const d = dialog();
    const states: string[] = [];
    for (const line of ['POST /echo HTTP/1.1', 'Host: a', 'Content-Length: 1', '']) {
      await d.line(line);
      states.push(d.session.state);
    }
    expect(states).toEqual(['headers', 'headers', 'headers', 'body']);
  });
});

describe('explain http finds codes, fields and chunked (explain/lookup.ts)', () => {
  it.each([
    ['404', 'reply'],
    ['Host', 'term'],
    ['content-length', 'term'],
    ['chunked', 'term'],
    ['GET', 'command'],
    ['headers', 'state'],
  ])('%s is a %s', (term, kind) => {
    expect(lookup(KNOWLEDGE.http, term).kind).toBe(kind);
  });

});
