import { describe, expect, it } from 'vitest';
import { runExplain } from '../../../src/commands/explain.js';
import { lookup } from '../../../src/explain/lookup.js';
import { KNOWLEDGE } from '../../../src/protocols/registry.js';

/** `l7lab explain dns ...` through the lookup and the command module: record types, RCODEs, flags, terms. */
const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');
const dns = KNOWLEDGE.dns;

async function explain(term: string, lang: 'en' | 'ja' = 'en'): Promise<string> {
  const out: string[] = [];
  await runExplain('dns', term, { lang }, { write: (t) => out.push(plain(t)) });
  return out.join('\n');
}

describe('lookup in DNS knowledge', () => {
  it.each([
    ['MX', 'command', 'MX'],
    ['mx', 'command', 'MX'],
    ['NXDOMAIN', 'reply', 'NXDOMAIN'],
    ['nxdomain', 'reply', 'NXDOMAIN'],
    ['3', 'reply', 'NXDOMAIN'],
    ['NODATA', 'reply', 'NODATA'],
    ['AA', 'term', 'AA'],
    ['aa', 'term', 'AA'],
    ['TTL', 'term', 'TTL'],
    ['Glue', 'term', 'glue'],
    ['negative caching', 'term', 'negative caching'],
    ['.', 'term', 'root'],
    ['state', 'term', 'state'],
  ])('%s is a %s', (term, kind, name) => {
    const found = lookup(dns, term);
    expect(found.kind).toBe(kind);
    const got = found.kind === 'command' ? found.command.name : found.kind === 'reply' ? found.reply.code : found.kind === 'term' ? found.term.name : '';
    expect(got).toBe(name);
  });

  it('an unknown term suggests the nearest names, and brackets are no reply class', () => {
    const found = lookup(dns, 'MXX');
    expect(found).toMatchObject({ kind: 'unknown', suggestions: expect.arrayContaining(['MX']) });
    expect(lookup(dns, '[FOO]').kind).toBe('unknown');
  });
});

describe('explain dns', () => {
  it('NXDOMAIN: RCODE, meaning and RFC section', async () => {
    expect(await explain('NXDOMAIN')).toMatch(/^DNS RCODE NXDOMAIN +RFC 2308 2\.1\n +meaning +RCODE 3, name error/);
  });

  it('MX: the record type, its presentation syntax, no states row, an example', async () => {
    const text = await explain('MX');
    expect(text).toMatch(/^DNS record type MX +RFC 1035 3\.3\.9\n +syntax +<domain> <ttl> IN MX <preference> <exchange>\n +meaning/);
    expect(text).not.toContain('states');
    expect(text).toMatch(/C: MX example\.net\n +S: example\.net\. 300 IN MX 10 mx\.example\.net\./);
  });

  it('AA and TTL in English and Japanese', async () => {
    expect(await explain('AA')).toMatch(/^DNS header flag AA +RFC 1035 4\.1\.1\n +meaning +Authoritative Answer/);
    expect(await explain('ttl', 'ja')).toMatch(/^DNS 用語 TTL +RFC 1035 3\.2\.1\n +意味 +Time To Live/);
  });

  it('an unknown term fails with the DNS wording', async () => {
    await expect(explain('MXX')).rejects.toMatchObject({ message: expect.stringMatching(/^no record type, RCODE, flag, section or term "MXX" in DNS; closest: MX/) });
  });
});
