import type { Lab } from '../lab.js';
import { maskEvent } from '../protocols/mask.js';
import type { Address } from '../protocols/server.js';
import type { Protocol, TranscriptEvent } from '../protocols/transcript.js';
import { renderTable } from '../ui/tables.js';
import { theme } from '../ui/theme.js';
import { renderTlsHandshake } from '../ui/tls-view.js';
import { renderLine } from '../ui/transcript-view.js';
import type { LabCertificate } from '../tls/lab-cert.js';
import type { ServeConfig } from './serve-config.js';

/** What `serve` prints: the banner (endpoints, accounts, examples) and the live log. */
const ROLE: Record<Protocol, string> = {
  smtp: 'send mail (mock sending server: captures, never relays)',
  pop3: 'download mail (RFC 1939)',
  imap: 'read mail kept on the server (RFC 3501)',
};

function hostForUrl(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/** What the banner says about TLS: where it is spoken, and the certificate to compare. */
function tlsLines(lab: Lab, config: ServeConfig, cert: LabCertificate | null, h: (a: Address | undefined) => string): string[] {
  if (!cert) return ['TLS: off (--no-tls): everything, passwords included, crosses the wire in clear.'];
  const lines = [
    `TLS: STARTTLS (SMTP, IMAP) and STLS (POP3) on the ports above, TLS from the first byte on the S ports.${config.tls?.loginRequiresTls ? ' Passwords only inside TLS (--login-requires-tls).' : ''}`,
    `Certificate: ${cert.subject}, ${cert.generated ? 'made just now' : 'the lab certificate'} at ${cert.certPath}`,
    `  SHA-256 fingerprint ${cert.fingerprint256}`,
  ];
  const smtps = lab.tlsEndpoints.smtp;
  if (smtps) lines.push(`  curl smtps://${h(smtps)} --cacert ${cert.certPath} --mail-from me@example.com --mail-rcpt bob@example.com --upload-file msg.txt`);
  return lines;
}

export function banner(lab: Lab, config: ServeConfig, cert: LabCertificate | null = null): string {
  const plain = (Object.entries(lab.endpoints) as Array<[Protocol, Address]>).map(([p, a]) => [p.toUpperCase(), a.host, a.port, ROLE[p]]);
  const secure = (Object.entries(lab.tlsEndpoints ?? {}) as Array<[Protocol, Address]>).map(([p, a]) => [`${p.toUpperCase()}S`, a.host, a.port, 'the same, TLS from the first byte (RFC 8314)']);
  const rows = [...plain, ...secure];
  const users = config.users.map(([name, password]) => [name, password, `${name}@<any domain>`]);
  const smtp = lab.endpoints.smtp;
  const pop3 = lab.endpoints.pop3;
  const imap = lab.endpoints.imap;
  const [user, password] = config.users[0] ?? ['alice', 'wonderland'];
  const h = (a: Address | undefined) => (a ? `${hostForUrl(a.host)}:${a.port}` : '');
  const lines = [
    theme.heading('l7lab mail sandbox'),
    renderTable(['protocol', 'address', 'port', 'for'], rows),
    renderTable(['user', 'password', 'receives mail for'], users),
    `Mail to any other address is captured too. Store: ${config.storeDir ?? 'in memory (gone when serve stops)'}`,
    `SMTP AUTH: ${config.authRequired ? 'required before MAIL (530 otherwise)' : 'optional'}.`,
    ...tlsLines(lab, config, cert, h),
    '',
    theme.bold('Try it:'),
  ];
  if (smtp) {
    lines.push(
      `  printf 'Subject: hello\\r\\n\\r\\nHi Bob\\r\\n' > msg.txt`,
      `  curl smtp://${h(smtp)} --user ${user}:${password} --mail-from ${user}@example.com --mail-rcpt bob@example.com --upload-file msg.txt`,
      `  App settings: host ${hostForUrl(smtp.host)}, port ${smtp.port}, secure/TLS off${lab.tlsEndpoints?.smtp ? ` (or port ${lab.tlsEndpoints.smtp.port} with secure/TLS on)` : ''}, user ${user}, password ${password}`,
    );
  }
  if (pop3) lines.push(`  curl pop3://${h(pop3)}/1 --user bob:${config.users.find(([n]) => n === 'bob')?.[1] ?? '<password>'}`);
  if (imap) lines.push(`  curl 'imap://${h(imap)}/INBOX;UID=1' --user bob:${config.users.find(([n]) => n === 'bob')?.[1] ?? '<password>'}`);
  lines.push(`  l7lab mail list${config.storeDir ? ` --store ${config.storeDir}` : ''}`, '', theme.dim('Live transcript below. Ctrl-C stops (a message in flight is finished first).'), '');
  return lines.join('\n');
}

/** One JSON object a line: scripts and tests follow the servers with this. */
export function jsonLogLine(event: TranscriptEvent, showSecrets: boolean): string {
  const shown = event.event === 'line' && !showSecrets ? maskEvent(event) : event;
  return JSON.stringify(shown);
}

/** The human live log: one block per event, or null for events not worth a line. */
export function liveLogText(event: TranscriptEvent, config: Pick<ServeConfig, 'showSecrets' | 'lang'>): string | null {
  switch (event.event) {
    case 'line': {
      const e = config.showSecrets ? event : maskEvent(event);
      return renderLine(
        { direction: e.direction, text: e.text, who: e.session, explanation: e.direction === 'server' ? e.explanation : null, ...(e.decoded !== undefined ? { decoded: e.decoded } : {}), ...(e.tls ? { tls: true } : {}) },
        { lang: config.lang },
      );
    }
    case 'connect':
      return theme.dim(`${event.session} connected from ${event.remote}`);
    case 'disconnect':
      return theme.dim(`${event.session} closed (${event.reason ?? 'done'})`);
    case 'message':
      return theme.ok(`${event.session} captured a message from <${event.from}> to ${event.to.map((t) => `<${t}>`).join(', ')} (${event.size} octets), id ${event.ids.join(', ')}: nothing was relayed`);
    case 'notice':
      return event.level === 'info' ? theme.dim(event.text) : theme.warn(`${event.session ?? event.protocol}: ${event.text}`);
    case 'tls':
      return renderTlsHandshake(event, config.lang);
    case 'listening':
      return null;
  }
}
