import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { BIN, runBin } from '../support/bin.js';
import { scratch } from '../support/scratch.js';

/**
 * `serve --max-messages` and the transcripts serve keeps, seen as a developer sees them: the
 * built serve on a Maildir, curl sending, `l7lab mail` reading (issue 15, the store side).
 */
const { children, tempDir } = scratch('l7lab-mailserve-');
const ENV = { NO_COLOR: '1', LANG: 'C', LC_ALL: '', LC_MESSAGES: '', COLUMNS: '200' };

/** serve --json-log; `next(pred)` resolves with the first JSON event (already seen or to come) that matches. */
function serve(home: string, args: string[]) {
  const env = { ...process.env, ...ENV, HOME: home, XDG_DATA_HOME: join(home, 'data'), XDG_STATE_HOME: join(home, 'state') };
  const ports = ['--smtp-port', '0', '--pop3-port', '0', '--imap-port', '0', '--http-port', '0', '--smtps-port', '0', '--pop3s-port', '0', '--imaps-port', '0'];
  const child = spawn(process.execPath, [BIN, 'serve', '--json-log', '--no-tls', ...ports, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const seen: Array<Record<string, unknown>> = [];
  let wake: () => void = () => undefined;
  createInterface({ input: child.stdout }).on('line', (line) => {
    seen.push(JSON.parse(line) as Record<string, unknown>);
    wake();
  });
  const next = async (pred: (e: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> => {
    // Bounded: a serve that never says it fails the test instead of hanging it.
    for (let i = 0; i < 200; i++) {
      const hit = seen.find(pred);
      if (hit) return hit;
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 100);
      });
    }
    throw new Error(`no such event; saw ${JSON.stringify(seen)}`);
  };
  return { next };
}

function curlSend(port: number, rcpt: string, file: string): Promise<number> {
  return new Promise((resolve) => {
    const c = spawn('curl', ['-sS', '--max-time', '10', `smtp://127.0.0.1:${port}`, '--mail-from', 'app@example.com', '--mail-rcpt', rcpt, '--upload-file', file], { stdio: 'ignore' });
    c.on('exit', (code) => resolve(code ?? -1));
  });
}

describe('serve keeps what mail shows', () => {
  it('--max-messages 2: the oldest transaction goes, said in a retention event; transcripts are kept', async () => {
    const home = tempDir();
    const store = join(home, 'mail');
    const s = serve(home, ['--store', store, '--max-messages', '2']);
    const port = Number((await s.next((e) => e.event === 'listening' && e.protocol === 'smtp' && e.tls !== true)).port);
    const file = join(home, 'msg.txt');
    const ids: string[] = [];
    for (const [i, rcpt] of ['one@example.com', 'two@example.com', 'three@example.com'].entries()) {
      writeFileSync(file, `Subject: n${i}\r\n\r\nbody\r\n`);
      expect(await curlSend(port, rcpt, file)).toBe(0);
      ids.push(((await s.next((e) => e.event === 'message' && (e.to as string[])[0] === rcpt)).ids as string[])[0] as string);
    }
    const dropped = await s.next((e) => e.event === 'retention');
    expect(dropped).toEqual({ event: 'retention', maxMessages: 2, dropped: [ids[0]] });
    const listed = JSON.parse((await runBin(['mail', 'list', '--json', '--store', store], ENV, 20_000)).stdout) as Array<{ id: string; subject: string }>;
    expect(listed.map((m) => m.subject)).toEqual(['n1', 'n2']);
    const shown = await runBin(['mail', 'show', ids[2] as string, '--transcript', '--store', store], ENV, 20_000);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('C: RCPT TO:<three@example.com>');
    const gone = await runBin(['mail', 'show', ids[0] as string, '--store', store], ENV, 20_000);
    expect(gone.code).toBe(1);
  });
});
