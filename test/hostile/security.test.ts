import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { apopDigest, plainResponse } from '../../src/protocols/sasl.js';
import { BIN as bin, SERVE_ANY_PORTS } from '../support/bin.js';
import { scratch } from '../support/scratch.js';
import { cleanup, lab, Raw } from './helpers.js';

/**
 * Security defaults (issue 9): loopback unless told otherwise; the lab process never opens an
 * outbound connection (a preload records every connect and DNS lookup it makes); serve's
 * screen log and --json-log mask every password and AUTH secret unless --show-secrets.
 */
const { children, tempDir } = scratch('l7lab-sec-', cleanup);

/** A preload that logs every outbound connect and DNS lookup of the process to `log`. */
function connectRecorder(dir: string, log: string): string {
  const file = join(dir, 'record-connect.mjs');
  writeFileSync(
    file,
    `import net from 'node:net';
import dns from 'node:dns';
import { appendFileSync, writeFileSync } from 'node:fs';
const log = ${JSON.stringify(log)};
writeFileSync(log, '');
const record = (what, args) => appendFileSync(log, what + ' ' + JSON.stringify(args.filter((a) => typeof a !== 'function')) + '\\n');
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) { record('connect', args); return connect.apply(this, args); };
for (const name of ['lookup', 'resolve', 'resolveMx', 'resolve4', 'resolve6']) {
  const original = dns[name];
  dns[name] = function (...args) { record('dns.' + name, args); return original.apply(this, args); };
}
`,
  );
  return pathToFileURL(file).href;
}

/** Every port ephemeral, the implicit-TLS ones too, so parallel runs never collide. */

interface Served {
  child: ChildProcess;
  ports: Record<string, number>;
  hosts: Record<string, string>;
  out: string[];
  /** Index in `out` of the first line after the start-up banner. */
  logStart: number;
}

async function serve(args: string[], opts: { preload?: string; json?: boolean } = {}): Promise<Served> {
  const node = opts.preload ? ['--import', opts.preload] : [];
  const child = spawn(process.execPath, [...node, bin, 'serve', '--memory', ...SERVE_ANY_PORTS, ...(opts.json === false ? [] : ['--json-log']), ...args], {
    env: { ...process.env, NO_COLOR: '1', LANG: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const out: string[] = [];
  const ports: Record<string, number> = {};
  const hosts: Record<string, string> = {};
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`serve did not start: ${out.join('\n')}`)), 10_000);
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      out.push(line);
      const json = /^\{/.test(line) ? (JSON.parse(line) as { event: string; protocol: string; port: number; host: string; tls?: boolean }) : null;
      if (json?.event === 'listening' && !json.tls) ((ports[json.protocol] = json.port), (hosts[json.protocol] = json.host));
      // The screen banner's table: "│ SMTP     │ 127.0.0.1 │ 45437 │".
      const m = /(SMTP|POP3|IMAP|HTTP)\s*│\s*\S+\s*│\s*(\d+)/.exec(line);
      if (!json && m) ports[(m[1] as string).toLowerCase()] = Number(m[2]);
      if (Object.keys(ports).length === 4) (clearTimeout(t), resolve());
    });
  });
  // The banner lists the demo accounts with their passwords on purpose: judge only what follows it.
  await new Promise((r) => setTimeout(r, 300));
  return { child, ports, hosts, out, logStart: out.length };
}

describe('listening', () => {
  it('the lab and serve bind 127.0.0.1 unless told otherwise', async () => {
    const l = await lab({ host: undefined });
    for (const p of ['smtp', 'pop3', 'imap', 'http'] as const) expect(l.endpoints[p]?.host).toBe('127.0.0.1');
    const s = await serve([]);
    // Every listening port is on 127.0.0.1 (DNS's too: its resolver; the zone servers are on 127.0.0.2-4, loopback).
    expect(Object.keys(s.hosts)).toEqual(expect.arrayContaining(['smtp', 'pop3', 'imap', 'http']));
    for (const host of Object.values(s.hosts)) expect(host).toBe('127.0.0.1');
  });
});

describe('never relays', () => {
  it('the connect recorder does see a connect (so its silence below means something)', () => {
    const dir = tempDir();
    const log = join(dir, 'connects.log');
    execFileSync(process.execPath, ['--import', connectRecorder(dir, log), '-e', "require('node:net').connect(9, '127.0.0.1').on('error', () => {})"]);
    expect(readFileSync(log, 'utf8')).toMatch(/^connect /m);
  });

  it('mail to remote-looking domains and address literals causes no outbound connect or DNS lookup', async () => {
    const dir = tempDir();
    const log = join(dir, 'connects.log');
    const s = await serve([], { preload: connectRecorder(dir, log) });
    expect(existsSync(log)).toBe(true);
    const c = await Raw.open(s.ports.smtp as number);
    await c.smtp();
    await c.smtpCmd('EHLO client.example');
    for (const rcpt of ['someone@gmail.com', 'postmaster@[8.8.8.8]', 'root@example.org', 'x@mx.invalid', '"user@relay"@example.net']) {
      await c.smtpCmd('MAIL FROM:<alice@example.com>');
      expect(await c.smtpCmd(`RCPT TO:<${rcpt}>`)).toMatch(/^(250|5\d\d) /);
      const data = await c.smtpCmd('DATA');
      if (data.startsWith('354')) {
        c.write(`To: ${rcpt}\r\nSubject: relay?\r\n\r\nplease relay\r\n.\r\n`);
        expect(await c.smtp()).toMatch(/^250 /);
      } else await c.smtpCmd('RSET');
    }
    expect(await c.smtpCmd('QUIT')).toMatch(/^221/);
    await c.gone();
    // Binding 127.0.0.1 (and the lab DNS's 127.0.0.2-4) looks its own address up; nothing else may be resolved or dialled.
    const calls = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    for (const call of calls) expect(call).toMatch(/^dns\.lookup \["(127\.0\.0\.[1-4]|::1|localhost)"/);
  });
});

/** Log in on all three protocols with every mechanism; returns the secrets that went over the wire. */
async function loginEverywhere(ports: Record<string, number>): Promise<string[]> {
  const plain = plainResponse('alice', 'wonderland');
  const b64 = (t: string) => Buffer.from(t).toString('base64');
  const smtp = async (lines: string[]) => {
    const c = await Raw.open(ports.smtp as number);
    await c.smtp();
    await c.smtpCmd('EHLO client.example');
    for (const l of lines) await c.smtpCmd(l);
    c.destroy();
  };
  await smtp([`AUTH PLAIN ${plain}`]);
  await smtp(['AUTH PLAIN', plain]);
  await smtp(['AUTH LOGIN', b64('alice'), b64('wonderland')]);
  const pop = async (lines: (ts: string) => string[]) => {
    const c = await Raw.open(ports.pop3 as number);
    const ts = /<[^>]+>/.exec(await c.line())?.[0] ?? '';
    for (const l of lines(ts)) await c.pop(l);
    await c.pop('QUIT');
  };
  let digest = '';
  await pop(() => ['USER alice', 'PASS wonderland']);
  await pop((ts) => [`APOP alice ${(digest = apopDigest(ts, 'wonderland'))}`]);
  await pop(() => [`AUTH PLAIN ${plain}`]);
  await pop(() => ['AUTH PLAIN', plain]);
  const imap = async (lines: string[]) => {
    const c = await Raw.open(ports.imap as number);
    await c.line();
    for (const l of lines) {
      c.write(`${l}\r\n`);
      await c.until(/(^|\r\n)(a OK|a NO|a BAD|\+)[^\r\n]*\r\n$/);
      c.take();
    }
    await c.imap('z', 'LOGOUT');
  };
  await imap(['a LOGIN alice wonderland']);
  await imap(['a LOGIN "alice" "wonderland"']);
  await imap([`a AUTHENTICATE PLAIN ${plain}`]);
  await imap(['a AUTHENTICATE PLAIN', plain]);
  return ['wonderland', plain, b64('wonderland'), digest];
}

describe("serve's logs", () => {
  for (const json of [true, false]) {
    it(`${json ? '--json-log' : 'the screen log'} masks every secret of all three protocols; --show-secrets reveals them`, async () => {
      const masked = await serve([], { json });
      const secrets = await loginEverywhere(masked.ports);
      const shown = await serve(['--show-secrets'], { json });
      const shownSecrets = await loginEverywhere(shown.ports);
      await new Promise((r) => setTimeout(r, 300)); // let the last log lines arrive
      const maskedLog = masked.out.slice(masked.logStart).join('\n');
      const shownLog = shown.out.slice(shown.logStart).join('\n');
      expect(maskedLog).toMatch(/AUTH PLAIN/);
      expect(maskedLog).toMatch(/\*\*\*\*/);
      for (const secret of secrets) expect(maskedLog, secret).not.toContain(secret);
      for (const secret of shownSecrets) expect(shownLog, secret).toContain(secret);
    });
  }
});
