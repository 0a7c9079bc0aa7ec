/**
 * `--connect host:port`: the one place l7lab dials out, and only where the user asked.
 * IPv6 addresses go in brackets as in URLs (RFC 3986 3.2.2), `[::1]:2143`, so the port
 * is never confused with the address's own colons.
 */
export interface Target {
  host: string;
  port: number;
}

/** The target, or null when the text is not host:port with a port from 1 to 65535. */
export function parseTarget(text: string): Target | null {
  const m = /^(?:\[([0-9A-Fa-f:.]+(?:%[\w.-]+)?)\]|([^\s:[\]]+)):(\d{1,5})$/.exec(text.trim());
  if (!m) return null;
  const port = Number(m[3]);
  if (port < 1 || port > 65535) return null;
  return { host: (m[1] ?? m[2]) as string, port };
}

/** host:port for messages, brackets around an IPv6 address. */
export function showTarget(t: Target): string {
  return t.host.includes(':') ? `[${t.host}]:${t.port}` : `${t.host}:${t.port}`;
}
