import { apopDigest, cramDigest, decodeBase64, encodeBase64, showNuls } from '../../protocols/sasl.js';
import { theme } from '../../ui/theme.js';
import { wrap } from '../../ui/wrap.js';
import { fillValue, mismatch, out, tr, type LessonContext } from '../context.js';
import { msg } from '../messages.js';
import { explain, say } from '../present.js';
import type { StepOf } from '../schema.js';
import { deriveMime, type Row } from './compute-mime.js';

/**
 * `compute`: a derivation shown step by step with this session's real values, using the
 * same functions the servers check against (protocols/sasl.ts):
 * - sasl-plain: base64 of `\0user\0password` (RFC 4616 2, RFC 4954 4) and its decoding;
 * - base64 / base64-decode: of any value (an AUTH LOGIN username, a server challenge);
 * - apop: MD5(timestamp + secret) (RFC 1939 7);
 * - cram-md5: HMAC-MD5(secret, challenge), sent as base64 of `user digest` (RFC 2195 2);
 * - encoded-word, qp, base64-mime: the MIME encodings of the lesson mime (compute-mime.ts).
 */
type ComputeStep = StepOf<'compute'>;

const hex = (s: string | Buffer) => [...Buffer.from(s)].map((b) => b.toString(16).padStart(2, '0')).join(' ');

function secretOf(ctx: LessonContext, user: string): string {
  const main = ctx.labs.values().next().value;
  const secret = main?.lab.accounts.secret(user);
  if (secret === undefined) throw new Error(`no account ${user} in the lab`);
  return secret;
}

function decoded(input: string): Buffer {
  const bytes = decodeBase64(input);
  if (bytes === null) throw new Error(`"${input}" is not base64`);
  return bytes;
}

/** The rows of the derivation and its result. */
export function derive(ctx: LessonContext, step: ComputeStep): { rows: Row[]; result: string } {
  const user = step.user ?? 'alice';
  const input = fillValue(ctx, step.input ?? '');
  switch (step.op) {
    case 'encoded-word':
    case 'qp':
    case 'base64-mime':
      return deriveMime(step.op, input);
    case 'sasl-plain': {
      const message = `\0${user}\0${secretOf(ctx, user)}`;
      const result = encodeBase64(message);
      return { rows: [['cPlain', showNuls(message)], ['cBytes', hex(message)], ['cBase64', result], ['cDecodedAgain', showNuls(decoded(result))]], result };
    }
    case 'base64': {
      const result = encodeBase64(input);
      return { rows: [['cInput', input], ['cBytes', hex(input)], ['cBase64', result]], result };
    }
    case 'base64-decode': {
      const result = showNuls(decoded(input));
      return { rows: [['cInput', input], ['cDecoded', result]], result };
    }
    case 'apop': {
      const secret = secretOf(ctx, user);
      const result = apopDigest(input, secret);
      return { rows: [['cInput', input], ['cSecret', secret, { user }], ['cApopInput', input + secret], ['cMd5', result]], result };
    }
    case 'cram-md5': {
      const challenge = decoded(input).toString('utf8');
      const secret = secretOf(ctx, user);
      const digest = cramDigest(challenge, secret);
      const response = `${user} ${digest}`;
      const result = encodeBase64(response);
      const rows: Row[] = [['cInput', input], ['cChallenge', challenge], ['cSecret', secret, { user }], ['cHmac', digest], ['cResponse', response], ['cBase64', result]];
      return { rows, result };
    }
  }
}

export function runCompute(ctx: LessonContext, step: ComputeStep): void {
  if (step.text) say(ctx, tr(ctx, step.text));
  let derived: { rows: Row[]; result: string };
  try {
    derived = derive(ctx, step);
  } catch (err) {
    mismatch(ctx, step.id, step.op, (err as Error).message);
    out(ctx, theme.warn((err as Error).message));
    return;
  }
  ctx.captures.set(step.into, derived.result);
  if (!step.reveal) return explain(ctx, tr(ctx, step.explain), 'L6');
  derived.rows.push(['cResult', derived.result]);
  derived.rows.forEach(([key, value, vars], i) => {
    out(ctx, wrap(msg(ctx.lang, key, vars ?? {}), { prefix: `  ${theme.dim(`${i + 1}.`)} ` }));
    // A value of several lines (quoted-printable, base64 for MIME) keeps its 76-character lines within 80 columns.
    const lines = value.split('\n');
    for (const line of lines) out(ctx, `${lines.length > 1 ? '    ' : '     '}${theme.code(line)}`);
  });
  explain(ctx, tr(ctx, step.explain), 'L6');
}
