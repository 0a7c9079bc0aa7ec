import type { AuthEngine } from './auth-engine.js';
import { DKIM_TAGS, authMsg } from './auth-messages.js';
import { shorten } from './auth-view.js';
import type { LessonContext } from './context.js';
import { code, item, note } from './present.js';
import type { StepOf } from './schema.js';

/**
 * A data step's `dkim` option: the prepared message signed with the lab key before it goes out
 * (`sign`), or the last signature put in front of a changed message (`reuse`). The signing is
 * src/mailauth's; this only places the field and explains its tags (RFC 6376 3.5). The field goes
 * first, as a signer adds it on top of the header section (RFC 6376 5.6).
 */
type DataStep = StepOf<'data'>;

/** `tag=value` pairs of a DKIM-Signature field (RFC 6376 3.2: tag-list, whitespace around parts ignored). */
export function dkimTags(field: string): Array<{ tag: string; value: string }> {
  const value = field.replace(/^DKIM-Signature:/i, '').replace(/\r?\n[ \t]+/g, ' ');
  const out: Array<{ tag: string; value: string }> = [];
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    out.push({ tag: part.slice(0, eq).trim(), value: part.slice(eq + 1).replace(/\s+/g, '') });
  }
  return out;
}

/** The field's lines as they go on the wire: it is folded (RFC 5322 2.2.3), each line under the limit. */
export function fieldLines(field: string): string[] {
  return field.replace(/\r?\n$/, '').split(/\r?\n/);
}

/** A folded line as shown: its leading tab as four spaces, so the terminal's tab stops cannot push it past 80 columns. */
const shown = (line: string): string => line.replace(/^\t/, '    ');

function explainTags(ctx: LessonContext, field: string): void {
  note(ctx, authMsg(ctx.lang, 'tagsHead'));
  for (const { tag, value } of dkimTags(field)) {
    const meaning = DKIM_TAGS[tag];
    // One row a tag, its meaning in a column (hanging under itself when it wraps).
    item(ctx, `${tag}=${shorten(value, 24)}`.padEnd(28), meaning ? meaning[ctx.lang] : '');
  }
}

/** The message lines to send: the prepared body (placeholders filled), with the DKIM-Signature field in front when the step asks. */
export function dkimBody(ctx: LessonContext, step: DataStep, body: readonly string[], engine: AuthEngine): readonly string[] {
  if (step.dkim === undefined) return body;
  if (step.dkim === 'reuse') {
    if (ctx.dkimSignature === undefined) throw new Error(authMsg(ctx.lang, 'noSignature'));
    note(ctx, authMsg(ctx.lang, 'reuseHead'));
    for (const line of fieldLines(ctx.dkimSignature)) code(ctx, shown(line));
    return [...fieldLines(ctx.dkimSignature), ...body];
  }
  const key = engine.labKey;
  const message = Buffer.from(`${body.join('\r\n')}\r\n`, 'utf8');
  const field = engine.signDkim(message, { domain: key.domain, selector: key.selector, privateKey: key.privateKey });
  ctx.dkimSignature = field;
  note(ctx, authMsg(ctx.lang, 'signHead', { domain: key.domain, selector: key.selector }));
  for (const line of fieldLines(field)) code(ctx, shown(line));
  explainTags(ctx, field);
  return [...fieldLines(field), ...body];
}
