import { z } from 'zod';
import { RCODES, RR_TYPES } from '../protocols/dns/types.js';
import { base, captures, layer, localized, name, pattern } from './schema-parts.js';

/** A record type a lesson may expect in an answer (RFC 1035 3.2.2; AAAA RFC 3596): never OPT, which lives in the additional section only, nor ANY, which is no record's type. */
const rrType = z.enum(Object.keys(RR_TYPES).filter((t) => t !== 'OPT' && t !== 'ANY') as [string, ...string[]]);
const rcode = z.enum(Object.keys(RCODES) as [string, ...string[]]);

/**
 * A DNS query typed as `practice dns` takes it (`MX example.test`, `A www.example.test +norec
 * @root`): the tutor sends it to the lab DNS (the resolver, or the server after `@`), shows the
 * query's bytes and the answer section by section, and checks what matters (RFC 1035 4.1).
 * The learner's query counts when it asks the suggested type, name and server, with the same RD.
 */
export const query = z.strictObject({
  ...base,
  kind: z.literal('query'),
  lab: name.optional(),
  text: localized,
  /** The suggested query line; `{name}` placeholders. */
  query: z.string().min(1),
  /** Show the query's bytes, field by field (the first query of a lesson does; later ones need not). */
  bytes: z.boolean().default(false),
  expect: z
    .strictObject({
      rcode: rcode.default('NOERROR'),
      /** A record of this type in the answer section. */
      answer: rrType.optional(),
      /** The AA flag: an authoritative answer (true) or not (false) (RFC 1035 4.1.1). */
      aa: z.boolean().optional(),
      /** A referral: no answer, no AA, NS records of a closer zone in the authority section (RFC 1034 4.3.2). */
      referral: z.boolean().optional(),
      /** NOERROR with an empty answer: the name exists, that type does not (NODATA, RFC 2308 2.2). */
      nodata: z.boolean().optional(),
      /** An SOA in the authority section: a negative answer says how long to cache it (RFC 2308 3). */
      soa: z.boolean().optional(),
    })
    .default({ rcode: 'NOERROR' }),
  /** And, optionally, a pattern the response's lines (as shown) must match. */
  match: pattern.optional(),
  hint: localized,
  explain: localized,
  capture: captures.optional(),
  layer: layer.optional(),
});
