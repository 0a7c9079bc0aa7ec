import { describe, expect, it } from 'vitest';
import { AUTH_BRAKE_MAX_ADDRESSES, AUTH_FAILURE_DELAY_MAX_MS, AUTH_FAILURE_DELAY_MS, AUTH_FAILURE_FORGIVE_MS } from '../../../src/limits.js';
import { AuthBrake, authFailureDelay } from '../../../src/protocols/auth-delay.js';

/**
 * Issue 20, item 3: the brake on guessing counts failed logins per client address across
 * connections (and protocols), with an injected clock: no time passes in these tests.
 */
function clock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1_000_000;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('authFailureDelay', () => {
  it('is 0 for the first failure, then doubles from AUTH_FAILURE_DELAY_MS to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 50].map(authFailureDelay)).toEqual([0, AUTH_FAILURE_DELAY_MS, AUTH_FAILURE_DELAY_MS * 2, AUTH_FAILURE_DELAY_MS * 4, AUTH_FAILURE_DELAY_MAX_MS, AUTH_FAILURE_DELAY_MAX_MS, AUTH_FAILURE_DELAY_MAX_MS]);
  });
});

describe('AuthBrake', () => {
  it('grows across connections from one address; another address starts at no delay', () => {
    const c = clock();
    const brake = new AuthBrake(c.now);
    const delays = [1, 2, 3, 4].map(() => brake.connection('10.0.0.1').failed().delayMs);
    expect(delays).toEqual([1, 2, 3, 4].map(authFailureDelay));
    expect(brake.connection('10.0.0.2').failed().delayMs).toBe(0);
  });

  it('counts per connection for the close rule, per address for the delay', () => {
    const brake = new AuthBrake(clock().now);
    brake.connection('10.0.0.1').failed();
    const second = brake.connection('10.0.0.1');
    expect(second.failed()).toEqual({ failures: 1, delayMs: authFailureDelay(2) });
    expect(second.failed()).toEqual({ failures: 2, delayMs: authFailureDelay(3) });
  });

  it('a success forgives the address: a single mistyped password afterwards costs nothing', () => {
    const brake = new AuthBrake(clock().now);
    const conn = brake.connection('10.0.0.1');
    conn.failed();
    conn.failed();
    conn.succeeded();
    expect(brake.connection('10.0.0.1').failed().delayMs).toBe(0);
  });

  it('a quiet period forgives too, and only a full one', () => {
    const c = clock();
    const brake = new AuthBrake(c.now);
    brake.connection('10.0.0.1').failed();
    c.advance(AUTH_FAILURE_FORGIVE_MS - 1);
    expect(brake.connection('10.0.0.1').failed().delayMs).toBe(authFailureDelay(2));
    c.advance(AUTH_FAILURE_FORGIVE_MS);
    expect(brake.connection('10.0.0.1').failed().delayMs).toBe(0);
  });

  it('remembers at most AUTH_BRAKE_MAX_ADDRESSES addresses, forgetting the oldest first', () => {
    const brake = new AuthBrake(clock().now);
    brake.connection('first').failed();
    for (let i = 0; i < AUTH_BRAKE_MAX_ADDRESSES; i++) brake.connection(`a${i}`).failed();
    expect(brake.connection('first').failed().delayMs).toBe(0);
    expect(brake.connection(`a${AUTH_BRAKE_MAX_ADDRESSES - 1}`).failed().delayMs).toBe(authFailureDelay(2));
  });
});
