/**
 * The Examples sections of every command's --help (imported eagerly by program.ts: strings, no
 * dependencies). serve's longer text is serve-help.ts's.
 */
const examples = (lines: string) => `\nExamples:\n${lines}`;

/** Help text lines stay within 80 columns, the narrowest terminal the README promises. */
const HELP_WIDTH = 80;

/**
 * An example line too wide for 80 columns puts its comment on the next line, under the
 * command (the command itself is never broken: it is meant to be copied); a prose line wraps
 * at spaces.
 */
function fitHelp(text: string, width = HELP_WIDTH): string {
  return text
    .split('\n')
    .flatMap((line) => {
      if (line.length <= width) return [line];
      const example = /^( {2}\$ .*?\S)( {2,})(\S.*)$/.exec(line);
      if (example) return [example[1] as string, `      ${example[3] as string}`];
      if (line.startsWith(' ')) return [line];
      const out: string[] = [];
      let current = '';
      for (const word of line.split(' ')) {
        if (current && current.length + 1 + word.length > width) {
          out.push(current);
          current = word;
        } else current = current ? `${current} ${word}` : word;
      }
      return [...out, current];
    })
    .join('\n');
}

const RAW_HELP = {
  root: `
Examples:
  $ l7lab                          open the menu (lessons, ports, practice, serve)
  $ l7lab learn smtp-basics        take a lesson: type SMTP at a built-in server
  $ l7lab ports                    which processes listen on which ports, and what they speak
  $ l7lab ports --json --udp       the same, for scripts
  $ l7lab practice smtp            a raw SMTP shell that explains every reply
  $ l7lab serve                    mock mail servers on 127.0.0.1 that capture and never relay
  $ l7lab mail list                what the mock servers captured
  $ l7lab explain smtp 354         what a reply code means

Colours follow NO_COLOR (https://no-color.org). Exit codes: 0 ok, 1 failure, 2 usage.`,
  ports: `
Examples:
  $ l7lab ports                    the table, sorted by port
  $ l7lab ports --explain          ... with what each protocol does
  $ l7lab ports --port 2525 --json is the lab's SMTP server up?
  $ sudo l7lab ports               see other users' processes too
The classic command it wraps: sudo lsof -i -P -n | grep LISTEN`,
  mail: `
Examples:
  $ l7lab mail list                  what serve captured (it may keep running); one row per message sent
  $ l7lab mail show 3f2a             one message, decoded, with its envelope (an id prefix is enough)
  $ l7lab mail show 3f2a --transcript    the SMTP session that delivered it, explained
  $ l7lab mail show 3f2a --structure     its MIME tree, parts numbered as IMAP numbers them
  $ l7lab mail wait --to bob@example.com --timeout 10   in a test: wait for a message, print it
  $ l7lab mail clear --yes           delete them all, without asking`,
  mailList: examples(`  $ l7lab mail list
  $ l7lab mail list --store ./mail --json | jq '.[] | {id, envelope}'`),
  mailShow: examples(`  $ l7lab mail show 3f2a
  $ l7lab mail show 3f2a --transcript
  $ l7lab mail show 3f2a --json | jq -r '.links[0]'      the first link, e.g. a confirmation URL
  $ l7lab mail show 3f2a --raw > message.eml
  $ l7lab mail show 3f2a --structure        the MIME tree: 1, 1.1, 1.2, 2 as in IMAP BODY[1.2]
  $ l7lab mail show 3f2a --structure --json | jq -r '.structure.parts[].type'
--structure --json prints { id, structure }. Each part has: part ("1.2"; null
for a multipart message body, which IMAP does not number), type, declared,
params, encoding (null: 7bit), disposition, dispositionParams, filename, size
(octets as sent), decodedSize (null for a multipart), header ({ subject, from }
of a message, else null), notes (noBoundary, noDelimiter, noCloseDelimiter:
RFC 2046 5.1.1) and parts.`),
  mailWait: examples(`  $ l7lab mail wait --to bob@example.com
  $ l7lab mail wait --new --subject Confirm --json | jq -r '.links[0]'
  $ l7lab mail wait --from noreply@shop.test --since 2026-12-02T18:00:00Z`),
  mailClear: examples(`  $ l7lab mail clear
  $ l7lab mail clear --yes --store ./mail     in a script or a test's setup`),
  learn: examples(`  $ l7lab learn                      pick a lesson from the list (continues where you stopped)
  $ l7lab learn smtp-basics          one lesson by its id (l7lab lessons lists them)
  $ l7lab learn pop3 --lang ja
  $ l7lab learn smtp-basics --auto   watch it play by itself
  $ l7lab learn --reset smtp-basics  start that lesson over`),
  lessons: examples(`  $ l7lab lessons                    the lessons in order, with your progress
  $ l7lab lessons --json | jq -r '.[].id'
  $ l7lab lessons --check            validate every lesson file (one line per problem)
  $ l7lab lessons --reset            forget all progress`),
  practice: examples(`  $ l7lab practice smtp              the built-in lab server; type HELP or :help
  $ l7lab practice imap --lang ja
  $ l7lab practice http              type GET / HTTP/1.1, Host: localhost, an empty line
  $ l7lab practice dns               type MX example.test, or NS . +norec @root
  $ l7lab practice pop3 --connect 127.0.0.1:2110
  $ l7lab practice smtp --connect 127.0.0.1:2587 --starttls --insecure
  $ printf 'EHLO me\\nQUIT\\n' | l7lab practice smtp   no terminal: the transcript, explained`),
  explain: examples(`  $ l7lab explain smtp 354
  $ l7lab explain smtp 5.7.8          an enhanced status code (RFC 3463)
  $ l7lab explain smtp 550 5.1.1      a reply code and its enhanced code
  $ l7lab explain pop3 -ERR           a reply as the server sent it
  $ l7lab explain pop3 APOP
  $ l7lab explain imap FETCH --lang ja
  $ l7lab explain http 404            an HTTP status code (RFC 9110 15)
  $ l7lab explain http Host           a header field (also chunked, GET)
  $ l7lab explain dns NXDOMAIN        an RCODE; also MX, AA, TTL, glue`),
} as const;

export const HELP = Object.fromEntries(Object.entries(RAW_HELP).map(([name, text]) => [name, fitHelp(text)])) as { [K in keyof typeof RAW_HELP]: string };
