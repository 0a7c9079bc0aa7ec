/**
 * IMAP tags (RFC 3501 2.2.1): every command starts with a tag the client chooses, and the
 * server's tagged completion repeats it. Learners forget it; the shell adds one when the
 * line has none (`SELECT INBOX` -> `a3 SELECT INBOX`) and leaves a typed one alone.
 */

/** tag = 1*<any ASTRING-CHAR except "+"> (RFC 3501 9): no SP, CTL, ( ) { % * " \ or +. */
const TAG = /^[\x21-\x7e]+$/;
const NOT_IN_TAG = /[(){%*"\\+]/;

export function isTag(word: string): boolean {
  return TAG.test(word) && !NOT_IN_TAG.test(word);
}

/** A command word as the knowledge table spells it: `UID FETCH` is one command. */
function commandAt(words: readonly string[], i: number, commands: ReadonlySet<string>): string | null {
  const first = (words[i] ?? '').toUpperCase();
  const second = (words[i + 1] ?? '').toUpperCase();
  if (second && commands.has(`${first} ${second}`)) return `${first} ${second}`;
  return commands.has(first) ? first : null;
}

/** A word that looks like a command (an atom of letters), known or not: `XLIST`, `XAPPLEPUSHSERVICE`. */
const COMMAND_SHAPE = /^[A-Za-z][A-Za-z0-9-]*$/;

/**
 * Does the line start with a tag? Read both ways, untagged (`SELECT INBOX`) and tagged
 * (`a1 SELECT INBOX`), and keep the reading that names a known command. When both do
 * (`UID FETCH 1 FLAGS`, a mailbox called LIST), the first word is the command: tags that
 * are command names are rare, commands typed without a tag are what this is for.
 */
export function hasTag(line: string, commands: ReadonlySet<string>): boolean {
  const words = line.trim().split(/\s+/).filter((w) => w !== '');
  if (words.length < 2 || !isTag(words[0] as string)) return false;
  const untagged = commandAt(words, 0, commands) !== null;
  const tagged = commandAt(words, 1, commands) !== null;
  if (untagged) return false;
  if (tagged) return true;
  // Neither reading names a known command: `a1 XFOO` is tagged, `XLIST "" *` is not.
  return COMMAND_SHAPE.test(words[1] as string);
}

/** Hands out a1, a2, ... and keeps counting past tags the user typed in the same style. */
export class TagCounter {
  private n = 0;

  next(): string {
    this.n += 1;
    return `a${this.n}`;
  }

  /** A typed tag like `a7` moves the counter on, so the next automatic one is a8. */
  saw(tag: string): void {
    const m = /^a(\d{1,9})$/i.exec(tag);
    if (m) this.n = Math.max(this.n, Number(m[1]));
  }
}

export interface Tagged {
  line: string;
  tag: string;
  added: boolean;
}

/** The line as it goes on the wire: with the typed tag, or with the next automatic one. */
export function ensureTag(line: string, commands: ReadonlySet<string>, counter: TagCounter): Tagged {
  if (hasTag(line, commands)) {
    const tag = line.trim().split(/\s+/)[0] as string;
    counter.saw(tag);
    return { line, tag, added: false };
  }
  const tag = counter.next();
  return { line: `${tag} ${line.trimStart()}`, tag, added: true };
}
