import { describe, expect, it } from 'vitest';
import { runPorts } from '../../../src/commands/ports.js';
import type { RunResult, Runner } from '../../../src/ports/exec.js';
import { parseLsof } from '../../../src/ports/lsof.js';
import type { ProcFs } from '../../../src/ports/proc-reader.js';
import { explainServices } from '../../../src/ports/report.js';
import { lookupService } from '../../../src/ports/services.js';
import { fixture } from './fixtures.js';

// The web's ports (issue 16), through the fixtures record-linux-web.sh recorded: "web srv"
// listening on 127.0.0.1 at 80, 443, 8080, 8443, 2080, 2443 and on [::1]:80.
const NO_PROC: ProcFs = {
  read: () => ({ ok: false, code: 'missing', detail: 'ENOENT' }),
  list: () => [],
  link: () => null,
  ownerUid: () => null,
};
const ss: Runner = async (command) =>
  command === 'ss' ? ({ kind: 'exited', code: 0, stdout: fixture('linux/web/ss-tcp.txt'), stderr: '' } as RunResult) : { kind: 'missing', command };
const plain = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

async function ports(opts: Record<string, unknown>): Promise<string> {
  let out = '';
  await runPorts(opts, { deps: { platform: 'linux', run: ss, fs: NO_PROC, euid: 0 }, write: (t) => (out += t), width: 120 });
  return plain(out);
}

const WEB = [
  [80, 'HTTP', 'http'],
  [443, 'HTTPS', 'https'],
  [2080, 'HTTP (l7lab)', 'http'],
  [2443, 'HTTPS (l7lab)', 'https'],
  [8080, 'HTTP (alternate)', 'http'],
  [8443, 'HTTPS (alternate)', 'https'],
] as const;

describe('ports: the web', () => {
  it.each(WEB)('%i/tcp is %s, taught in lesson %s', (port, name, lesson) => {
    const service = lookupService(port, 'tcp');
    expect(service).toMatchObject({ name, lesson, rfc: 'RFC 9110' });
  });

  it('says which scheme means 80 and 443 without a port, and that 8080/8443 must be named (RFC 9110 4.2)', () => {
    expect(lookupService(80, 'tcp')?.description.en).toContain('http:// URL without a port means 80');
    expect(lookupService(443, 'tcp')?.description.en).toContain('https:// URL without a port means 443');
    expect(lookupService(443, 'tcp')?.description.ja).toContain('443 番');
    expect(lookupService(8080, 'tcp')?.description.en).toContain('the URL must name it');
    expect(lookupService(2080, 'tcp')?.description.en).toContain('http://127.0.0.1:2080/');
  });

  it('names every web port of the recorded ss output in the table', async () => {
    const out = await ports({});
    for (const [port, name] of WEB) expect(out).toMatch(new RegExp(`│ tcp\\s+│ 127\\.0\\.0\\.1\\s+│ ${port}\\s+│ ${name.replace(/[()]/g, '\\$&')}\\s+│ loopback only`));
    expect(out).toMatch(/│ tcp\s+│ ::1\s+│ 80\s+│ HTTP\s+│/);
  });

  it('--explain says what each does and points at the http and https lessons', async () => {
    const out = await ports({ explain: true });
    expect(out).toContain('HTTP (l7lab)  2080/tcp  (RFC 9110)');
    expect(out).toContain('HTTPS (alternate)  8443/tcp  (RFC 9110)');
    expect(out).toContain('Lesson: l7lab learn http');
    expect(out).toContain('Lesson: l7lab learn https');
    const ja = await ports({ explain: true, lang: 'ja' });
    expect(ja).toContain('レッスン: l7lab learn https');
    expect(ja).toContain('Web の受信箱');
  });

  it('--json gives the service of a web port', async () => {
    const report = JSON.parse(await ports({ json: true, port: 2443 })) as { sockets: Array<{ port: number; process: string; service: { name: string } }> };
    expect(report.sockets).toEqual([expect.objectContaining({ port: 2443, process: 'web srv', service: expect.objectContaining({ name: 'HTTPS (l7lab)' }) })]);
  });

  it('the recorded lsof output names the same services, 80 once for both families', () => {
    const found = explainServices(parseLsof(fixture('linux/web/lsof-tcp.txt')));
    expect(found.known.map((k) => [k.service.name, k.where])).toEqual([
      ['HTTP', ['80/tcp']],
      ['HTTPS', ['443/tcp']],
      ['HTTP (alternate)', ['8080/tcp']],
      ['HTTPS (alternate)', ['8443/tcp']],
      ['HTTP (l7lab)', ['2080/tcp']],
      ['HTTPS (l7lab)', ['2443/tcp']],
    ]);
    expect(found.unknown).toEqual([]);
  });
});
