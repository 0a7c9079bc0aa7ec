import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { HELP } from './cli-help.js';
import { SERVE_HELP } from './commands/serve-help.js';
import { SERVE_PORTS, type Options } from './commands/options.js';
import { packageFile } from './package-root.js';

/**
 * The commander program: declares commands and maps flags, nothing more. Each action
 * lazily imports its command module so `l7lab --help` loads nothing heavy. Building it runs
 * nothing: cli.ts (the entry point, the only place that exits) parses the command line with
 * it, and a test can parse lines with it too (test/unit/commands/fast-argv-commander.test.ts).
 */
const pkg = JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string };


function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new CommanderErrorWrap(`invalid port "${value}": use a number from 0 to 65535`);
  return n;
}

function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1) throw new CommanderErrorWrap(`invalid number "${value}": use a whole number from 1`);
  return n;
}

function parseNonNegativeInt(value: string): number {
  if (!/^\d{1,15}$/.test(value)) throw new CommanderErrorWrap(`invalid number "${value}": use a whole number from 0`);
  return Number(value);
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Commander reports this code through the command whose option it was (its --help in the hint). */
class CommanderErrorWrap extends CommanderError {
  constructor(message: string) {
    super(2, 'commander.invalidArgument', message);
  }
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('l7lab')
    .description('Learn the application layer (OSI L5-L7) by doing: real SMTP, POP3, IMAP, HTTP and DNS, every step explained.')
    .version(pkg.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .addHelpCommand('help [command]', 'show help for a command')
    // Commander wraps a description only when 40 columns are left beside the longest term;
    // `explain [options] <protocol> <term...>` leaves 38 at 80 columns, so allow less.
    .configureHelp({ minWidthToWrap: 30 })
    .showSuggestionAfterError(true)
    .addHelpText('after', HELP.root)
    .action(async () => {
      const { runMenu } = await import('./commands/menu.js');
      await runMenu(program);
    });

  program
    .command('ports')
    .description('which processes listen on which ports of this machine, and which protocol each speaks')
    .addOption(new Option('--backend <name>', 'where to read sockets from').choices(['auto', 'lsof', 'ss', 'netstat', 'proc']).default('auto'))
    .option('--udp', 'include UDP sockets')
    .option('--port <n>', 'only this port', parsePort)
    .option('--json', 'print one JSON object for scripts')
    .option('--explain', 'explain each protocol found and the lesson that covers it')
    .option('--lang <lang>', 'language of explanations: en or ja (default from LANG)')
    .addHelpText('after', HELP.ports)
    .action(async (opts: Options) => {
      const { runPorts } = await import('./commands/ports.js');
      await runPorts(opts);
    });

  program
    .command('serve')
    .description('run the lab mail servers as a mock sending server: capture every message, relay none; read it in the web inbox')
    .option('--host <addr>', 'address to listen on', '127.0.0.1')
    .option('--smtp-port <n>', 'SMTP port, no TLS unless --starttls (0 = any free port)', parsePort, SERVE_PORTS.plain.smtp)
    .option('--pop3-port <n>', 'POP3 port (0 = any free port)', parsePort, SERVE_PORTS.plain.pop3)
    .option('--imap-port <n>', 'IMAP port (0 = any free port)', parsePort, SERVE_PORTS.plain.imap)
    .option('--http-port <n>', 'HTTP port: the web inbox and JSON API (0 = any free port)', parsePort, SERVE_PORTS.plain.http)
    .option('--dns-port <n>', 'DNS port, UDP and TCP: the lab resolver; its root and zone servers use it on 127.0.0.2-4 (0 = any free port)', parsePort, SERVE_PORTS.plain.dns)
    .option('--store <dir>', 'Maildir directory for captured mail (default: $XDG_DATA_HOME/l7lab/mail)')
    .option('--memory', 'keep mail in memory only, nothing on disk')
    .option('--user <name:password>', 'an account (repeatable; default: alice and bob)', collect)
    .addOption(new Option('--auth <mode>', 'must SMTP clients log in?').choices(['required', 'optional']).default('optional'))
    .option('--submission-port <n>', 'SMTP submission that always offers STARTTLS, like 587 (0 = any free port)', parsePort, SERVE_PORTS.submission)
    .option('--smtps-port <n>', 'SMTP with implicit TLS, like 465 (0 = any free port)', parsePort, SERVE_PORTS.implicitTls.smtp)
    .option('--pop3s-port <n>', 'POP3 with implicit TLS, like 995 (0 = any free port)', parsePort, SERVE_PORTS.implicitTls.pop3)
    .option('--imaps-port <n>', 'IMAP with implicit TLS, like 993 (0 = any free port)', parsePort, SERVE_PORTS.implicitTls.imap)
    .option('--https-port <n>', 'HTTP with implicit TLS (HTTPS), like 443 (0 = any free port)', parsePort, SERVE_PORTS.implicitTls.http)
    .option('--starttls', 'offer STARTTLS/STLS on the plain SMTP, POP3 and IMAP ports too')
    .option('--tls-cert <file>', 'PEM certificate to use instead of the lab certificate (with --tls-key)')
    .option('--tls-key <file>', 'PEM private key for --tls-cert')
    .option('--login-requires-tls', 'passwords only inside TLS: SMTP AUTH PLAIN/LOGIN get 538, IMAP says LOGINDISABLED, POP3 USER/PASS get -ERR [AUTH] (implies --starttls)')
    .option('--no-tls', 'no STARTTLS/STLS and no TLS ports')
    .option('--fail <rule>', 'answer like a failing server: stage:pattern=action (repeatable, see below)', collect)
    .option('--fail-file <file>', 'failure rules, one a line (# starts a comment)')
    .option('--fail-seed <n>', 'seed for the @N% chances of the rules, so runs repeat', parseNonNegativeInt)
    .option('--max-size <bytes>', 'largest message accepted', parsePositiveInt)
    .option('--max-messages <n>', 'keep at most n captured messages: the oldest are dropped (and said so in the log)', parsePositiveInt)
    .option('--quiet', 'print the endpoints only, no live transcript')
    .option('--json-log', 'one JSON event per line on stdout')
    .option('--show-secrets', 'do not mask passwords and AUTH data in the log')
    .option('--lang <lang>', 'language of explanations (en|ja)')
    .addHelpText('after', SERVE_HELP)
    .action(async (opts: Options) => {
      const { runServe } = await import('./commands/serve.js');
      await runServe(opts);
    });

  const mail = program.command('mail').description('the messages the mock servers captured');
  const storeOption = () => new Option('--store <dir>', 'Maildir directory (default: $XDG_DATA_HOME/l7lab/mail)');
  const mailLangOption = () => new Option('--lang <lang>', 'en or ja (default from LANG)');
  mail.addHelpText('after', HELP.mail);
  mail
    .command('list')
    .description('captured messages, one row per SMTP transaction; "+" marks envelope addresses the header lacks (Bcc)')
    .addOption(storeOption())
    .option('--json', 'print JSON for scripts (with the envelope and every copy)')
    .addOption(mailLangOption())
    .addHelpText('after', HELP.mailList)
    .action(async (opts: Options) => {
      const { runMailList } = await import('./commands/mail-list.js');
      await runMailList(opts);
    });
  mail
    .command('show <id>')
    .description('headers, envelope and decoded body of one message')
    .addOption(storeOption())
    .option('--raw', 'print the message exactly as stored')
    .option('--json', 'print JSON for scripts: envelope, headers, text, HTML, attachments, links')
    .option('--transcript', 'the SMTP session that delivered it, explained (with --json: its events)')
    .option('--structure', 'its MIME tree: each part numbered as IMAP numbers it, type, encoding, sizes (with --json: as data)')
    .addOption(mailLangOption())
    .addHelpText('after', HELP.mailShow)
    .action(async (id: string, opts: Options) => {
      const { runMailShow } = await import('./commands/mail.js');
      await runMailShow(id, opts);
    });
  mail
    .command('wait')
    .description('wait for a matching message, print it and exit 0; exit 1 at the timeout (for tests)')
    .addOption(storeOption())
    .option('--to <text>', 'an envelope recipient or To/Cc address contains this')
    .option('--from <text>', 'the envelope sender or From contains this')
    .option('--subject <text>', 'the subject contains this')
    .option('--timeout <seconds>', 'give up after this long (default 30)')
    .option('--new', 'only messages that arrive after the wait began')
    .option('--since <date>', 'only messages received at or after this time (ISO 8601)')
    .option('--json', 'print the message as `mail show --json` does')
    .addOption(mailLangOption())
    .addHelpText('after', HELP.mailWait)
    .action(async (opts: Options) => {
      const { runMailWait } = await import('./commands/mail-wait.js');
      await runMailWait(opts);
    });
  mail
    .command('clear')
    .description('delete every captured message')
    .addOption(storeOption())
    .option('-y, --yes', 'do not ask for confirmation')
    .addOption(mailLangOption())
    .addHelpText('after', HELP.mailClear)
    .action(async (opts: Options) => {
      const { runMailClear } = await import('./commands/mail.js');
      await runMailClear(opts);
    });

  program
    .command('learn [lesson]')
    .description('take a lesson: type real protocol commands at a built-in server')
    .option('--lang <lang>', 'en or ja (default from LANG)')
    .option('--auto', 'play the lesson by itself (also when stdin is not a terminal)')
    .option('--reset [lesson]', 'forget progress (of one lesson, or all)')
    .addHelpText('after', HELP.learn)
    .action(async (lesson: string | undefined, opts: Options) => {
      const { runLearn } = await import('./commands/learn.js');
      await runLearn(lesson, opts);
    });

  program
    .command('lessons')
    .description('list the lessons with your progress')
    .option('--json', 'print JSON for scripts')
    .option('--check', 'validate every lesson file')
    .option('--reset [lesson]', 'forget progress (of one lesson, or all)')
    .option('--lang <lang>', 'en or ja (default from LANG)')
    .addHelpText('after', HELP.lessons)
    .action(async (opts: Options) => {
      const { runLessons } = await import('./commands/lessons.js');
      await runLessons(opts);
    });

  program
    .command('practice <protocol>')
    .description('a raw protocol shell (smtp, pop3, imap, http, dns) that explains every reply')
    .option('--connect <host:port>', 'talk to this server instead of the built-in lab')
    .option('--tls', 'TLS from the first byte (smtps, pop3s, imaps)')
    .option('--starttls', 'upgrade to TLS with STARTTLS/STLS right after the greeting')
    .option('--insecure', 'with --tls/--starttls: accept any certificate (encrypted, not authenticated)')
    .option('--lang <lang>', 'en or ja (default from LANG)')
    .addHelpText('after', HELP.practice)
    .action(async (protocol: string, opts: Options) => {
      const { runPractice } = await import('./commands/practice.js');
      await runPractice(protocol, opts);
    });

  program
    .command('explain <protocol> <term...>')
    .description('what a reply code, command or (HTTP) header field means, its syntax and its RFC')
    .option('--lang <lang>', 'en or ja (default from LANG)')
    .option('--json', 'print JSON for scripts')
    // A pasted POP3 reply starts with a dash (`-ERR`): a term, not an option (checked in explainTerm).
    .allowUnknownOption()
    .addHelpText('after', HELP.explain)
    .action(async (protocol: string, words: string[], opts: Options) => {
      const { runExplain } = await import('./commands/explain.js');
      await runExplain(protocol, explainTerm(words), opts);
    });

  return program;
}

/** The words of `explain`'s term; allowUnknownOption lets `-ERR` through, but never a mistyped `--json`. */
function explainTerm(words: string[]): string {
  const bad = words.find((w) => w.startsWith('--'));
  if (bad !== undefined) throw new CommanderError(2, 'commander.unknownOption', `unknown option '${bad}'`);
  return words.join(' ');
}
