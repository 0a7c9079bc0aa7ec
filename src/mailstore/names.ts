import { MAILBOX_NAME_MAX } from '../limits.js';
import { MailboxNameError } from './types.js';

/**
 * Mailbox and account name rules shared by every store. The hierarchy delimiter is "/"
 * (RFC 3501 5.1.1: the server picks it); "INBOX" is case-insensitive (RFC 3501 5.1), and so
 * is the first segment of its children, as Dovecot and Cyrus treat it.
 *
 * The rules are strict on purpose: a name becomes a directory on disk (maildir/layout.ts), so
 * nothing that could climb out of the root or confuse a shell or a LIST pattern is allowed.
 */
export const HIERARCHY_DELIMITER = '/';
export const INBOX = 'INBOX';

// C0 controls and DEL: NUL, CR and LF above all (RFC 3501 5.1 forbids CR/LF in names).
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Validate `name` and return its canonical form ("inbox/x" -> "INBOX/x"). */
export function canonicalMailbox(name: string): string {
  const why = invalidReason(name);
  if (why) throw new MailboxNameError(`invalid mailbox name ${JSON.stringify(name)}: ${why}`);
  const segments = name.split(HIERARCHY_DELIMITER);
  if ((segments[0] as string).toUpperCase() === INBOX) segments[0] = INBOX;
  return segments.join(HIERARCHY_DELIMITER);
}

function invalidReason(name: string): string | null {
  if (name.length === 0) return 'it is empty';
  if (Buffer.byteLength(name) > MAILBOX_NAME_MAX) return `it is longer than ${MAILBOX_NAME_MAX} octets`;
  if (CONTROL.test(name)) return 'it contains a control character (NUL, CR, LF, ...)';
  if (name.includes('*') || name.includes('%')) return '"*" and "%" are LIST wildcards (RFC 3501 6.3.8)';
  if (name.startsWith(HIERARCHY_DELIMITER)) return 'it starts with "/"';
  if (name.startsWith('~')) return 'it starts with "~"';
  for (const segment of name.split(HIERARCHY_DELIMITER)) {
    if (segment === '') return 'it has an empty level ("//" or a trailing "/")';
    if (segment === '..' || segment === '.') return 'it has a "." or ".." level';
  }
  return null;
}

export function isInbox(canonical: string): boolean {
  return canonical === INBOX;
}

/** "a/b/c" -> ["a", "a/b"]: the superiors CREATE should make too (RFC 3501 6.3.3). */
export function superiorsOf(canonical: string): string[] {
  const segments = canonical.split(HIERARCHY_DELIMITER);
  const out: string[] = [];
  for (let i = 1; i < segments.length; i++) out.push(segments.slice(0, i).join(HIERARCHY_DELIMITER));
  return out;
}

/** True when `name` is `parent` itself or one of its inferiors. */
export function isSameOrInferior(name: string, parent: string): boolean {
  return name === parent || name.startsWith(parent + HIERARCHY_DELIMITER);
}

/** Accounts are lowercased local parts (see accountOf); reject what could never be one. */
export function canonicalAccount(account: string): string {
  const lower = account.toLowerCase();
  if (lower.length === 0) throw new MailboxNameError('empty account name');
  if (CONTROL.test(lower)) throw new MailboxNameError(`invalid account name ${JSON.stringify(account)}: control character`);
  if (Buffer.byteLength(lower) > MAILBOX_NAME_MAX) throw new MailboxNameError(`account name longer than ${MAILBOX_NAME_MAX} octets`);
  return lower;
}
