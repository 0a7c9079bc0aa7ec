import type { ProtocolKnowledge } from '../../knowledge.js';
import { protocolKnowledge } from '../../knowledge.js';

/**
 * DNS knowledge: record types, RCODEs, header flags and sections (RFC 1034, 1035), in English and
 * Japanese. A placeholder until the knowledge tables land: it knows nothing yet, so `explain dns`
 * says so rather than pretending.
 */
export const DNS_KNOWLEDGE: ProtocolKnowledge = protocolKnowledge({
  protocol: 'dns',
  commands: new Map(),
  replies: new Map(),
  states: new Map(),
  serverKey: () => null,
  clientKey: () => null,
  describe: () => null,
});
