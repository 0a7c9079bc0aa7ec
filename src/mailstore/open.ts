import { resolve } from 'node:path';
import { defaultMailStoreDir } from '../paths.js';
import { MaildirStore } from './maildir/store.js';
import { MemoryStore } from './memory.js';
import type { MailStore } from './types.js';

/**
 * The store a command works on: in memory (lessons, `serve --memory`) or the Maildir at `dir`,
 * by default $XDG_DATA_HOME/l7lab/mail so captured mail survives restarts. Opening creates
 * nothing: a store that does not exist yet simply has no mail.
 */
export interface OpenStoreOptions {
  dir?: string;
  memory?: boolean;
  env?: NodeJS.ProcessEnv;
}

export function storeDirOf(opts: OpenStoreOptions = {}): string {
  return resolve(opts.dir ?? defaultMailStoreDir(opts.env));
}

export function openStore(opts: OpenStoreOptions = {}): MailStore {
  if (opts.memory) return new MemoryStore();
  return new MaildirStore(storeDirOf(opts));
}
