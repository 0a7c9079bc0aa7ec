import type { KnowledgeRef } from '../../transcript.js';

/**
 * STUB (H3's branch only): H1 writes the real keys.ts (line text -> key, notes/http-keys.md);
 * the lead keeps H1's. Only the exported names and a rough behaviour are here, so that
 * knowledge/index.ts compiles and explains the simplest lines before that merge.
 */
const STATUS_LINE = /^HTTP\/\d\.\d (\d{3})(?: |$)/;
const REQUEST_LINE = /^([A-Z]+) (\S+) (HTTP\/\d\.\d)$/;
const FIELD_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):/;

function formOf(target: string): string {
  if (target === '*') return 'asterisk';
  if (target.startsWith('/')) return 'origin';
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(target) ? 'absolute' : 'authority';
}

export function httpServerKey(line: string, _answers?: string): KnowledgeRef | null {
  const status = STATUS_LINE.exec(line);
  if (status) return { key: 'status', params: { code: status[1] as string } };
  if (line === '') return { key: 'end-of-head' };
  const field = FIELD_LINE.exec(line);
  return field ? { key: 'header', params: { name: (field[1] as string).toLowerCase() } } : null;
}

export function httpClientKey(line: string, _mode?: string): KnowledgeRef | null {
  const request = REQUEST_LINE.exec(line);
  if (request) return { key: 'request', params: { method: request[1] as string, form: formOf(request[2] as string), version: request[3] as string } };
  if (line === '') return { key: 'end-of-head' };
  const field = FIELD_LINE.exec(line);
  return field ? { key: 'header', params: { name: (field[1] as string).toLowerCase() } } : null;
}
