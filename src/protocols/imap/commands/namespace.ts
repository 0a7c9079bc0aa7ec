import { imapCommand } from '../types.js';
import { AUTHENTICATED } from './util.js';

/**
 * NAMESPACE (RFC 2342 5): where the user's mailboxes live and their delimiter. l7lab has
 * one personal namespace with no prefix, delimiter "/", and no shared or other users'.
 * C: a1 NAMESPACE
 * S: * NAMESPACE (("" "/")) NIL NIL
 * S: a1 OK NAMESPACE completed
 */
export const namespaceSpec = imapCommand({
  name: 'NAMESPACE',
  states: AUTHENTICATED,
  args: [],
  syntax: 'NAMESPACE',
  rfc: 'RFC 2342 5',
  handle: () => ({ replies: ['* NAMESPACE (("" "/")) NIL NIL'], text: 'NAMESPACE completed' }),
});
