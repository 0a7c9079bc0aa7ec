import { ProtocolSyntaxError } from '../errors.js';
import { IMAP_COMMANDS } from './commands/index.js';
import type { ImapToken, ParsedCommand } from './parser.js';

/**
 * IMAP's own part of dispatching, before the one dispatcher (runCommand) takes over:
 * a UID command is the two words `UID FETCH`, its arguments start after the second.
 */
const UID_SYNTAX = 'UID FETCH|STORE|SEARCH|COPY|EXPUNGE uid-set ...';

export function verbOf(cmd: ParsedCommand): { verb: string; tokens: readonly ImapToken[] } {
  if (cmd.command !== 'UID') return { verb: cmd.command, tokens: cmd.args };
  const sub = cmd.args[0];
  if (sub?.type !== 'atom') throw new ProtocolSyntaxError('UID needs a command after it', UID_SYNTAX);
  const verb = `UID ${sub.value.toUpperCase()}`;
  if (!IMAP_COMMANDS.has(verb)) throw new ProtocolSyntaxError(`${verb} is not a UID command`, UID_SYNTAX);
  return { verb, tokens: cmd.args.slice(1) };
}
