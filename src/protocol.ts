/**
 * The one list of application protocols l7lab speaks. Everything that names a protocol
 * (the lab, lesson files, the practice shell, the transcript) imports it from here, so
 * adding a protocol is one line in this file (and its folder under protocols/).
 */
export const PROTOCOLS = ['smtp', 'pop3', 'imap', 'http', 'dns'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export function isProtocol(value: string): value is Protocol {
  return (PROTOCOLS as readonly string[]).includes(value);
}

/**
 * How a connection that began in clear asks for TLS: the upgrade command and the reply
 * status that says "go ahead, start the handshake". RFC 3207 4 (SMTP `STARTTLS`, 220),
 * RFC 2595 4 (POP3 `STLS`, +OK), RFC 3501 6.2.1 (IMAP `tag STARTTLS`, tagged OK).
 * `tagged`: the command needs an IMAP tag before it.
 */
export interface StarttlsCommand {
  verb: string;
  ok: string;
  tagged: boolean;
}

export const STARTTLS: Readonly<Record<Protocol, StarttlsCommand | null>> = {
  smtp: { verb: 'STARTTLS', ok: '220', tagged: false },
  pop3: { verb: 'STLS', ok: '+OK', tagged: false },
  imap: { verb: 'STARTTLS', ok: 'OK', tagged: true },
  // None: HTTPS is TLS from the first byte on its own port (RFC 9110 4.2.2); RFC 2817's
  // `Upgrade: TLS/1.0` exists but no browser uses it.
  http: null,
  // None: DNS over TLS is its own port, 853 (RFC 7858 3.1), not an upgrade of port 53.
  dns: null,
};

/** The protocol's upgrade command, or an error saying it has none (HTTP: use the HTTPS port). */
export function starttlsOf(protocol: Protocol): StarttlsCommand {
  const command = STARTTLS[protocol];
  if (!command) throw new Error(`${protocol.toUpperCase()} has no STARTTLS-like upgrade command: use its implicit-TLS port`);
  return command;
}
