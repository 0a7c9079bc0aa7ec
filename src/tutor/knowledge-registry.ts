import type { ProtocolKnowledge } from '../protocols/knowledge.js';
import type { Protocol } from '../protocols/transcript.js';

/**
 * The protocols' knowledge tables, found at run time. Each protocol lands on its own
 * schedule, so a table that does not exist yet is `null` (the checker then says the
 * protocol is not available) rather than a build error.
 */
const MODULES: Record<Protocol, string> = {
  smtp: '../protocols/smtp/knowledge.js',
  pop3: '../protocols/pop3/knowledge.js',
  imap: '../protocols/imap/knowledge/index.js',
};

function isKnowledge(value: unknown, protocol: Protocol): value is ProtocolKnowledge {
  if (typeof value !== 'object' || value === null) return false;
  const k = value as Partial<ProtocolKnowledge>;
  return k.protocol === protocol && k.commands instanceof Map && typeof k.explainServerLine === 'function';
}

function isMissingModule(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown };
  return e?.code === 'ERR_MODULE_NOT_FOUND' || /Cannot find module|Failed to load url|Does the file exist/i.test(String(e?.message ?? ''));
}

const cache = new Map<Protocol, Promise<ProtocolKnowledge | null>>();

async function find(protocol: Protocol): Promise<ProtocolKnowledge | null> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(MODULES[protocol])) as Record<string, unknown>;
  } catch (err) {
    // Not built yet is expected; a table that fails to load is a bug to see.
    if (isMissingModule(err)) return null;
    throw err;
  }
  for (const value of Object.values(mod)) if (isKnowledge(value, protocol)) return value;
  return null;
}

export function knowledgeFor(protocol: Protocol): Promise<ProtocolKnowledge | null> {
  let hit = cache.get(protocol);
  if (!hit) {
    hit = find(protocol);
    cache.set(protocol, hit);
  }
  return hit;
}

export async function allKnowledge(): Promise<Partial<Record<Protocol, ProtocolKnowledge>>> {
  const out: Partial<Record<Protocol, ProtocolKnowledge>> = {};
  for (const p of Object.keys(MODULES) as Protocol[]) {
    const k = await knowledgeFor(p);
    if (k) out[p] = k;
  }
  return out;
}

/**
 * The command word of a client line, as the knowledge tables key it:
 * SMTP/POP3 the first word (`MAIL FROM:<a>` -> MAIL), IMAP the word after the tag
 * (`a1 UID FETCH` -> UID). Both `MAIL` and `MAIL FROM` keys are tried by `knowsCommand`.
 */
export function commandWords(protocol: Protocol, line: string): string[] {
  const words = line.trim().split(/\s+/);
  const rest = protocol === 'imap' ? words.slice(1) : words;
  const first = (rest[0] ?? '').split(':')[0]?.toUpperCase() ?? '';
  const second = (rest[1] ?? '').split(':')[0]?.toUpperCase() ?? '';
  return second ? [first, `${first} ${second}`] : [first];
}

export function knowsCommand(k: ProtocolKnowledge, line: string): boolean {
  return commandWords(k.protocol, line).some((w) => k.commands.has(w) || k.commands.has(w.toLowerCase()));
}
