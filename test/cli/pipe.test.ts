import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/l7lab.js', import.meta.url));

describe('output into a pipe that closes early', () => {
  it('`l7lab --help | true` ends quietly: no EPIPE stack trace, exit 0', async () => {
    // `true` exits without reading, long before node has started and written anything.
    const { stderr, code } = await new Promise<{ stderr: string; code: number }>((resolve) => {
      execFile('sh', ['-c', `"${process.execPath}" "${bin}" --help | true; echo "status=\${PIPESTATUS:-$?}" >&2`], { timeout: 15_000 }, (err, _out, stderr) =>
        resolve({ stderr, code: err ? Number(err.code) : 0 }),
      );
    });
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/EPIPE|Error|at /);
  });
});
