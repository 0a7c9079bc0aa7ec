import { args } from './args.js';
import type { Pop3Spec } from '../types.js';

/**
 * NOOP (RFC 1939 5): does nothing but answer +OK; keeps the session alive.
 * C: NOOP
 * S: +OK
 */
export const noop: Pop3Spec<'TRANSACTION'> = {
  name: 'NOOP',
  states: ['TRANSACTION'],
  args: args('NOOP'),
  syntax: 'NOOP',
  rfc: 'RFC 1939 5',
  handle() {
    return { replies: ['+OK'] };
  },
};
