import { describe, expect, it } from 'vitest';
import { langOption } from '../../../src/commands/options.js';
import { UsageError } from '../../../src/errors.js';
import { localize, messages, systemReason } from '../../../src/i18n.js';

describe('langOption: --lang parsed once for every command', () => {
  it.each([
    [{ lang: 'ja' }, {}, 'ja'],
    [{ lang: 'en' }, { LANG: 'ja_JP.UTF-8' }, 'en'],
    [{}, { LANG: 'ja_JP.UTF-8' }, 'ja'],
    [{}, { LC_ALL: 'C', LANG: 'ja_JP.UTF-8' }, 'en'],
  ] as const)('%j under %j -> %s', (opts, env, want) => {
    expect(langOption(opts, env)).toBe(want);
  });

  it('a bad value is a usage error (exit 2) in the locale language, with the command prefix', () => {
    const en = () => langOption({ lang: 'fr' }, { LANG: 'C' }, 'mail: ');
    expect(en).toThrow(UsageError);
    expect(en).toThrow('mail: unknown language "fr": use en or ja');
    expect(() => langOption({ lang: 'fr' }, { LANG: 'ja_JP.UTF-8' })).toThrow('言語 "fr" には対応していません。en か ja を指定してください');
  });
});

describe('the one localized-message helper', () => {
  const t = messages({ hi: { en: 'hello {name}', ja: '{name} さん、こんにちは' } });

  it('picks the language and fills the placeholders; an unknown one stays visible', () => {
    expect(t('en', 'hi', { name: 'Ann' })).toBe('hello Ann');
    expect(t('ja', 'hi', { name: 'Ann' })).toBe('Ann さん、こんにちは');
    expect(localize({ en: '{x} and {y}', ja: '{x} と {y}' }, 'en', { x: 1 })).toBe('1 and {y}');
  });
});

describe('systemReason', () => {
  const err = Object.assign(new Error("EACCES: permission denied, mkdir '/x/y'"), { code: 'EACCES', path: '/x/y' });

  it("keeps Node's English under en, only the code and path under ja", () => {
    expect(systemReason(err, 'en')).toBe("EACCES: permission denied, mkdir '/x/y'");
    expect(systemReason(err, 'ja')).toBe('EACCES /x/y');
    expect(systemReason(Object.assign(new Error('x'), { code: 'ECONNRESET' }), 'ja')).toBe('ECONNRESET');
  });
});

