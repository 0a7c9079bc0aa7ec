import { describe, expect, it } from 'vitest';
import { parsePortsArgv } from '../../../src/commands/ports-argv.js';

/** What commander hands runPorts for the same line (program.ts: --backend defaults to auto; fast-argv-commander.test.ts asks commander itself). */
describe('parsePortsArgv', () => {
  it.each([
    [[], { backend: 'auto' }],
    [['--json'], { backend: 'auto', json: true }],
    [['--json', '--udp', '--explain'], { backend: 'auto', json: true, udp: true, explain: true }],
    [['--backend', 'lsof', '--json'], { backend: 'lsof', json: true }],
    [['--backend=proc'], { backend: 'proc' }],
    [['--port', '2525'], { backend: 'auto', port: 2525 }],
    [['--port=0'], { backend: 'auto', port: 0 }],
    [['--port', '65535', '--lang', 'ja'], { backend: 'auto', port: 65535, lang: 'ja' }],
    // A language commander accepts as a value and runPorts refuses: the same error either way.
    [['--lang=fr'], { backend: 'auto', lang: 'fr' }],
  ])('%j', (args, opts) => {
    expect(parsePortsArgv(args)).toEqual(opts);
  });

  it.each([
    [['--help']],
    [['-h']],
    [['--jsn']],
    [['extra']],
    [['--json', '--json']],
    [['--backend', 'nmap']],
    [['--backend']],
    [['--backend=']],
    [['--port', 'http']],
    [['--port', '65536']],
    [['--port', '-1']],
    [['--lang', '--json']],
    [['--json=yes']],
    [['--']],
  ])('leaves %j to commander', (args) => {
    expect(parsePortsArgv(args)).toBeNull();
  });
});
