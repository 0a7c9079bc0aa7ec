import { describe, expect, it } from 'vitest';
import { isLoopback, refusingRecursive, resolverHandler } from '../../../src/protocols/dns/recursive.js';
import { RateLimiter } from '../../../src/protocols/dns/rate-limit.js';
import { RCODES, type DnsMessage } from '../../../src/protocols/dns/types.js';

const query: DnsMessage = {
  header: { id: 9, qr: false, opcode: 0, aa: false, tc: false, rd: true, ra: false, z: 0, rcode: 0 },
  questions: [{ name: 'example.net', type: 15, class: 1 }],
  answers: [],
  authority: [],
  additional: [],
};

describe('recursion for loopback clients only (RFC 5358 4)', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.3.2.1', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['192.0.2.7', false],
    ['::ffff:192.0.2.7', false],
    ['1270::1', false],
  ])('%s is loopback: %s', (address, want) => {
    expect(isLoopback(address)).toBe(want);
  });

  it('asks the resolver for a loopback client and refuses anyone else without asking it', async () => {
    const asked: string[] = [];
    const handler = resolverHandler({
      resolve: async (q, ctx) => {
        asked.push(ctx.session);
        return { ...q, header: { ...q.header, qr: true, ra: true } };
      },
    });
    const ctx = { transport: 'udp' as const, remotePort: 5300, session: 's1' };
    const local = await handler(query, { ...ctx, remoteAddress: '127.0.0.1' });
    const remote = await handler(query, { ...ctx, remoteAddress: '192.0.2.7' });
    expect(local !== 'drop' && local.response.header.ra).toBe(true);
    expect(remote !== 'drop' && remote.response.header.rcode).toBe(RCODES.REFUSED);
    expect(remote !== 'drop' && remote.notes).toEqual([{ key: 'refused', params: { reason: 'no-recursion' } }]);
    expect(asked).toEqual(['s1']);
  });

  it('the stub refuses, with the id and question echoed', async () => {
    const r = await refusingRecursive({ rootHints: [], portOf: () => 0, route: (a) => a })(query, { transport: 'tcp', remoteAddress: '127.0.0.1', remotePort: 1, session: 's' });
    expect(r !== 'drop' && [r.response.header.id, r.response.header.rcode, r.response.questions]).toEqual([9, RCODES.REFUSED, query.questions]);
  });
});

describe('the per-source rate limiter', () => {
  it('passes a burst, then refills at the rate, per source', () => {
    let now = 0;
    const limiter = new RateLimiter({ perSecond: 2, burst: 2, slip: 0 }, () => now);
    const take = (s = 'a') => limiter.take(s).action;
    expect([take(), take(), take()]).toEqual(['pass', 'pass', 'drop']);
    expect(take('b')).toBe('pass');
    now = 500; // half a second at 2/s: one more
    expect([take(), take()]).toEqual(['pass', 'drop']);
  });

  it('marks the first refusal of a run and slips every n-th', () => {
    const limiter = new RateLimiter({ perSecond: 1, burst: 1, slip: 3 }, () => 0);
    limiter.take('a');
    const verdicts = [1, 2, 3, 4, 5, 6].map(() => limiter.take('a'));
    expect(verdicts.map((v) => v.action)).toEqual(['drop', 'drop', 'slip', 'drop', 'drop', 'slip']);
    expect(verdicts.map((v) => v.first)).toEqual([true, false, false, false, false, false]);
  });
});
