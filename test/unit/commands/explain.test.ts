import { describe, expect, it } from 'vitest';
import { runExplain } from '../../../src/commands/explain.js';
import { ExitError } from '../../../src/errors.js';
import { lookup, suggest } from '../../../src/explain/lookup.js';
import { KNOWLEDGE } from '../../../src/protocols/registry.js';
import { ENHANCED_DETAILS, ENHANCED_SUBJECTS } from '../../../src/protocols/smtp/knowledge/enhanced.js';

const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

async function explain(protocol: string, term: string, opts: Record<string, unknown> = {}): Promise<string> {
  const out: string[] = [];
  await runExplain(protocol, term, { lang: 'en', ...opts }, { write: (t) => out.push(plain(t)) });
  return out.join('\n');
}

async function failure(protocol: string, term: string, opts: Record<string, unknown> = {}): Promise<ExitError> {
  try {
    await explain(protocol, term, opts);
  } catch (err) {
    if (err instanceof ExitError) return err;
    throw err;
  }
  throw new Error('expected a failure');
}

describe('explain a reply code', () => {
  it('SMTP 354: meaning, RFC, class, category and an example exchange that shows it', async () => {
    const text = await explain('smtp', '354');
    expect(text).toMatch(/^SMTP reply 354 +RFC 5321 4\.1\.1\.4/);
    expect(text).toMatch(/meaning +go ahead/);
    expect(text).toMatch(/class +3xx: positive intermediate/);
    expect(text).toMatch(/category +x5x: mail system/);
    expect(text).toMatch(/example +from DATA\n +C: DATA\n +S: 354 /);
  });

  it('SMTP 250 lists the enhanced forms the table refines it into', async () => {
    const text = await explain('smtp', '250');
    expect(text).toContain('250 2.1.0: sender accepted');
    expect(text).toContain('250 2.1.5: recipient accepted');
  });

  it('an enhanced status code alone: class, subject, detail, and the lab replies that carry it (RFC 3463)', async () => {
    const text = await explain('smtp', '5.7.0');
    expect(text).toMatch(/^SMTP enhanced status code 5\.7\.0 +RFC 3463 2/);
    expect(text).toMatch(/class +5\.X\.X: permanent failure/);
    expect(text).toMatch(/subject +X\.7\.XXX: security or policy[^\n]*\n?[^\n]*RFC 3463 3\.8/);
    expect(text).toMatch(/sent as +501 5\.7\.0: authentication cancelled/);
  });

  it('5.7.8 (issue 21): bad credentials, from RFC 4954 6, not a list of commands', async () => {
    const text = await explain('smtp', '5.7.8');
    expect(text).toMatch(/detail +X\.7\.8: authentication credentials invalid/);
    expect(text).toContain('RFC 4954 6');
    expect(text).not.toContain('AUTH, DATA');
    const ja = await explain('smtp', '4.3.0', { lang: 'ja' });
    expect(ja).toMatch(/^SMTP 拡張ステータスコード 4\.3\.0/);
    expect(ja).toMatch(/クラス +4\.X\.X: 一時的な失敗/);
    expect(ja).toMatch(/詳細 +X\.3\.0: 受信側メールシステムに関する何らかの問題です/);
  });

  it('550 5.1.1 explains both parts; a code and detail no table lists still get their class', async () => {
    const both = await explain('smtp', '550 5.1.1');
    expect(both).toMatch(/^SMTP reply 550 5\.1\.1/);
    expect(both).toMatch(/class +5xx: permanent failure/);
    expect(both).toMatch(/enhanced code 5\.1\.1\n/);
    expect(both).toMatch(/detail +X\.1\.1: bad destination mailbox/);
    // A pasted continuation line with its text: the reply table has no 550 5.7.8, so 550 and 5.7.8 separately.
    const pasted = await explain('smtp', '550-5.7.8 Bad credentials');
    expect(pasted).toMatch(/^SMTP reply 550 +RFC 5321 4\.2\.2/);
    expect(pasted).toMatch(/detail +X\.7\.8: authentication credentials invalid/);
    const unlisted = await explain('smtp', '577 4.9.99');
    expect(unlisted).toMatch(/class +4\.X\.X: persistent transient failure/);
    expect(unlisted).toContain("4.9.99 is not in l7lab's table of details");
  });

  it('dotted digits that are no enhanced code fail with what the form is, not command names', async () => {
    const err = await failure('smtp', '3.1.1');
    expect(err.message).toContain('"3.1.1" is not an enhanced status code');
    expect(err.message).toContain('RFC 3463 2');
    expect((await failure('smtp', '3.1.1', { lang: 'ja' })).message).toContain('拡張ステータスコードではありません');
  });

  it('the enhanced-code table: en and ja for every entry, RFC 3463 details cite their subject\'s section', () => {
    for (const n of [...ENHANCED_SUBJECTS.values(), ...ENHANCED_DETAILS.values()]) {
      expect(n.meaning.en.length, n.code).toBeGreaterThan(5);
      expect(n.meaning.ja, n.code).toMatch(/[ぁ-んァ-ン一-龯]/);
      const subject = Number(n.code.split('.')[1]);
      if (n.rfc.startsWith('RFC 3463')) expect(n.rfc, n.code).toBe(`RFC 3463 3.${subject + 1}`);
      else expect(n.rfc, n.code).toMatch(/^RFC (4954 6|5248 2\.4|7505 5)$/);
    }
  });

  it('--json of an enhanced code carries its parts', async () => {
    const json = JSON.parse(await explain('smtp', '550 5.1.1', { json: true })) as { kind: string; enhanced: { code: string; parts: { code: string }[] } };
    expect(json.kind).toBe('reply');
    expect(json.enhanced.code).toBe('5.1.1');
    expect(json.enhanced.parts.map((p) => p.code)).toEqual(['5.X.X', 'X.1.XXX', 'X.1.1']);
  });

  it('an SMTP code no table lists: what its digits say, and a clear note', async () => {
    const text = await explain('smtp', '571');
    expect(text).toContain("571 is not in l7lab's table of SMTP replies");
    expect(text).toMatch(/class +5xx: permanent failure/);
    expect(text).toContain('the second digit 7 has no category in RFC 5321 4.2.1');
    const known = await explain('smtp', '420');
    expect(known).toMatch(/class +4xx: transient failure/);
    expect(known).toMatch(/category +x2x: connections/);
  });

  it('POP3 and IMAP status words and response codes, with or without brackets and sign', async () => {
    expect(await explain('pop3', '+ok')).toMatch(/^POP3 reply \+OK/);
    expect(await explain('pop3', 'err')).toMatch(/^POP3 reply -ERR/);
    expect(await explain('pop3', 'in-use')).toMatch(/^POP3 reply \[IN-USE\] +RFC 2449 8\.1\.2/);
    expect(await explain('imap', 'no')).toMatch(/^IMAP reply NO +RFC 3501 7\.1\.2/);
    expect(await explain('imap', '[TRYCREATE]')).toMatch(/CREATE it and try again/);
  });

  it('an unknown POP3/IMAP response code: the status classes every reply has', async () => {
    const pop = await explain('pop3', '[SOMETHING]');
    expect(pop).toContain("[SOMETHING] is not in l7lab's table of POP3 replies");
    expect(pop).toMatch(/\+OK: Success/);
    expect(pop).toMatch(/-ERR: Failure/);
    const imap = await explain('imap', '[X-NEW]');
    for (const s of ['OK', 'NO', 'BAD', 'BYE', 'PREAUTH']) expect(imap).toMatch(new RegExp(`class +${s}: `));
  });
});

describe('explain a command or a state', () => {
  it('SMTP MAIL: syntax, states, RFC, meaning, example', async () => {
    const text = await explain('smtp', 'mail from:');
    expect(text).toMatch(/^SMTP command MAIL +RFC 5321 4\.1\.1\.2/);
    expect(text).toMatch(/syntax +MAIL FROM:<reverse-path>/);
    expect(text).toMatch(/states +GREETED/);
    expect(text).toMatch(/C: MAIL FROM:<alice@example\.com>/);
  });

  it('IMAP FETCH is a command and an untagged response; UID FETCH is one command', async () => {
    const fetch = await explain('imap', 'fetch');
    expect(fetch).toMatch(/states +selected/);
    expect(fetch).toMatch(/as a response +Data of message n/);
    expect(await explain('imap', 'uid fetch')).toMatch(/^IMAP command UID FETCH +RFC 3501 6\.4\.8/);
  });

  it('a state: its meaning and the commands it allows', async () => {
    const text = await explain('pop3', 'transaction');
    expect(text).toMatch(/^POP3 state TRANSACTION/);
    const listed = /commands +(.*)/.exec(text)?.[1]?.split(', ') ?? [];
    expect(listed).toEqual(expect.arrayContaining(['STAT', 'LIST', 'RETR', 'DELE', 'QUIT']));
    expect(listed).not.toContain('USER');
  });

  it('in Japanese', async () => {
    const text = await explain('imap', 'FETCH', { lang: 'ja' });
    expect(text).toMatch(/^IMAP コマンド FETCH/);
    expect(text).toMatch(/構文 +FETCH sequence-set/);
    expect(text).toMatch(/使える状態 +selected/);
    expect(text).toContain('メッセージのデータ');
    expect(await explain('smtp', '571', { lang: 'ja' })).toContain('571 は l7lab の SMTP 応答表にありません');
  });
});

describe('explain fails clearly', () => {
  it('unknown protocol: usage error (exit 2) naming the protocols', async () => {
    const err = await failure('ftp', 'USER');
    expect(err.exitCode).toBe(2);
    expect(err.message).toBe('unknown protocol "ftp": use smtp, pop3, imap, http or dns');
  });

  it('unknown term: exit 1 with the closest commands', async () => {
    const err = await failure('smtp', 'MIAL');
    expect(err.exitCode).toBe(1);
    expect(err.message).toContain('closest commands: MAIL');
    expect((await failure('pop3', 'RETRIEVE')).message).toContain('closest commands: RETR');
    expect((await failure('imap', 'SELEKT', { lang: 'ja' })).message).toContain('近いコマンド: SELECT');
  });

  it('digits that are no SMTP code say what a code looks like', async () => {
    const err = await failure('smtp', '123');
    expect(err.exitCode).toBe(1);
    expect(err.message).toContain('the first 2, 3, 4 or 5');
  });

  it('--json: one object, the found flag, and still exit 1 for an unknown term', async () => {
    const json = JSON.parse(await explain('smtp', '354', { json: true })) as Record<string, unknown>;
    expect(json).toMatchObject({ protocol: 'smtp', kind: 'reply', found: true, code: '354', rfc: 'RFC 5321 4.1.1.4' });
    const out: string[] = [];
    await expect(runExplain('smtp', 'MIAL', { json: true, lang: 'en' }, { write: (t) => out.push(t) })).rejects.toMatchObject({ exitCode: 1, message: '' });
    expect(JSON.parse(out.join(''))).toMatchObject({ found: false, suggestions: ['MAIL'] });
  });
});

describe('lookups', () => {
  it('every command and reply of every table is found by its own name', () => {
    for (const k of Object.values(KNOWLEDGE)) {
      for (const name of k.commands.keys()) expect(lookup(k, name).kind, `${k.protocol} ${name}`).toBe('command');
      for (const code of k.replies.keys()) {
        const found = lookup(k, code);
        // IMAP names some responses like commands (FETCH, LIST, ...): those come back as the command, with the response
        if (found.kind === 'command') expect(found.reply?.code).toBe(code);
        else expect(found.kind === 'reply' && found.reply.code, `${k.protocol} ${code}`).toBe(code);
      }
    }
  });

  it('suggests the nearest commands even for a far-off word', () => {
    expect(suggest(KNOWLEDGE.pop3, 'XYZZY')).toHaveLength(3);
    expect(suggest(KNOWLEDGE.smtp, 'EHL')).toEqual(['EHLO']);
  });
});
