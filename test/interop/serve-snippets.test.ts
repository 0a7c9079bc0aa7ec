import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  MESSAGE_FILE_SNIPPET,
  PRINTED,
  curlSnippet,
  curlTlsSnippet,
  digSnippet,
  nodeResolverSnippet,
  nodemailerSnippet,
  smtplibSnippet,
  swaksSnippet,
  type SnippetTarget,
} from '../../src/commands/serve-snippets.js';
import { SERVE_PORTS } from '../../src/commands/options.js';
import { BIN, SERVE_ANY_PORTS } from '../support/bin.js';
import { scratch } from '../support/scratch.js';

/**
 * Every client snippet README and lesson mock-server print, run literally with its real
 * client against a default `l7lab serve` (the built bin; ephemeral ports, the only change to
 * the text). HOME is a fresh directory, so `~/.local/share/l7lab/tls/lab-cert.pem` in the
 * snippets is the certificate this serve made, read by the shell and by Python as printed.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// One home for the whole file (the serve's certificate lives there).
const home = scratch('l7lab-snippets-').suiteDir();
let child: ChildProcess;
let target: SnippetTarget;
/** serve's DNS resolver (the `dns` endpoint). */
let dnsPort = 0;
const events: Array<Record<string, unknown>> = [];

function waitFor(pred: (e: Record<string, unknown>) => boolean, ms = 15_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const tick = () => {
      const found = events.find(pred);
      if (found) return resolve(found);
      if (Date.now() > deadline) return reject(new Error(`no matching event; got ${JSON.stringify(events.slice(-5))}`));
      setTimeout(tick, 25);
    };
    tick();
  });
}

const messages = () => events.filter((e) => e.event === 'message').length;

/** The printed text with only the ports changed to the ones this serve got. */
function withPorts(text: string): string {
  return text
    .replaceAll(`:${PRINTED.port}`, `:${target.port}`)
    .replaceAll(`, ${PRINTED.port}`, `, ${target.port}`)
    .replaceAll(`port: ${PRINTED.port}`, `port: ${target.port}`)
    .replaceAll(`:${PRINTED.tlsPort}`, `:${target.tlsPort}`)
    .replaceAll(`, ${PRINTED.tlsPort}`, `, ${target.tlsPort}`)
    .replaceAll(`, ${PRINTED.submissionPort}`, `, ${target.submissionPort}`);
}

function run(cmd: string, args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, LANG: 'C' };
    const p = execFile(cmd, args, { cwd: home, env, timeout: 20_000, encoding: 'utf8' }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr: err && typeof err.code !== 'number' ? `${stderr}${err.message}` : stderr }),
    );
    if (input !== undefined) p.stdin?.end(input);
  });
}

beforeAll(async () => {
  child = spawn(process.execPath, [BIN, 'serve', '--memory', '--json-log', ...SERVE_ANY_PORTS], {
    env: { PATH: process.env.PATH ?? '', HOME: home, LANG: 'C', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let buffer = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      events.push(JSON.parse(buffer.slice(0, nl)) as Record<string, unknown>);
      buffer = buffer.slice(nl + 1);
    }
  });
  const endpoints = (await waitFor((e) => e.event === 'endpoints')) as Record<string, { port: number }>;
  target = { ...PRINTED, port: endpoints.smtp!.port, tlsPort: endpoints.smtps!.port, submissionPort: endpoints.submission!.port };
  dnsPort = endpoints.dns!.port;
}, 30_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
});

describe('the snippets are printed where users read them', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  it.each([
    ['nodemailer', nodemailerSnippet(PRINTED)],
    ['smtplib', smtplibSnippet(PRINTED)],
    ['message file', MESSAGE_FILE_SNIPPET],
    ['curl smtp://', curlSnippet(PRINTED)],
    ['curl smtps://', curlTlsSnippet(PRINTED)],
    ['swaks', swaksSnippet(PRINTED)],
    ['dig', digSnippet(PRINTED.host, SERVE_PORTS.plain.dns)],
    ['Node Resolver', nodeResolverSnippet(PRINTED.host, SERVE_PORTS.plain.dns)],
  ])('README shows the %s snippet verbatim', (_name, snippet) => {
    expect(readme).toContain(snippet);
  });

  it('lesson mock-server shows the nodemailer snippet verbatim', () => {
    const lesson = parse(readFileSync(join(ROOT, 'lessons', 'mock-server.yaml'), 'utf8')) as { steps: Array<{ id: string; diagram?: string | { en: string; ja: string } }> };
    const diagram = lesson.steps.find((s) => s.id === 'serve')?.diagram;
    const texts = typeof diagram === 'string' ? [diagram] : diagram ? [diagram.en, diagram.ja] : [];
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(text).toContain(nodemailerSnippet(PRINTED));
  });
});

describe('each snippet works literally against a default serve', () => {
  it('nodemailer with secure: false and no ignoreTLS (opportunistic STARTTLS finds none)', async () => {
    const before = messages();
    const r = await run(process.execPath, ['--input-type=module', '-'], `import { createRequire } from 'node:module';\nconst require = createRequire(${JSON.stringify(join(ROOT, 'package.json'))});\nconst nodemailer = require('nodemailer');\n${withPorts(nodemailerSnippet(PRINTED))}\n`);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    await waitFor(() => messages() === before + 1);
  });

  it('Python smtplib: SMTP + login, SMTP_SSL with the lab certificate, starttls() on the submission port', async () => {
    const before = messages();
    const r = await run('python3', ['-'], withPorts(smtplibSnippet(PRINTED)));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    await waitFor(() => messages() === before + 3);
    const tls = events.filter((e) => e.event === 'tls').map((e) => e.mode);
    expect(tls).toEqual(expect.arrayContaining(['implicit', 'starttls']));
  });

  it('curl smtp:// and smtps:// with the message file made by the printed printf lines', async () => {
    const before = messages();
    const script = [MESSAGE_FILE_SNIPPET, withPorts(curlSnippet(PRINTED)), withPorts(curlTlsSnippet(PRINTED))].join('\n');
    const r = await run('bash', ['-e', '-c', script]);
    // curl's progress meter goes to stderr when it is not a terminal: the exit code is the verdict.
    expect(r.code, r.stderr).toBe(0);
    await waitFor(() => messages() === before + 2);
  });

  it('swaks', async () => {
    const before = messages();
    const r = await run('bash', ['-e', '-c', withPorts(swaksSnippet(PRINTED))]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^<- +235 2\.7\.0 /m);
    expect(r.stdout).toMatch(/^<- +250 2\.0\.0 Ok: queued as /m);
    await waitFor(() => messages() === before + 1);
  });

  it('dig: the MX of example.net from the resolver (issue 17)', async () => {
    const r = await run('bash', ['-e', '-c', digSnippet(PRINTED.host, dnsPort)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('status: NOERROR');
    expect(r.stdout).toMatch(/^example\.net\.\s+\d+\s+IN\s+MX\s+10 mail\.example\.net\.$/m);
  });

  it("Node's dns.promises.Resolver as an ES module prints the MX", async () => {
    const r = await run(process.execPath, ['--input-type=module', '-'], nodeResolverSnippet(PRINTED.host, dnsPort));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("exchange: 'mail.example.net'");
    expect(r.stdout).toContain('priority: 10');
  });
});
