import { ProtocolSyntaxError } from '../../errors.js';
import type { ImapToken } from '../parser.js';
import { isSequenceSet } from '../sequence.js';
import type { ArgKind, ArgSpec, Args, CommandSpec } from './spec.js';

/**
 * Central argument check: every command's tokens against its declared shapes (spec.args).
 * Optional arguments are taken greedily when they fit and enough tokens remain for the
 * required ones after them (APPEND mailbox [flags] [date] message).
 */

interface Slot {
  kind: ArgKind;
  mode: 'one' | 'optional' | 'rest';
}

function slotOf(spec: ArgSpec): Slot {
  if (spec.endsWith('...')) return { kind: spec.slice(0, -3) as ArgKind, mode: 'rest' };
  if (spec.endsWith('?')) return { kind: spec.slice(0, -1) as ArgKind, mode: 'optional' };
  return { kind: spec as ArgKind, mode: 'one' };
}

const KIND_NAMES: Record<ArgKind, string> = {
  atom: 'an atom',
  astring: 'an atom or a string',
  string: 'a quoted string or a literal',
  list: 'a parenthesised list',
  'seq-set': 'a sequence set such as 1:* or 2,4:7',
  'fetch-att': 'a fetch item, a list of them, or ALL/FAST/FULL',
  any: 'an argument',
};

export function fits(kind: ArgKind, token: ImapToken): boolean {
  switch (kind) {
    case 'atom':
      return token.type === 'atom';
    case 'astring':
      return token.type === 'atom' || token.type === 'string' || token.type === 'nil';
    case 'string':
      return token.type === 'string';
    case 'list':
      return token.type === 'list';
    case 'seq-set':
      return token.type === 'atom' && isSequenceSet(token.value);
    case 'fetch-att':
      return token.type === 'atom' || token.type === 'list' || token.type === 'section';
    case 'any':
      return true;
  }
}

function describe(token: ImapToken): string {
  switch (token.type) {
    case 'atom':
      return `atom ${token.value}`;
    case 'nil':
      return 'NIL';
    case 'string':
      return token.literal ? `a literal of ${token.value.length} octets` : 'a quoted string';
    case 'list':
      return 'a list';
    case 'section':
      return `${token.name}[...]`;
  }
}

export function validateArgs(spec: CommandSpec, tokens: readonly ImapToken[]): Args {
  const slots = spec.args.map(slotOf);
  const out: Array<ImapToken | undefined> = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new ProtocolSyntaxError(`${spec.name}: ${why}`, spec.syntax);
  };
  slots.forEach((slot, s) => {
    const requiredAfter = slots.slice(s + 1).filter((x) => x.mode === 'one').length;
    if (slot.mode === 'rest') {
      const items = tokens.slice(i, tokens.length - requiredAfter);
      const bad = items.find((t) => !fits(slot.kind, t));
      if (bad) fail(`${describe(bad)} is not ${KIND_NAMES[slot.kind]}`);
      out.push({ type: 'list', items });
      i += items.length;
      return;
    }
    const token = tokens[i];
    if (slot.mode === 'optional') {
      const take = token !== undefined && fits(slot.kind, token) && tokens.length - (i + 1) >= requiredAfter;
      out.push(take ? token : undefined);
      if (take) i++;
      return;
    }
    if (token === undefined) fail(`missing argument ${s + 1}: expected ${KIND_NAMES[slot.kind]}`);
    else if (!fits(slot.kind, token)) fail(`argument ${s + 1} is ${describe(token)}, expected ${KIND_NAMES[slot.kind]}`);
    out.push(token);
    i++;
  });
  if (i < tokens.length) fail(`too many arguments (${tokens.length - i} more than expected)`);
  return out;
}
