import { afterEach, describe, expect, it } from 'vitest';
import { jsonLogLine, liveLogText } from '../../src/commands/serve-view.js';
import { encodeBase64 } from '../../src/protocols/sasl.js';
import type { TranscriptEvent } from '../../src/protocols/transcript.js';
import { cleanup, lab, portOf, Raw } from './helpers.js';

/**
 * serve's logs and HTTP's credentials: Authorization and Proxy-Authorization (RFC 9110 11.6.2,
 * 11.7.2) and Cookie (RFC 6265 5.4) are masked in the screen log and --json-log, keeping the
 * scheme (`Authorization: Basic ****`), also in a request the server refuses (whitespace before
 * the colon, RFC 9112 5.1; a credential folded onto an obs-fold line, RFC 9112 5.2).
 */
afterEach(cleanup);

interface Case {
  name: string;
  fields: string[];
  /** What must not appear in either log. */
  secrets: string[];
  /** What the masked log still shows. */
  shown: string[];
}

const SECRET = 'Qx7hunter42';
const BASIC = encodeBase64(`alice:${SECRET}`);

const CASES: Case[] = [
  { name: 'Basic', fields: [`Authorization: Basic ${BASIC}`], secrets: [BASIC], shown: ['Authorization: Basic ****'] },
  { name: 'Bearer, lower case', fields: [`authorization:   Bearer ${SECRET}`], secrets: [SECRET], shown: ['authorization:   Bearer ****'] },
  { name: 'no scheme', fields: [`Authorization:${SECRET}`], secrets: [SECRET], shown: ['Authorization: ****'] },
  { name: 'proxy', fields: [`Proxy-Authorization: Basic ${BASIC}`], secrets: [BASIC], shown: ['Proxy-Authorization: Basic ****'] },
  { name: 'cookie', fields: [`Cookie: sid=${SECRET}; theme=dark`], secrets: [SECRET], shown: ['Cookie: ****'] },
  { name: 'space before the colon (refused)', fields: [`Authorization : Basic ${BASIC}`], secrets: [BASIC], shown: ['Authorization : Basic ****'] },
  { name: 'obs-fold (refused)', fields: ['Authorization: Basic', ` ${BASIC}`], secrets: [BASIC], shown: ['Authorization: ****', '****'] },
];

function rendered(events: TranscriptEvent[], showSecrets = false): string {
  const config = { showSecrets, lang: 'en' as const };
  return events.map((e) => `${jsonLogLine(e, config)}\n${liveLogText(e, config) ?? ''}`).join('\n');
}

async function send(port: number, fields: string[]): Promise<string> {
  const raw = await Raw.open(port);
  raw.write(['GET /api/messages HTTP/1.1', 'Host: 127.0.0.1', ...fields, 'Connection: close', '', ''].join('\r\n'));
  await raw.gone(10_000);
  return raw.text;
}

describe("no HTTP credential in serve's logs", () => {
  it('Authorization, Proxy-Authorization and Cookie are masked, the scheme kept', async () => {
    const events: TranscriptEvent[] = [];
    const l = await lab({ protocols: ['http'], sink: (e) => events.push(e) });
    for (const c of CASES) {
      events.length = 0;
      const answer = await send(portOf(l, 'http'), c.fields);
      expect(answer, c.name).toMatch(/^HTTP\/1\.1 (200|400) /);
      const log = rendered(events);
      for (const s of c.shown) expect(log, `${c.name}: ${s} in\n${log}`).toContain(s);
      for (const s of c.secrets) expect(log, `${c.name}: ${s} in\n${log}`).not.toContain(s);
      // The same events with --show-secrets hold the secret: the masking is what hid it.
      for (const s of c.secrets) expect(rendered(events, true), c.name).toContain(s);
    }
  }, 60_000);

  it('other fields stay readable', async () => {
    const events: TranscriptEvent[] = [];
    const l = await lab({ protocols: ['http'], sink: (e) => events.push(e) });
    await send(portOf(l, 'http'), ['Accept: application/json', 'X-Authorization-Hint: none']);
    const log = rendered(events);
    expect(log).toContain('Accept: application/json');
    expect(log).toContain('X-Authorization-Hint: none');
    expect(log).toContain('Host: 127.0.0.1');
  }, 30_000);
});
