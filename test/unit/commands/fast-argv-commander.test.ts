import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../../src/program.js';
import { parseMailListArgv } from '../../../src/commands/mail-list-argv.js';
import { parsePortsArgv } from '../../../src/commands/ports-argv.js';

/**
 * The fast entry points (fast-main.ts, ports-json.ts) read `ports` and `mail list` flags by
 * hand (fast-argv.ts) and promise what they accept is what commander would hand the command.
 * Here commander itself parses each line the hand parsers accept, with the action replaced by
 * one that keeps the options, so a flag added to program.ts (a default, a parser) without the hand
 * parser shows up as a difference.
 */
function subcommand(program: Command, words: readonly string[]): Command {
  let cmd = program;
  for (const w of words) cmd = cmd.commands.find((c) => c.name() === w) as Command;
  return cmd;
}

async function commanderOpts(words: readonly string[], args: readonly string[]): Promise<Record<string, unknown>> {
  const program = buildProgram().exitOverride();
  let got: Record<string, unknown> | null = null;
  subcommand(program, words).action((opts: Record<string, unknown>) => {
    got = { ...opts };
  });
  await program.parseAsync(['node', 'l7lab', ...words, ...args]);
  if (got === null) throw new Error(`commander ran no action for ${[...words, ...args].join(' ')}`);
  return got;
}

const PORTS_LINES = [[], ['--json'], ['--json', '--udp', '--explain'], ['--backend', 'lsof', '--json'], ['--backend=proc'], ['--port', '2525'], ['--port=0'], ['--port', '65535', '--lang', 'ja'], ['--lang=fr', '--json']];
const MAIL_LIST_LINES = [[], ['--json'], ['--store', '/tmp/mail'], ['--store=/tmp/a=b', '--json'], ['--lang', 'ja', '--store', 'mail'], ['--lang=fr']];

describe('the hand parsers and commander agree', () => {
  const named = (lines: string[][]) => lines.map((args) => [args.join(' ') || '(no flags)', args] as const);

  it.each(named(PORTS_LINES))('ports %s', async (_, args) => {
    expect(parsePortsArgv(args)).toEqual(await commanderOpts(['ports'], args));
  });

  it.each(named(MAIL_LIST_LINES))('mail list %s', async (_, args) => {
    expect(parseMailListArgv(args)).toEqual(await commanderOpts(['mail', 'list'], args));
  });
});
