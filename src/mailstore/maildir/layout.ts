import * as crypto from 'node:crypto';
import { hostname } from 'node:os';
import { resolve, sep } from 'node:path';
import { HIERARCHY_DELIMITER, INBOX } from '../names.js';
import { MailboxNameError } from '../types.js';
import { MAILBOX_NAME_MAX } from '../../limits.js';

/**
 * How l7lab lays a store out on disk, so standard Maildir tools (mutt, Dovecot, mblaze) read it:
 *
 *   <root>/<account>/            a Maildir (tmp/ new/ cur/): the account's INBOX
 *   <root>/<account>/.Work.Old/  Maildir++ folder for IMAP "Work/Old" (Courier's layout)
 *
 * Maildir++ uses "." on disk where IMAP uses "/", so a "." (and the "%" escape itself)
 * inside one level of a name is written %2E (%25). Account names are lowercased local parts;
 * anything outside [a-z0-9._+=-] (and a leading ".") is %XX-escaped, so an account can never
 * be "..", start with ".", or hold a "/".
 */
const ACCOUNT_SAFE = /^[a-z0-9_+=-]$/;

function escapeByte(ch: string): string {
  return [...Buffer.from(ch)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

export function accountDirName(account: string): string {
  let out = '';
  for (const [i, ch] of [...account].entries()) out += ACCOUNT_SAFE.test(ch) || (ch === '.' && i > 0) ? ch : escapeByte(ch);
  return out;
}

/** The inverse of accountDirName, or null for a directory l7lab did not make. */
export function accountOfDirName(dir: string): string | null {
  if (dir.startsWith('.') || dir.length === 0) return null;
  try {
    const name = decodeURIComponent(dir);
    return accountDirName(name) === dir ? name : null;
  } catch {
    return null;
  }
}

/** "Work/Old" -> ".Work.Old"; INBOX is the account directory itself (""). */
export function folderDirName(mailbox: string): string {
  if (mailbox === INBOX) return '';
  const levels = mailbox.split(HIERARCHY_DELIMITER).map((s) => s.replace(/%/g, '%25').replace(/\./g, '%2E'));
  const dir = `.${levels.join('.')}`;
  if (Buffer.byteLength(dir) > MAILBOX_NAME_MAX) throw new MailboxNameError(`mailbox name too long on disk: ${mailbox}`);
  return dir;
}

/** ".Work.Old" -> "Work/Old"; null for anything that is not a folder name l7lab writes. */
export function mailboxOfDirName(dir: string): string | null {
  if (!dir.startsWith('.') || dir === '.' || dir === '..') return null;
  const levels = dir.slice(1).split('.');
  if (levels.some((l) => l.length === 0)) return null;
  try {
    const name = levels.map((l) => decodeURIComponent(l)).join(HIERARCHY_DELIMITER);
    return folderDirName(name) === dir ? name : null;
  } catch {
    return null;
  }
}

/** Join under root and prove the result stays inside it (defence in depth after validation). */
export function inside(root: string, ...parts: string[]): string {
  const base = resolve(root);
  const path = resolve(base, ...parts);
  if (path !== base && !path.startsWith(base + sep)) throw new MailboxNameError(`path escapes the mail store: ${parts.join('/')}`);
  return path;
}

// ---- file names (https://cr.yp.to/proto/maildir.html, Maildir++ ",S=" size) ----

let counter = 0;
const HOST = hostname().replace(/\//g, '\\057').replace(/:/g, '\\072').replace(/,/g, '\\054') || 'localhost';

/**
 * The pid and host a tmp/ name was made by (uniqueBase's `P<pid>Q<n>.<host>`, or another
 * tool's `P<pid>.<host>`), or null for a name of another shape.
 */
export function writerOfBase(name: string): { pid: number; ownHost: boolean } | null {
  const m = /^\d+\.(?:M\d+)?P(\d+)(?:Q\d+)?\.([^,:]+)/.exec(name);
  return m ? { pid: Number(m[1]), ownHost: m[2] === HOST } : null;
}

/** A name no other delivery uses: seconds, microseconds, pid, a counter, the host, the size. */
export function uniqueBase(size: number, now: Date = new Date()): string {
  const ms = now.getTime();
  const usec = (ms % 1000) * 1000 + Math.floor(Math.random() * 1000);
  counter = (counter + 1) % 1_000_000_000;
  return `${Math.floor(ms / 1000)}.M${usec}P${process.pid}Q${counter}.${HOST},S=${size}`;
}

/** Maildir info letters, in the ASCII order the spec requires: D F R S T. */
const LETTERS: ReadonlyArray<[string, string]> = [
  ['D', '\\Draft'],
  ['F', '\\Flagged'],
  ['R', '\\Answered'],
  ['S', '\\Seen'],
  ['T', '\\Deleted'],
];
const FLAG_OF = new Map(LETTERS);

export interface ParsedName {
  base: string;
  /** System flags from the ":2," info. */
  flags: string[];
  /** Info letters l7lab does not interpret (P, Dovecot's a-z keywords), kept on rename. */
  otherLetters: string;
}

export function parseFileName(name: string): ParsedName {
  const colon = name.indexOf(':');
  if (colon < 0) return { base: name, flags: [], otherLetters: '' };
  const info = name.slice(colon + 1);
  const letters = info.startsWith('2,') ? info.slice(2) : '';
  const flags: string[] = [];
  let otherLetters = '';
  for (const ch of letters) {
    const flag = FLAG_OF.get(ch);
    if (flag) flags.push(flag);
    else otherLetters += ch;
  }
  return { base: name.slice(0, colon), flags, otherLetters };
}

export function fileNameFor(base: string, flags: readonly string[], otherLetters = ''): string {
  const letters = LETTERS.filter(([, flag]) => flags.includes(flag)).map(([l]) => l).join('');
  const all = [...new Set(letters + otherLetters)].sort().join('');
  return `${base}:2,${all}`;
}

/** The size Maildir++ writers put in the name, so a scan needs no stat. */
export function sizeFromBase(base: string): number | null {
  const m = /,S=(\d+)(?:,|$)/.exec(base);
  return m ? Number(m[1]) : null;
}

/** Store-wide id for `l7lab mail show`: short, and stable because the base never changes. */
export function idOfBase(base: string): string {
  return sha1Hex(base).slice(0, 12);
}

// crypto.hash (Node 20.12+) hashes without a Hash object per call: SELECT of a big mailbox asks 10,000 times.
const sha1Hex: (text: string) => string =
  typeof crypto.hash === 'function' ? (text) => crypto.hash('sha1', text, 'hex') : (text) => crypto.createHash('sha1').update(text).digest('hex');
