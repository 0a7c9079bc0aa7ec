import { pick, type Lang, type Localized } from '../../../i18n.js';
import type { CommandKnowledge, ProtocolKnowledge } from '../../knowledge.js';
import { protocolKnowledge } from '../../knowledge.js';
import type { KnowledgeRef } from '../../transcript.js';
import { IMAP_COMMANDS } from '../commands/index.js';
import { COMMAND_TEXTS } from './commands.js';
import { clientKey, serverKey } from './keys.js';
import { IMAP_REPLIES } from './replies.js';
import { IMAP_STATE_KNOWLEDGE } from './states.js';

/**
 * IMAP protocol knowledge: every command (its syntax, states and RFC section straight
 * from its spec, its meaning from commands.ts), every response and response code
 * (replies.ts), the four states (states.ts), and the knowledge keys of each line
 * (keys.ts) with their text in English and Japanese (`describe`). Used by the transcript,
 * `l7lab explain imap`, the practice shell and the lessons.
 */
const commands = new Map<string, CommandKnowledge>();
for (const spec of IMAP_COMMANDS.values()) {
  const t = COMMAND_TEXTS[spec.name];
  if (!t) throw new Error(`IMAP knowledge: no explanation for ${spec.name}`);
  commands.set(spec.name, { name: spec.name, syntax: spec.syntax, states: spec.states, rfc: spec.rfc, summary: t.summary, example: t.example });
}

/** The client lines that are not commands. */
const NOTES = new Map<string, Localized>([
  ['literal', { en: 'Literal octets: exactly the number announced in {n}.', ja: 'リテラルのデータです。{n} で予告したちょうどそのバイト数です。' }],
  ['sasl', { en: 'SASL response in base64 (an encoding, not encryption).', ja: 'base64 で符号化された SASL の応答です（暗号化ではありません）。' }],
  ['done', { en: 'DONE ends IDLE; the server then answers the IDLE command with OK.', ja: 'DONE で IDLE を終えます。サーバーは IDLE コマンドに OK で答えます。' }],
  ['cancel', { en: '"*" cancels the AUTHENTICATE exchange.', ja: '「*」で AUTHENTICATE のやり取りを中止します。' }],
]);

function reply(name: string, lang: Lang): string | null {
  const r = IMAP_REPLIES.get(name);
  return r ? pick(r.meaning, lang) : null;
}

/** A knowledge key in the reader's language (null for a key IMAP does not know). */
function describe(ref: KnowledgeRef, lang: Lang): string | null {
  const param = (name: string): string => String(ref.params?.[name] ?? '');
  switch (ref.key) {
    case 'continue':
      return reply('+', lang);
    case 'untagged':
      return reply(param('name'), lang);
    case 'code':
      return reply(`[${param('code')}]`, lang);
    case 'tagged':
      return reply(param('status'), lang);
    case 'command': {
      const k = commands.get(param('name'));
      return k ? pick(k.summary, lang) : null;
    }
    default: {
      const note = NOTES.get(ref.key);
      return note ? pick(note, lang) : null;
    }
  }
}

export const imapKnowledge: ProtocolKnowledge = protocolKnowledge({
  protocol: 'imap',
  commands,
  replies: IMAP_REPLIES,
  states: IMAP_STATE_KNOWLEDGE,
  serverKey,
  clientKey: (line, mode) => clientKey(line, mode === 'sasl' || mode === 'idle' ? mode : 'command'),
  describe,
});
