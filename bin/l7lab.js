#!/usr/bin/env node
// Shim: everything lives in the bundled entry points under dist/bundle/ (scripts/bundle.mjs:
// one file and its lazy chunks instead of ~300 modules for Node's loader to find and read).
// Where Node has a module compile cache (22.1+), keep the compiled code between runs: start-up
// then skips most of V8's parsing. Node 20 has none, and the optional call does nothing there.
import { readFileSync } from 'node:fs';
import module from 'node:module';

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
    return readFileSync(new URL('../dist/help.txt', import.meta.url), 'utf8');
  } catch {
    return null;
  }
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
  module.enableCompileCache?.();
  // `l7lab ports` (its --json is for scripts) and `l7lab mail list` skip commander when their
  // flags are well formed (src/fast-main.ts).
  const first = process.argv[2];
  const fast = (first === 'ports' || first === 'mail') && (await (await import('../dist/bundle/fast-main.js')).runFast(process.argv.slice(2)));
  if (!fast) await import('../dist/bundle/cli.js');
}
