#!/usr/bin/env node
// Part of `npm run build`: save `l7lab --help` as commander prints it at 80 columns (stdout not
// a terminal) to dist/help.txt, which bin/l7lab.js prints without loading the CLI.
// test/cli/help-text.test.ts checks the saved text is still what commander prints.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const out = new URL('../dist/help.txt', import.meta.url);
rmSync(out, { force: true });
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const env = { ...process.env, NO_COLOR: '1', COLUMNS: '' };
const text = execFileSync(process.execPath, [cli, '--help'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
writeFileSync(out, text);
process.stdout.write(`help text: ${text.split('\n').length} lines\n`);
