import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The CI cut of `npm run soak` (issue 9): a few seconds of SMTP, POP3 and IMAP clients at once
 * against `l7lab serve` on a Maildir (the built bin), then no error of any kind and no message
 * that got 250 missing from the store.
 */
const soak = fileURLToPath(new URL('../../bench/soak.mjs', import.meta.url));

describe('soak, short', () => {
  it('three protocols at once for 3 s: no errors, no lost message', async () => {
    const out = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, [soak, '--seconds', '3', '--smtp', '4', '--pop3', '2', '--imap', '2', '--json'], { timeout: 40_000 }, (err, stdout, stderr) => {
        if (err && !stdout) reject(new Error(`${err.message}\n${stderr}`));
        else resolve(stdout);
      });
    });
    const report = JSON.parse(out) as { smtpAcked: number; stored: number; lost: number; errors: Record<string, number>; imapFetches: number; pop3Sessions: number };
    expect(report.errors).toEqual({});
    expect(report.lost).toBe(0);
    expect(report.smtpAcked).toBeGreaterThan(0);
    expect(report.stored).toBe(report.smtpAcked);
    expect(report.imapFetches).toBeGreaterThan(0);
    expect(report.pop3Sessions).toBeGreaterThan(0);
  }, 45_000);
});
