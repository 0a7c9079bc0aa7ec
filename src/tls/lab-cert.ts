import { X509Certificate, createPrivateKey } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { localize, type Lang, type Localized } from '../i18n.js';
import { userDirs } from '../paths.js';

/**
 * The lab's TLS certificate: made once, on first use, for localhost, 127.0.0.1 and ::1 and
 * kept in the user's data directory, so a learner can trust it once (`curl --cacert`) and
 * compare its SHA-256 fingerprint with the one `serve` prints. Or the user's own pair
 * (`--tls-cert`/`--tls-key`). Certificates are made by the `selfsigned` library and read by
 * Node's own X509Certificate: no hand-written ASN.1.
 */
export interface LabCertificate {
  /** PEM */
  cert: string;
  /** PEM */
  key: string;
  /** SHA-256 over the DER, as colon-separated hex (what `openssl x509 -fingerprint -sha256` prints). */
  fingerprint256: string;
  /** e.g. `CN=localhost` */
  subject: string;
  validTo: Date;
  certPath: string;
  keyPath: string;
  /** Made just now (first use, or the old one had expired). */
  generated: boolean;
}

export interface LabCertificateOptions {
  /** Where the lab's own pair lives; default `<data dir>/tls`. */
  dir?: string;
  /** The user's own pair instead of the lab's. */
  certPath?: string;
  keyPath?: string;
  env?: NodeJS.ProcessEnv;
  now?: Date;
}

/** What was wrong with a certificate or key file, with the names a message needs (no sentence yet). */
export type CertProblem =
  | { kind: 'pair' }
  | { kind: 'missing'; cert: string; key: string }
  | { kind: 'notPem'; cert: string; detail: string }
  | { kind: 'keyMismatch'; cert: string; key: string }
  | { kind: 'badKey'; cert: string; key: string; detail: string };

/** OpenSSL's own detail (`error:0480006C:PEM routines::no start line`) is English only: the Japanese line leaves it out. */
const PROBLEM_TEXT: Record<CertProblem['kind'], Localized> = {
  pair: { en: '--tls-cert and --tls-key go together: give both', ja: '--tls-cert と --tls-key は組で使います。両方を指定してください' },
  missing: { en: 'cannot read {cert} or {key}: no such file', ja: '{cert} または {key} を読めません。ファイルがありません' },
  notPem: { en: '{cert} is not a PEM certificate ({detail})', ja: '{cert} は PEM 形式の証明書ではありません' },
  keyMismatch: {
    en: '{key} cannot be used with {cert}: the key does not belong to the certificate',
    ja: '{key} は {cert} と組み合わせて使えません。この鍵はその証明書のものではありません',
  },
  badKey: { en: '{key} cannot be used with {cert}: {detail}', ja: '{key} は {cert} と組み合わせて使えません。PEM 形式の秘密鍵として読めません' },
};

/** A certificate or key file that could not be used: one line that says which and why, in either language. */
export class TlsCertificateError extends Error {
  constructor(readonly problem: CertProblem) {
    super(localize(PROBLEM_TEXT[problem.kind], 'en', problem));
    this.name = 'TlsCertificateError';
  }

  reason(lang: Lang): string {
    return localize(PROBLEM_TEXT[this.problem.kind], lang, this.problem);
  }
}

export const LAB_CERT_FILE = 'lab-cert.pem';
export const LAB_KEY_FILE = 'lab-key.pem';
/** A year, like a `openssl req -x509 -days 365`; an expired one is simply made again. */
const VALID_DAYS = 365;

export function defaultTlsDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(userDirs(env).data, 'tls');
}

function describe(cert: string, key: string, certPath: string, keyPath: string, generated: boolean): LabCertificate {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch (err) {
    throw new TlsCertificateError({ kind: 'notPem', cert: certPath, detail: (err as Error).message });
  }
  let matches: boolean;
  try {
    matches = x509.checkPrivateKey(createPrivateKey(key));
  } catch (err) {
    throw new TlsCertificateError({ kind: 'badKey', cert: certPath, key: keyPath, detail: (err as Error).message });
  }
  if (!matches) throw new TlsCertificateError({ kind: 'keyMismatch', cert: certPath, key: keyPath });
  const subject = x509.subject.split('\n').filter((s) => s.length > 0).join(', ');
  return { cert, key, fingerprint256: x509.fingerprint256, subject, validTo: new Date(x509.validTo), certPath, keyPath, generated };
}

async function readPair(certPath: string, keyPath: string): Promise<{ cert: string; key: string } | null> {
  try {
    return { cert: await readFile(certPath, 'utf8'), key: await readFile(keyPath, 'utf8') };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Make a new self-signed pair for the loopback names (SAN: RFC 5280 4.2.1.6; clients match on it, RFC 6125). */
async function makePair(now: Date): Promise<{ cert: string; key: string }> {
  const notAfterDate = new Date(now.getTime() + VALID_DAYS * 24 * 3600 * 1000);
  // selfsigned (and node-forge under it) only when a certificate is made, not on every start.
  // A CommonJS module: its exports object is the default export, the one form both Node's
  // loader and the bundle (scripts/bundle.mjs, where a lazy CommonJS chunk has no named exports) give.
  const { generate } = (await import('selfsigned')).default;
  const pems = await generate([{ name: 'commonName', value: 'localhost' }, { name: 'organizationName', value: 'l7lab' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: now,
    notAfterDate,
    extensions: [
      // CA:TRUE like `openssl req -x509`: OpenSSL-based clients then accept it as its own trust anchor (--cacert).
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }] },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

/** The user's pair if given, else the lab's own (made on first use, or again once expired). */
export async function loadLabCertificate(opts: LabCertificateOptions = {}): Promise<LabCertificate> {
  if (opts.certPath !== undefined || opts.keyPath !== undefined) {
    if (!opts.certPath || !opts.keyPath) throw new TlsCertificateError({ kind: 'pair' });
    const pair = await readPair(opts.certPath, opts.keyPath);
    if (!pair) throw new TlsCertificateError({ kind: 'missing', cert: opts.certPath, key: opts.keyPath });
    return describe(pair.cert, pair.key, opts.certPath, opts.keyPath, false);
  }
  const dir = opts.dir ?? defaultTlsDir(opts.env);
  const certPath = join(dir, LAB_CERT_FILE);
  const keyPath = join(dir, LAB_KEY_FILE);
  const now = opts.now ?? new Date();
  const existing = await readPair(certPath, keyPath);
  if (existing) {
    const found = describe(existing.cert, existing.key, certPath, keyPath, false);
    if (found.validTo.getTime() > now.getTime()) return found;
  }
  const made = await makePair(now);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // The key is written readable by its owner only, like ssh-keygen does.
  await writeFile(keyPath, made.key, { mode: 0o600 });
  await chmod(keyPath, 0o600);
  await writeFile(certPath, made.cert, { mode: 0o644 }); // public, but never writable by others, whatever the umask
  return describe(made.cert, made.key, certPath, keyPath, true);
}
