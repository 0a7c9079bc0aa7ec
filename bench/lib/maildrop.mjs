// The benchmarks' mailbox: deterministic ~1.7 KB messages and a Maildir holding them, written
// once for our server and once for Dovecot so both serve the very same bytes.
import { chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Message number `i`: a deterministic ~1.7 KB text/plain message with CRLF line ends. With
 * `dotted`, every seventh body line starts with "." so POP3 has to dot-stuff it (RFC 1939 3).
 */
export function makeMessage(i, { dotted = false } = {}) {
  const head = [
    `Return-Path: <sender${i % 97}@example.com>`,
    `From: Sender ${i % 97} <sender${i % 97}@example.com>`,
    'To: Bob <bob@example.com>',
    `Subject: Benchmark message number ${i}`,
    `Date: Tue, 1 Jul 2025 10:${String(i % 60).padStart(2, '0')}:00 +0000`,
    `Message-ID: <bench.${i}@l7lab.example>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=us-ascii',
  ];
  const body = [];
  let size = head.join('\r\n').length + 4;
  for (let n = 0; size < 1700; n++) {
    const line = dotted && n % 7 === 3 ? `.dotted line ${n} of message ${i}` : `Line ${n} of message ${i}: the quick brown fox jumps over the lazy dog.`;
    body.push(line);
    size += line.length + 2;
  }
  return Buffer.from(`${head.join('\r\n')}\r\n\r\n${body.join('\r\n')}\r\n`);
}

/** Messages 1..count, their sizes in octets and the average size (rounded). */
export function makeMessages(count, options) {
  const messages = Array.from({ length: count }, (_, i) => makeMessage(i + 1, options));
  const sizes = messages.map((m) => m.length);
  const avg = Math.round(sizes.reduce((a, b) => a + b, 0) / count);
  return { messages, sizes, avg };
}

/**
 * Write the messages into a Maildir's cur/, sizes in the name: S= (file size) and W= (size
 * with CRLF line ends; the same here), which Dovecot trusts instead of reading every file.
 * `id(i)` and `flags(i)` (i from 0) give the unique part and the info flags after `:2,`.
 * With `owner`, each file is chowned to it (Dovecot dropped to an unprivileged user).
 */
export function writeMaildir(dir, messages, { owner = null, id = (i) => String(i), flags = () => '' } = {}) {
  for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(dir, sub), { recursive: true });
  messages.forEach((raw, i) => {
    const file = join(dir, 'cur', `1751364000.M${id(i)}P1.bench,S=${raw.length},W=${raw.length}:2,${flags(i)}`);
    writeFileSync(file, raw);
    if (owner) chownSync(file, owner.uid, owner.gid);
  });
}
