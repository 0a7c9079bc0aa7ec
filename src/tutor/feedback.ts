import { closeEnough, editDistance } from '../edit-distance.js';
import type { Lang } from '../i18n.js';
import { decodeBase64 } from '../protocols/sasl.js';
import type { Protocol } from '../protocol.js';
import { KNOWLEDGE, commandWords, knowsCommand } from '../protocols/registry.js';
import { msg } from './messages.js';

/**
 * Why a typed line is not the one a step asks for, in one sentence the learner can act on:
 * an IMAP command without its tag (RFC 3501 2.2.1: every client command starts with a tag),
 * the right command without its argument, a near miss of the command name (the same edit
 * distance as `explain`'s "did you mean"), plain text where a SASL answer must be base64
 * (RFC 4954 4, RFC 3501 6.2.2). The line was still sent: the learner sees the real reply.
 */
export interface MissInput {
  lang: Lang;
  protocol: Protocol;
  typed: string;
  suggestion: string;
  /** The line answers a server continuation. */
  continues: boolean;
}

const words = (s: string) => s.trim().split(/\s+/).filter((w) => w !== '');

/** The command word: IMAP's second word (after the tag), else the first, up to a colon (`MAIL FROM:`). */
const verbOf = (protocol: Protocol, line: string): string => commandWords(protocol, line)[0] ?? '';

function missingTag(input: MissInput): string | null {
  if (input.protocol !== 'imap' || input.continues) return null;
  const first = (words(input.typed)[0] ?? '').toUpperCase();
  const verb = verbOf('imap', input.suggestion);
  if (first !== verb && !(closeEnough(verb, editDistance(first, verb)) && first.length > 2)) return null;
  return msg(input.lang, 'missingTag', { example: `a1 ${input.typed.trim()}` });
}

function missingArgument(input: MissInput): string | null {
  const verb = verbOf(input.protocol, input.suggestion);
  if (verb === '' || verbOf(input.protocol, input.typed) !== verb) return null;
  if (words(input.typed).length >= words(input.suggestion).length && !/:\s*$/.test(input.typed)) return null;
  return msg(input.lang, 'missingArgument', { verb, suggestion: input.suggestion });
}

function nearMiss(input: MissInput): string | null {
  const verb = verbOf(input.protocol, input.suggestion);
  const typed = verbOf(input.protocol, input.typed);
  if (verb === '' || typed === '' || typed === verb) return null;
  const d = editDistance(typed, verb);
  if (d === 0 || d > 2 || !closeEnough(typed, d)) return null;
  // HELO for EHLO is a real command, only not this step's: saying "not a command" would be false.
  return msg(input.lang, knowsCommand(KNOWLEDGE[input.protocol], input.typed) ? 'otherCommand' : 'nearMiss', { typed, verb });
}

/** RFC 3501 6.4.5: BODY[section] sets \Seen, BODY.PEEK[section] does not; a step that asks for PEEK says so. */
function missingPeek(input: MissInput): string | null {
  const section = /BODY\.PEEK(\[[^\]]*\])/i.exec(input.suggestion)?.[1];
  if (input.protocol !== 'imap' || section === undefined) return null;
  const typed = input.typed.toUpperCase();
  if (typed.includes('BODY.PEEK[') || !typed.includes(`BODY${section.toUpperCase()}`)) return null;
  return msg(input.lang, 'missingPeek', { section });
}

function needsBase64(input: MissInput): string | null {
  if (!input.continues) return null;
  const t = input.typed.trim();
  return t === '*' || decodeBase64(t) !== null ? null : msg(input.lang, 'needsBase64');
}

/** A reason more specific than "a different command", or null. */
export function specificMissReason(input: MissInput): string | null {
  return needsBase64(input) ?? missingTag(input) ?? missingPeek(input) ?? missingArgument(input) ?? nearMiss(input);
}

/** The most specific reason, or the generic "a different command". */
export function missReason(input: MissInput): string {
  return specificMissReason(input) ?? msg(input.lang, 'notAccepted');
}
