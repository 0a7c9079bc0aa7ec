import type { ProtocolKnowledge } from '../../knowledge.js';
import { protocolKnowledge } from '../../knowledge.js';
import { httpDescriber } from './describe.js';
import { httpClientKey, httpServerKey, type LineMode } from './keys.js';
import { HTTP_FIELDS, HTTP_METHOD_KNOWLEDGE, HTTP_STATE_KNOWLEDGE, HTTP_STATUS_KNOWLEDGE, HTTP_TERMS } from './tables.js';

export { httpClientKey, httpServerKey } from './keys.js';

/**
 * HTTP knowledge: the methods (RFC 9110 9.3), status codes and classes (RFC 9110 15), the
 * session's states (RFC 9112 2.1), header fields and codings as terms, and the knowledge keys
 * of each line (keys.ts: line -> key; describe.ts: key -> English or Japanese). Used by the
 * server's transcript, `l7lab explain http ...`, `practice http` and the lessons.
 */
export const describeHttp = httpDescriber({ methods: HTTP_METHOD_KNOWLEDGE, statuses: HTTP_STATUS_KNOWLEDGE, fields: HTTP_FIELDS });

/** The modes keys.ts knows (`trailer`, `chunk`, `bad:<reason>`); any other is no mode. */
function lineMode(mode: string | undefined): LineMode {
  return mode === 'trailer' || mode === 'chunk' || mode?.startsWith('bad:') ? (mode as LineMode) : undefined;
}

export const HTTP_KNOWLEDGE: ProtocolKnowledge = protocolKnowledge({
  protocol: 'http',
  commands: HTTP_METHOD_KNOWLEDGE,
  replies: HTTP_STATUS_KNOWLEDGE,
  states: HTTP_STATE_KNOWLEDGE,
  terms: HTTP_TERMS,
  serverKey: httpServerKey,
  clientKey: (line, mode) => httpClientKey(line, lineMode(mode)),
  describe: describeHttp,
});
