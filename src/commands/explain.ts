import { ExitError, UsageError } from '../errors.js';
import { lookup } from '../explain/lookup.js';
import { lookupJson, renderLookup, unknownTermLine } from '../explain/view.js';
import { isProtocol, PROTOCOLS } from '../protocol.js';
import { KNOWLEDGE } from '../protocols/registry.js';
import { unknownProtocolLine } from '../explain/messages.js';
import { langOption } from './options.js';

/**
 * `l7lab explain <smtp|pop3|imap> <code-or-command>`: what a reply code, a command or a
 * state means, its syntax, the states it is allowed in, its RFC section and an example
 * exchange, from the knowledge tables the servers and lessons use. A code no table lists
 * gets what its class says; an unknown term fails (exit 1) naming the closest commands.
 */
export interface ExplainDeps {
  write?: (text: string) => void;
}

export async function runExplain(protocol: string, term: string, opts: Record<string, unknown>, deps: ExplainDeps = {}): Promise<void> {
  const write = deps.write ?? ((text: string) => void process.stdout.write(`${text}\n`));
  const lang = langOption(opts);
  const p = protocol.toLowerCase();
  if (!isProtocol(p)) throw new UsageError(unknownProtocolLine(lang, protocol, PROTOCOLS));
  const found = lookup(KNOWLEDGE[p], term);
  if (opts.json) {
    write(JSON.stringify(lookupJson(found, term, lang), null, 2));
    // Scripts read the JSON; the exit code still says the term was not found.
    if (found.kind === 'unknown') throw new ExitError('', 1);
    return;
  }
  const text = renderLookup(found, lang);
  if (text === null && found.kind === 'unknown') throw new ExitError(unknownTermLine(found, lang));
  write(text ?? '');
}
