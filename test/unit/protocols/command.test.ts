import { describe, expect, it } from 'vitest';
import { registry, runCommand, type CommandSpec, type OutcomeBase } from '../../../src/protocols/command.js';
import { ProtocolSyntaxError, UnknownCommandError, WrongStateError } from '../../../src/protocols/errors.js';

type State = 'OUT' | 'IN';
interface Base {
  state: State;
  user: string | null;
}
interface In extends Base {
  user: string;
}

const number = {
  parse(raw: string): number {
    if (!/^\d+$/.test(raw)) throw new ProtocolSyntaxError('expected a number', 'GET n');
    return Number(raw);
  },
};

const get: CommandSpec<State, number, In> = {
  name: 'GET',
  states: ['IN'],
  args: number,
  syntax: 'GET n',
  rfc: 'none',
  handle: (ctx, n): OutcomeBase<State> => ({ replies: [`${ctx.user} got ${n + 1}`] }),
};
const commands = registry<State, Base, string, OutcomeBase<State>>([get]);

function narrow(user: string | null): (state: State) => Base {
  return (state) => ({ state, user });
}

describe('runCommand: the one dispatcher', () => {
  it('parses the arguments into typed values and hands the narrowed context to the handler', async () => {
    const out = await runCommand(commands, 'GET', 'IN', '41', narrow('bob'));
    expect(out.replies).toEqual(['bob got 42']);
  });

  it('rejects an unknown verb, then a wrong state, before any argument is parsed', () => {
    expect(() => runCommand(commands, 'PUT', 'IN', '1', narrow('bob'))).toThrow(UnknownCommandError);
    expect(() => runCommand(commands, 'GET', 'OUT', 'not a number', narrow(null))).toThrow(WrongStateError);
  });

  it('bad arguments throw the schema’s syntax error with the command’s syntax', () => {
    let caught: unknown;
    try {
      void runCommand(commands, 'GET', 'IN', 'x', narrow('bob'));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ProtocolSyntaxError);
    expect((caught as ProtocolSyntaxError).syntax).toBe('GET n');
  });

  it('a registry refuses two specs for one command', () => {
    expect(() => registry<State, Base, string, OutcomeBase<State>>([get, get])).toThrow(/two specs for the command GET/);
  });
});
