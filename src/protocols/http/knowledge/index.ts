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
/**
 * How `explain http <term>` finds things (explain/lookup.ts tries a term as typed and upper case
 * in `replies`): status codes by number, header fields and `chunked` by their upper-case names,
 * so `explain http 404`, `explain http host` and `explain http chunked` all land.
 */
const FIELDS = ['Host', 'Content-Length', 'Transfer-Encoding', 'Connection', 'Content-Type', 'Accept', 'User-Agent', 'ETag', 'If-None-Match', 'Last-Modified', 'If-Modified-Since', 'Range', 'Content-Range', 'Accept-Ranges', 'Location', 'Allow', 'Expect', 'Date', 'Cache-Control', 'Origin', 'Cookie', 'Set-Cookie', 'Server', 'Keep-Alive', 'Content-Security-Policy'];
const replies = new Map<string, ReplyKnowledge>([
  ...Object.entries(STATUS_TEXT).map(([code, text]): [string, ReplyKnowledge] => [code, { code, meaning: { en: text, ja: text }, rfc: 'RFC 9110 15' }]),
  ...FIELDS.map((name): [string, ReplyKnowledge] => [name.toUpperCase(), { code: name, meaning: { en: name, ja: name }, rfc: 'RFC 9110' }]),
  ['CHUNKED', { code: 'chunked', meaning: { en: 'chunked', ja: 'chunked' }, rfc: 'RFC 9112 7.1' }],
]);
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
