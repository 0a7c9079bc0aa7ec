import { idParams } from './args.js';
import { imapCommand } from '../types.js';
import { ANY_STATE } from './util.js';

/**
 * ID (RFC 2971 3.1): client and server name themselves, for logs and bug reports. The
 * client's list (or NIL) is only checked for shape: field/value pairs of strings.
 * C: a1 ID ("name" "imapflow")
 * S: * ID ("name" "l7lab" "vendor" "l7lab")
 * S: a1 OK ID completed
 */
export const idSpec = imapCommand({
  name: 'ID',
  states: ANY_STATE,
  args: [idParams],
  syntax: 'ID ("field" "value" ...) | ID NIL',
  rfc: 'RFC 2971 3.1',
  handle: () => ({ replies: ['* ID ("name" "l7lab" "vendor" "l7lab")'], text: 'ID completed' }),
});
