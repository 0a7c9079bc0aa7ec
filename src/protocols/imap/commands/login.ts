import { capabilityList, loginDisabled } from '../replies.js';
import { astring } from './args.js';
import { imapCommand } from '../types.js';
import { NOT_AUTHENTICATED } from './util.js';

/**
 * LOGIN (RFC 3501 6.2.3): user name and password in plain text. The lab has no TLS, so
 * this is exactly the weakness the lessons point at; the transcript masks the password.
 * C: a1 LOGIN bob builder
 * S: a1 OK [CAPABILITY IMAP4rev1 ...] LOGIN completed
 */
export const loginSpec = imapCommand({
  name: 'LOGIN',
  states: NOT_AUTHENTICATED,
  args: [astring, astring],
  syntax: 'LOGIN user-name password',
  rfc: 'RFC 3501 6.2.3',
  secret: true,
  handle(ctx, [user, password]) {
    if (loginDisabled(ctx.tls)) {
      // LOGINDISABLED was advertised: the password must not cross the wire in clear (RFC 3501 6.2.3, RFC 5530 3).
      return { replies: [], status: 'NO', code: 'PRIVACYREQUIRED', text: 'LOGIN is disabled until STARTTLS: the password would travel in clear' };
    }
    if (!ctx.services.accounts.verify(user, password)) {
      // Never say which of the two was wrong (RFC 3501 6.2.3 security note).
      return { replies: [], status: 'NO', code: 'AUTHENTICATIONFAILED', text: 'Invalid user name or password', change: { authFailed: true } };
    }
    return { replies: [], code: `CAPABILITY ${capabilityList(ctx.tls)}`, text: `LOGIN completed, logged in as ${user}`, next: 'authenticated', change: { user: user.toLowerCase() } };
  },
});
