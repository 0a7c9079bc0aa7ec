/**
 * DKIM canonicalization (RFC 6376 3.4): what is hashed is not the message as stored but a form
 * that survives what mail systems do to it. "simple" tolerates almost nothing; "relaxed"
 * tolerates re-folding, case in header names and changes in whitespace.
 */
export type Canon = 'simple' | 'relaxed';

/** A header field, CRLF-terminated. simple: unchanged (3.4.1); relaxed (3.4.2): name lower case, unfolded, runs of WSP one space, none around the colon or at the end. */
export function canonHeader(raw: string, canon: Canon): string {
  if (canon === 'simple') return `${raw}\r\n`;
  const colon = raw.indexOf(':');
  const name = raw.slice(0, colon).replace(/[ \t]+$/, '').toLowerCase();
  const value = raw
    .slice(colon + 1)
    .replace(/\r\n/g, '')
    .replace(/[ \t]+/g, ' ')
    .trim();
  return `${name}:${value}\r\n`;
}

/**
 * The body. simple (3.4.3): trailing empty lines removed, an empty body is one CRLF. relaxed
 * (3.4.4): also WSP at line ends removed and runs of WSP made one space; an empty body stays empty.
 */
export function canonBody(body: string, canon: Canon): string {
  let text = body;
  if (canon === 'relaxed') text = text.replace(/[ \t]+\r\n/g, '\r\n').replace(/[ \t]+/g, ' ').replace(/[ \t]+$/, '');
  text = text.replace(/(\r\n)+$/, '');
  if (text === '') return canon === 'simple' ? '\r\n' : '';
  return `${text}\r\n`;
}
