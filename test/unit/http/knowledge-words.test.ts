import { describe, expect, it } from 'vitest';
import type { Lang, Localized } from '../../../src/i18n.js';
import type { KnowledgeRef } from '../../../src/protocols/transcript.js';
import { HTTP_METHODS } from '../../../src/protocols/http/types.js';
import { httpDescriber } from '../../../src/protocols/http/knowledge/describe.js';
import { FIELD_ROWS } from '../../../src/protocols/http/knowledge/fields.js';
import { WEB_FIELD_ROWS } from '../../../src/protocols/http/knowledge/fields-web.js';
import { REASONS } from '../../../src/protocols/http/knowledge/reasons.js';
import { HTTP_FIELDS, HTTP_METHOD_KNOWLEDGE, HTTP_STATE_KNOWLEDGE, HTTP_STATUS_KNOWLEDGE, HTTP_TERMS } from '../../../src/protocols/http/knowledge/tables.js';

/**
 * The HTTP words (golden-free): every key of notes/http-keys.md is said in both languages,
 * the Japanese has no English prose, and every table row cites where its fact comes from.
 */
const describeHttp = httpDescriber({ methods: HTTP_METHOD_KNOWLEDGE, statuses: HTTP_STATUS_KNOWLEDGE, fields: HTTP_FIELDS });
const LANGS: readonly Lang[] = ['en', 'ja'];
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
/** Words every English sentence is made of and no field name, token or code contains. */
const ENGLISH_PROSE = /\b(the|and|is|are|of|with|this|that|was|be|an|it|for|from|when|which)\b/i;

/** The reasons notes/http-keys.md lists, in its order. */
const KEY_REASONS = [
  'no-host',
  'two-hosts',
  'bad-request-line',
  'bad-field',
  'obs-fold',
  'space-before-colon',
  'smuggling',
  'bad-length',
  'bad-chunk',
  'unknown-coding',
  'length-required',
  'line-too-long',
  'head-too-large',
  'body-too-large',
  'version',
  'method',
  'expectation',
  'timeout',
  'not-loopback-host',
  'cross-origin',
];

const KEYS: readonly KnowledgeRef[] = [
  { key: 'request', params: { method: 'GET', form: 'origin', version: 'HTTP/1.1' } },
  { key: 'request', params: { method: 'OPTIONS', form: 'asterisk', version: 'HTTP/1.1' } },
  { key: 'request', params: { method: 'GET', form: 'absolute', version: 'HTTP/1.0' } },
  { key: 'request', params: { method: 'PUT', form: 'authority', version: 'HTTP/1.1' } },
  { key: 'header', params: { name: 'host' } },
  { key: 'header', params: { name: 'x-made-up' } },
  { key: 'end-of-head' },
  { key: 'body', params: { bytes: 13 } },
  { key: 'chunk-size', params: { size: 26 } },
  { key: 'last-chunk' },
  { key: 'trailer', params: { name: 'expires' } },
  { key: 'trailer', params: { name: 'content-length' } },
  { key: 'status', params: { code: '200' } },
  { key: 'status', params: { code: 418 } },
  ...KEY_REASONS.map((reason) => ({ key: 'bad-line', params: { reason } })),
  ...KEY_REASONS.map((reason) => ({ key: 'status', params: { code: '400', reason } })),
];

const say = (ref: KnowledgeRef, lang: Lang): string => {
  const text = describeHttp(ref, lang);
  if (text === null) throw new Error(`no ${lang} text for ${JSON.stringify(ref)}`);
  return text;
};

/** Every Localized in the tables, with where it is. */
function allTexts(): Array<[string, Localized]> {
  return [
    ...[...HTTP_METHOD_KNOWLEDGE.values()].map((m) => [`method ${m.name}`, m.summary] as [string, Localized]),
    ...[...HTTP_STATUS_KNOWLEDGE.values()].map((s) => [`status ${s.code}`, s.meaning] as [string, Localized]),
    ...[...HTTP_STATE_KNOWLEDGE.values()].map((s) => [`state ${s.name}`, s.meaning] as [string, Localized]),
    ...[...HTTP_TERMS.values()].map((t) => [`${t.kind} ${t.name}`, t.meaning] as [string, Localized]),
    ...Object.entries(REASONS).map(([r, text]) => [`reason ${r}`, text] as [string, Localized]),
  ];
}

describe('HTTP knowledge words', () => {
  it('describes every key and reason of http-keys.md in English and in Japanese', () => {
    expect(Object.keys(REASONS).sort()).toEqual([...KEY_REASONS].sort());
    for (const ref of KEYS) {
      expect(say(ref, 'en').length, JSON.stringify(ref)).toBeGreaterThan(20);
      expect(say(ref, 'ja'), JSON.stringify(ref)).toMatch(JAPANESE);
    }
  });

  it('adds one sentence for a bare LF to any key, in both languages', () => {
    for (const ref of KEYS) {
      for (const lang of LANGS) {
        const plain = say(ref, lang);
        const bare = say({ key: ref.key, params: { ...ref.params, bareLf: 1 } }, lang);
        expect(bare.startsWith(lang === 'en' ? `${plain} ` : plain)).toBe(true);
        if (lang === 'ja') expect(bare).not.toContain('。 ');
        expect(bare.slice(plain.length)).toContain('RFC 9112 2.2');
      }
    }
  });

  it('says the code and reason phrase of a status, the class of an unlisted one, and why an error was sent', () => {
    expect(say({ key: 'status', params: { code: '404' } }, 'en')).toMatch(/^404 Not Found: /);
    expect(say({ key: 'status', params: { code: 418 } }, 'en')).toMatch(/^418: Client error/);
    expect(say({ key: 'status', params: { code: '799' } }, 'en')).toMatch(/799.*not list/);
    const noHost = say({ key: 'status', params: { code: '400', reason: 'no-host' } }, 'ja');
    expect(noHost).toContain('Bad Request');
    expect(noHost).toContain('RFC 9112 3.2');
    expect(describeHttp({ key: 'no-such-key' }, 'en')).toBeNull();
  });

  it('reads a chunk size as a number of bytes or as the hex digits sent', () => {
    expect(say({ key: 'chunk-size', params: { size: 26 } }, 'en')).toMatch(/1a in hexadecimal, so 26 bytes/);
    expect(say({ key: 'chunk-size', params: { size: '1A' } }, 'en')).toMatch(/1A in hexadecimal, so 26 bytes/);
  });

  it('finds a field whatever the case of its name, and says the method of a request line', () => {
    expect(say({ key: 'header', params: { name: 'CONTENT-length' } }, 'en')).toMatch(/^Content-Length: /);
    expect(say({ key: 'request', params: { method: 'HEAD', form: 'origin', version: 'HTTP/1.1' } }, 'en')).toMatch(/HEAD: Like GET/);
  });

  it('has no English prose in the Japanese, and every Japanese text is Japanese', () => {
    const ja = [...allTexts().map(([where, t]) => [where, t.ja] as const), ...KEYS.map((ref) => [JSON.stringify(ref), say(ref, 'ja')] as const)];
    for (const [where, text] of ja) {
      expect(text, where).toMatch(JAPANESE);
      expect(text, where).not.toMatch(ENGLISH_PROSE);
    }
    // The check itself catches a sentence left in English.
    expect('The server refuses this line.').toMatch(ENGLISH_PROSE);
  });

  it('uses one term for a header field in each language', () => {
    for (const [where, t] of allTexts()) {
      expect(t.en, where).not.toMatch(/\bheaders?\b(?! (field|section))/i);
      expect(t.en, where).not.toMatch(/\bheader line/i);
      expect(t.ja, where).not.toMatch(/ヘッダー(?!フィールド|部分)|ヘッダ(?!ー)|ヘッダー項目/);
    }
  });

  it('lists the six methods, the statuses and the fields the lab sends, each with its RFC section', () => {
    expect([...HTTP_METHOD_KNOWLEDGE.keys()]).toEqual([...HTTP_METHODS]);
    for (const m of HTTP_METHOD_KNOWLEDGE.values()) {
      expect(m.rfc, m.name).toMatch(/^RFC 9110 9\.3\.\d$/);
      expect(m.states).toEqual(['request-line']);
      expect(m.example[0], m.name).toMatch(new RegExp(`^C: ${m.name} \\S+ HTTP/1\\.1$`));
    }
    const codes = '100 200 201 204 206 301 302 303 304 307 308 400 401 403 404 405 408 411 412 413 414 416 417 421 431 500 501 503 505'.split(' ');
    for (const code of codes) {
      const s = HTTP_STATUS_KNOWLEDGE.get(code);
      expect(s?.rfc, code).toMatch(code === '431' ? /^RFC 6585 5$/ : new RegExp(`^RFC 9110 15\\.${Number(code[0]) + 1}\\.\\d+$`));
    }
    for (const c of ['1xx', '2xx', '3xx', '4xx', '5xx']) expect(HTTP_STATUS_KNOWLEDGE.get(c)?.rfc, c).toMatch(/^RFC 9110 15\.[2-6]$/);
    const fields =
      'Host Content-Length Transfer-Encoding Connection Content-Type Accept Accept-Language Accept-Encoding User-Agent ETag If-None-Match Last-Modified If-Modified-Since Range Content-Range Accept-Ranges Location Allow Expect Date Cache-Control Origin Cookie Set-Cookie Server Keep-Alive Trailer Content-Security-Policy Content-Disposition X-L7lab'.split(
        ' ',
      );
    for (const name of fields) {
      const f = HTTP_TERMS.get(name.toLowerCase());
      expect(f?.name, name).toBe(name);
      expect(f?.kind).toBe('field');
      expect(f?.rfc, name).toMatch(/^(RFC \d{4} [\dA-Z]+(\.\d+)*|W3C CSP Level 3 [\d.]+|Fetch Standard, .+)$/);
    }
    // Every row, those for browsers and web pages too, names where its fact comes from.
    for (const t of HTTP_TERMS.values()) expect(t.rfc, t.name).toMatch(/^(RFC \d{4}( [\dA-Z]+(\.\d+)*)?|W3C .+|Fetch Standard, .+)$/);
    expect(HTTP_FIELDS.size).toBe(FIELD_ROWS.length + WEB_FIELD_ROWS.length);
    for (const name of ['chunked', 'gzip', 'deflate']) expect(HTTP_TERMS.get(name)?.rfc, name).toMatch(/^RFC 911[02] [\d.]+$/);
    for (const s of HTTP_STATE_KNOWLEDGE.values()) expect(s.rfc, s.name).toMatch(/^RFC 9112 [356]$/);
    expect([...HTTP_STATE_KNOWLEDGE.keys()]).toEqual(['request-line', 'headers', 'body']);
  });
});

describe('HTTP field names in the words', () => {
  it('writes an unknown field name as usually written, though keys carry it in lower case', () => {
    expect(say({ key: 'trailer', params: { name: 'x-done' } }, 'en')).toMatch(/^Trailer field X-Done, /);
    expect(say({ key: 'header', params: { name: 'x-made-up' } }, 'ja')).toMatch(/^ヘッダーフィールド X-Made-Up です/);
  });
});

