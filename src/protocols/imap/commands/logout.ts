import { BYE } from '../replies.js';
import { imapCommand } from '../types.js';
import { ANY_STATE } from './util.js';

/**
 * LOGOUT (RFC 3501 6.1.3): the server says BYE, then OK, then closes.
 * C: a1 LOGOUT
 * S: * BYE l7lab IMAP server logging out
 * S: a1 OK LOGOUT completed
 */
export const logoutSpec = imapCommand({
  name: 'LOGOUT',
  states: ANY_STATE,
  args: [],
  syntax: 'LOGOUT',
  rfc: 'RFC 3501 6.1.3',
  handle: () => ({ replies: [BYE.logout], text: 'LOGOUT completed', next: 'logout', change: { selected: null }, close: 'quit' }),
});
