import { setFlagsFromString } from 'node:v8';

/**
 * For a command that does its work once and exits (`mail list` over 1,000 messages, issue 19):
 * V8's optimizing compiler stays off. Whatever runs a few thousand times in such a command
 * (the header summary, the table's cells) gets hot enough to be optimized, and compiling it
 * took ~90 ms of CPU on V8's worker threads for a list of 1,000, more than the optimized code
 * then saved before the process exited; on two shared cores that time comes out of the
 * command's own. The interpreter and the baseline compiler still run everything.
 * Not for anything that keeps running (`serve`, lessons): it is a setting of the whole process.
 * V8 reads this setting each time it decides whether to optimize a function, so setting it
 * after start-up takes effect from then on.
 */
export function runOnce(): void {
  setFlagsFromString('--no-opt');
}
