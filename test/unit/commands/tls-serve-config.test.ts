import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { serveConfig } from '../../../src/commands/serve-config.js';
import { SERVE_PORTS } from '../../../src/commands/options.js';

const env = { HOME: '/home/test', LANG: 'C' };

describe('serve TLS flags', () => {
  it('TLS is on by default, on 2465/2995/2993, with the lab certificate', () => {
    const c = serveConfig({ tls: true }, env);
    expect(c.tls).toEqual({ ports: SERVE_PORTS.implicitTls, loginRequiresTls: false, plainStarttls: false, submissionPort: 2587 });
    expect(SERVE_PORTS.implicitTls).toEqual({ smtp: 2465, pop3: 2995, imap: 2993, http: 2443 });
    expect(serveConfig({}, env).tls).not.toBeNull();
  });

  it('takes the S ports, a certificate pair and --login-requires-tls', () => {
    const c = serveConfig({ tls: true, smtpsPort: 0, pop3sPort: 1995, imapsPort: 1993, httpsPort: 1443, tlsCert: 'c.pem', tlsKey: 'k.pem', loginRequiresTls: true }, env);
    expect(c.tls).toEqual({ certPath: 'c.pem', keyPath: 'k.pem', ports: { smtp: 0, pop3: 1995, imap: 1993, http: 1443 }, loginRequiresTls: true, plainStarttls: true, submissionPort: 2587 });
  });

  it('--starttls offers STARTTLS on the plain ports; --submission-port moves the STARTTLS port', () => {
    expect(serveConfig({ tls: true, starttls: true, submissionPort: 0 }, env).tls).toMatchObject({ plainStarttls: true, submissionPort: 0 });
    expect(() => serveConfig({ tls: false, starttls: true }, env)).toThrow(/--no-tls excludes .*--starttls/);
  });

  it('--fail rules are parsed in order and numbered; a bad one is a usage error naming it', () => {
    const c = serveConfig({ fail: ['rcpt:*@bounce.test=550 5.1.1', 'data:*=451 @25%'], failFile: 'rules.txt', failSeed: 7 }, env);
    expect(c.failRules.map((r) => [r.label, r.stage, r.pattern, r.probability])).toEqual([
      ['rule 1', 'rcpt', '*@bounce.test', 1],
      ['rule 2', 'data', '*', 0.25],
    ]);
    expect(c.failFile).toBe('rules.txt');
    expect(c.failSeed).toBe(7);
    expect(() => serveConfig({ fail: ['rcpt:*=250'] }, env)).toThrow(UsageError);
    expect(() => serveConfig({ fail: ['rcpt:*=250'] }, env)).toThrow('--fail: invalid failure rule "rcpt:*=250": 250 is not a failure');
  });

  it('--no-tls turns it off, and refuses TLS flags beside it', () => {
    expect(serveConfig({ tls: false }, env).tls).toBeNull();
    expect(() => serveConfig({ tls: false, tlsCert: 'c.pem', tlsKey: 'k.pem' }, env)).toThrow(UsageError);
    expect(() => serveConfig({ tls: false, loginRequiresTls: true }, env)).toThrow(/--no-tls/);
  });

  it('--tls-cert without --tls-key (or the other way round) is a usage error', () => {
    expect(() => serveConfig({ tls: true, tlsCert: 'c.pem' }, env)).toThrow(/go together/);
    expect(() => serveConfig({ tls: true, tlsKey: 'k.pem' }, env)).toThrow(UsageError);
  });
});
