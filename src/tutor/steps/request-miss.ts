import type { Lang } from '../../i18n.js';
import { msg } from '../messages.js';

/**
 * Why a typed HTTP request is not the one the step asks for, in one sentence the learner can
 * act on: the request ended (an empty line) before a line it needs, Host above all (RFC 9112
 * 3.2: a client must send Host in every HTTP/1.1 request); a request line without its three
 * parts (RFC 9112 3: method SP request-target SP HTTP-version); or which line differs.
 */
const words = (s: string) => s.trim().split(/\s+/).filter((w) => w !== '');
const fieldName = (line: string) => /^([^:\s]+):/.exec(line)?.[1]?.toLowerCase();

const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toUpperCase();

/** Line `i` as typed counts as the suggested one: the step's pattern for it, or the suggestion itself. */
export function lineAccepted(typed: string, suggestion: string, accept: string | null | undefined): boolean {
  return accept ? new RegExp(accept, 'i').test(typed.trim()) : norm(typed) === norm(suggestion);
}

export function requestMissReason(lang: Lang, sent: readonly string[], suggestions: readonly string[], accept: ReadonlyArray<string | null> = []): string {
  const head = sent[sent.length - 1] === '' ? sent.slice(0, -1) : [...sent];
  const first = head[0] ?? '';
  if (words(first).length < 3 && words(suggestions[0] ?? '').length === 3) return msg(lang, 'requestLineParts', { suggestion: suggestions[0] ?? '' });
  for (let i = 0; i < suggestions.length; i++) {
    const want = suggestions[i] ?? '';
    const typed = head[i];
    if (typed === undefined) {
      const missing = suggestions.slice(i).find((s) => fieldName(s) === 'host');
      return missing ? msg(lang, 'missingHost', { suggestion: missing }) : msg(lang, 'requestEndedEarly', { suggestion: want });
    }
    if (!lineAccepted(typed, want, accept[i])) return msg(lang, 'requestLineDiffers', { n: i + 1, suggestion: want });
  }
  return msg(lang, 'notAccepted');
}
