import { describe, expect, it } from 'vitest';
import { Accounts, DEMO_ACCOUNTS } from '../../../src/protocols/accounts.js';
import { runCommand } from '../../../src/protocols/command.js';
import { WrongStateError } from '../../../src/protocols/errors.js';
import { authArgs, domainArg, noArgs, optionalText, pathArg, requiredText } from '../../../src/protocols/smtp/commands/args.js';
import { SMTP_COMMANDS } from '../../../src/protocols/smtp/commands/index.js';
import { renderError, SmtpSyntaxError } from '../../../src/protocols/smtp/replies.js';
import type { SmtpContext, SmtpState } from '../../../src/protocols/smtp/types.js';
import { fixedEnv, makeSession } from './fixtures.js';
import { standaloneGuard } from '../../../src/protocols/auth-delay.js';

/** The one error renderer's reply for what a schema throws (the reply the client would get). */
function replyFor(parse: () => unknown): string {
  try {
    parse();
  } catch (err) {
    expect(err).toBeInstanceOf(SmtpSyntaxError);
    return renderError(err).reply;
  }
  throw new Error('the schema accepted it');
}

const context = (state: SmtpState): SmtpContext => ({
  config: { hostname: 'h.test', maxMessageSize: 1000, authRequired: false, accounts: new Accounts(DEMO_ACCOUNTS), transcriptDataLines: false, tls: { starttls: false, loginRequiresTls: false }, failures: null },
  env: fixedEnv(),
  state,
  data: { greeting: 'EHLO', clientDomain: 'c', remoteAddress: '127.0.0.1', authenticatedAs: null, transaction: null, secure: false },
  commands: SMTP_COMMANDS,
  sessionId: 's',
  store: { deliver: async () => [] },
  logins: standaloneGuard(),
  onMessage: null,
});

describe('SMTP specs: contexts narrowed by state', () => {
  it.each([
    ['RCPT', 'GREETED', 'TO:<b@example.com>'],
    ['DATA', 'MAIL', ''],
    ['MAIL', 'RCPT', 'FROM:<a@example.com>'],
    ['AUTH', 'MAIL', 'PLAIN'],
    ['STARTTLS', 'RCPT', ''],
  ] as const)('%s in %s is refused before its context is built or its handler runs', (verb, state, args) => {
    let narrowed = 0;
    const narrow = (s: SmtpState) => {
      narrowed++;
      return context(s);
    };
    expect(() => runCommand(SMTP_COMMANDS, verb, state, args, narrow)).toThrow(WrongStateError);
    expect(narrowed).toBe(0);
  });

  it('RCPT and DATA get the open transaction: RCPT adds to a new transaction, the old one is left as it was', async () => {
    const tx = { from: 'a@example.com', to: ['b@example.com'], declaredSize: null, body: null, smtputf8: false };
    const ctx = { ...context('RCPT'), transaction: tx };
    const outcome = await runCommand(SMTP_COMMANDS, 'RCPT', 'RCPT', 'TO:<c@example.com>', () => ctx);
    expect(outcome.change).toEqual({ transaction: { ...tx, to: ['b@example.com', 'c@example.com'] } });
    expect(tx.to).toEqual(['b@example.com']);
    const data = await runCommand(SMTP_COMMANDS, 'DATA', 'RCPT', '', () => ctx);
    expect(data).toMatchObject({ replies: ['354 End data with <CR><LF>.<CR><LF>'], next: 'DATA' });
    expect(data.pending?.expect).toEqual({ mode: 'line', maxLine: 1000 });
  });

  it('a handler changes nothing itself: the session applies what it returns', async () => {
    const ctx = context('CONNECTED');
    const before = JSON.stringify(ctx.data);
    const outcome = await runCommand(SMTP_COMMANDS, 'EHLO', 'CONNECTED', 'c.example', () => ctx);
    expect(JSON.stringify(ctx.data)).toBe(before);
    expect(outcome).toMatchObject({ next: 'GREETED', change: { greeting: 'EHLO', clientDomain: 'c.example', transaction: null } });
  });

  it('a session whose MAIL state lost its transaction is a fault, not a reply (the one run-time check)', async () => {
    const h = makeSession();
    await h.wire.start();
    await h.wire.send('EHLO c\r\nMAIL FROM:<a@example.com>\r\n');
    await h.session.closed(); // drops the transaction but (unlike a real close) leaves the state MAIL
    await expect(h.session.line(Buffer.from('RCPT TO:<b@example.com>'), { crlf: true })).rejects.toThrow(/MAIL without a transaction/);
  });
});

describe('SMTP argument schemas (RFC 5321 4.1.1, 4.1.2)', () => {
  it('noArgs: nothing, or 501 5.5.4 with the syntax', () => {
    expect(noArgs('QUIT').parse('  ', null)).toBeNull();
    expect(replyFor(() => noArgs('QUIT').parse('now', null))).toBe('501 5.5.4 This command takes no arguments (syntax: QUIT)');
  });

  it('optionalText and requiredText', () => {
    expect(optionalText.parse('  ', null)).toBeNull();
    expect(optionalText.parse(' MAIL ', null)).toBe('MAIL');
    expect(requiredText('VRFY <string>', 'the user').parse(' bob ', null)).toBe('bob');
    expect(replyFor(() => requiredText('VRFY <string>', 'the user').parse('', null))).toBe('501 5.5.4 Missing the user (syntax: VRFY <string>)');
  });

  it('domainArg: one printable word', () => {
    expect(domainArg('EHLO <domain>').parse(' c.example ', null)).toBe('c.example');
    expect(replyFor(() => domainArg('EHLO <domain>').parse('', null))).toBe('501 5.5.4 Missing the client domain name (syntax: EHLO <domain>)');
    expect(replyFor(() => domainArg('EHLO <domain>').parse('two words', null))).toBe('501 5.5.4 The domain must be one word (syntax: EHLO <domain>)');
  });

  it('pathArg: the mailbox and its parameters, typed; bad sender 5.1.7, bad recipient 5.1.3', () => {
    expect(pathArg('FROM', 'MAIL').parse('FROM:<a@example.com> SIZE=10 SMTPUTF8', null)).toEqual({ path: 'a@example.com', params: [['SIZE', '10'], ['SMTPUTF8', null]] });
    expect(pathArg('FROM', 'MAIL').parse('FROM:<>', null)).toEqual({ path: '', params: [] });
    expect(pathArg('TO', 'RCPT').parse('TO:<Postmaster>', null)).toEqual({ path: 'Postmaster', params: [] });
    expect(replyFor(() => pathArg('FROM', 'MAIL').parse('FROM:<a b>', null))).toBe('501 5.1.7 Bad sender address syntax: <a b> (syntax: MAIL)');
    expect(replyFor(() => pathArg('TO', 'RCPT').parse('TO:<>', null))).toBe('501 5.1.3 The null path <> is not a recipient (syntax: RCPT)');
    expect(replyFor(() => pathArg('TO', 'RCPT').parse('FROM:<a@example.com>', null))).toBe('501 5.5.4 Expected TO:<address> (syntax: RCPT)');
  });

  it('authArgs: the mechanism upper-cased and at most one initial response', () => {
    expect(authArgs('AUTH').parse('plain AGFsaWNl', null)).toEqual({ mechanism: 'PLAIN', initial: 'AGFsaWNl' });
    expect(authArgs('AUTH').parse('LOGIN', null)).toEqual({ mechanism: 'LOGIN', initial: null });
    expect(replyFor(() => authArgs('AUTH').parse('', null))).toMatch(/^501 5\.5\.4 Expected a mechanism/);
    expect(replyFor(() => authArgs('AUTH').parse('PLAIN a b', null))).toMatch(/^501 5\.5\.4 Expected a mechanism/);
  });

  it('every spec is in the registry once, keyed by its verb', () => {
    expect([...SMTP_COMMANDS.keys()]).toEqual(['EHLO', 'HELO', 'STARTTLS', 'AUTH', 'MAIL', 'RCPT', 'DATA', 'RSET', 'NOOP', 'VRFY', 'HELP', 'QUIT']);
    for (const [verb, spec] of SMTP_COMMANDS) expect(spec.name).toBe(verb);
  });
});
