/**
 * Typed protocol errors: command handlers throw these, and one function per protocol
 * turns them into its own reply (`5xx` for SMTP, `-ERR` for POP3, tagged `BAD`/`NO` for IMAP)
 * with the expected syntax.
 */
export class ProtocolSyntaxError extends Error {
  constructor(
    message: string,
    readonly syntax?: string,
  ) {
    super(message);
    this.name = 'ProtocolSyntaxError';
  }
}

export class WrongStateError extends Error {
  constructor(
    readonly command: string,
    readonly state: string,
    readonly allowed: readonly string[],
  ) {
    super(`${command} is not allowed in the ${state} state (allowed in: ${allowed.join(', ')})`);
    this.name = 'WrongStateError';
  }
}

export class UnknownCommandError extends Error {
  constructor(readonly command: string) {
    super(`unknown command ${command}`);
    this.name = 'UnknownCommandError';
  }
}
