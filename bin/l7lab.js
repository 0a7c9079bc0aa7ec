#!/usr/bin/env node
// Shim: everything lives in the bundled entry points under dist/bundle/ (scripts/bundle.mjs:
// one file and its lazy chunks instead of ~300 modules for Node's loader to find and read).
// CommonJS (bin/package.json): `--help`, `ports --json` and `mail list` run without Node's ES
// module loader, which costs about 15 ms to start; every other command imports the ES module bundle.
// Where Node has a module compile cache (22.1+), keep the compiled code between runs: start-up
// then skips most of V8's parsing. Node 20 has none, and the optional call does nothing there.
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

/**
 * `l7lab --help` at 80 columns (piped, or a terminal that wide) is the text the build saved
 * (scripts/help-text.mjs: commander's own output), printed without loading commander or the
 * CLI. Any other width, or no saved text, goes through commander as every other command does.
 */
function savedHelp() {
  const args = process.argv.slice(2);
  if (args.length !== 1 || (args[0] !== '--help' && args[0] !== '-h')) return null;
  if (process.stdout.isTTY && process.stdout.columns !== 80) return null;
  try {
    return readFileSync(join(__dirname, '..', 'dist', 'help.txt'), 'utf8');
  } catch {
    return null;
  }
}

/** `l7lab ports --json` from its CommonJS bundle (src/ports-json.ts); false for any other line. */
function portsJson(args) {
  if (args[0] !== 'ports' || !args.includes('--json')) return Promise.resolve(false);
  return require('../dist/bundle/ports-json.cjs').runPortsJson(args.slice(1));
}

/** `l7lab mail list` from its CommonJS bundle (src/mail-list-main.ts); false for any other line. */
function mailList(args) {
  if (args[0] !== 'mail' || args[1] !== 'list') return Promise.resolve(false);
  return require('../dist/bundle/mail-list.cjs').runMailListFast(args.slice(2));
}

async function main() {
  const args = process.argv.slice(2);
  if (await portsJson(args)) return;
  require('node:module').enableCompileCache?.();
  if (await mailList(args)) return;
  // `l7lab ports` skips commander when its flags are well formed (src/fast-main.ts).
  const fast = args[0] === 'ports' && (await (await import('../dist/bundle/fast-main.js')).runFast(args));
  if (!fast) await import('../dist/bundle/cli.js');
}

const help = savedHelp();
if (help !== null) {
  // `l7lab --help | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  process.stdout.write(help);
} else {
  main().catch((err) => {
    // What the entry points did not report themselves (a bundle missing: run `npm run build`).
    process.stderr.write(`l7lab: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 1;
  });
}
