import type { Protocol } from '../../src/protocol.js';
import type { Expect, ProtocolSession, Step } from '../../src/protocols/session.js';

/**
 * A protocol session that is nothing but the LineServer contract (protocols/session.ts), for
 * tests of the server itself: it greets, answers every line with OK, ignores bytes, and closes
 * on a timeout or shutdown. A test overrides only the part it is about.
 */
export class FakeSession implements ProtocolSession {
  readonly state: string = 'READY';
  readonly expect: Expect = { mode: 'line', maxLine: 512 };

  constructor(
    readonly id: string,
    readonly protocol: Protocol = 'smtp',
  ) {}

  async greet(): Promise<Step> {
    return { out: ['HELLO'] };
  }
  async line(_line: Buffer): Promise<Step> {
    return { out: ['OK'] };
  }
  async bytes(): Promise<Step> {
    return { out: [] };
  }
  async overflow(): Promise<Step> {
    return { out: [] };
  }
  timeout(_cause?: 'idle' | 'deadline'): Step {
    return { out: [], close: true };
  }
  shutdown(): Step {
    return { out: [], close: true };
  }
  async closed(): Promise<void> {}
}
