import { writeSync } from 'node:fs';
import { parsePortsArgv } from './commands/ports-argv.js';
import { parsePortsOptions, portsJson } from './commands/ports-list.js';
import { reportFailure } from './fast-report.js';

/**
 * `l7lab ports --json`, the form scripts run, as bin/l7lab.js runs it: from a CommonJS bundle
 * of this module alone (scripts/bundle.mjs), without Node's ES module loader, commander or the
 * table's modules. Issue 19 holds it to `node -e 0` plus `lsof -i -P -n | grep LISTEN`, and the
 * ES module loader alone was about 15 ms of that. Any other line returns false: bin/l7lab.js
 * then runs it as before (fast-main.ts, or cli.ts).
 */
export async function runPortsJson(args: readonly string[]): Promise<boolean> {
  const raw = parsePortsArgv(args);
  if (raw === null || raw.json !== true) return false;
  try {
    writeOut(await portsJson(parsePortsOptions(raw)));
  } catch (err) {
    reportFailure(err);
  }
  return true;
}

/**
 * Written straight to fd 1: process.stdout on a pipe would load net and streams for one write.
 * A reader that closed the pipe (`| head`) is its choice, not an error; a non-blocking pipe
 * that is full takes the rest through process.stdout, which waits for it.
 */
function writeOut(text: string): void {
  const data = Buffer.from(text);
  let done = 0;
  try {
    while (done < data.length) done += writeSync(1, data, done);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EPIPE') return;
    if (code !== 'EAGAIN') throw err;
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
    });
    process.stdout.write(data.subarray(done));
  }
}
