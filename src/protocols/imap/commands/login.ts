import { capabilityList, loginDisabled } from '../replies.js';
import { tlsOf, type CommandSpec } from './spec.js';
import { text } from './util.js';

/**
 * LOGIN (RFC 3501 6.2.3): user name and password in plain text. The lab has no TLS, so
 * this is exactly the weakness the lessons point at; the transcript masks the password.
 * C: a1 LOGIN bob builder
 * S: a1 OK [CAPABILITY IMAP4rev1 ...] LOGIN completed
 */
export const loginSpec: CommandSpec = {
  name: 'LOGIN',
  states: ['not authenticated'],
  args: ['astring', 'astring'],
  syntax: 'LOGIN user-name password',
  rfc: 'RFC 3501 6.2.3',
  secret: true,
  async handle(ctx, args) {
    if (loginDisabled(tlsOf(ctx))) {
      // LOGINDISABLED was advertised: the password must not cross the wire in clear (RFC 3501 6.2.3, RFC 5530 3).
      return { status: 'NO', code: 'PRIVACYREQUIRED', text: 'LOGIN is disabled until STARTTLS: the password would travel in clear' };
    }
    const user = text(args[0]);
    if (!ctx.services.accounts.verify(user, text(args[1]))) {
      // Never say which of the two was wrong (RFC 3501 6.2.3 security note).
      return { status: 'NO', code: 'AUTHENTICATIONFAILED', text: 'Invalid user name or password', authFailed: true };
    }
    return { code: `CAPABILITY ${capabilityList(tlsOf(ctx))}`, text: `LOGIN completed, logged in as ${user}`, next: 'authenticated', user: user.toLowerCase() };
  },
};
