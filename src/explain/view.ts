import { pick, type Lang } from '../i18n.js';
import type { ReplyKnowledge, TermKnowledge } from '../protocols/knowledge.js';
import { theme } from '../ui/theme.js';
import { displayWidth } from '../ui/width.js';
import { wrap } from '../ui/wrap.js';
import type { ClassNote, EnhancedPart, Example, Lookup } from './lookup.js';
import { msg, type MessageKey } from './messages.js';

/**
 * How a lookup looks: a short labelled block for people (`l7lab explain`, `:explain`) or
 * one JSON object for scripts. Texts come from the knowledge tables in the chosen language.
 */
const WIDTH = 14;

function row(lang: Lang, label: MessageKey, value: string): string {
  const text = msg(lang, label);
  if (value === '') return `  ${theme.dim(text)}`;
  // Japanese labels are double width on a terminal: pad by display columns, not characters;
  // a long meaning wraps under the value column, not under the label.
  const pad = ' '.repeat(Math.max(1, WIDTH - displayWidth(text)));
  return wrap(value, { prefix: `  ${theme.dim(text)}${pad}`, indent: ' '.repeat(2 + WIDTH), code: theme.code });
}

function exampleLines(example: readonly string[]): string[] {
  return example.map((l) => `    ${l.startsWith('C:') ? theme.client(l) : theme.server(l)}`);
}

function classRows(lang: Lang, classes: readonly ClassNote[]): string[] {
  return classes.map((c) => row(lang, /^x\dx$/.test(c.code) ? 'category' : 'cls', `${theme.code(c.code)}: ${pick(c.meaning, lang)}  ${theme.dim(c.rfc)}`));
}

/** HTTP calls its commands methods and its replies status codes (RFC 9110 9, 15). */
function kindOf(lookup: Lookup, kind: MessageKey): MessageKey {
  // DNS asks for record types and answers with RCODEs (RFC 1035 3.2.2, 4.1.1).
  if (lookup.protocol === 'dns') return kind === 'kindCommand' ? 'kindRecordType' : kind === 'kindReply' ? 'kindRcode' : kind;
  if (lookup.protocol !== 'http') return kind;
  return kind === 'kindCommand' ? 'kindMethod' : kind === 'kindReply' ? 'kindStatus' : kind;
}

function title(lookup: Lookup, kind: MessageKey, name: string, rfc: string, lang: Lang): string {
  return `${theme.bold(`${lookup.protocol.toUpperCase()} ${msg(lang, kindOf(lookup, kind))} ${name}`)}  ${theme.dim(rfc)}`;
}

function replyRows(lang: Lang, variants: readonly ReplyKnowledge[]): string[] {
  return variants.map((v) => row(lang, 'variants', `${theme.code(v.code)}: ${pick(v.meaning, lang)}`));
}

function exampleBlock(lang: Lang, example: Example | null): string[] {
  if (!example) return [];
  return [row(lang, 'example', theme.dim(msg(lang, 'exampleOf', { command: example.command }))), ...exampleLines(example.lines)];
}

/** Rows for the parts of an enhanced status code: class, subject, detail (RFC 3463 2). */
function enhancedRows(lang: Lang, part: EnhancedPart | null, header: boolean): string[] {
  if (!part) return [];
  const label = (code: string): MessageKey => (code.endsWith('.X.X') ? 'cls' : code.endsWith('.XXX') ? 'subject' : 'detail');
  const out = header ? [row(lang, 'enhanced', theme.code(part.code))] : [];
  out.push(...part.notes.map((n) => row(lang, label(n.code), `${theme.code(n.code)}: ${pick(n.meaning, lang)}  ${theme.dim(n.rfc)}`)));
  if (!part.detailListed) out.push(row(lang, 'detail', theme.warn(msg(lang, 'unlistedDetail', { code: part.code }))));
  return out;
}

const TERM_KINDS: Readonly<Record<TermKnowledge['kind'], MessageKey>> = {
  field: 'kindField',
  coding: 'kindCoding',
  flag: 'kindFlag',
  section: 'kindSection',
  concept: 'kindConcept',
};

/** The block printed for a found term; null for an unknown one (the caller fails with a suggestion). */
export function renderLookup(lookup: Lookup, lang: Lang): string | null {
  const out: string[] = [];
  switch (lookup.kind) {
    case 'command': {
      const c = lookup.command;
      out.push(title(lookup, 'kindCommand', c.name, c.rfc, lang), row(lang, 'syntax', theme.code(c.syntax)));
      // DNS has no states (each query stands alone): no row rather than an empty one.
      if (c.states.length > 0) out.push(row(lang, 'states', c.states.map(theme.state).join(', ')));
      out.push(row(lang, 'meaning', pick(c.summary, lang)));
      if (lookup.reply) out.push(row(lang, 'asResponse', `${pick(lookup.reply.meaning, lang)}  ${theme.dim(lookup.reply.rfc)}`));
      out.push(row(lang, 'example', ''), ...exampleLines(c.example));
      break;
    }
    case 'reply': {
      const r = lookup.reply;
      out.push(title(lookup, 'kindReply', r.code, r.rfc, lang), row(lang, 'meaning', pick(r.meaning, lang)));
      out.push(...replyRows(lang, lookup.variants), ...classRows(lang, lookup.classes), ...enhancedRows(lang, lookup.enhanced, true));
      out.push(...exampleBlock(lang, lookup.example));
      break;
    }
    case 'state': {
      const s = lookup.state;
      out.push(title(lookup, 'kindState', s.name, s.rfc, lang), row(lang, 'meaning', pick(s.meaning, lang)));
      out.push(row(lang, 'commandsHere', lookup.commands.length > 0 ? lookup.commands.join(', ') : msg(lang, 'none')));
      break;
    }
    case 'class': {
      const p = lookup.protocol.toUpperCase();
      out.push(theme.bold(`${p} ${msg(lang, kindOf(lookup, 'kindReply'))} ${lookup.term}`), `  ${theme.warn(msg(lang, 'unlistedCode', { code: lookup.term, protocol: p }))}`);
      // HTTP's one class row says it all; POP3 and IMAP list every status a reply can start with.
      if (lookup.protocol !== 'smtp' && lookup.protocol !== 'http') out.push(`  ${msg(lang, 'replyClasses', { protocol: p })}`);
      out.push(...classRows(lang, lookup.classes));
      if (lookup.secondDigitUnassigned) out.push(row(lang, 'category', msg(lang, 'secondDigitUnassigned', { digit: lookup.term[1] ?? '' })));
      out.push(...enhancedRows(lang, lookup.enhanced, true));
      break;
    }
    case 'term': {
      const t = lookup.term;
      out.push(title(lookup, TERM_KINDS[t.kind], t.name, t.rfc, lang), row(lang, 'meaning', pick(t.meaning, lang)));
      break;
    }
    case 'enhanced':
      out.push(title(lookup, 'kindEnhanced', lookup.enhanced.code, 'RFC 3463 2', lang), ...enhancedRows(lang, lookup.enhanced, false));
      out.push(...lookup.replies.map((r) => row(lang, 'sentAs', `${theme.code(r.code)}: ${pick(r.meaning, lang)}`)));
      break;
    case 'unknown':
      return null;
  }
  return out.join('\n');
}

/** The one line an unknown term fails with. */
export function unknownTermLine(lookup: Extract<Lookup, { kind: 'unknown' }>, lang: Lang): string {
  // Digits that are no SMTP code: say what a code looks like; commands would not help.
  if (lookup.protocol === 'smtp' && /^\d+$/.test(lookup.term)) return msg(lang, 'notSmtpCode', { term: lookup.term });
  if (lookup.protocol === 'http' && /^\d+$/.test(lookup.term)) return msg(lang, 'notHttpStatus', { term: lookup.term });
  // Dotted digits (`3.1.1`, `550 9.1.1`) are a mistaken enhanced code, not a command.
  if (lookup.protocol === 'smtp' && /^(\d{3}[\s-]+)?\d+\.\d+\.\d+\b/.test(lookup.term)) return msg(lang, 'notEnhancedCode', { term: lookup.term });
  if (lookup.protocol === 'dns') return msg(lang, 'unknownDnsTerm', { term: lookup.term, suggestions: lookup.suggestions.join(', ') });
  if (lookup.protocol === 'http') return msg(lang, 'unknownHttpTerm', { term: lookup.term, suggestions: lookup.suggestions.join(', ') });
  return msg(lang, 'unknownTerm', {
    term: lookup.term,
    protocol: lookup.protocol.toUpperCase(),
    protocolLower: lookup.protocol,
    suggestions: lookup.suggestions.join(', '),
  });
}

const note = (c: { code: string; meaning: Record<Lang, string>; rfc: string }, lang: Lang) => ({ code: c.code, meaning: pick(c.meaning, lang), rfc: c.rfc });

const enhancedJson = (part: EnhancedPart | null, lang: Lang) =>
  part ? { code: part.code, detailListed: part.detailListed, parts: part.notes.map((n) => note(n, lang)) } : null;

/** One JSON object for scripts, texts in `lang`. */
export function lookupJson(lookup: Lookup, term: string, lang: Lang): Record<string, unknown> {
  const base = { protocol: lookup.protocol, term, kind: lookup.kind, found: lookup.kind !== 'unknown', lang };
  switch (lookup.kind) {
    case 'command': {
      const c = lookup.command;
      const response = lookup.reply ? note(lookup.reply, lang) : null;
      return { ...base, name: c.name, syntax: c.syntax, states: c.states, rfc: c.rfc, summary: pick(c.summary, lang), example: c.example, response };
    }
    case 'reply':
      return {
        ...base,
        ...note(lookup.reply, lang),
        variants: lookup.variants.map((v) => note(v, lang)),
        classes: lookup.classes.map((c) => note(c, lang)),
        example: lookup.example,
        enhanced: enhancedJson(lookup.enhanced, lang),
      };
    case 'term':
      return { ...base, name: lookup.term.name, termKind: lookup.term.kind, meaning: pick(lookup.term.meaning, lang), rfc: lookup.term.rfc };
    case 'state':
      return { ...base, name: lookup.state.name, meaning: pick(lookup.state.meaning, lang), rfc: lookup.state.rfc, commands: lookup.commands };
    case 'class':
      return { ...base, code: lookup.term, listed: false, classes: lookup.classes.map((c) => note(c, lang)), secondDigitUnassigned: lookup.secondDigitUnassigned, enhanced: enhancedJson(lookup.enhanced, lang) };
    case 'enhanced':
      return { ...base, code: lookup.enhanced.code, enhanced: enhancedJson(lookup.enhanced, lang), replies: lookup.replies.map((r) => note(r, lang)) };
    case 'unknown':
      return { ...base, suggestions: lookup.suggestions };
  }
}
