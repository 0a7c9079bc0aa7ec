/** The DNS codec: bytes <-> DnsMessage with byte offsets (RFC 1035 4.1), names, presentation. */
export { decodeMessage } from './decode.js';
export type { DecodeOptions, DecodedMessage } from './decode.js';
export { encodeMessage, encodeQuery, ednsOf, DEFAULT_EDNS_UDP_SIZE } from './encode.js';
export type { EncodeOptions, QueryOptions } from './encode.js';
export { DnsFormatError } from './errors.js';
export type { DnsFormatReason } from './errors.js';
export { FIELD_KEYS } from './fields.js';
export type { FieldKey } from './fields.js';
export { inZone, nameKey, nameProblem, normalizeName, presentName, sameName } from './names.js';
export { className, classNumber, opcodeName, rcodeName, typeName, typeNumber } from './types.js';
