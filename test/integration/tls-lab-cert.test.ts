import { X509Certificate } from 'node:crypto';
import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLabCertificate, TlsCertificateError } from '../../src/tls/lab-cert.js';
import { scratch } from '../support/scratch.js';

const { tempDir } = scratch('l7lab-cert-');

describe('the lab certificate', () => {
  it('is made on first use for localhost, 127.0.0.1 and ::1, then reused', async () => {
    const dir = tempDir();
    const first = await loadLabCertificate({ dir });
    expect(first.generated).toBe(true);
    const x509 = new X509Certificate(first.cert);
    expect(x509.checkHost('localhost')).toBe('localhost');
    expect(x509.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(x509.checkIP('::1')).toBe('::1');
    expect(first.subject).toContain('CN=localhost');
    expect(first.fingerprint256).toBe(x509.fingerprint256);
    expect((await stat(first.keyPath)).mode & 0o077).toBe(0);
    const again = await loadLabCertificate({ dir });
    expect(again.generated).toBe(false);
    expect(again.fingerprint256).toBe(first.fingerprint256);
  });

  it('is made again once it has expired', async () => {
    const dir = tempDir();
    const old = await loadLabCertificate({ dir, now: new Date('2020-01-01T00:00:00Z') });
    const fresh = await loadLabCertificate({ dir });
    expect(fresh.generated).toBe(true);
    expect(fresh.fingerprint256).not.toBe(old.fingerprint256);
  });

  it("takes the user's own pair, and refuses a key that does not belong to the certificate", async () => {
    const a = await loadLabCertificate({ dir: tempDir() });
    const b = await loadLabCertificate({ dir: tempDir() });
    const own = await loadLabCertificate({ certPath: a.certPath, keyPath: a.keyPath });
    expect(own.generated).toBe(false);
    expect(own.fingerprint256).toBe(a.fingerprint256);
    await expect(loadLabCertificate({ certPath: a.certPath, keyPath: b.keyPath })).rejects.toThrow(TlsCertificateError);
    await expect(loadLabCertificate({ certPath: a.certPath })).rejects.toThrow(/go together/);
    const junk = join(tempDir(), 'junk.pem');
    await writeFile(junk, 'not a certificate');
    await expect(loadLabCertificate({ certPath: junk, keyPath: a.keyPath })).rejects.toThrow(/not a PEM certificate/);
  });
});
