/** The DNS codec: bytes <-> DnsMessage with byte offsets (RFC 1035 4.1), names, presentation. */
export { decodeMessage } from './decode.js';
export type { DecodeOptions, DecodedMessage } from './decode.js';
export { encodeMessage, encodeQuery, ednsOf, udpMaxSize, DEFAULT_EDNS_UDP_SIZE, UDP_PLAIN_MAX } from './encode.js';
export type { EncodeOptions, QueryOptions } from './encode.js';
export { DnsFormatError } from './errors.js';
export type { DnsFormatReason } from './errors.js';
export { FIELD_KEYS } from './fields.js';
export { hexRows, hexRowText, BYTES_PER_ROW } from './hex-view.js';
export type { HexRow } from './hex-view.js';
export { presentEdns, presentFlags, presentMessage, presentQuestion, presentRData, presentRecord, presentStatus, presentCounts } from './present.js';
export type { FieldKey } from './fields.js';
export { inZone, nameKey, nameProblem, normalizeName, presentName, sameName } from './names.js';
export { className, classNumber, opcodeName, rcodeName, typeName, typeNumber } from './types.js';
