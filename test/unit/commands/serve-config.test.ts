import { describe, expect, it } from 'vitest';
import { isLoopback, serveConfig } from '../../../src/commands/serve-config.js';
import { UsageError } from '../../../src/errors.js';

const env = { HOME: '/home/u', XDG_DATA_HOME: '/data' } as NodeJS.ProcessEnv;

describe('serveConfig', () => {
  it('defaults: loopback, the lab ports, a Maildir under XDG_DATA_HOME, demo accounts, optional AUTH', () => {
    const c = serveConfig({}, env);
    expect(c).toMatchObject({ host: '127.0.0.1', ports: { smtp: 2525, pop3: 2110, imap: 2143, http: 2080 }, storeDir: '/data/l7lab/mail', authRequired: false, output: 'transcript' });
    expect(c.tls?.ports.http).toBe(2443);
    expect(c.users.map(([n]) => n)).toEqual(['alice', 'bob']);
  });

  it('--http-port and --https-port move the web inbox (0 = any free port)', () => {
    const c = serveConfig({ httpPort: 0, httpsPort: 8443 }, env);
    expect(c.ports.http).toBe(0);
    expect(c.tls?.ports.http).toBe(8443);
  });

  it('--user replaces the demo accounts; --memory stores nothing on disk; --auth required', () => {
    const c = serveConfig({ user: ['carol:s3cr:et'], memory: true, auth: 'required', jsonLog: true }, env);
    expect(c.users).toEqual([['carol', 's3cr:et']]);
    expect(c.storeDir).toBeNull();
    expect(c.authRequired).toBe(true);
    expect(c.output).toBe('json');
  });

  it.each([
    [{ user: ['carol'] }, /invalid --user "carol"/],
    [{ user: [':pw'] }, /invalid --user/],
    [{ memory: true, store: '/x' }, /--memory and --store/],
    [{ quiet: true, jsonLog: true }, /--quiet and --json-log/],
    [{ lang: 'fr' }, /unknown language "fr"/],
  ])('usage error for %j', (opts, message) => {
    expect(() => serveConfig(opts, env)).toThrow(UsageError);
    expect(() => serveConfig(opts, env)).toThrow(message);
  });
});

describe('isLoopback', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['::1', true],
    ['localhost', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.10', false],
  ])('%s -> %s', (host, loop) => expect(isLoopback(host)).toBe(loop));
});
