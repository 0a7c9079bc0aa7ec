import { capabilityList } from '../replies.js';
import { imapCommand } from '../types.js';
import { ANY_STATE } from './util.js';

/**
 * CAPABILITY (RFC 3501 6.1.1): what this server speaks.
 * C: a1 CAPABILITY
 * S: * CAPABILITY IMAP4rev1 LITERAL+ IDLE ... AUTH=PLAIN
 * S: a1 OK CAPABILITY completed
 */
export const capabilitySpec = imapCommand({
  name: 'CAPABILITY',
  states: ANY_STATE,
  args: [],
  syntax: 'CAPABILITY',
  rfc: 'RFC 3501 6.1.1',
  handle: (ctx) => ({ replies: [`* CAPABILITY ${capabilityList(ctx.tls)}`], text: 'CAPABILITY completed' }),
});
