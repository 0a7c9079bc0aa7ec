import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LANGS, type Lang } from '../../../src/i18n.js';
import { describePop3, explainPop3Server, POP3_KNOWLEDGE } from '../../../src/protocols/pop3/knowledge/index.js';
import { pop3ClientKey, pop3ServerKey } from '../../../src/protocols/pop3/knowledge/keys.js';
import { Pop3Session } from '../../../src/protocols/pop3/session.js';
import { makeAccounts, makeStore, RFC_TIMESTAMP } from './fixtures.js';
import { explainDialog, type ExplainedLine } from './transcript-dialog.js';

const GOLDEN = JSON.parse(readFileSync(new URL('./explanations.golden.json', import.meta.url), 'utf8')) as Record<Lang, ExplainedLine[]>;

async function run(explain: Parameters<typeof explainDialog>[1]): Promise<ExplainedLine[]> {
  const store = await makeStore();
  const mrose = await makeStore([], 'mrose');
  let n = 0;
  return explainDialog(
    (which) =>
      new Pop3Session({
        id: `k${++n}`,
        store: which === 'apop' ? mrose : store,
        accounts: makeAccounts(),
        timestamp: RFC_TIMESTAMP,
        hostname: 'test',
        ...(which === 'stls' ? { tls: { starttls: true } } : {}),
      }),
    explain,
  );
}

describe('POP3 knowledge keys', () => {
  it.each(LANGS)('describe(step key, %s) says for every line of a real dialog what the transcript said before keys', async (lang) => {
    const got = await run((_s, step, line) => {
      const key = line === 'client' ? step.client?.knowledge : step.knowledge?.[line];
      return key ? describePop3(key, lang) : null;
    });
    expect(got).toEqual(GOLDEN[lang]);
    expect(got.filter((l) => l.explanation !== null).length).toBeGreaterThan(100);
  });

  it('attaches a key to every out line (null only for raw chunks) and to every client line', async () => {
    const checked = await run((_s, step, line) => {
      if (line === 'client') expect(step.client && 'knowledge' in step.client).toBe(true);
      else {
        expect(step.knowledge?.length).toBe(step.out.length);
        expect(step.knowledge?.[line] === null).toBe(typeof step.out[line] !== 'string');
      }
      return null;
    });
    expect(checked.length).toBeGreaterThan(100);
  });

  it.each([
    ['+OK 2 320', 'STAT', { key: 'ok', params: { command: 'STAT' } }],
    ['+OK 2 320', 'LIST', { key: 'ok', params: { command: 'LIST', form: 'one' } }],
    ['+OK 2 1732950000.2', 'UIDL', { key: 'ok', params: { command: 'UIDL', form: 'one' } }],
    ["+OK bob's maildrop has 2 messages (10 octets)", 'PASS', { key: 'ok', params: { command: 'PASS', form: 'login' } }],
    ['+OK Logged in.', 'PASS', { key: 'ok', params: { command: 'PASS', form: 'login' } }],
    ['+OK supported SASL mechanisms follow', 'AUTH', { key: 'ok', params: { command: 'AUTH' } }],
    ['+OK l7lab POP3 server ready <1.2@x>', 'GREETING', { key: 'greeting' }],
    ['-ERR [IN-USE] locked', 'PASS', { key: 'err', params: { command: 'PASS', code: '[IN-USE]' } }],
    ['-ERR [AUTH] plaintext authentication disallowed', 'USER', { key: 'err', params: { command: 'USER', reason: 'cleartext', code: '[AUTH]' } }],
    ['-ERR [AUTH] invalid user name or password', 'PASS', { key: 'err', params: { command: 'PASS', code: '[AUTH]' } }],
    ['-ERR [SYS/TEMP] server shutting down', '', { key: 'err', params: { code: '[SYS/TEMP]' } }],
    ['-ERR STAT is not allowed in the AUTHORIZATION state', 'STAT', { key: 'err', params: { command: 'STAT', reason: 'wrong-state' } }],
    ['-ERR autologout', 'TIMEOUT', { key: 'err', params: { reason: 'timeout' } }],
    ['.', 'RETR', { key: 'end', params: { command: 'RETR' } }],
    ['+ ', 'AUTH', { key: 'sasl-continue' }],
    ['1 120', 'LIST', { key: 'listing', params: { command: 'LIST' } }],
    ['PIPELINING', 'CAPA', { key: 'capability', params: { name: 'PIPELINING' } }],
    ['1 120', 'STAT', null],
  ])('serverKey(%j, %j) is semantic and lang-free', (line, answers, key) => {
    expect(pop3ServerKey(line, answers)).toEqual(key);
  });

  it('clientKey: a command, a SASL response, nothing for an empty line or an unknown command', () => {
    expect(pop3ClientKey('retr 1')).toEqual({ key: 'command', params: { name: 'RETR' } });
    expect(pop3ClientKey('AGJvYgBidWlsZGVy', 'sasl')).toEqual({ key: 'sasl-response' });
    expect(pop3ClientKey('')).toBeNull();
    expect(POP3_KNOWLEDGE.clientKey?.('XYZZY')).toBeNull();
    expect(POP3_KNOWLEDGE.describe?.({ key: 'command', params: { name: 'XYZZY' } }, 'en')).toBeNull();
  });

  it('describe: a +OK after a PASS on another server is a login, and [AUTH] is explained in both languages', () => {
    expect(explainPop3Server('+OK Logged in.', 'en', 'PASS')).toMatch(/^Logged in/);
    const auth = { key: 'err', params: { command: 'USER', code: '[AUTH]' } };
    expect(describePop3(auth, 'en')).toMatch(/\[AUTH\]: The credentials were wrong/);
    expect(describePop3(auth, 'ja')).toMatch(/\[AUTH\]: 認証情報/);
  });

  it('describe never reaches Object.prototype and knows only its own keys', () => {
    expect(describePop3({ key: 'ok', params: { command: 'constructor' } }, 'en')).toBe(describePop3({ key: 'ok' }, 'en'));
    expect(describePop3({ key: 'capability', params: { name: '__proto__' } }, 'en')).toBeNull();
    expect(describePop3({ key: 'reply', params: { code: '250' } }, 'en')).toBeNull();
  });
});
