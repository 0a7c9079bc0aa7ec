import { execFile } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { explainEvent } from '../../src/explain/event.js';
import { jsonLogLine } from '../../src/commands/serve-view.js';
import type { Lang } from '../../src/i18n.js';
import { startLab, type Lab } from '../../src/lab.js';
import type { LineEvent, TranscriptEvent } from '../../src/protocols/transcript.js';

/**
 * A real client (Python's smtplib) against the lab's SMTP server: every line event names the
 * client's own port, and `--json-log` writes each line with the fields and values it always
 * had (its explanation in serve's language, said at the edge).
 */
const labs: Lab[] = [];
afterEach(async () => {
  await Promise.all(labs.splice(0).map((l) => l.close()));
});

const CLIENT = `
import smtplib, sys
s = smtplib.SMTP('127.0.0.1', int(sys.argv[1]), timeout=10)
print(s.sock.getsockname()[1], flush=True)
s.ehlo('client.example')
s.login('alice', 'wonderland')
s.sendmail('alice@example.com', ['bob@example.com'], 'Subject: hi\\r\\n\\r\\nHello\\r\\n')
s.quit()
`;

function python(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('python3', ['-c', CLIENT, String(port)], { timeout: 15_000, encoding: 'utf8' }, (err, stdout, stderr) => (err ? reject(new Error(`${err.message}: ${stderr}`)) : resolve(stdout)));
  });
}

/** The fields a line of --json-log had before lines carried knowledge keys. */
const JSON_LOG_FIELDS = new Set(['event', 'protocol', 'session', 'direction', 'text', 'state', 'explanation', 'decoded', 'secret', 'layer', 'tls', 'time']);
const ALWAYS = ['event', 'protocol', 'session', 'direction', 'text', 'state', 'explanation', 'time'];

async function dialog(lang: Lang): Promise<{ events: LineEvent[]; clientPort: number }> {
  const events: TranscriptEvent[] = [];
  const lab = await startLab({ host: '127.0.0.1', lang, protocols: ['smtp'], sink: (e) => events.push(e) });
  labs.push(lab);
  const out = await python(lab.endpoints.smtp?.port ?? 0);
  return { events: events.filter((e): e is LineEvent => e.event === 'line'), clientPort: Number(out.trim().split('\n')[0]) };
}

describe.each(['en', 'ja'] as const)('the edge over a real SMTP dialog (%s)', (lang) => {
  it('every line event carries the client’s port', async () => {
    const { events, clientPort } = await dialog(lang);
    expect(events.length).toBeGreaterThan(8);
    expect(clientPort).toBeGreaterThan(0);
    expect(new Set(events.map((e) => e.port))).toEqual(new Set([clientPort]));
  });

  it('--json-log keeps its fields and values, the explanation in serve’s language', async () => {
    const { events } = await dialog(lang);
    for (const event of events) {
      const logged = JSON.parse(jsonLogLine(event, { showSecrets: true, lang })) as Record<string, unknown>;
      for (const key of Object.keys(logged)) expect(JSON_LOG_FIELDS.has(key), key).toBe(true);
      for (const key of ALWAYS) expect(logged, key).toHaveProperty(key);
      const { port: _port, knowledge: _knowledge, wireLines: _wireLines, ...before } = event;
      expect(logged).toEqual(JSON.parse(JSON.stringify({ ...before, explanation: explainEvent(event, lang) })));
    }
    const explained = events.filter((e) => explainEvent(e, lang) !== null).length;
    expect(explained).toBeGreaterThan(5);
    const mail = events.find((e) => e.direction === 'client' && /^mail from:/i.test(e.text));
    const text = (JSON.parse(jsonLogLine(mail as LineEvent, { showSecrets: false, lang })) as { explanation: string }).explanation;
    expect(text).toMatch(lang === 'ja' ? /[ぁ-んァ-ン]/ : /^[\x20-\x7e]+$/);
  });

  it('--json-log masks a credential unless asked', async () => {
    const { events } = await dialog(lang);
    const auth = events.find((e) => e.secret === true) as LineEvent;
    expect(auth).toBeDefined();
    expect(JSON.parse(jsonLogLine(auth, { showSecrets: false, lang })).text).toMatch(/\*\*\*\*/);
    expect(JSON.parse(jsonLogLine(auth, { showSecrets: true, lang })).text).toBe(auth.text);
  });
});
