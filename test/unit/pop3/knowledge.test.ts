import { describe, expect, it } from 'vitest';
import { said } from '../../support/dialog.js';
import { POP3_COMMANDS } from '../../../src/protocols/pop3/commands/index.js';
import { explainPop3Server, POP3_KNOWLEDGE, responseCode } from '../../../src/protocols/pop3/knowledge/index.js';
import { LANGS } from '../../../src/i18n.js';
import { makeSession, makeStore, send } from './fixtures.js';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9faf]/;

describe('POP3 knowledge', () => {
  it('knows every command the server dispatches, with syntax, states, RFC, en+ja summary and an example', () => {
    expect([...POP3_KNOWLEDGE.commands.keys()].sort()).toEqual([...POP3_COMMANDS.keys()].sort());
    for (const [name, k] of POP3_KNOWLEDGE.commands) {
      expect(k.syntax.startsWith(name), name).toBe(true);
      expect(k.states.length, name).toBeGreaterThan(0);
      expect(k.rfc, name).toMatch(/^RFC \d+ \d/);
      expect(k.summary.en.length, name).toBeGreaterThan(20);
      expect(k.summary.ja, name).toMatch(JAPANESE);
      expect(k.example.every((l) => /^[CS]: /.test(l)), name).toBe(true);
      expect(k.example.some((l) => l.toUpperCase().startsWith(`C: ${name}`)), name).toBe(true);
    }
  });

  it('knows +OK, -ERR, the response codes and the three states', () => {
    for (const code of ['+OK', '-ERR', '[IN-USE]', '[AUTH]', '[SYS/TEMP]', '[SYS/PERM]', '[LOGIN-DELAY]']) {
      const r = POP3_KNOWLEDGE.replies.get(code);
      expect(r, code).toBeDefined();
      expect(r?.meaning.ja, code).toMatch(JAPANESE);
    }
    expect([...POP3_KNOWLEDGE.states.keys()]).toEqual(['AUTHORIZATION', 'TRANSACTION', 'UPDATE']);
    for (const s of POP3_KNOWLEDGE.states.values()) expect(s.meaning.ja).toMatch(JAPANESE);
  });

  it('finds the response code after the status', () => {
    expect(responseCode('-ERR [IN-USE] locked')).toBe('[IN-USE]');
    expect(responseCode('-ERR [SYS/TEMP] later')).toBe('[SYS/TEMP]');
    expect(responseCode('-ERR no code [AUTH] here')).toBeNull();
  });

  it('explains a +OK by the command it answers: after STAT, the count and total size', () => {
    const afterStat = explainPop3Server('+OK 2 320', 'en', 'STAT');
    expect(afterStat).toMatch(/count/);
    expect(afterStat).toMatch(/total size/);
    expect(explainPop3Server('+OK 2 320', 'en', 'LIST')).toMatch(/one message/);
    expect(explainPop3Server('+OK 2 messages (320 octets)', 'en', 'LIST')).toMatch(/one line per message/);
    expect(explainPop3Server('1 120', 'en', 'LIST')).toMatch(/size in octets/);
    expect(explainPop3Server('PIPELINING', 'ja', 'CAPA')).toMatch(JAPANESE);
    expect(explainPop3Server('-ERR [IN-USE] locked', 'en', 'PASS')).toMatch(/\[IN-USE\]: Another session/);
    expect(explainPop3Server('.', 'en', 'RETR')).toMatch(/End of the multi-line reply/);
  });

  it.each(LANGS)('every line of a real exchange carries a key the edge says in %s', async (lang) => {
    const store = await makeStore();
    const s = makeSession(store);
    const greeting = await s.greet();
    expect(said(greeting, 'pop3', lang).server[0]).toBeTruthy();
    for (const cmd of ['USER bob', 'PASS builder', 'STAT', 'LIST', 'UIDL', 'DELE 1', 'RSET', 'NOOP', 'CAPA', 'QUIT']) {
      const step = await send(s, cmd);
      const words = said(step, 'pop3', lang);
      expect(words.client, cmd).toMatch(lang === 'ja' ? JAPANESE : /^[\x20-\x7e]+$/);
      for (const [i, item] of step.out.entries()) {
        if (typeof item !== 'string') continue;
        const text = words.server[i];
        expect(text, `${cmd} -> ${item}`).toBeTruthy();
        if (lang === 'ja') expect(text, item).toMatch(JAPANESE);
        else expect(text, item).not.toMatch(JAPANESE);
      }
    }
  });

  it('explains an autologout and a wrong-state reply specifically', async () => {
    const s = makeSession(await makeStore());
    await s.greet();
    const wrong = await send(s, 'STAT');
    expect(said(wrong, 'pop3').server[0]).toMatch(/not in this state/);
    const t = s.timeout();
    expect(said(t, 'pop3').server[0]).toMatch(/nothing is deleted/);
  });
});
