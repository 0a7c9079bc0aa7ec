import type { TxtAnswer } from './types.js';

/** A TXT answer as the learner reads it in a step: the records quoted, or what came instead. */
export function answerText(answer: TxtAnswer): string {
  switch (answer.kind) {
    case 'records':
      return answer.records.length ? answer.records.map((r) => JSON.stringify(r)).join(' ') : 'no data';
    case 'nxdomain':
      return 'NXDOMAIN';
    case 'nodata':
      return 'no data';
    case 'error':
      return `error: ${answer.reason}`;
  }
}

/** A lookup that found nothing: NXDOMAIN or no records of the type (RFC 7208 4.6.4 "void lookup"). */
export const isVoid = (answer: TxtAnswer): boolean => answer.kind === 'nxdomain' || answer.kind === 'nodata' || (answer.kind === 'records' && answer.records.length === 0);
