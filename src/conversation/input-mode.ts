/** What the shell is reading now: a command, or lines that are not commands at all. */
export type InputMode = 'command' | 'data' | 'literal' | 'continuation';
