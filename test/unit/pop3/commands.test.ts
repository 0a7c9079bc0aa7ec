import { describe, expect, it } from 'vitest';
import { registry } from '../../../src/protocols/command.js';
import { args, count, msg, optional, rest, word } from '../../../src/protocols/pop3/commands/args.js';
import { POP3_COMMANDS } from '../../../src/protocols/pop3/commands/index.js';
import { Maildrop, uniqueId } from '../../../src/protocols/pop3/maildrop.js';
import { renderError } from '../../../src/protocols/pop3/replies.js';
import type { Pop3Context, Pop3Outcome, Pop3Spec, Pop3State, TransactionContext } from '../../../src/protocols/pop3/types.js';
import { Pop3Session } from '../../../src/protocols/pop3/session.js';
import { makeAccounts, makeStore, RFC_TIMESTAMP, run } from './fixtures.js';

/** What the client would read: the schema's value, or the protocol's own -ERR for it. */
function parse<T>(schema: { parse(raw: string, ctx: never): T }, raw: string, ctx: unknown = {}): T | string {
  try {
    return schema.parse(raw, ctx as never);
  } catch (err) {
    const line = renderError(err);
    if (line === null) throw err;
    return line;
  }
}

function drop(): Maildrop {
  return new Maildrop([1, 2, 3].map((n) => ({ n, uid: 10 + n, size: 100 * n, uidl: uniqueId(7, 10 + n) })));
}

describe('POP3 argument schemas: typed values, or the -ERR with the syntax', () => {
  it('msg produces the MaildropEntry of a message that exists and is not deleted (RFC 1939 5)', () => {
    const d = drop();
    const ctx = { maildrop: d };
    const schema = args('RETR msg', msg());
    expect(parse(schema, '2', ctx)).toEqual([{ n: 2, uid: 12, size: 200, uidl: '7.12' }]);
    expect(parse(schema, '4', ctx)).toBe('-ERR no such message, only 3 messages in maildrop');
    expect(parse(schema, '0', ctx)).toBe('-ERR no such message, only 3 messages in maildrop');
    expect(parse(schema, 'x', ctx)).toBe('-ERR msg must be a number, not "x"; syntax: RETR msg');
    expect(parse(schema, '', ctx)).toBe('-ERR missing argument msg; syntax: RETR msg');
    d.mark({ n: 2, uid: 12, size: 200, uidl: '7.12' });
    expect(parse(schema, '2', ctx)).toBe('-ERR message 2 already deleted');
    expect(parse(args('RETR msg', msg()), '1', { maildrop: new Maildrop([]) })).toBe('-ERR no such message, maildrop empty');
  });

  it('an optional msg may be left out; a second value is one too many', () => {
    const schema = args('LIST [msg]', optional(msg()));
    expect(parse(schema, '', { maildrop: drop() })).toEqual([undefined]);
    expect(parse(schema, '3', { maildrop: drop() })).toEqual([expect.objectContaining({ n: 3, size: 300 })]);
    expect(parse(schema, '1 2', { maildrop: drop() })).toBe('-ERR too many arguments; syntax: LIST [msg]');
  });

  it('TOP takes a message and a line count, a number of any size', () => {
    const schema = args('TOP msg n', msg(), count('n'));
    expect(parse(schema, '1 0', { maildrop: drop() })).toEqual([expect.objectContaining({ n: 1 }), 0]);
    expect(parse(schema, `1 ${'9'.repeat(30)}`, { maildrop: drop() })).toEqual([expect.objectContaining({ n: 1 }), 1e30]);
    expect(parse(schema, '1 -1', { maildrop: drop() })).toBe('-ERR n must be a number, not "-1"; syntax: TOP msg n');
    expect(parse(schema, '1', { maildrop: drop() })).toBe('-ERR missing argument n; syntax: TOP msg n');
  });

  it('PASS takes the rest of the line, spaces included (RFC 1939 7)', () => {
    const schema = args('PASS string', rest('string'));
    expect(parse(schema, 'with  two spaces ')).toEqual(['with  two spaces ']);
    expect(parse(schema, '')).toBe('-ERR missing argument string; syntax: PASS string');
  });

  it('a word may have to match a shape (APOP digest: 32 hex digits)', () => {
    const schema = args('APOP name digest', word('name'), word('digest', { pattern: /^[0-9a-f]{32}$/i, says: '32 hexadecimal digits' }));
    expect(parse(schema, `mrose ${'A'.repeat(32)}`)).toEqual(['mrose', 'A'.repeat(32)]);
    expect(parse(schema, 'mrose xyz')).toBe('-ERR digest must be 32 hexadecimal digits; syntax: APOP name digest');
  });

  it('a command without arguments says so', () => {
    expect(parse(args('STAT'), '')).toEqual([]);
    expect(parse(args('STAT'), '1')).toBe('-ERR STAT takes no arguments; syntax: STAT');
  });
});

describe('POP3 contexts narrowed by state', () => {
  function spy(): { spec: Pop3Spec<'TRANSACTION', [number]>; seen: TransactionContext[]; parsed: string[] } {
    const seen: TransactionContext[] = [];
    const parsed: string[] = [];
    const spec: Pop3Spec<'TRANSACTION', [number]> = {
      name: 'XSPY',
      states: ['TRANSACTION'],
      args: { parse: (raw) => (parsed.push(raw), [Number(raw)]) },
      syntax: 'XSPY n',
      rfc: 'none',
      handle(ctx, [n]): Pop3Outcome {
        seen.push(ctx);
        return { replies: [`+OK ${ctx.account} has ${ctx.maildrop.stat().count}, n=${n}`] };
      },
    };
    return { spec, seen, parsed };
  }

  it('a TRANSACTION spec never runs (nor parses) in AUTHORIZATION; logged in, it gets the account and the maildrop', async () => {
    const { spec, seen, parsed } = spy();
    const commands = registry<Pop3State, Pop3Context, string, Pop3Outcome>([...POP3_COMMANDS.values(), spec]);
    const s = new Pop3Session({ id: 'n1', store: await makeStore(), accounts: makeAccounts(), timestamp: RFC_TIMESTAMP, commands });
    await s.greet();
    await run(s, [['XSPY 1', '-ERR XSPY is not allowed in the AUTHORIZATION state (allowed in: TRANSACTION)', 'AUTHORIZATION']]);
    expect(seen).toEqual([]);
    expect(parsed).toEqual([]);
    await run(s, [['USER bob', /^\+OK/], ['PASS builder', /^\+OK/, 'TRANSACTION'], ['XSPY 7', '+OK bob has 3, n=7']]);
    expect(seen[0]?.state).toBe('TRANSACTION');
    expect(parsed).toEqual(['7']);
  });

  it('every built-in spec declares states, and only AUTHORIZATION and TRANSACTION (no command runs in UPDATE)', () => {
    for (const spec of POP3_COMMANDS.values()) {
      expect(spec.states.length, spec.name).toBeGreaterThan(0);
      expect(spec.states.every((st) => st === 'AUTHORIZATION' || st === 'TRANSACTION'), spec.name).toBe(true);
    }
  });
});
