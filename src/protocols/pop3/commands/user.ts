import type { CommandSpec } from '../types.js';

/**
 * USER name (RFC 1939 7): names the maildrop; PASS must come next. The reply is +OK for
 * every name, known or not, so that probing names teaches an attacker nothing: the verdict
 * comes after PASS, the same for a wrong name and a wrong password.
 * C: USER bob
 * S: +OK send PASS for bob
 */
export const user: CommandSpec = {
  name: 'USER',
  states: ['AUTHORIZATION'],
  args: [{ name: 'name', kind: 'word' }],
  syntax: 'USER name',
  rfc: 'RFC 1939 7',
  async handle(ctx, args) {
    const name = args.words[0] as string;
    ctx.setPendingUser(name);
    return { out: [`+OK send PASS for ${name}`] };
  },
};
