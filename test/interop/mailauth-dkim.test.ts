import { createPrivateKey } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { prependSignature, signDkim, verifyDkim } from '../../src/mailauth/dkim.js';
import { LAB_DKIM_KEY_RECORD, LAB_DKIM_PRIVATE_KEY } from '../../src/mailauth/lab-key.js';
import { runProgram } from '../support/programs.js';
import { scratch } from '../support/scratch.js';
import { fakeDns } from '../unit/mailauth/fake-dns.js';

/**
 * Our DKIM against two independent implementations: dkimpy (Debian python3-dkim) signs and we
 * verify, we sign and it verifies; nodemailer's dkim option signs and we verify.
 */
const HELPER = fileURLToPath(new URL('./mailauth-dkimpy.py', import.meta.url));
// Debian's interpreter, where python3-dkim installs; a pyenv python3 earlier in PATH would not see it.
const PYTHON = '/usr/bin/python3';
const { tempDir } = scratch('l7lab-dkim-');
const DNS = fakeDns({ txt: { 'lab._domainkey.example.com': [LAB_DKIM_KEY_RECORD] } });

const MESSAGE = [
  'From: Alice <alice@example.com>',
  'To: bob@example.net',
  'Subject:   Lunch   at  noon?',
  'Date: Thu, 03 Dec 2026 09:00:00 +0000',
  'Message-ID: <dkim-interop@example.com>',
  '',
  'Shall we meet   at noon?  ',
  '',
  '-- ',
  'Alice',
  '',
  '',
].join('\r\n');

function file(name: string, content: string | Buffer): string {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  return path;
}

async function dkimpy(args: string[]): Promise<string> {
  const run = await runProgram(PYTHON, [HELPER, ...args], 20_000);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run.stdout;
}

describe('DKIM interop with dkimpy', () => {
  // dkimpy reads PKCS#1 PEM ("BEGIN RSA PRIVATE KEY").
  const pkcs1 = createPrivateKey(LAB_DKIM_PRIVATE_KEY).export({ type: 'pkcs1', format: 'pem' }).toString();

  for (const [hc, bc, length] of [['relaxed', 'relaxed', '0'], ['simple', 'simple', '0'], ['relaxed', 'simple', '1']] as const) {
    it(`dkimpy signs ${hc}/${bc}${length === '1' ? ' with l=' : ''}, we verify: pass, and a changed Subject fails`, async () => {
      const field = await dkimpy(['sign', file('m.eml', MESSAGE), file('k.pem', pkcs1), 'lab', 'example.com', hc, bc, length]);
      expect(field).toMatch(new RegExp(`^DKIM-Signature: .*c=${hc}/${bc}`, 's'));
      const signed = Buffer.from(field + MESSAGE, 'latin1');
      const [check] = await verifyDkim(signed, DNS);
      expect(check).toMatchObject({ result: 'pass', domain: 'example.com', bodyHashMatches: true });
      if (length === '1') expect(check?.steps.some((s) => s.key === 'dkim.body-length')).toBe(true);
      const tampered = Buffer.from(field + MESSAGE.replace('noon?', 'one?'), 'latin1');
      expect((await verifyDkim(tampered, DNS))[0]?.result).toBe('fail');
    });
  }

  it('we sign, dkimpy verifies: pass; with a changed body dkimpy says fail', async () => {
    const field = signDkim(Buffer.from(MESSAGE), { domain: 'example.com', selector: 'lab', privateKey: LAB_DKIM_PRIVATE_KEY });
    const record = file('key.txt', LAB_DKIM_KEY_RECORD);
    const signed = prependSignature(Buffer.from(MESSAGE), field);
    expect((await dkimpy(['verify', file('s.eml', signed), record])).trim()).toBe('pass');
    const tampered = Buffer.from(signed.toString('latin1').replace('Alice\r\n', 'Mallory\r\n'), 'latin1');
    expect((await dkimpy(['verify', file('t.eml', tampered), record])).trim()).toBe('fail');
  });
});

describe('DKIM interop with nodemailer', () => {
  it("nodemailer's dkim option signs, we verify: pass", async () => {
    const transport = nodemailer.createTransport({
      streamTransport: true,
      buffer: true,
      newline: 'windows',
      dkim: { domainName: 'example.com', keySelector: 'lab', privateKey: LAB_DKIM_PRIVATE_KEY },
    });
    const info = await transport.sendMail({ from: 'Alice <alice@example.com>', to: 'bob@example.net', subject: 'こんにちは', text: 'Lunch at noon?\nAlice' });
    const message = info.message as Buffer;
    expect(message.toString('latin1')).toMatch(/^DKIM-Signature: /);
    const [check] = await verifyDkim(message, DNS);
    expect(check).toMatchObject({ result: 'pass', domain: 'example.com', selector: 'lab' });
    expect(check?.signedHeaders.map((h) => h.toLowerCase())).toContain('from');
  });
});
