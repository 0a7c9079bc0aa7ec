import { describe, expect, it } from 'vitest';
import { persistence } from '../../../src/protocols/http/persistence.js';

// RFC 9112 9.3 (persistence), 9.6 (Connection: close), C.2.2 (HTTP/1.0 keep-alive).
describe('whether a connection stays open after a response', () => {
  it.each([
    ['HTTP/1.1', undefined, false, { close: false, keepAlive10: false }],
    ['HTTP/1.1', 'close', false, { close: true, keepAlive10: false }],
    ['HTTP/1.1', 'Keep-Alive, CLOSE', false, { close: true, keepAlive10: false }],
    ['HTTP/1.1', undefined, true, { close: true, keepAlive10: false }],
    ['HTTP/1.0', undefined, false, { close: true, keepAlive10: false }],
    ['HTTP/1.0', 'keep-alive', false, { close: false, keepAlive10: true }],
    ['HTTP/1.0', 'keep-alive', true, { close: true, keepAlive10: false }],
  ] as const)('%s with Connection %j, forced %s', (version, connection, forced, expected) => {
    expect(persistence({ version, connection }, forced)).toEqual(expected);
  });

  it('closes when there is no request head to go by', () => {
    expect(persistence(null, false)).toEqual({ close: true, keepAlive10: false });
  });
});
