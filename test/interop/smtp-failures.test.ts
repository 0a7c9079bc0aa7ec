import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../src/lab.js';
import { FailureRules, parseFailRule } from '../../src/protocols/smtp/failure-rules.js';
import type { TranscriptEvent } from '../../src/protocols/transcript.js';
import { scratch } from '../support/scratch.js';

/**
 * Failure on demand and wrong passwords, seen by the clients apps use: nodemailer, Python's
 * smtplib and curl, against the lab's SMTP server on 127.0.0.1 (port 0).
 */
let lab: Lab;
let port: number;
const dir = scratch('l7lab-fail-').suiteDir();
const events: TranscriptEvent[] = [];

beforeAll(async () => {
  const rules = ['rcpt:*@bounce.test=550 5.1.1', 'mail:*@spam.test=554', 'data:*@flaky.test=451 4.3.0', 'auth:carol=454', 'data:*@drop.test=drop', 'rcpt:*@slow.test=delay 200ms'];
  lab = await startLab({
    protocols: ['smtp'],
    sink: (e) => events.push(e),
    smtpFailures: new FailureRules(rules.map((r, i) => parseFailRule(r, `rule ${i + 1}`))),
  });
  port = lab.endpoints.smtp!.port;
});

afterAll(async () => {
  await lab.close();
});

function run(cmd: string, args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = execFile(cmd, args, { cwd: dir, timeout: 20_000, encoding: 'utf8' }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }),
    );
    if (input !== undefined) p.stdin?.end(input);
  });
}

const transport = () => nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, auth: { user: 'alice', pass: 'wonderland' } });
const stored = async (account: string) => (await lab.store.list(account, 'INBOX')).length;

describe('nodemailer meets simulated failures', () => {
  it('a 550 recipient is in info.rejected, the others get the message', async () => {
    const info = await transport().sendMail({ from: 'app@example.com', to: ['gone@bounce.test', 'carl@example.com'], subject: 'hi', text: 'x' });
    expect(info.rejected).toEqual(['gone@bounce.test']);
    expect(info.accepted).toEqual(['carl@example.com']);
    expect(info.rejectedErrors?.[0]?.message).toMatch(/550 5\.1\.1 <gone@bounce\.test>: .*simulated failure \(l7lab rule 1\)/);
    expect(await stored('carl')).toBe(1);
  });

  it('the magic tempfail-451@ recipient: with no other recipient, sendMail fails with 451', async () => {
    const err = (await transport()
      .sendMail({ from: 'app@example.com', to: 'tempfail-451@example.com', subject: 'hi', text: 'x' })
      .catch((e: unknown) => e)) as { responseCode?: number; response?: string };
    expect(err.responseCode).toBe(451);
    expect(err.response).toMatch(/simulated failure \(l7lab magic address tempfail-451@\)/);
  });

  it('a 451 after DATA rejects the message; nothing is stored', async () => {
    const err = (await transport()
      .sendMail({ from: 'app@flaky.test', to: 'dave@example.com', subject: 'hi', text: 'x' })
      .catch((e: unknown) => e)) as { responseCode?: number; command?: string };
    expect(err.responseCode).toBe(451);
    expect(err.command).toBe('DATA');
    expect(await stored('dave')).toBe(0);
  });

  it('a delayed RCPT reply still accepts the recipient, and says it was held back', async () => {
    const info = await transport().sendMail({ from: 'app@example.com', to: 'fay@slow.test', subject: 'hi', text: 'x' });
    expect(info.accepted).toEqual(['fay@slow.test']);
    const reply = events.find((e) => e.event === 'line' && e.direction === 'server' && /delayed 200 ms/.test(e.text));
    expect(reply).toMatchObject({ text: '250 2.1.5 Ok (delayed 200 ms by l7lab rule 6: simulated slow server)' });
    expect(await stored('fay')).toBe(1);
  });

  it('a dropped connection after DATA is an error, not a success', async () => {
    const err = await transport()
      .sendMail({ from: 'app@drop.test', to: 'erin@example.com', subject: 'hi', text: 'x' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(await stored('erin')).toBe(0);
    expect(events.some((e) => e.event === 'disconnect' && e.reason === 'dropped by l7lab rule 5 (simulated failure)')).toBe(true);
  });
});

describe('Python smtplib meets simulated failures and wrong passwords', () => {
  const script = `
import json, smtplib, sys
port = int(sys.argv[1])
out = {}
def attempt(name, fn):
    try:
        fn()
        out[name] = 'ok'
    except smtplib.SMTPRecipientsRefused as e:
        out[name] = ['SMTPRecipientsRefused', {k: v[0] for k, v in e.recipients.items()}]
    except smtplib.SMTPSenderRefused as e:
        out[name] = ['SMTPSenderRefused', e.smtp_code]
    except smtplib.SMTPDataError as e:
        out[name] = ['SMTPDataError', e.smtp_code]
    except smtplib.SMTPAuthenticationError as e:
        out[name] = ['SMTPAuthenticationError', e.smtp_code, e.smtp_error.decode()]
    except smtplib.SMTPServerDisconnected as e:
        out[name] = ['SMTPServerDisconnected']
def send(sender, rcpts, user=None, password=None):
    def go():
        with smtplib.SMTP('127.0.0.1', port, timeout=15) as s:
            if user:
                s.login(user, password)
            s.sendmail(sender, rcpts, 'Subject: hi\\r\\n\\r\\nx\\r\\n')
    return go
attempt('rcpt', send('app@example.com', ['gone@bounce.test']))
attempt('mail', send('x@spam.test', ['bob@example.com']))
attempt('data', send('app@flaky.test', ['bob@example.com']))
attempt('wrong', send('app@example.com', ['bob@example.com'], 'alice', 'not the password'))
attempt('auth454', send('app@example.com', ['bob@example.com'], 'carol', 'anything'))
attempt('right', send('app@example.com', ['bob@example.com'], 'alice', 'wonderland'))
print(json.dumps(out))
`;

  it('SMTPRecipientsRefused, SMTPSenderRefused, SMTPDataError; a wrong password ends in 535 after all three mechanisms', async () => {
    writeFileSync(join(dir, 'fail.py'), script);
    const before = events.length;
    const r = await run('python3', ['fail.py', String(port)]);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out.rcpt).toEqual(['SMTPRecipientsRefused', { 'gone@bounce.test': 550 }]);
    expect(out.mail).toEqual(['SMTPSenderRefused', 554]);
    expect(out.data).toEqual(['SMTPDataError', 451]);
    expect(out.wrong).toEqual(['SMTPAuthenticationError', 535, '5.7.8 Authentication credentials invalid']);
    expect(out.auth454).toEqual(['SMTPAuthenticationError', 454, expect.stringMatching(/simulated failure \(l7lab rule 4\)/)]);
    expect(out.right).toBe('ok');
    // smtplib really tried CRAM-MD5, PLAIN and LOGIN with the wrong password, and each got 535.
    const auths = events.slice(before).filter((e) => e.event === 'line' && e.direction === 'client' && /^AUTH /.test(e.text)).map((e) => (e as { text: string }).text.split(' ')[1]);
    expect(auths.slice(0, 3)).toEqual(['CRAM-MD5', 'PLAIN', 'LOGIN']);
    const lockouts = events.slice(before).filter((e) => e.event === 'line' && e.direction === 'server' && /^421 /.test(e.text));
    expect(lockouts).toEqual([]);
  });
});

describe('curl meets a simulated 550', () => {
  it('exits non-zero and names the reply', async () => {
    writeFileSync(join(dir, 'msg.txt'), 'Subject: hi\r\n\r\nx\r\n');
    const r = await run('curl', ['-sS', `smtp://127.0.0.1:${port}`, '--mail-from', 'app@example.com', '--mail-rcpt', 'reject-550@example.com', '-T', 'msg.txt']);
    expect(r.code).toBe(55);
    expect(r.stderr).toMatch(/RCPT failed: 550/);
  });
});
