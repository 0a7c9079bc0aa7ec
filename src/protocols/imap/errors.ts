/**
 * A command that failed for a reason the client can act on: tagged NO with an optional
 * response code (RFC 3501 7.1.2, RFC 5530). Thrown by handlers and argument schemas,
 * rendered by the one error renderer (replies.ts).
 */
export class ImapNoError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ImapNoError';
  }
}
