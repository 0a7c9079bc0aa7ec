import { SERVE_PORTS } from './options.js';

const { plain, implicitTls, submission } = SERVE_PORTS;

/** The text after `l7lab serve --help`'s options (imported eagerly by program.ts: a string and the ports table). */
export const SERVE_HELP = `
Ports (127.0.0.1): SMTP ${plain.smtp} with no TLS, submission ${submission} with STARTTLS,
submissions (SMTPS) ${implicitTls.smtp} with TLS from the first byte; POP3 ${plain.pop3} and POP3S
${implicitTls.pop3}; IMAP ${plain.imap} and IMAPS ${implicitTls.imap}. The plain ports offer no STARTTLS
unless --starttls, so app defaults work.
Web inbox and JSON API: HTTP ${plain.http} (http://127.0.0.1:${plain.http}/), HTTPS ${implicitTls.http}.
Names: DNS ${plain.dns} (UDP and TCP) is the lab resolver; it asks only the lab's own
root and zone servers (127.0.0.2-4, same port), never one outside this machine.

Failure rules (--fail, --fail-file): stage:pattern=action [@N%]
  stage    mail (pattern: the sender), rcpt (a recipient), data (the sender; the
           reply after the message's final dot), auth (the user name)
  pattern  a glob: * any characters, ? one; case-insensitive
  action   a reply code [enhanced code] [text], "delay <n>s", or "drop" (close
           the connection with no reply); @N% fails only N% of the time
  Magic recipients fail with no rule: reject-550@, reject-552@, reject-554@,
  tempfail-450@, tempfail-451@, tempfail-452@ and drop@ (any domain).

Examples:
  $ l7lab serve                     the ports above on 127.0.0.1
  $ l7lab serve --memory --smtp-port 0 --json-log   for scripts: any free port
  $ l7lab serve --memory --max-messages 500   never holds more than 500 messages
  $ l7lab serve --http-port 8025    the web inbox at http://127.0.0.1:8025/
  $ curl http://127.0.0.1:${plain.http}/api/messages   the captured mail as JSON
  $ dig @127.0.0.1 -p ${plain.dns} MX example.net   the server for example.net's mail
  $ l7lab serve --fail 'rcpt:*@bounce.test=550 5.1.1' --fail 'data:*=451 @25%'
  $ l7lab serve --fail 'rcpt:*@slow.test=delay 3s' --fail 'auth:carol=454'
  $ curl smtp://127.0.0.1:${plain.smtp} --mail-from me@example.com \\
      --mail-rcpt bob@example.com -T mail.eml
Point an app at host 127.0.0.1, port ${plain.smtp}, secure false (no TLS); user alice,
password wonderland (see the banner). README: "l7lab serve" has each client.`;
