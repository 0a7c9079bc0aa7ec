/**
 * The raw view: each line as the bytes that crossed the wire, its terminator made visible
 * (`\r\n`, or a bare `\n` from a sloppy server), with its size. Received bytes are queued
 * as they arrive and handed out line by line as the framed reply is shown.
 */
const LF = 0x0a;

/** CR, LF and tab as escapes, other control bytes as \xNN; text (UTF-8 too) as it is. */
export function escapeBytes(bytes: Buffer): string {
  return bytes.toString('utf8').replace(/[\x00-\x1f\x7f]/g, (ch) => {
    if (ch === '\r') return '\\r';
    if (ch === '\n') return '\\n';
    if (ch === '\t') return '\\t';
    return `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}

function lineText(segment: Buffer): string {
  let end = segment.length;
  if (end > 0 && segment[end - 1] === LF) end -= 1;
  if (end > 0 && segment[end - 1] === 0x0d) end -= 1;
  return segment.subarray(0, end).toString('utf8');
}

export class RawQueue {
  private pending: Buffer = Buffer.alloc(0);

  push(data: Buffer): void {
    this.pending = this.pending.length === 0 ? Buffer.from(data) : Buffer.concat([this.pending, data]);
  }

  /**
   * The bytes of the next line that reads `text`, terminator included. Lines nobody showed
   * (say, received before the queue was attached) are skipped; null when no queued line matches.
   */
  take(text: string): Buffer | null {
    let start = 0;
    for (;;) {
      const lf = this.pending.indexOf(LF, start);
      if (lf < 0) return null;
      const segment = this.pending.subarray(start, lf + 1);
      if (lineText(segment) === text) {
        const out = Buffer.from(segment);
        this.pending = this.pending.subarray(lf + 1);
        return out;
      }
      start = lf + 1;
    }
  }

  clear(): void {
    this.pending = Buffer.alloc(0);
  }
}
