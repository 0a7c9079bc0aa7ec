import type { MailStore } from '../mailstore/types.js';

/**
 * A few messages already waiting when the practice lab starts, so RETR, FETCH and SEARCH
 * have something to show. Fixed dates keep the listings the same on every run. One body
 * line starts with a dot: RETR shows it byte-stuffed on the wire (RFC 1939 3).
 */
interface SeedMessage {
  from: string;
  to: string;
  subject: string;
  date: string;
  body: string[];
}

const SEED: readonly SeedMessage[] = [
  {
    from: 'alice@example.com',
    to: 'bob@example.com',
    subject: 'Welcome to the lab',
    date: 'Mon, 01 Apr 2024 09:00:00 +0000',
    body: ['Hi Bob,', '', 'this message waits in your INBOX. Try RETR 1 (POP3) or FETCH 1 BODY[] (IMAP).', '', 'Alice'],
  },
  {
    from: 'alice@example.com',
    to: 'bob@example.com',
    subject: 'Tea at four?',
    date: 'Tue, 02 Apr 2024 15:30:00 +0000',
    body: ['Tea at four?', '.this line starts with a dot: POP3 sends it with one more', '-- ', 'Alice'],
  },
  {
    from: 'bob@example.com',
    to: 'alice@example.com',
    subject: 'Re: Welcome to the lab',
    date: 'Mon, 01 Apr 2024 10:15:00 +0000',
    body: ['Thanks Alice, it works.', '', 'Bob'],
  },
];

function raw(m: SeedMessage, i: number): Buffer {
  const headers = [`From: <${m.from}>`, `To: <${m.to}>`, `Subject: ${m.subject}`, `Date: ${m.date}`, `Message-ID: <seed-${i + 1}@l7lab.localhost>`];
  return Buffer.from([...headers, '', ...m.body, ''].join('\r\n'), 'utf8');
}

export async function seedMailboxes(store: MailStore): Promise<void> {
  for (const [i, m] of SEED.entries()) {
    await store.deliver({ from: m.from, to: [m.to] }, raw(m, i), new Date(Date.parse(m.date)));
  }
}
