import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AUTH_TEXTS, authStepText } from '../../../src/mailauth/messages.js';

const SRC = new URL('../../../src/mailauth/', import.meta.url);

/** Every key the engine's sources name, literal ('spf.match') or built (`dkim.sig-${error}`, from the errors readSignature gives). */
function keysInSources(): string[] {
  const keys = new Set<string>();
  const texts = readdirSync(SRC)
    .filter((f) => f.endsWith('.ts') && !f.startsWith('messages'))
    .map((f) => readFileSync(new URL(f, SRC), 'utf8'));
  for (const text of texts) for (const m of text.matchAll(/'((?:spf|dkim|dmarc)\.[a-z-]+)'/g)) keys.add(m[1]!);
  expect(texts.some((t) => t.includes('dkim.sig-${'))).toBe(true);
  const signatureErrors = texts.find((t) => t.includes('export function readSignature')) ?? '';
  for (const m of signatureErrors.matchAll(/error: '([a-z-]+)'/g)) keys.add(`dkim.sig-${m[1]!}`);
  return [...keys].sort();
}

describe('the engine\'s step texts', () => {
  it('every key the engine uses has English and Japanese, and no text is left unused', () => {
    const used = keysInSources();
    expect(used.length).toBeGreaterThan(40);
    expect(used.filter((k) => !AUTH_TEXTS[k])).toEqual([]);
    expect(Object.keys(AUTH_TEXTS).filter((k) => !used.includes(k))).toEqual([]);
  });
  it('the two languages name the same parameters', () => {
    for (const [key, text] of Object.entries(AUTH_TEXTS)) {
      const params = (s: string): string[] => [...s.matchAll(/\{([a-z]+)\}/g)].map((m) => m[1]!).sort();
      expect(params(text.ja), key).toEqual(params(text.en));
      expect(text.ja, key).toMatch(/[ぁ-んァ-ン一-龯]/);
    }
  });
  it('renders a step in either language', () => {
    const step = { key: 'spf.result', params: { result: 'fail', domain: 'example.net', ip: '127.0.0.1' } };
    expect(authStepText(step, 'en')).toBe('SPF result for 127.0.0.1 sending as example.net: fail (RFC 7208 2.6).');
    expect(authStepText(step, 'ja')).toContain('127.0.0.1 が example.net として送った');
  });
});
