import { afterEach, describe, expect, it } from 'vitest';
import { jsonLogLine, liveLogText } from '../../src/commands/serve-view.js';
import { floodCondenser, type FloodClock } from '../../src/commands/serve-flood.js';
import { AUTH_FAILURE_FORGIVE_MS, FLOOD_BURST_GAP_MS } from '../../src/limits.js';
import { AuthBrake } from '../../src/protocols/auth-delay.js';
import { plainResponse } from '../../src/protocols/sasl.js';
import type { TranscriptEvent } from '../../src/protocols/transcript.js';
import { cleanup, lab, portOf, Raw } from '../hostile/helpers.js';

/**
 * Issue 20, item 7: 1,000 failed logins wrote 5,000-11,700 transcript lines. serve's logs
 * condense a burst of like sessions (and a command repeated inside one) into one counted line,
 * and never hide a learner's session among them. The clock is injected: the burst ends when
 * the test says so.
 */
afterEach(cleanup);

function fakeClock(): FloodClock & { pass(ms: number): void } {
  let t = 0;
  let waiting: Array<{ at: number; fn: () => void }> = [];
  return {
    now: () => t,
    later: (fn, ms) => void waiting.push({ at: t + ms, fn }),
    pass(ms) {
      t += ms;
      const due = waiting.filter((w) => w.at <= t);
      waiting = waiting.filter((w) => w.at > t);
      for (const w of due) w.fn();
    },
  };
}

/** Both logs serve writes, as text: the JSON lines and the screen log, for the same events. */
function logs(clock: FloodClock) {
  const json: string[] = [];
  const screen: string[] = [];
  const config = { showSecrets: false, lang: 'en' as const };
  const sink = floodCondenser((e) => {
    json.push(jsonLogLine(e, config));
    const text = liveLogText(e, config);
    if (text !== null) screen.push(...text.split('\n'));
  }, 'en', clock);
  return { sink, json, screen };
}

const forgiving = () => {
  let t = 0;
  return new AuthBrake(() => (t += AUTH_FAILURE_FORGIVE_MS));
};

describe("serve's logs under a flood of failed logins", () => {
  it('200 failed SMTP logins from one address: a few sessions shown, one counted line, the learner shown whole', async () => {
    const clock = fakeClock();
    const log = logs(clock);
    const l = await lab({ protocols: ['smtp'], sink: log.sink, authBrake: forgiving() });
    const guess = async (i: number) => {
      const c = await Raw.open(portOf(l, 'smtp'));
      await c.smtp();
      await c.smtpCmd('EHLO guesser.test');
      await c.smtpCmd(`AUTH PLAIN ${plainResponse('alice', `guess${i}`)}`);
      await c.smtpCmd('QUIT');
      await c.gone();
    };
    for (let i = 0; i < 100; i++) await guess(i);
    const learner = await Raw.open(portOf(l, 'smtp'));
    await learner.smtp();
    await learner.smtpCmd('HELO learner.test');
    await learner.smtpCmd('MAIL FROM:<learner@x.test>');
    await learner.smtpCmd('QUIT');
    await learner.gone();
    for (let i = 100; i < 200; i++) await guess(i);
    clock.pass(FLOOD_BURST_GAP_MS);

    for (const out of [log.json, log.screen]) {
      expect(out.length).toBeLessThan(120); // uncondensed: 200 sessions x 9 lines and more
      expect(out.filter((x) => /repeated 197 times from 127\.0\.0\.1/.test(x))).toHaveLength(1);
      expect(out.some((x) => x.includes('MAIL FROM:<learner@x.test>'))).toBe(true);
      expect(out.some((x) => x.includes('HELO learner.test'))).toBe(true);
    }
  }, 60_000);

  it('1,000 failed logins inside one session: the first few shown, the rest counted', () => {
    const clock = fakeClock();
    const log = logs(clock);
    const base = { protocol: 'smtp' as const, session: 's1', port: 1, state: 'GREETED', time: 't' };
    const events: TranscriptEvent[] = [{ event: 'connect', protocol: 'smtp', session: 's1', remote: '127.0.0.1:5000' }];
    for (let i = 0; i < 1000; i++) {
      events.push({ event: 'line', ...base, direction: 'client', text: `AUTH PLAIN ${plainResponse('alice', `g${i}`)}` });
      events.push({ event: 'line', ...base, direction: 'server', text: '535 5.7.8 Authentication credentials invalid' });
    }
    events.push({ event: 'line', ...base, direction: 'client', text: 'QUIT' });
    events.push({ event: 'line', ...base, direction: 'server', text: '221 2.0.0 Bye' });
    events.push({ event: 'disconnect', protocol: 'smtp', session: 's1', remote: '127.0.0.1:5000', reason: 'quit' });
    for (const e of events) log.sink(e);
    expect(log.json.length).toBeLessThan(15);
    expect(log.json.filter((x) => /the same command repeated 997 more times/.test(x))).toHaveLength(1);
    expect(log.json.at(-2)).toMatch(/221 2\.0\.0 Bye/); // what came after the flood is shown, in order
  });

  it('a learner alone is never condensed, however many lines', () => {
    const log = logs(fakeClock());
    const base = { protocol: 'pop3' as const, session: 'p1', port: 1, state: 'TRANSACTION', time: 't' };
    log.sink({ event: 'connect', protocol: 'pop3', session: 'p1', remote: '127.0.0.1:6000' });
    for (let i = 1; i <= 30; i++) {
      log.sink({ event: 'line', ...base, direction: 'client', text: `RETR ${i}` });
      log.sink({ event: 'line', ...base, direction: 'server', text: `+OK message ${i}` });
    }
    expect(log.json).toHaveLength(61);
  });

  it("an app's run of successful sessions from one address is shown whole, every one", () => {
    const log = logs(fakeClock());
    let expected = 0;
    for (let i = 0; i < 10; i++) {
      const session = `s${i}`;
      const base = { protocol: 'smtp' as const, session, port: 1, state: 'GREETED', time: 't' };
      const events: TranscriptEvent[] = [
        { event: 'connect', protocol: 'smtp', session, remote: '127.0.0.1:7000' },
        { event: 'line', ...base, direction: 'client', text: 'MAIL FROM:<app@x.test>' },
        { event: 'line', ...base, direction: 'server', text: '250 2.1.0 Ok' },
        { event: 'message', protocol: 'smtp', session, ids: [`m${i}`], from: 'app@x.test', to: ['bob@x.test'], size: 10 },
        { event: 'disconnect', protocol: 'smtp', session, remote: '127.0.0.1:7000', reason: 'quit' },
      ];
      for (const e of events) log.sink(e);
      expected += events.length;
    }
    expect(log.json).toHaveLength(expected);
  });
});
