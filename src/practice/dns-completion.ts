import { OPTION_WORDS, QUERY_TYPES } from './dns-query.js';
import { serverWords, type DnsTargets } from './dns-targets.js';

/** The shell's helpers, for Tab. */
export const DNS_HELPERS: readonly string[] = [':trace', ':servers', ':hex', ':help', ':quit'];

/** Names of the lab's zones a learner will want to ask about (the servers' names' parents, and the example domains). */
function labNames(t: DnsTargets): string[] {
  const names = new Set<string>();
  for (const s of t.servers) {
    names.add(s.name);
    const parent = s.name.split('.').slice(1).join('.');
    if (parent !== '') names.add(parent);
  }
  return [...names];
}

/**
 * Tab on the word being typed: a helper after `:`, a server after `@`, an option after `+`, else
 * record types (upper case, as dig prints them) and the lab's names. readline's completer shape.
 */
export function completeDns(line: string, t: DnsTargets): [string[], string] {
  const word = /(\S*)$/.exec(line)?.[1] ?? '';
  const lower = word.toLowerCase();
  let pool: readonly string[];
  if (line.trimStart().startsWith(':') && !line.trimStart().includes(' ')) pool = DNS_HELPERS;
  else if (word.startsWith('@')) pool = serverWords(t);
  else if (word.startsWith('+')) pool = OPTION_WORDS;
  else pool = [...QUERY_TYPES, ...labNames(t)];
  const hits = pool.filter((p) => p.toLowerCase().startsWith(lower));
  return [hits, word];
}
