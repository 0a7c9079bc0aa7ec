import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/ports/exec.js';
import { scratch } from '../support/scratch.js';

const node = process.execPath;
const dir = scratch('l7lab-exec-').suiteDir();

afterAll(async () => {
  // The orphaned grandchild of the pipe test touches its mark ~1.5 s in; wait for it (bounded) so nothing outlives the file.
  // (this afterAll runs before scratch()'s, which removes the dir)
  for (let i = 0; i < 50 && !existsSync(join(dir, 'done')); i++) await new Promise((r) => setTimeout(r, 100));
});

describe('runCommand', () => {
  it('captures stdout, stderr and the exit code', async () => {
    const r = await runCommand(node, ['-e', "process.stdout.write('out'); process.stderr.write('err'); process.exitCode = 3"]);
    expect(r).toEqual({ kind: 'exited', code: 3, stdout: 'out', stderr: 'err' });
  });

  it('passes arguments as they are: no shell expands them', async () => {
    const r = await runCommand('printf', ['%s', '$(echo hi); * `id`']);
    expect(r).toMatchObject({ kind: 'exited', code: 0, stdout: '$(echo hi); * `id`' });
  });

  it('runs the tool in the C locale, so its output is the one the parsers know', async () => {
    const r = await runCommand(node, ['-e', 'process.stdout.write(`${process.env.LC_ALL}/${process.env.LANG}`)'], { env: { ...process.env, LANG: 'ja_JP.UTF-8' } });
    expect(r).toMatchObject({ kind: 'exited', stdout: 'C/C' });
  });

  it('reports a tool that is not installed as missing', async () => {
    expect(await runCommand('l7lab-no-such-tool', ['-x'])).toEqual({ kind: 'missing', command: 'l7lab-no-such-tool' });
  });

  it('reports a file that may not be executed as denied', async () => {
    expect(await runCommand('/etc/passwd', [])).toMatchObject({ kind: 'denied', command: '/etc/passwd' });
  });

  it('kills a tool that does not answer in time', async () => {
    const r = await runCommand(node, ['-e', 'setInterval(() => {}, 1000)'], { timeoutMs: 200 });
    expect(r).toEqual({ kind: 'timeout', command: node, ms: 200 });
  });

  it('settles at the timeout even while a grandchild still holds the pipes', async () => {
    const mark = join(dir, 'done');
    // sh puts a subshell in the background (it inherits stdout) and execs into a long sleep we kill.
    const r = await runCommand('sh', ['-c', `(sleep 1.5; touch '${mark}') & exec sleep 30`], { timeoutMs: 200 });
    expect(r.kind).toBe('timeout');
    // Had runCommand waited for the pipes to close, the grandchild would have finished first.
    expect(existsSync(mark)).toBe(false);
  });
});
