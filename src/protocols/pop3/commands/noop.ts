import type { CommandSpec } from '../types.js';

/**
 * NOOP (RFC 1939 5): does nothing but answer +OK; keeps the session alive.
 * C: NOOP
 * S: +OK
 */
export const noop: CommandSpec = {
  name: 'NOOP',
  states: ['TRANSACTION'],
  args: [],
  syntax: 'NOOP',
  rfc: 'RFC 1939 5',
  async handle() {
    return { out: ['+OK'] };
  },
};
