import { describe, expect, it } from 'vitest';
import { registry, runCommand } from '../../../src/protocols/command.js';
import { UnknownCommandError, WrongStateError } from '../../../src/protocols/errors.js';
import { seqSet } from '../../../src/protocols/imap/commands/args.js';
import { IMAP_COMMANDS } from '../../../src/protocols/imap/commands/index.js';
import { IMAP_STATES, imapCommand, type ImapContext, type ImapOutcome, type ImapState, type ImapTokens } from '../../../src/protocols/imap/types.js';
import { ANY_STATE, AUTHENTICATED, SELECTED } from '../../../src/protocols/imap/commands/util.js';
import { parseCommand } from '../../../src/protocols/imap/parser.js';
import type { SelectedMailbox } from '../../../src/protocols/imap/selected-mailbox.js';
import { NO_TLS } from '../../../src/protocols/imap/replies.js';
import { DEFAULT_HOSTNAME } from '../../../src/protocols/session.js';
import { dialog, fixture, services, tagged } from './fixtures.js';

/**
 * Contexts narrowed by state (issue 13): a handler's context type follows the states its
 * spec declares, and the dispatcher never runs (or even narrows for) a spec in a state it
 * did not declare.
 */
const tokens = (args: string): ImapTokens => parseCommand(Buffer.from(`t X ${args}`, 'latin1')).args;

describe('IMAP specs never run in a state they did not declare', () => {
  const cases = [...IMAP_COMMANDS.values()].flatMap((spec) => IMAP_STATES.filter((s) => !spec.states.includes(s)).map((state) => [spec.name, state] as const));

  it.each(cases)('%s in the %s state: WrongStateError before any context is made', (name, state) => {
    const narrow = (): ImapContext => {
      throw new Error(`narrowed for ${name}`);
    };
    expect(() => runCommand(IMAP_COMMANDS, name, state, tokens('1'), narrow)).toThrow(WrongStateError);
  });

  it('an unknown verb never narrows either', () => {
    expect(() =>
      runCommand(IMAP_COMMANDS, 'FROB', 'selected', [], () => {
        throw new Error('narrowed');
      }),
    ).toThrow(UnknownCommandError);
  });
});

describe('IMAP handler contexts follow the declared states', () => {
  const seen: string[] = [];
  const base = { syntax: 'X', rfc: 'none' };
  const anyState = imapCommand({
    ...base,
    name: 'ANY',
    states: ANY_STATE,
    args: [],
    handle(ctx): ImapOutcome {
      // @ts-expect-error: before authentication there is no user to see
      seen.push(`any ${ctx.state} ${String(ctx.user)}`);
      return { replies: [], text: 'ok' };
    },
  });
  const authenticated = imapCommand({
    ...base,
    name: 'AUTHED',
    states: AUTHENTICATED,
    args: [],
    handle(ctx): ImapOutcome {
      const user: string = ctx.user;
      // @ts-expect-error: authenticated, but a mailbox may not be open
      const mb: SelectedMailbox = ctx.selected;
      seen.push(`authed ${user} ${mb === null ? 'none' : 'open'}`);
      return { replies: [], text: 'ok' };
    },
  });
  const selected = imapCommand({
    ...base,
    name: 'SEL',
    states: SELECTED,
    args: [seqSet],
    handle(ctx, [set]): ImapOutcome {
      const mb: SelectedMailbox = ctx.selected;
      seen.push(`selected ${ctx.user} ${mb.name} ${JSON.stringify(set)}`);
      return { replies: [], text: 'ok' };
    },
  });
  const commands = registry<ImapState, ImapContext, ImapTokens, ImapOutcome>([anyState, authenticated, selected]);
  const open = { name: 'INBOX' } as SelectedMailbox;
  const narrow = (state: ImapState): ImapContext => {
    const ctx = { tag: 't', name: 'X', state, services: services(), tls: NO_TLS };
    return state === 'not authenticated' ? ctx : ({ ...ctx, user: 'bob', selected: state === 'selected' ? open : null } as ImapContext);
  };

  it('each handler gets the context its states promise, with typed arguments', async () => {
    await runCommand(commands, 'ANY', 'not authenticated', [], narrow);
    await runCommand(commands, 'AUTHED', 'authenticated', [], narrow);
    await runCommand(commands, 'SEL', 'selected', tokens('2:*'), narrow);
    expect(seen).toEqual(['any not authenticated undefined', 'authed bob none', 'selected bob INBOX [{"from":2,"to":"*"}]']);
  });
});

describe('IMAP session options: one TLS shape, one default host name', () => {
  it('tls.starttls offers STARTTLS while in clear; tls.secure (IMAPS) does not', async () => {
    expect((await dialog(services(), { tls: { starttls: true } })).written).toMatch(/^\* OK \[CAPABILITY [^\]]* STARTTLS\]/);
    expect((await dialog(services(), { tls: { starttls: true, secure: true } })).written).not.toMatch(/STARTTLS/);
  });

  it('tls.loginRequiresTls: LOGINDISABLED in clear and LOGIN refused, allowed once secure', async () => {
    const clear = await dialog(services(), { tls: { starttls: true, loginRequiresTls: true } });
    expect(clear.written).toMatch(/LOGINDISABLED/);
    expect(tagged(await clear.line('a LOGIN bob builder'), 'a')).toMatch(/^a NO \[PRIVACYREQUIRED\]/);
    const secure = await dialog(services(), { tls: { secure: true, loginRequiresTls: true } });
    expect(secure.written).not.toMatch(/LOGINDISABLED/);
    expect(tagged(await secure.line('a LOGIN bob builder'), 'a')).toMatch(/^a OK/);
  });

  it('STARTTLS makes the session secure: the tagged OK asks for the handshake, then LOGIN is allowed', async () => {
    const d = await dialog(services(), { tls: { starttls: true, loginRequiresTls: true } });
    expect(await d.line('a STARTTLS')).toBe('a OK Begin TLS negotiation now\r\n');
    expect(d.steps.at(-1)?.step.startTls).toBe(true);
    expect(await d.line('b CAPABILITY')).not.toMatch(/STARTTLS|LOGINDISABLED/);
    expect(tagged(await d.line('c STARTTLS'), 'c')).toBe('c BAD TLS is already active on this connection');
  });

  it('the default host name is the one every protocol uses', () => {
    expect(DEFAULT_HOSTNAME).toBe('l7lab.localhost');
  });

  it('a SELECT that fails with NO leaves no mailbox selected; one with a BAD changes nothing (RFC 3501 6.3.1)', async () => {
    const { d } = await fixture();
    await d.line('s SELECT INBOX');
    expect(tagged(await d.line('t SELECT'), 't')).toMatch(/^t BAD SELECT: missing argument/);
    expect(d.session.state).toBe('selected');
    expect(tagged(await d.line('u SELECT ../x'), 'u')).toMatch(/^u NO \[CANNOT\]/);
    expect(d.session.state).toBe('authenticated');
  });
});
