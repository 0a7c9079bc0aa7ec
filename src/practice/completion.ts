import type { InputMode } from '../conversation/input-mode.js';
import { commandsFor, type CommandKnowledge, type ProtocolKnowledge } from '../protocols/knowledge.js';
import { isTag } from './tags.js';

/**
 * Tab completion for the shell: the commands valid in the session's current state (as the
 * command specs declare them), completed to their fixed words (`MA` -> `MAIL FROM:`), and
 * the colon helpers. Pure: the terminal hands in the line and gets readline's answer back.
 */

export interface CompletionContext {
  knowledge: ProtocolKnowledge;
  /** The session state in the RFC's words, or null when unknown (a server not ours: every command). */
  state: string | null;
  mode: InputMode;
  helpers: readonly string[];
}

/** A syntax's trailing note after two spaces (`IDLE   (then DONE ...)`) is not syntax. */
function syntaxProper(syntax: string): string {
  return syntax.split(/\s{2,}/)[0] ?? syntax;
}

const KEYWORD = /^[A-Z][A-Z0-9.-]*:?$/;

/**
 * What completing a command inserts: its name and any fixed keyword after it, then a space
 * when an argument must follow. `MAIL FROM:<reverse-path>` -> `MAIL FROM:`, `EHLO <domain>` ->
 * `EHLO `, `NOOP [<string>]` -> `NOOP`, `AUTHENTICATE PLAIN [...]` -> `AUTHENTICATE PLAIN`.
 */
export function commandStem(command: Pick<CommandKnowledge, 'name' | 'syntax'>): string {
  const tokens = syntaxProper(command.syntax).trim().split(/\s+/);
  const stem = command.name.split(' ');
  let i = stem.length;
  for (; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const lt = token.indexOf('<');
    const head = lt >= 0 ? token.slice(0, lt) : token;
    if (head !== '' && KEYWORD.test(head)) {
      stem.push(head);
      // `FROM:<reverse-path>`: the argument is glued to the keyword, no space follows.
      if (lt >= 0) return stem.join(' ');
      continue;
    }
    break;
  }
  return requiredArgumentFollows(tokens.slice(i)) ? `${stem.join(' ')} ` : stem.join(' ');
}

/** Any token outside [optional] brackets is a required argument. */
function requiredArgumentFollows(rest: readonly string[]): boolean {
  let depth = 0;
  for (const token of rest) {
    const opened = depth;
    depth += (token.match(/\[/g) ?? []).length - (token.match(/\]/g) ?? []).length;
    if (opened === 0 && !token.startsWith('[') && token !== '|') return true;
  }
  return false;
}

/** Keep the user's case: `ma` completes to `mail from:`, `MA` to `MAIL FROM:`. */
function inCaseOf(typed: string, candidate: string): string {
  return typed !== '' && typed === typed.toLowerCase() && typed !== typed.toUpperCase() ? candidate.toLowerCase() : candidate;
}

function matching(typed: string, candidates: readonly string[]): string[] {
  const upper = typed.toUpperCase();
  const hits = candidates.filter((c) => c.toUpperCase().startsWith(upper)).map((c) => inCaseOf(typed, c));
  return [...new Set(hits)];
}

/** HTTP's field lines: the names the knowledge knows, each ready for its value (`Host: `). */
function fieldNames(typed: string, knowledge: ProtocolKnowledge): string[] {
  const names = [...(knowledge.terms?.values() ?? [])].filter((t) => t.kind === 'field').map((t) => `${t.name}: `);
  return matching(typed, names);
}

/**
 * readline's completer contract: [candidates, the part of the line they replace]. An IMAP
 * line may start with a tag the user typed (`a1 SEL`): then only the part after it is completed.
 */
export function complete(line: string, ctx: CompletionContext): [string[], string] {
  if (line.startsWith(':')) {
    const hits = matching(line, ctx.helpers.map((h) => `:${h}`));
    return [hits.map((h) => (h.endsWith(' ') ? h : `${h} `)), line];
  }
  if (ctx.mode !== 'command') return [[], line];
  if (ctx.state === 'headers' && ctx.knowledge.terms) return [fieldNames(line.trimStart(), ctx.knowledge), line.trimStart()];
  const stems = commandsFor(ctx.knowledge, ctx.state).map(commandStem);
  const hits = matching(line.trimStart(), stems);
  if (hits.length > 0 || ctx.knowledge.protocol !== 'imap') return [hits, line.trimStart()];
  const tagged = /^\s*(\S+)\s+(.*)$/.exec(line);
  if (!tagged || !isTag(tagged[1] as string)) return [[], line];
  const rest = tagged[2] as string;
  return [matching(rest, stems), rest];
}
