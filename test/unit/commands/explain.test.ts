import { describe, expect, it } from 'vitest';
import { runExplain } from '../../../src/commands/explain.js';
import { ExitError } from '../../../src/errors.js';
import { lookup, suggest } from '../../../src/practice/explain-lookup.js';
import { KNOWLEDGE } from '../../../src/practice/knowledge.js';

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

  it('an enhanced status code alone finds its reply (RFC 3463)', async () => {
    expect(await explain('smtp', '5.7.0')).toMatch(/^SMTP reply 501 5\.7\.0/);
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
    expect(err.message).toBe('unknown protocol "ftp": use smtp, pop3 or imap');
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
