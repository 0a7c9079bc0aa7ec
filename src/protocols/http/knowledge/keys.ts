import type { KnowledgeRef } from '../../transcript.js';
import { sharedKeys } from '../../knowledge.js';
import { targetForm } from '../parser.js';

/**
 * Knowledge keys for HTTP lines (the vocabulary is listed below), from the text alone, so
 * the session attaches them to every step and the practice shell computes them for any server.
 *
 * Client: `request` {method, form, version}, `header` {name}, `end-of-head`, `body` {bytes},
 * `chunk-size` {size}, `last-chunk`, `trailer` {name}, `bad-line` {reason}.
 * Server: `status` {code, reason?}, then the same names for the server's own lines.
 * Header names are lower-case; any key may carry `bareLf: 1` (RFC 9112 2.2).
 */

const REQUEST_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) (\S+) (HTTP\/\d\.\d)$/;
const STATUS_LINE = /^HTTP\/\d\.\d (\d{3})(?: |$)/;
const FIELD_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):/;
const CHUNK_SIZE = /^([0-9a-fA-F]+)[ \t]*(?:;.*)?$/;

const END_OF_HEAD: KnowledgeRef = Object.freeze({ key: 'end-of-head' });
const LAST_CHUNK: KnowledgeRef = Object.freeze({ key: 'last-chunk' });
/** Field names repeat on every request: one frozen key per name. */
const header = sharedKeys('header', 'name');
const trailer = sharedKeys('trailer', 'name');

/**
 * What the line is, where the text alone cannot tell: `trailer` (a field after the last chunk,
 * RFC 9112 7.1.2), `chunk` (a chunk-size line, RFC 9112 7.1), `bad:<reason>` (a line the server refused).
 */
export type LineMode = 'trailer' | 'chunk' | `bad:${string}` | undefined;

function fieldKey(line: string, mode: LineMode): KnowledgeRef | null {
  const m = FIELD_LINE.exec(line);
  if (!m) return null;
  const name = (m[1] as string).toLowerCase();
  return mode === 'trailer' ? trailer(name) : header(name);
}

function chunkKey(line: string): KnowledgeRef | null {
  const m = CHUNK_SIZE.exec(line);
  if (!m) return null;
  const size = parseInt(m[1] as string, 16);
  return size === 0 ? LAST_CHUNK : { key: 'chunk-size', params: { size } };
}

/** The key of a field line whose name is already known (the session parsed it, or wrote it): what httpClientKey/httpServerKey find. */
export function headerKey(name: string): KnowledgeRef {
  return header(name.toLowerCase());
}

/** The key of a request line already parsed: what httpClientKey finds in its text. */
export function requestKey(method: string, form: string, version: string): KnowledgeRef {
  return { key: 'request', params: { method, form, version } };
}

/** The key of a status line the server wrote (`reason`: why the protocol sent an error status). */
export function statusKey(code: number, reason?: string): KnowledgeRef {
  return reason ? { key: 'status', params: { code, reason } } : { key: 'status', params: { code } };
}

/** The key explaining a client line (a request line, a field line, the empty line, a chunk line). */
export function httpClientKey(line: string, mode?: LineMode): KnowledgeRef | null {
  if (mode?.startsWith('bad:')) return { key: 'bad-line', params: { reason: mode.slice(4) } };
  if (line === '') return END_OF_HEAD;
  if (mode === 'chunk') return chunkKey(line);
  const r = REQUEST_LINE.exec(line);
  if (r) {
    const form = targetForm(r[2] as string) ?? 'origin';
    return requestKey(r[1] as string, form, r[3] as string);
  }
  return fieldKey(line, mode) ?? chunkKey(line);
}

/**
 * The key explaining a server line; `answers` is, when known, why an error status was sent
 * (a reason such as `no-host`) or `trailer` for the fields after the last chunk.
 */
export function httpServerKey(line: string, answers?: string): KnowledgeRef | null {
  const s = STATUS_LINE.exec(line);
  if (s) {
    return statusKey(Number(s[1]), answers && answers !== 'trailer' ? answers : undefined);
  }
  if (line === '') return END_OF_HEAD;
  return fieldKey(line, answers === 'trailer' ? 'trailer' : undefined) ?? chunkKey(line);
}

/** The same key, saying the line ended in a bare LF (accepted, RFC 9112 2.2). */
export function withBareLf(ref: KnowledgeRef | null): KnowledgeRef | null {
  return ref ? { key: ref.key, params: { ...ref.params, bareLf: 1 } } : ref;
}

/** A body or a chunk's data, summarised (RFC 9112 6). */
export function bodyKey(bytes: number): KnowledgeRef {
  return { key: 'body', params: { bytes } };
}
