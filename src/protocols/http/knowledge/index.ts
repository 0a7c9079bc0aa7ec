/**
 * STUB (H1): the minimal HTTP knowledge so the tree compiles before H3's tables are merged.
 * The lead takes H3's knowledge/index.ts (and describe.ts, en/ja tables) over this file;
 * keys.ts (line -> key) is H1's and stays.
 */
import type { CommandKnowledge, ReplyKnowledge, StateKnowledge } from '../../knowledge.js';
import { protocolKnowledge } from '../../knowledge.js';
import { HTTP_COMMANDS } from '../commands/index.js';
import { STATUS_TEXT } from '../replies.js';
import { httpClientKey, httpServerKey } from './keys.js';

export { httpClientKey, httpServerKey } from './keys.js';

const commands = new Map<string, CommandKnowledge>(
  [...HTTP_COMMANDS.values()].map((spec) => [spec.name, { name: spec.name, syntax: spec.syntax, states: spec.states, rfc: spec.rfc, summary: { en: spec.name, ja: spec.name }, example: [] }]),
);
const replies = new Map<string, ReplyKnowledge>(
  Object.entries(STATUS_TEXT).map(([code, text]) => [code, { code, meaning: { en: text, ja: text }, rfc: 'RFC 9110 15' }]),
);
const states = new Map<string, StateKnowledge>(
  (['request-line', 'headers', 'body'] as const).map((name) => [name, { name, meaning: { en: name, ja: name }, rfc: 'RFC 9112 2.1' }]),
);

export const HTTP_KNOWLEDGE = protocolKnowledge({
  protocol: 'http',
  commands,
  replies,
  states,
  serverKey: httpServerKey,
  clientKey: (line, mode) => httpClientKey(line, mode === 'trailer' || mode === 'chunk' ? mode : undefined),
  describe: () => null,
});
