import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runMailClear, runMailShow, type MailIo } from '../../src/commands/mail.js';
import { ExitError, UsageError } from '../../src/errors.js';
import { MaildirStore } from '../../src/mailstore/maildir/store.js';
import type { Prompts } from '../../src/ui/prompts.js';
import { scratch } from '../support/scratch.js';

/** The mail commands with a scripted terminal: what `clear` asks, and what it does with the answer. */
function scripted(answer: boolean, interactive = true): { io: MailIo; asked: string[]; out: string[] } {
  const asked: string[] = [];
  const out: string[] = [];
  const prompts: Prompts = {
    select: async () => {
      throw new Error('not asked');
    },
    input: async () => {
      throw new Error('not asked');
    },
    confirm: async (message) => {
      asked.push(message);
      return answer;
    },
  };
  return { io: { write: (t) => void out.push(t.toString()), prompts, interactive }, asked, out };
}

describe('l7lab mail clear / show (functions)', () => {
  const { tempDir } = scratch('l7lab-mailcmd-');
  let root: string;
  beforeEach(async () => {
    root = tempDir();
    const store = new MaildirStore(root);
    await store.deliver({ from: 'a@b', to: ['bob@x', 'alice@y'] }, Buffer.from('Subject: hi\r\n\r\nbody\r\n'));
    await store.close();
  });

  const files = () => readdirSync(join(root, 'bob', 'new')).length + readdirSync(join(root, 'alice', 'new')).length;

  it('asks first on a terminal, and "no" deletes nothing', async () => {
    const t = scripted(false);
    await runMailClear({ store: root, lang: 'en' }, t.io);
    // One SMTP transaction to two accounts is one message (two copies on disk).
    expect(t.asked).toEqual([`Delete all 1 captured message(s) in ${root}?`]);
    expect(t.out.join('')).toBe('Nothing deleted.\n');
    expect(files()).toBe(2);
  });

  it('"yes" deletes them all and says how many', async () => {
    const t = scripted(true);
    await runMailClear({ store: root, lang: 'ja' }, t.io);
    expect(t.asked).toHaveLength(1);
    expect(t.out.join('')).toBe(`${root} から 1 通を削除しました。\n`);
    expect(files()).toBe(0);
    // The envelope kept beside the messages goes with them.
    expect(readdirSync(join(root, 'l7lab@transactions'))).toEqual([]);
  });

  it('--yes never asks; without a terminal and without --yes it is a usage error', async () => {
    const quiet = scripted(true, false);
    await expect(runMailClear({ store: root, lang: 'en' }, quiet.io)).rejects.toBeInstanceOf(UsageError);
    expect(quiet.asked).toEqual([]);
    expect(files()).toBe(2);
    await runMailClear({ store: root, yes: true, lang: 'en' }, quiet.io);
    expect(quiet.asked).toEqual([]);
    expect(files()).toBe(0);
  });

  it('show of an unknown id is a one-line failure (exit 1)', async () => {
    const t = scripted(true);
    const err = await runMailShow('ffffffffffff0', { store: root, lang: 'en' }, t.io).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExitError);
    expect((err as ExitError).exitCode).toBe(1);
    expect((err as ExitError).message).not.toContain('\n');
  });
});
