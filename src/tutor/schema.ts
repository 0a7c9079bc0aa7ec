import { z } from 'zod';
import { PROTOCOLS } from '../protocol.js';

/**
 * What a lesson file may say. Lessons are data: the engine knows how to run each step kind,
 * a lesson only says what to explain, send, expect and ask. Every text a learner reads is
 * `{ en, ja }`; wire data (commands, message bodies) is not translated.
 */
import { base, captures, id, layer, localized, name, pattern } from './schema-parts.js';
import { query } from './schema-query.js';
import { authcheck, dkimOption } from './schema-auth.js';
import { DEFAULT_LAB } from './lab-default.js';

export { localized, type LocalizedText } from './schema-parts.js';
const protocol = z.enum(PROTOCOLS);

export const STEP_KINDS = ['say', 'run', 'connect', 'send', 'request', 'data', 'compute', 'check', 'quiz', 'disconnect', 'wait', 'relay', 'starttls', 'query', 'authcheck'] as const;
export type StepKind = (typeof STEP_KINDS)[number];


const say = z.strictObject({
  ...base,
  kind: z.literal('say'),
  text: localized,
  /** ASCII art, shown as-is (no translation needed) or per language. */
  diagram: z.union([z.string(), localized]).optional(),
  layer: layer.optional(),
});

const run = z.strictObject({
  ...base,
  kind: z.literal('run'),
  /** What l7lab shows live: its own listening sockets, the lab endpoints, captured mail. */
  show: z.enum(['ports', 'endpoints', 'mail-list']),
  lab: name.optional(),
  text: localized,
  /** The classic command a learner would type elsewhere, and what each part of it means. */
  classic: z
    .strictObject({
      command: z.string().min(1),
      parts: z.array(z.strictObject({ token: z.string().min(1), text: localized })).default([]),
    })
    .optional(),
  explain: localized.optional(),
});

const connect = z.strictObject({
  ...base,
  kind: z.literal('connect'),
  connection: name,
  protocol,
  lab: name.optional(),
  text: localized.optional(),
  /** Status of the greeting: `220`, `+OK`, `OK` (HTTP has none: the client speaks first). */
  expect: z.string().min(1).optional(),
  /** TLS from the first byte, on the lab's implicit-TLS port for the protocol (HTTPS, RFC 9110 4.2.2; RFC 8314); the lab needs `tls: true`. */
  tls: z.boolean().default(false),
  capture: captures.optional(),
  explain: localized,
});

const send = z.strictObject({
  ...base,
  kind: z.literal('send'),
  connection: name,
  /** What the learner is asked to do. */
  text: localized,
  /** The suggested command; `{name}` placeholders come from captures and accounts. */
  command: z.string().min(1),
  /** What counts as the right command (case-insensitive); the suggestion itself when omitted. */
  accept: pattern.optional(),
  /** The reply status the lesson expects: `250`, `503`, `+OK`, `-ERR`, `OK`, `NO`, `+`. */
  expect: z.string().min(1),
  /** And, optionally, a pattern the whole reply must match. */
  match: pattern.optional(),
  hint: localized,
  explain: localized,
  capture: captures.optional(),
  layer: layer.optional(),
  /** The line answers a server continuation (AUTH data, IDLE's DONE): not a command. */
  continues: z.boolean().default(false),
});

/**
 * An HTTP request typed line by line (RFC 9112 2.1): the request line, field lines, then the
 * empty line that ends the header section. No line gets a reply of its own: at the empty line
 * the request goes out and the response is read. An empty line typed early ends the request
 * there, as it would on the wire.
 */
const request = z.strictObject({
  ...base,
  kind: z.literal('request'),
  connection: name,
  text: localized,
  /** The suggested lines, without the empty line the step always asks for last; `{name}` placeholders. */
  lines: z.array(z.string().min(1)).min(1),
  /** Per line, what counts as right (case-insensitive pattern); the suggestion itself when omitted or null. */
  accept: z.array(pattern.nullable()).optional(),
  /** The response status the lesson expects: `200`, `304`, `4xx`. */
  expect: z.string().min(1),
  /** And, optionally, a pattern the response (status line, fields, body lines) must match. */
  match: pattern.optional(),
  hint: localized,
  explain: localized,
  capture: captures.optional(),
  layer: layer.optional(),
});

const data = z.strictObject({
  ...base,
  kind: z.literal('data'),
  connection: name,
  text: localized,
  /** The prepared message, one line per entry (header, empty line, body). */
  body: z.array(z.string()).min(1),
  expect: z.string().min(1).default('250'),
  hint: localized.optional(),
  explain: localized,
  capture: captures.optional(),
  /** Sign the prepared message with the lab key, or reuse the last signature over this one (schema-auth.ts). */
  dkim: dkimOption.optional(),
});

const compute = z.strictObject({
  ...base,
  kind: z.literal('compute'),
  /**
   * sasl-plain: base64(\0user\0password); base64 / base64-decode: of `input`; apop: MD5(timestamp+secret); cram-md5: HMAC-MD5;
   * encoded-word: an RFC 2047 word of `input`; qp: quoted-printable (RFC 2045 6.7); base64-mime: base64 in 76-character lines (6.8).
   */
  op: z.enum(['sasl-plain', 'base64', 'base64-decode', 'apop', 'cram-md5', 'encoded-word', 'qp', 'base64-mime']),
  user: z.string().min(1).optional(),
  /** The value worked on (with placeholders): the APOP timestamp, the CRAM challenge, text to encode. */
  input: z.string().optional(),
  /** Capture name the result is stored under, for later commands. */
  into: name,
  text: localized.optional(),
  explain: localized,
  /**
   * false: work the value out (for the suggestion, Enter alone and --auto) but show only the
   * explanation, not the derivation: the learner builds it with a helper (:b64, :plain, :cram).
   */
  reveal: z.boolean().default(true),
});

const check = z.strictObject({
  ...base,
  kind: z.literal('check'),
  lab: name.optional(),
  account: z.string().min(1),
  mailbox: z.string().min(1).default('INBOX'),
  text: localized.optional(),
  /** What must be true of the server side now. */
  expect: z
    .strictObject({
      messages: z.number().int().min(0).optional(),
      /** Flags of the newest message that must be set / must not be set. */
      flags: z.array(z.string()).optional(),
      noFlags: z.array(z.string()).optional(),
      /** A pattern the newest message (headers and body) must match. */
      contains: pattern.optional(),
      /** What `contains` looks for, in words for the learner (a pattern is never shown). */
      about: localized.optional(),
    })
    .default({}),
  explain: localized,
});

const quiz = z.strictObject({
  ...base,
  kind: z.literal('quiz'),
  question: localized,
  choices: z
    .array(
      z.strictObject({
        text: localized,
        correct: z.boolean().default(false),
        explain: localized,
        /** Why this choice is wrong (or, for the right one, why it is right), said after a miss; `explain` when omitted. */
        why: localized.optional(),
      }),
    )
    .min(2, 'a quiz needs at least two choices'),
  /** The lesson that teaches the answer (for a review quiz). */
  see: id.optional(),
});

const disconnect = z.strictObject({
  ...base,
  kind: z.literal('disconnect'),
  connection: name,
  explain: localized,
});

const wait = z.strictObject({
  ...base,
  kind: z.literal('wait'),
  connection: name,
  /** Read what the server sends on its own until a line matches (IMAP IDLE updates). */
  until: pattern,
  text: localized.optional(),
  explain: localized,
});

const relay = z.strictObject({
  ...base,
  kind: z.literal('relay'),
  /** The sending lab: its newest captured message for `account` is passed on. */
  from: name,
  account: z.string().min(1),
  /** The receiving lab's SMTP server, on loopback in this same process (none when the lookup finds no server: a bounce). */
  to: name.optional(),
  mailFrom: z.string().min(1),
  rcptTo: z.array(z.string().min(1)).min(1),
  /**
   * Before relaying, the sending server looks the recipient domain up in its lab's DNS, as a
   * real one does (RFC 5321 5.1): `mx` it finds an MX, `a` no MX but an address (the implicit
   * MX), `bounce` neither, or a null MX (RFC 7505), so it returns the mail to the sender.
   */
  lookup: z.enum(['mx', 'a', 'bounce']).optional(),
  text: localized.optional(),
  explain: localized,
});

/** STARTTLS / STLS on an open connection and the TLS handshake (RFC 3207 4, RFC 2595 4, RFC 3501 6.2.1); the lab needs `tls: true`. */
const starttls = z.strictObject({
  ...base,
  kind: z.literal('starttls'),
  connection: name,
  text: localized.optional(),
  explain: localized,
});

export const stepSchemas = { say, run, connect, send, request, data, compute, check, quiz, disconnect, wait, relay, starttls, query, authcheck } as const;
export const step = z.discriminatedUnion('kind', [say, run, connect, send, request, data, compute, check, quiz, disconnect, wait, relay, starttls, query, authcheck]);
export type Step = z.infer<typeof step>;
export type StepOf<K extends StepKind> = Extract<Step, { kind: K }>;

const seedMessage = z.strictObject({
  from: z.string().min(1),
  to: z.array(z.string().min(1)).min(1),
  subject: z.string().min(1),
  body: z.array(z.string()).default([]),
  flags: z.array(z.string()).default([]),
});

const labConfig = z.strictObject({
  protocols: z.array(protocol).optional(),
  authRequired: z.boolean().default(false),
  /** Start with the lab certificate: STARTTLS/STLS offered (made on first use in the data directory). */
  tls: z.boolean().default(false),
  /** With tls: SMTP PLAIN/LOGIN get 538 and IMAP says LOGINDISABLED until STARTTLS. */
  loginRequiresTls: z.boolean().default(false),
  /** Protocols that also get an implicit-TLS port (HTTPS for http; a connect step with `tls: true` adds its own). */
  implicitTls: z.array(protocol).optional(),
  /** Messages in the store before the lesson starts. */
  seed: z.array(seedMessage).default([]),
  /** SMTP failure rules, as serve's --fail (`rcpt:*@bounce.test=550 5.1.1`); the magic addresses work without any. */
  failRules: z.array(z.string().min(1)).optional(),
});
export type LabConfig = z.infer<typeof labConfig>;
export type SeedMessage = z.infer<typeof seedMessage>;

export { DEFAULT_LAB };

export const lesson = z.strictObject({
  id,
  title: localized,
  summary: localized,
  minutes: z.number().int().min(1).max(60),
  /** What the transcript shows throughout: CRLF markers, session state, OSI layer badges. */
  show: z
    .strictObject({ crlf: z.boolean().default(false), state: z.boolean().default(false), layers: z.boolean().default(false) })
    .default({ crlf: false, state: false, layers: false }),
  labs: z.record(name, labConfig).default({ [DEFAULT_LAB]: { authRequired: false, tls: false, loginRequiresTls: false, seed: [] } }),
  steps: z.array(step).min(1),
});
export type Lesson = z.infer<typeof lesson>;

export const manifest = z.strictObject({ lessons: z.array(id).min(1) });
export type Manifest = z.infer<typeof manifest>;
