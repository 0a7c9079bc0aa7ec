import { pick, type Lang } from '../i18n.js';
import type { Protocol } from '../protocol.js';
import { theme } from '../ui/theme.js';
import { commandsFor } from '../protocols/knowledge.js';
import { msg as explainMsg } from '../explain/messages.js';
import { lookup } from '../explain/lookup.js';
import { renderLookup, unknownTermLine } from '../explain/view.js';
import { apop, b64, cram, plain, unb64, type HelperCall } from './helpers.js';
import type { History } from './history.js';
import { KNOWLEDGE } from '../protocols/registry.js';
import { HELPER_HELP, msg } from './messages.js';

/**
 * What each colon helper prints. The arithmetic is helpers.ts's; this turns a call into
 * the text the learner reads, in their language.
 */
export interface HelperHost {
  protocol: Protocol;
  lang: Lang;
  /** The lab session's state, or null on a server that is not the lab. */
  state: string | null;
  /** The greeting line, for :apop without a timestamp. */
  greeting: string;
  /** The last SASL challenge (after 334 / +), for :cram without one. */
  challenge?: string | null;
  history: History;
  /** Turn the raw view on or off; returns whether it is on now. */
  toggleRaw(): boolean;
}

export interface HelperOutput {
  text: string;
  quit?: boolean;
}

function usage(lang: Lang, name: string): HelperOutput {
  const entry = HELPER_HELP.find((h) => h.usage.startsWith(`:${name}`));
  return { text: theme.warn(msg(lang, 'usage', { usage: entry?.usage ?? `:${name}` })) };
}

function help(lang: Lang): string {
  const width = Math.max(...HELPER_HELP.map((h) => h.usage.length));
  return [msg(lang, 'helpHeader'), ...HELPER_HELP.map((h) => `  ${theme.code(h.usage.padEnd(width))}  ${pick(h.text, lang)}`)].join('\n');
}

function explain(host: HelperHost, term: string): string {
  const found = lookup(KNOWLEDGE[host.protocol], term);
  return found.kind === 'unknown' ? theme.warn(unknownTermLine(found, host.lang)) : (renderLookup(found, host.lang) ?? '');
}

function state(host: HelperHost): string {
  const { lang, protocol } = host;
  if (host.state === null) return msg(lang, 'stateUnknown');
  const known = KNOWLEDGE[protocol].states.get(host.state);
  const allowed = commandsFor(KNOWLEDGE[protocol], host.state).map((c) => c.name);
  return [
    `${msg(lang, 'stateNow', { state: theme.state(host.state) })}${known ? `  ${theme.dim(known.rfc)}` : ''}`,
    ...(known ? [`  ${pick(known.meaning, lang)}`] : []),
    // HTTP's header section and body take field lines and data, not methods.
    host.protocol === 'http' && (host.state === 'headers' || host.state === 'body')
      ? `  ${msg(lang, host.state === 'headers' ? 'httpFieldsNow' : 'httpBodyNow')}`
      : `  ${msg(lang, 'allowedNow', { list: allowed.length > 0 ? allowed.join(', ') : explainMsg(lang, 'none') })}`,
  ].join('\n');
}

function history(host: HelperHost): string {
  const entries = host.history.entries;
  const width = String(entries.length).length;
  const list = entries.length === 0 ? [msg(host.lang, 'historyEmpty')] : entries.map((e, i) => `  ${theme.dim(String(i + 1).padStart(width))}  ${e}`);
  return [...list, theme.dim(msg(host.lang, 'historyFile', { path: host.history.path }))].join('\n');
}

/** What the encoding helpers need: also what a lesson prompt can offer (tutor/lesson-helpers.ts). */
export type EncodingHost = Pick<HelperHost, 'lang' | 'greeting' | 'challenge'>;

/** :b64, :unb64, :plain, :cram, :apop, :qp, :word; null for any other name. */
export async function encoding(call: HelperCall, host: EncodingHost): Promise<HelperOutput | null> {
  const { lang } = host;
  const [a, b, c] = call.args;
  switch (call.name) {
    case 'b64':
      return call.rest === '' ? usage(lang, 'b64') : { text: msg(lang, 'b64Result', { text: theme.code(b64(call.rest)) }) };
    case 'unb64': {
      if (a === undefined) return usage(lang, 'unb64');
      const text = unb64(a);
      return { text: text === null ? theme.warn(msg(lang, 'unb64Invalid')) : msg(lang, 'unb64Result', { text: theme.code(text) }) };
    }
    case 'plain': {
      if (a === undefined || b === undefined) return usage(lang, 'plain');
      const r = plain(a, call.rest.slice(call.rest.indexOf(a) + a.length).trim());
      return { text: msg(lang, 'plainResult', { response: theme.code(r.response), decoded: r.decoded }) };
    }
    case 'cram': {
      if (a === undefined || b === undefined) return usage(lang, 'cram');
      // `:cram <user> <secret>` uses the last challenge seen, as `:apop <secret>` uses the greeting.
      const challenge = c !== undefined ? a : host.challenge;
      if (challenge === undefined || challenge === null) return { text: theme.warn(msg(lang, 'cramNoChallenge')) };
      const r = c !== undefined ? cram(a, b, c) : cram(challenge, a, b);
      return { text: msg(lang, 'cramResult', { ...r, response: theme.code(r.response) }) };
    }
    case 'apop': {
      const secret = b ?? a;
      const timestamp = b !== undefined ? a : /<[^<>\s]*>/.exec(host.greeting)?.[0];
      if (secret === undefined) return usage(lang, 'apop');
      if (timestamp === undefined) return { text: theme.warn(msg(lang, 'apopNoTimestamp')) };
      const r = apop(timestamp, secret);
      return { text: msg(lang, 'apopResult', { timestamp: r.timestamp, digest: theme.code(r.digest) }) };
    }
    case 'qp':
    case 'word': {
      // libmime, and iconv-lite and encoding-japanese under it (~0.8 MB of code, ~70 ms to
      // load), on the first :qp or :word: not with every lesson and shell that never asks.
      const { qpHelper, wordHelper } = await import('./mime-helper-view.js');
      const text = (call.name === 'qp' ? qpHelper : wordHelper)(call, lang);
      return text === null ? usage(lang, call.name) : { text };
    }
    default:
      return null;
  }
}

export async function runHelper(call: HelperCall, host: HelperHost): Promise<HelperOutput> {
  const { lang } = host;
  switch (call.name) {
    case 'help':
      return { text: help(lang) };
    case 'explain':
      return call.rest.trim() === '' ? usage(lang, 'explain') : { text: explain(host, call.rest.trim()) };
    case 'state':
      return { text: state(host) };
    case 'raw':
      return { text: msg(lang, host.toggleRaw() ? 'rawOn' : 'rawOff') };
    case 'history':
      return { text: history(host) };
    case 'quit':
    case 'q':
    case 'exit':
      return { text: '', quit: true };
    default:
      return (await encoding(call, host)) ?? { text: theme.warn(msg(lang, 'unknownHelper', { name: call.name })) };
  }
}
