import { SERVE_PORTS } from './options.js';

/**
 * The client settings `serve` prints, in one place: the banner, the README's serve section
 * and lesson mock-server show these texts, and test/interop/serve-snippets.test.ts checks
 * that README and lesson contain them verbatim and runs each one, literally (only the port
 * changed), with its real client against a default `serve`.
 */
export interface SnippetTarget {
  host: string;
  /** Plain SMTP: no TLS unless serve runs with --starttls. */
  port: number;
  /** SMTPS: TLS from the first byte (RFC 8314 3.3). */
  tlsPort: number;
  /** Submission: STARTTLS always offered (RFC 6409, RFC 3207). */
  submissionPort: number;
  user: string;
  password: string;
  /** The lab certificate, as a shell and Python's expanduser() read it. */
  cafile: string;
}

/** What README and the lesson print: serve's defaults. */
export const PRINTED: SnippetTarget = {
  host: '127.0.0.1',
  port: SERVE_PORTS.plain.smtp,
  tlsPort: SERVE_PORTS.implicitTls.smtp,
  submissionPort: SERVE_PORTS.submission,
  user: 'alice',
  password: 'wonderland',
  cafile: '~/.local/share/l7lab/tls/lab-cert.pem',
};

/** nodemailer's defaults (secure: false, opportunistic STARTTLS) work: the plain port offers no STARTTLS. */
export function nodemailerSnippet(t: SnippetTarget): string {
  return [
    `const transport = nodemailer.createTransport({`,
    `  host: '${t.host}', port: ${t.port}, secure: false,`,
    `  auth: { user: '${t.user}', pass: '${t.password}' },`,
    `});`,
    `await transport.sendMail({ from: 'app@example.com', to: 'bob@example.com',`,
    `  subject: 'Hello', text: 'Hi Bob' });`,
  ].join('\n');
}

/** Python's smtplib three ways: plain with login, implicit TLS, STARTTLS on the submission port. */
export function smtplibSnippet(t: SnippetTarget): string {
  return [
    `import os, smtplib, ssl`,
    `from email.message import EmailMessage`,
    `msg = EmailMessage()`,
    `msg['From'], msg['To'], msg['Subject'] = 'app@example.com', 'bob@example.com', 'Hello'`,
    `msg.set_content('Hi Bob')`,
    `with smtplib.SMTP('${t.host}', ${t.port}) as smtp:            # no TLS`,
    `    smtp.login('${t.user}', '${t.password}')`,
    `    smtp.send_message(msg)`,
    `lab = ssl.create_default_context(cafile=os.path.expanduser('${t.cafile}'))`,
    `with smtplib.SMTP_SSL('${t.host}', ${t.tlsPort}, context=lab) as smtp:  # TLS first`,
    `    smtp.login('${t.user}', '${t.password}')`,
    `    smtp.send_message(msg)`,
    `with smtplib.SMTP('${t.host}', ${t.submissionPort}) as smtp:            # STARTTLS`,
    `    smtp.starttls(context=lab)`,
    `    smtp.login('${t.user}', '${t.password}')`,
    `    smtp.send_message(msg)`,
  ].join('\n');
}

/** The message file the curl lines upload. */
export const MESSAGE_FILE_SNIPPET = [
  `printf 'From: app@example.com\\r\\nTo: bob@example.com\\r\\n' > msg.txt`,
  `printf 'Subject: Hello\\r\\n\\r\\nHi Bob\\r\\n' >> msg.txt`,
].join('\n');

export function curlSnippet(t: SnippetTarget): string {
  return [
    `curl smtp://${t.host}:${t.port} --user ${t.user}:${t.password} \\`,
    `  --mail-from app@example.com --mail-rcpt bob@example.com -T msg.txt`,
  ].join('\n');
}

export function curlTlsSnippet(t: SnippetTarget): string {
  return [
    `curl smtps://${t.host}:${t.tlsPort} --cacert ${t.cafile} \\`,
    `  --user ${t.user}:${t.password} \\`,
    `  --mail-from app@example.com --mail-rcpt bob@example.com -T msg.txt`,
  ].join('\n');
}

export function swaksSnippet(t: SnippetTarget): string {
  return [
    `swaks --server ${t.host}:${t.port} --auth-user ${t.user} --auth-password ${t.password} \\`,
    `  --from app@example.com --to bob@example.com \\`,
    `  --header 'Subject: Hello' --body 'Hi Bob'`,
  ].join('\n');
}

/** The mail domain the DNS snippets ask about: the receiving side of lesson mail-flow (alice@example.com -> bob@example.net). */
export const DNS_SNIPPET_DOMAIN = 'example.net';

/** dig (bind9-dnsutils) asking serve's resolver which server takes example.net's mail (RFC 5321 5.1: the MX). */
export function digSnippet(host: string, port: number): string {
  return `dig @${host} -p ${port} MX ${DNS_SNIPPET_DOMAIN}`;
}

/** Node's own resolver pointed at serve's DNS (an ES module: top-level await). */
export function nodeResolverSnippet(host: string, port: number): string {
  return [
    `import { Resolver } from 'node:dns/promises';`,
    `const resolver = new Resolver();`,
    `resolver.setServers(['${host}:${port}']);`,
    `console.log(await resolver.resolveMx('${DNS_SNIPPET_DOMAIN}'));`,
  ].join('\n');
}
