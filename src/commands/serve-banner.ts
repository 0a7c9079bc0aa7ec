import type { Lab } from '../lab.js';
import type { Lang } from '../i18n.js';
import type { LabDns } from '../protocols/dns/hierarchy.js';
import type { Address } from '../protocols/server.js';
import { STARTTLS, type Protocol } from '../protocol.js';
import { renderTable } from '../ui/tables.js';
import { theme } from '../ui/theme.js';
import type { LabCertificate } from '../tls/lab-cert.js';
import type { ServeConfig } from './serve-config.js';
import { curlSnippet, curlTlsSnippet, digSnippet, MESSAGE_FILE_SNIPPET, type SnippetTarget } from './serve-snippets.js';
import { serveText as t, type ServeTextKey } from './serve-texts.js';

/**
 * What `serve` prints first: the banner (endpoints, accounts, examples; 80 columns). The live log
 * is serve-view.ts, loaded only when there is a log to write: it brings the explanation tables.
 */
const ROLE: Record<Protocol, ServeTextKey> = { smtp: 'roleSmtp', pop3: 'rolePop3', imap: 'roleImap', http: 'roleHttp', dns: 'roleDns' };

function hostForUrl(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/** A path under the home directory as a shell reads it, so commands stay short. */
function tilde(path: string, home: string | undefined): string {
  return home && path.startsWith(`${home}/`) ? `~${path.slice(home.length)}` : path;
}

function endpointRows(lab: Lab, config: ServeConfig): Array<Array<string | number>> {
  const l = config.lang;
  const starttls = t(l, config.tls?.plainStarttls ? 'withStarttls' : 'noTls');
  const rows: Array<Array<string | number>> = [];
  for (const [p, a] of Object.entries(lab.endpoints) as Array<[Protocol, Address]>) {
    // HTTP has no STARTTLS (RFC 9110 4.2.2: https is TLS from the first byte); its role says "no TLS" itself.
    // Nor has DNS (DNS over TLS is port 853, RFC 7858 3.1, not served).
    rows.push([p.toUpperCase(), a.host, a.port, `${t(l, ROLE[p])}${config.tls && STARTTLS[p] ? starttls : ''}`]);
    if (p === 'smtp' && lab.submission) rows.push(['SUBMISSION', lab.submission.host, lab.submission.port, t(l, 'roleSubmission')]);
    if (p === 'dns' && lab.dns) rows.push(...dnsRows(lab.dns, l));
    const s = lab.tlsEndpoints?.[p];
    if (s && p === 'smtp') rows.push(['SUBMISSIONS', s.host, s.port, t(l, 'roleSubmissions')]);
    else if (s) rows.push([`${p.toUpperCase()}S`, s.host, s.port, t(l, 'roleTlsFirst')]);
  }
  return rows;
}

/** At most this many zones are named in a server's row; the rest are counted (80 columns). */
const ZONES_SHOWN = 1;

/**
 * The lab DNS under the resolver's row: each authoritative server (root 127.0.0.2, TLDs .3,
 * zones .4, one port; zones.ts), named by its NS name, with the zones it answers for, so
 * `dig @127.0.0.2 -p PORT +norec` has an address to ask.
 */
export function dnsRows(dns: LabDns, lang: Lang): Array<Array<string | number>> {
  return dns.servers.map((s) => {
    const zones = s.zones.map((z) => (z === '' ? '.' : z));
    const list = zones.length > ZONES_SHOWN ? t(lang, 'moreZones', { list: zones.slice(0, ZONES_SHOWN).join(', '), n: zones.length - ZONES_SHOWN }) : zones.join(', ');
    const key = s.role === 'root' ? 'roleDnsRoot' : s.role === 'tld' ? 'roleDnsTld' : 'roleDnsAuth';
    return [`  ${s.role}`, s.address.host, s.address.port, t(lang, key, { name: s.name, zones: list })];
  });
}

/** What the banner says about TLS: where it is spoken, and the certificate to compare. */
function tlsLines(config: ServeConfig, cert: LabCertificate | null, home: string | undefined): string[] {
  const l = config.lang;
  if (!cert) return [t(l, 'tlsOff')];
  const fp = cert.fingerprint256;
  const half = fp.length >> 1;
  const cut = fp.lastIndexOf(':', half) + 1;
  return [
    t(l, config.tls?.plainStarttls ? 'tlsEverywhere' : 'tlsSome'),
    ...(config.tls?.loginRequiresTls ? [t(l, 'loginTls')] : []),
    t(l, cert.generated ? 'certMade' : 'certLab', { subject: cert.subject }),
    `  ${tilde(cert.certPath, home)}`,
    `  SHA-256 ${fp.slice(0, cut)}`,
    `          ${fp.slice(cut)}`,
  ];
}

function failureLines(config: ServeConfig): string[] {
  const n = config.failRules.length;
  const l = config.lang;
  const rules = `${t(l, 'failRules', { n, s: n === 1 ? '' : 's' })}${config.failFile ? t(l, 'failFile') : ''}`;
  return [t(l, 'failures', { rules }), t(l, 'magic')];
}

function tryLines(lab: Lab, config: ServeConfig, cert: LabCertificate | null, home: string | undefined): string[] {
  const smtp = lab.endpoints.smtp;
  const [user, password] = config.users[0] ?? ['alice', 'wonderland'];
  const h = (a: Address) => `${hostForUrl(a.host)}:${a.port}`;
  const indent = (text: string) => text.split('\n').map((l) => `  ${l}`);
  const lines: string[] = [];
  if (smtp) {
    const target: SnippetTarget = {
      host: hostForUrl(smtp.host),
      port: smtp.port,
      tlsPort: lab.tlsEndpoints?.smtp?.port ?? 0,
      submissionPort: lab.submission?.port ?? 0,
      user,
      password,
      cafile: cert ? tilde(cert.certPath, home) : '',
    };
    lines.push(...indent(MESSAGE_FILE_SNIPPET), ...indent(curlSnippet(target)));
    if (cert && lab.tlsEndpoints?.smtp) lines.push(...indent(curlTlsSnippet(target)));
    lines.push(t(config.lang, 'appSettings', { host: target.host, port: smtp.port }), t(config.lang, 'appLogin', { user, password }));
    if (cert && lab.tlsEndpoints?.smtp) lines.push(t(config.lang, 'appTls', { port: target.tlsPort }));
  }
  if (lab.endpoints.http) {
    const url = `http://${h(lab.endpoints.http)}/`;
    lines.push(t(config.lang, 'webInbox', { url }), `  curl ${url}api/messages`);
  }
  const bob = config.users.find(([n]) => n === 'bob')?.[1] ?? '<password>';
  if (lab.endpoints.pop3) lines.push(`  curl pop3://${h(lab.endpoints.pop3)}/1 --user bob:${bob}`);
  if (lab.endpoints.imap) lines.push(`  curl 'imap://${h(lab.endpoints.imap)}/INBOX;UID=1' --user bob:${bob}`);
  if (lab.endpoints.dns) lines.push(`  ${digSnippet(hostForUrl(lab.endpoints.dns.host).replace(/^\[|\]$/g, ''), lab.endpoints.dns.port)}`);
  // `mail list` is another process: it reads a Maildir, never the memory of this one (--memory),
  // where the web inbox and the API above are the way in.
  if (config.storeDir) lines.push(`  l7lab mail list --store ${tilde(config.storeDir, home)}`);
  return lines;
}

export function banner(lab: Lab, config: ServeConfig, cert: LabCertificate | null = null, home = process.env.HOME): string {
  const l = config.lang;
  const users = config.users.map(([name, password]) => [name, password, t(l, 'anyDomain', { name })]);
  return [
    theme.heading(t(l, 'title')),
    renderTable(t(l, 'headEndpoints').split('|'), endpointRows(lab, config)),
    renderTable(t(l, 'headUsers').split('|'), users),
    t(l, 'otherAddresses'),
    config.storeDir ? t(l, 'storeDir', { dir: tilde(config.storeDir, home) }) : t(l, 'storeMemory'),
    t(l, config.authRequired ? 'authRequired' : 'authOptional'),
    ...tlsLines(config, cert, home),
    ...(lab.dns?.fallback ? [t(l, 'dnsFallback')] : []),
    ...failureLines(config),
    '',
    theme.bold(t(l, 'tryIt')),
    ...tryLines(lab, config, cert, home),
    '',
    theme.dim(t(l, 'liveBelow')),
    '',
  ].join('\n');
}
