import { describe, expect, it } from 'vitest';
import { parseMailListArgv } from '../../../src/commands/mail-list-argv.js';

/** What commander hands runMailList for the same line (program.ts `mail list`: --store, --json, --lang; fast-argv-commander.test.ts asks commander itself). */
describe('parseMailListArgv', () => {
  it.each([
    [[], {}],
    [['--json'], { json: true }],
    [['--store', '/tmp/mail'], { store: '/tmp/mail' }],
    [['--store=/tmp/a=b', '--json'], { store: '/tmp/a=b', json: true }],
    [['--lang', 'ja', '--store', 'mail'], { lang: 'ja', store: 'mail' }],
    // A language commander accepts as a value and runMailList refuses: the same error either way.
    [['--lang=fr'], { lang: 'fr' }],
  ])('%j', (args, opts) => {
    expect(parseMailListArgv(args)).toEqual(opts);
  });

  // Help, misspelt flags and arguments are fast-argv.ts's, as for ports (ports-argv.test.ts).
  it.each([
    [['--help']],
    [['show']],
    [['--json', '--json']],
    [['--store']],
    [['--store=']],
    [['--store', '--json']],
    [['--json=yes']],
    [['--constructor']],
    [['--']],
  ])('leaves %j to commander', (args) => {
    expect(parseMailListArgv(args)).toBeNull();
  });
});
