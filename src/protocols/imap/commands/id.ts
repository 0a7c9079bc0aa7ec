import { ProtocolSyntaxError } from '../../errors.js';
import type { CommandSpec } from './spec.js';
import { ANY_STATE } from './util.js';

/**
 * ID (RFC 2971 3.1): client and server name themselves, for logs and bug reports. The
 * client's list (or NIL) is only checked for shape: field/value pairs of strings.
 * C: a1 ID ("name" "imapflow")
 * S: * ID ("name" "l7lab" "vendor" "l7lab")
 * S: a1 OK ID completed
 */
const SYNTAX = 'ID ("field" "value" ...) | ID NIL';

export const idSpec: CommandSpec = {
  name: 'ID',
  states: ANY_STATE,
  args: ['any'],
  syntax: SYNTAX,
  rfc: 'RFC 2971 3.1',
  async handle(ctx, args) {
    const arg = args[0];
    const ok = arg?.type === 'nil' || (arg?.type === 'list' && arg.items.length % 2 === 0 && arg.items.every((t) => t.type === 'string' || t.type === 'nil'));
    if (!ok) throw new ProtocolSyntaxError('ID takes NIL or a list of "field" "value" pairs', SYNTAX);
    ctx.untagged('* ID ("name" "l7lab" "vendor" "l7lab")');
    return { text: 'ID completed' };
  },
};
