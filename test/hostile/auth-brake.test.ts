import { afterEach, describe, expect, it } from 'vitest';
import { AuthBrake, authFailureDelay, type LoginGuard } from '../../src/protocols/auth-delay.js';
import { plainResponse } from '../../src/protocols/sasl.js';
import { cleanup, lab, portOf, Raw } from './helpers.js';

/**
 * Issue 20, item 3: 1,000 wrong passwords took under a second, since the only brake was a
 * disconnect after 3 failures per connection. The lab's three mail servers share one brake:
 * failures from one address grow its delay across connections and protocols. A recording
 * brake shows the delay each failure was given (the order, not the wall clock, is asserted).
 */
afterEach(cleanup);

class RecordingBrake extends AuthBrake {
  readonly delays: number[] = [];
  override connection(address: string): LoginGuard {
    const inner = super.connection(address);
    return {
      failed: () => {
        const f = inner.failed();
        this.delays.push(f.delayMs);
        return f;
      },
      succeeded: () => inner.succeeded(),
    };
  }
}

describe('the brake on guessing, across connections and protocols', () => {
  it('each failure from 127.0.0.1 waits longer, whichever server it hits; a success forgives', async () => {
    const brake = new RecordingBrake();
    const l = await lab({ protocols: ['smtp', 'pop3', 'imap'], authBrake: brake });
    const smtp = async (password: string) => {
      const c = await Raw.open(portOf(l, 'smtp'));
      await c.smtp();
      await c.smtpCmd('EHLO guess.test');
      const reply = await c.smtpCmd(`AUTH PLAIN ${plainResponse('alice', password)}`);
      c.destroy();
      return reply;
    };
    expect(await smtp('guess1')).toMatch(/^535 /);
    const pop = await Raw.open(portOf(l, 'pop3'));
    await pop.line();
    await pop.pop('USER alice');
    expect(await pop.pop('PASS guess2')).toMatch(/^-ERR \[AUTH\]/);
    const imap = await Raw.open(portOf(l, 'imap'));
    await imap.line();
    expect(await imap.imap('a', 'LOGIN alice guess3')).toMatch(/a NO \[AUTHENTICATIONFAILED\]/);
    expect(await smtp('guess4')).toMatch(/^535 /);
    expect(brake.delays).toEqual([1, 2, 3, 4].map(authFailureDelay));
    expect(await smtp('wonderland')).toMatch(/^235 /);
    expect(await smtp('typo')).toMatch(/^535 /);
    expect(brake.delays.at(-1)).toBe(0);
  });
});
