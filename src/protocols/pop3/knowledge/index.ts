import type { Lang } from '../../../i18n.js';
import type { CommandKnowledge, ProtocolKnowledge, ReplyKnowledge, StateKnowledge } from '../../knowledge.js';
import { protocolKnowledge } from '../../knowledge.js';
import { POP3_COMMANDS } from '../commands/index.js';
import { COMMAND_TEXT } from './commands.js';
import { pop3Describer } from './describe.js';
import { pop3ClientKey, pop3ServerKey } from './keys.js';
import { REPLIES, STATES } from './replies.js';

export { responseCode, pop3ClientKey, pop3ServerKey } from './keys.js';

/**
 * POP3 knowledge: commands (syntax, states and RFC from the specs; text from commands.ts),
 * replies, response codes and states, and the knowledge keys that explain transcript lines
 * (keys.ts: line -> key; describe.ts: key -> text in en or ja). Used by the server's
 * transcript, `l7lab explain pop3 ...`, the practice shell and the lessons.
 */

const commands = new Map<string, CommandKnowledge>(
  [...POP3_COMMANDS.values()].map((spec) => {
    const text = COMMAND_TEXT[spec.name];
    if (!text) throw new Error(`POP3 knowledge misses the command ${spec.name}`);
    return [spec.name, { name: spec.name, syntax: spec.syntax, states: spec.states, rfc: spec.rfc, summary: text.summary, example: text.example }];
  }),
);
const replies = new Map<string, ReplyKnowledge>(REPLIES.map((r) => [r.code, r]));
const states = new Map<string, StateKnowledge>(STATES.map((s) => [s.name, s]));

export const describePop3 = pop3Describer({ commands, replies });

/** One line explaining a server line, in the context of what it answers (a command keyword, or 'GREETING'). */
export function explainPop3Server(line: string, lang: Lang, answers = ''): string | null {
  const key = pop3ServerKey(line, answers);
  return key ? describePop3(key, lang) : null;
}

/** One line explaining a client line: the command's summary, or what a SASL response is. */
export function explainPop3Client(line: string, lang: Lang, saslResponse = false): string | null {
  const key = pop3ClientKey(line, saslResponse ? 'sasl' : undefined);
  return key ? describePop3(key, lang) : null;
}

export const POP3_KNOWLEDGE: ProtocolKnowledge = protocolKnowledge({
  protocol: 'pop3',
  commands,
  replies,
  states,
  serverKey: pop3ServerKey,
  clientKey: pop3ClientKey,
  describe: describePop3,
});
