import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { PRIVATE_FILE } from '../../limits.js';

/**
 * IMAP subscriptions of one account (RFC 3501 6.3.6): one mailbox name a line in the account
 * directory's `subscriptions` file, as Dovecot keeps them; rewritten whole (new file + rename).
 */
export function subscriptionsPath(accountDir: string): string {
  return join(accountDir, 'subscriptions');
}

export async function readSubscriptions(path: string): Promise<string[]> {
  const text = await fsp.readFile(path, 'utf8').catch(() => '');
  return [...new Set(text.split('\n').filter((l) => l.length > 0))].sort();
}

export async function writeSubscriptions(path: string, names: string[]): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await fsp.writeFile(tmp, names.sort().map((n) => `${n}\n`).join(''), { mode: PRIVATE_FILE });
  await fsp.rename(tmp, path);
}
