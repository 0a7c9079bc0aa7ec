import { setFlagsFromString } from 'node:v8';

/**
 * For a command that does its work once and exits (`mail list` over 1,000 messages, issue 19):
 * V8 compiles no optimized code from here on, only its interpreter and baseline compiler run
 * (`--max-opt=1`: Sparkplug at most; it also covers Maglev, on by default from Node 22).
 * Whatever runs a few thousand times in such a command (the header summary, the table's cells)
 * gets hot enough to be optimized, and with Turbofan on, compiling it took ~90 ms of CPU on
 * V8's worker threads for a list of 1,000: more than the optimized code saved before the process
 * exited, and on two shared cores that time comes out of the command's own.
 * V8 reads the setting each time it decides to optimize a function, so setting it after
 * start-up takes effect from then on. Not for anything that keeps running (`serve`, lessons):
 * it holds for the whole process.
 */
export function runOnce(): void {
  setFlagsFromString('--max-opt=1');
}
