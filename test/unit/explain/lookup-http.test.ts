import { describe, expect, it } from 'vitest';
import { runExplain } from '../../../src/commands/explain.js';
import { ExitError } from '../../../src/errors.js';
import { lookup } from '../../../src/explain/lookup.js';
import { KNOWLEDGE } from '../../../src/protocols/registry.js';

/** `l7lab explain http ...` through the command module: status codes, methods, fields, codings, states. */
const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

async function explain(term: string, opts: Record<string, unknown> = {}): Promise<string> {
  const out: string[] = [];
  await runExplain('http', term, { lang: 'en', ...opts }, { write: (t) => out.push(plain(t)) });
  return out.join('\n');
}

describe('explain http', () => {
  it('a status code: its reason phrase, meaning, class and RFC section, and an exchange that shows it', async () => {
    const text = await explain('404');
    expect(text).toMatch(/^HTTP status 404 +RFC 9110 15\.5\.5\n/);
    expect(text).toMatch(/meaning +Not Found: /);
    const ok = await explain('200');
    expect(ok).toMatch(/example +from GET\n +C: GET \/hello\.txt HTTP\/1\.1/);
    expect(await explain('4xx')).toMatch(/^HTTP status 4xx +RFC 9110 15\.5\n/);
  });

  it('an unlisted status code gets what its class says; digits that are no status code fail clearly', async () => {
    const text = await explain('418');
    expect(text).toContain("418 is not in l7lab's table of HTTP replies");
    expect(text).toMatch(/class +4xx: Client error/);
    await expect(explain('99')).rejects.toMatchObject({ message: '"99" is not an HTTP status code: a status code is three digits, the first 1 to 5 (RFC 9110 15)' });
  });

  it('a header field, whatever its case, or pasted as a whole field line', async () => {
    for (const term of ['Host', 'host', 'HOST', 'Host: localhost']) expect(await explain(term)).toMatch(/^HTTP header field Host +RFC 9110 7\.2\n/);
    expect(await explain('content-length', { lang: 'ja' })).toMatch(/^HTTP ヘッダーフィールド Content-Length +RFC 9110 8\.6\n/);
  });

  it('a coding, a method and a state', async () => {
    expect(await explain('chunked')).toMatch(/^HTTP coding chunked +RFC 9112 7\.1\n/);
    const get = await explain('get');
    expect(get).toMatch(/^HTTP method GET +RFC 9110 9\.3\.1\n/);
    expect(get).toMatch(/syntax +GET <request-target> HTTP\/1\.1/);
    expect(await explain('headers')).toMatch(/^HTTP state headers +RFC 9112 5\n/);
  });

  it('an unknown term names the nearest methods and fields', async () => {
    const err = await explain('Hots').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExitError);
    expect((err as ExitError).message).toContain('closest: Host');
  });

  it('--json gives a field as a term with its kind', async () => {
    expect(lookup(KNOWLEDGE.http, 'etag')).toMatchObject({ kind: 'term', term: { name: 'ETag', kind: 'field' } });
    const json = JSON.parse(await explain('etag', { json: true })) as Record<string, unknown>;
    expect(json).toMatchObject({ protocol: 'http', kind: 'term', found: true, name: 'ETag', termKind: 'field', rfc: 'RFC 9110 8.8.3' });
    expect(json.meaning).toMatch(/If-None-Match/);
  });
});
