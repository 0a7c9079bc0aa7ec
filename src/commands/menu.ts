import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import type { Command } from 'commander';
import { detectLang, messages, type Lang, type Localized } from '../i18n.js';
import { isInteractive, PromptCancelled, terminalPrompts, type Prompts } from '../ui/prompts.js';
import { theme } from '../ui/theme.js';
import { SERVE_PORTS } from './options.js';
import { PROTOCOLS } from '../protocol.js';

/**
 * `l7lab` with no arguments: in a terminal, a small menu of what l7lab can do, shown again
 * after a lesson, `ports` or practice ends (Quit or Ctrl-C at the menu leaves); without a
 * terminal (a pipe, CI), the help text, so scripts are never stuck on a prompt.
 */
export type MenuChoice = 'learn' | 'ports' | 'practice' | 'serve' | 'quit';

export interface MenuActions {
  learn(): Promise<void>;
  ports(): Promise<void>;
  practice(protocol: string): Promise<void>;
  serve(opts: Record<string, unknown>): Promise<void>;
  /** A line for the user (a port that was taken). */
  say(text: string): void;
  /** Whether a loopback port can be bound now (with `udp`, over UDP too); a free one instead when it cannot. */
  freePort(port: number, udp?: boolean): Promise<number>;
}

const TEXT = {
  what: { en: 'What would you like to do?', ja: '何をしますか？' },
  learn: { en: 'Take a lesson (mail, the web and DNS, step by step)', ja: 'レッスンを受ける（メール、Web、DNS を一歩ずつ）' },
  ports: { en: 'See which processes listen on which ports', ja: 'どのプロセスがどのポートで待ち受けているかを見る' },
  practice: { en: 'Practise raw protocol commands', ja: 'プロトコルのコマンドを直接練習する' },
  serve: { en: 'Run the mock mail servers (capture, never relay)', ja: '模擬メールサーバーを動かす（受け取るだけで転送しません）' },
  quit: { en: 'Quit', ja: '終了' },
  which: { en: 'Which protocol?', ja: 'どのプロトコルにしますか？' },
  smtp: { en: 'SMTP (sending mail)', ja: 'SMTP（メールの送信）' },
  pop3: { en: 'POP3 (downloading mail)', ja: 'POP3（メールのダウンロード）' },
  imap: { en: 'IMAP (mail kept on the server)', ja: 'IMAP（メールをサーバーに置いたまま）' },
  http: { en: 'HTTP (the web: requests and responses)', ja: 'HTTP（Web: リクエストとレスポンス）' },
  dns: { en: 'DNS (names: questions and answers)', ja: 'DNS（名前: 質問と回答）' },
  back: { en: 'Back', ja: '戻る' },
  portTaken: { en: 'port {port} is in use; using {free} instead', ja: 'ポート {port} は使用中のため、代わりに {free} を使います' },
} satisfies Record<string, Localized>;
const t = messages(TEXT);

/** The menu comes back after each job; bounded so a scripted run can never spin. */
const MAX_ROUNDS = 1000;

/** Whether UDP `port` can be bound on 127.0.0.1 now. */
function udpFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
  });
}

/**
 * `port` if it can be bound on 127.0.0.1 now, else one the system picks (port 0). With `udp`
 * (DNS: UDP and TCP on one port, RFC 1035 4.2) the port must be free over both.
 */
export async function freeLoopbackPort(port: number, udp = false): Promise<number> {
  const tryListen = (p: number) =>
    new Promise<number | null>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(null));
      server.listen(p, '127.0.0.1', () => {
        const addr = server.address();
        server.close(() => resolve(typeof addr === 'object' && addr ? addr.port : null));
      });
    });
  const both = async (p: number) => {
    const got = await tryListen(p);
    return got !== null && (!udp || (await udpFree(got))) ? got : null;
  };
  // A system-picked TCP port may be taken over UDP: a few picks, then the asked port (serve says who holds it).
  for (const p of [port, 0, 0, 0]) {
    const got = await both(p);
    if (got !== null) return got;
  }
  return port;
}

const defaultActions: MenuActions = {
  async learn() {
    const { runLearn } = await import('./learn.js');
    return runLearn(undefined, {}, { fromMenu: true });
  },
  async ports() {
    const { runPorts } = await import('./ports.js');
    return runPorts({ backend: 'auto' });
  },
  async practice(protocol) {
    const { runPractice } = await import('./practice.js');
    return runPractice(protocol, {});
  },
  async serve(opts) {
    const { runServe } = await import('./serve.js');
    return runServe(opts);
  },
  say: (text) => process.stdout.write(`${theme.warn(text)}\n`),
  freePort: freeLoopbackPort,
};

/** The default ports, each replaced by a free one when something else holds it (said in one line). */
export async function servePorts(actions: Pick<MenuActions, 'freePort' | 'say'>, lang: Lang = 'en'): Promise<Record<string, unknown>> {
  const wanted: Array<[string, number, boolean?]> = [
    ['smtpPort', SERVE_PORTS.plain.smtp],
    ['pop3Port', SERVE_PORTS.plain.pop3],
    ['imapPort', SERVE_PORTS.plain.imap],
    ['smtpsPort', SERVE_PORTS.implicitTls.smtp],
    ['pop3sPort', SERVE_PORTS.implicitTls.pop3],
    ['imapsPort', SERVE_PORTS.implicitTls.imap],
    ['submissionPort', SERVE_PORTS.submission],
    ['httpPort', SERVE_PORTS.plain.http],
    ['httpsPort', SERVE_PORTS.implicitTls.http],
    ['dnsPort', SERVE_PORTS.plain.dns, true],
  ];
  const opts: Record<string, unknown> = { host: '127.0.0.1', auth: 'optional' };
  for (const [key, port, udp] of wanted) {
    const got = await actions.freePort(port, udp ?? false);
    if (got !== port) actions.say(t(lang, 'portTaken', { port, free: got }));
    opts[key] = got;
  }
  return opts;
}

/** A job ended by Ctrl-C / Ctrl-D (its own message already said so) returns to the menu. */
async function job(run: () => Promise<void>): Promise<true> {
  try {
    await run();
  } catch (err) {
    if (!(err instanceof PromptCancelled)) throw err;
  }
  return true;
}

async function ask(prompts: Prompts, lang: Lang): Promise<MenuChoice> {
  try {
    return await prompts.select<MenuChoice>(t(lang, 'what'), [
      { name: t(lang, 'learn'), value: 'learn' },
      { name: t(lang, 'ports'), value: 'ports' },
      { name: t(lang, 'practice'), value: 'practice' },
      { name: t(lang, 'serve'), value: 'serve' },
      { name: t(lang, 'quit'), value: 'quit' },
    ]);
  } catch (err) {
    if (err instanceof PromptCancelled) return 'quit';
    throw err;
  }
}

async function once(prompts: Prompts, actions: MenuActions, lang: Lang): Promise<boolean> {
  switch (await ask(prompts, lang)) {
    case 'learn':
      return job(() => actions.learn());
    case 'ports':
      return job(() => actions.ports());
    case 'practice':
      return job(async () => {
        const protocol = await prompts.select(t(lang, 'which'), [
          // Every protocol the practice shell speaks, from the one list (a new one cannot be left out).
          ...PROTOCOLS.map((p) => ({ name: t(lang, p), value: p })),
          { name: t(lang, 'back'), value: 'back' },
        ]);
        if (protocol !== 'back') await actions.practice(protocol);
      });
    case 'serve':
      // The servers run until Ctrl-C, which ends l7lab as `l7lab serve` does.
      await actions.serve(await servePorts(actions, lang));
      return false;
    case 'quit':
      return false;
  }
}

export async function runMenu(program: Command, prompts: Prompts = terminalPrompts(), actions: MenuActions = defaultActions, interactive = isInteractive(), lang: Lang = detectLang()): Promise<void> {
  if (!interactive) {
    process.stdout.write(program.helpInformation());
    return;
  }
  for (let round = 0; round < MAX_ROUNDS; round++) if (!(await once(prompts, actions, lang))) return;
}
