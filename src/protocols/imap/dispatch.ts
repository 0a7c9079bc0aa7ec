import { ProtocolSyntaxError, UnknownCommandError, WrongStateError } from '../errors.js';
import { validateArgs } from './commands/args.js';
import { IMAP_COMMANDS } from './commands/registry.js';
import type { Args, CommandSpec, ImapState } from './commands/spec.js';
import type { ParsedCommand } from './parser.js';

/**
 * The one place that decides whether a parsed command may run: it must exist, be allowed
 * in the current state (RFC 3501 3) and have arguments of the declared shapes. Each
 * failure is a typed error; replies.ts renders it.
 */
const UID_SYNTAX = 'UID FETCH|STORE|SEARCH|COPY|EXPUNGE uid-set ...';

export function specFor(cmd: ParsedCommand): { spec: CommandSpec; tokens: ParsedCommand['args'] } {
  if (cmd.command === 'UID') {
    const sub = cmd.args[0];
    if (sub?.type !== 'atom') throw new ProtocolSyntaxError('UID needs a command after it', UID_SYNTAX);
    const name = `UID ${sub.value.toUpperCase()}`;
    const spec = IMAP_COMMANDS.get(name);
    if (!spec) throw new ProtocolSyntaxError(`${name} is not a UID command`, UID_SYNTAX);
    return { spec, tokens: cmd.args.slice(1) };
  }
  const spec = IMAP_COMMANDS.get(cmd.command);
  if (!spec) throw new UnknownCommandError(cmd.command);
  return { spec, tokens: cmd.args };
}

/** Find the spec, check the state, then the arguments (in that order, so BAD says the first problem). */
export function admit(cmd: ParsedCommand, state: ImapState): { spec: CommandSpec; args: Args } {
  const { spec, tokens } = specFor(cmd);
  if (!spec.states.includes(state)) throw new WrongStateError(spec.name, state, spec.states);
  return { spec, args: validateArgs(spec, tokens) };
}
