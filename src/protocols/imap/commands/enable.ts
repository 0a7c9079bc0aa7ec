import { atom, atoms } from './args.js';
import { imapCommand } from '../types.js';

/**
 * ENABLE (RFC 5161 3.1): a client turns on extensions that change how the server talks.
 * l7lab has none of those (no CONDSTORE, no UTF8=ACCEPT), so it enables nothing and says so.
 * C: a1 ENABLE CONDSTORE
 * S: * ENABLED
 * S: a1 OK ENABLE completed
 */
export const enableSpec = imapCommand({
  name: 'ENABLE',
  states: ['authenticated'],
  args: [atom, atoms],
  syntax: 'ENABLE capability ...',
  rfc: 'RFC 5161 3.1',
  handle: () => ({ replies: ['* ENABLED'], text: 'ENABLE completed, nothing to enable here' }),
});
