import { ExitError, UsageError } from '../errors.js';
import { localize, pick, type Lang, type Localized } from '../i18n.js';
import { langOption } from './options.js';
import { BACKEND_NAMES, type BackendName, type ListeningSocket } from '../ports/types.js';
import { defaultDeps, isPartial, probe, type Attempt, type ProbeDeps, type ProbeResult } from '../ports/prober.js';
import { buildReport, explainServices, scopeLabel, SCOPE_LEGEND, type PortsReport } from '../ports/report.js';
import { lookupService } from '../ports/services.js';
import type { Theme } from '../ui/theme.js';

/**
 * `l7lab ports`: which processes wait for connections on which ports, and which application
 * protocol each port speaks. The classic answer is `sudo lsof -i -P -n | grep LISTEN`; this
 * wraps ss/proc/lsof/netstat (see ports/prober.ts) and explains what it finds.
 * chalk, cli-table3 and the wrapping are loaded only for the table: `--json` is for scripts and must start fast.
 */
export interface PortsOptions {
  backend: BackendName | 'auto';
  udp: boolean;
  port: number | null;
  json: boolean;
  explain: boolean;
  lang: Lang;
}

export interface PortsIo {
  deps: ProbeDeps;
  write: (text: string) => void;
  /** Columns the table must fit; the terminal's (80 off a terminal) when not given. */
  width?: number;
}

const T = {
  head: { en: ['proto', 'address', 'port', 'service', 'scope', 'pid', 'process', 'user'], ja: ['プロトコル', 'アドレス', 'ポート', 'サービス', '到達範囲', 'PID', 'プロセス', 'ユーザー'] },
  none: { en: 'No listening sockets found.', ja: '待ち受け中のソケットは見つかりませんでした。' },
  noneOnPort: { en: 'Nothing listens on port {port}.', ja: 'ポート {port} で待ち受けているものはありません。' },
  udpOnly: { en: 'Nothing listens on port {port} over TCP; these UDP sockets do:', ja: 'ポート {port} を TCP で待ち受けるものはありません。UDP では次のとおりです:' },
  udpHint: { en: '(add --udp to see UDP sockets)', ja: '(UDP のソケットも見るには --udp を付けてください)' },
  source: { en: 'Source: {source}', ja: '情報源: {source}' },
  fellBack: { en: 'Passed over: {list}', ja: '使えなかったもの: {list}' },
  notRoot: {
    en: "Not running as root: other users' processes may be hidden or shown without pid. See them all: sudo l7lab ports",
    ja: 'root ではないため、他のユーザーのプロセスは表示されないか PID なしで表示されます。すべて見るには: sudo l7lab ports',
  },
  noPid: { en: 'A "-" pid: the owner could not be read (another user, or another pid namespace).', ja: 'PID が "-" のもの: 所有プロセスを読めませんでした (他のユーザー、または別の PID 名前空間)。' },
  speaks: { en: 'What they speak', ja: '何を話しているか' },
  lesson: { en: 'Lesson: l7lab learn {lesson}', ja: 'レッスン: l7lab learn {lesson}' },
  unknown: { en: 'No well-known service: {list}. The process column says who it is.', ja: '既知のサービスではありません: {list}。誰なのかはプロセス列を見てください。' },
  scope: { en: 'Scope', ja: '到達範囲' },
} satisfies Record<string, Localized | Record<'en' | 'ja', string[]>>;


export function parsePortsOptions(opts: Record<string, unknown>): PortsOptions {
  const backend = opts.backend === undefined ? 'auto' : String(opts.backend);
  if (backend !== 'auto' && !(BACKEND_NAMES as readonly string[]).includes(backend)) {
    throw new UsageError(`ports: unknown backend "${backend}": use auto, ${BACKEND_NAMES.join(', ')}`);
  }
  const lang = langOption(opts, process.env, 'ports: ');
  const port = typeof opts.port === 'number' ? opts.port : null;
  return { backend: backend as PortsOptions['backend'], udp: opts.udp === true, port, json: opts.json === true, explain: opts.explain === true, lang };
}

function failureLine(attempts: readonly Attempt[], named: boolean): string {
  if (named) return `ports: ${attempts.map((a) => a.detail).join('; ')} (try --backend auto)`;
  const why = attempts.map((a) => `${a.backend}: ${a.detail}`).join('; ');
  return `ports: no backend could list the sockets (${why}); install iproute2 (ss) or lsof`;
}

type RenderFitted = (typeof import('../ui/tables.js'))['renderFitted'];
type Wrap = (typeof import('../ui/wrap.js'))['wrap'];

/**
 * What gives way when the table is wider than the terminal (ui/tables.ts renderFitted): user,
 * then pid are left out; then addresses, services, scopes and process names are cut with ….
 * Proto and port always stay whole: they are what the command is for.
 */
const FIT: ReadonlyArray<{ min?: number; drop?: number }> = [{}, { min: 12 }, {}, { min: 8 }, { min: 10 }, { drop: 2 }, { min: 8 }, { drop: 1 }];

function table(sockets: readonly ListeningSocket[], report: PortsReport, lang: Lang, theme: Theme, renderFitted: RenderFitted, width?: number): string {
  const dash = (v: string | number | null) => (v === null ? theme.dim('-') : String(v));
  const rows = report.sockets.map((r, i) => {
    const scope = scopeLabel(r.scope, sockets[i]?.dualStack ?? null, lang);
    const coloured = r.scope === 'loopback' ? theme.ok(scope) : r.scope === 'all' ? theme.warn(scope) : scope;
    return [r.protocol, r.address, r.port, r.service ? theme.info(r.service.name) : dash(null), coloured, dash(r.pid), dash(r.process), dash(r.user)];
  });
  const columns = T.head[lang].map((head, i) => ({ head, ...FIT[i] }));
  return renderFitted(columns, rows, width === undefined ? {} : { width });
}

/** The commands a description suggests in parentheses, `(dig @127.0.0.1 -p 2053)`: wrapping never splits one. */
function commandsIn(text: string): string[] {
  return [...text.matchAll(/\((?:dig|curl|l7lab) [^()]+\)/g)].map((m) => m[0].slice(1, -1));
}

function explanation(sockets: readonly ListeningSocket[], lang: Lang, theme: Theme, wrap: Wrap, width?: number): string[] {
  const { known, unknown } = explainServices(sockets);
  const lines = ['', theme.heading(pick(T.speaks, lang))];
  for (const { service, where } of known) {
    lines.push(`  ${theme.info(service.name)}  ${where.join(', ')}${service.rfc ? `  (${service.rfc})` : ''}`);
    const text = pick(service.description, lang);
    lines.push(wrap(text, { prefix: '    ', keep: commandsIn(text), ...(width ? { width } : {}) }));
    lines.push(`    ${theme.dim(localize(T.lesson, lang, { lesson: service.lesson }))}`);
  }
  if (unknown.length > 0) lines.push(`  ${localize(T.unknown, lang, { list: unknown.join(', ') })}`);
  lines.push('', theme.heading(pick(T.scope, lang)));
  for (const scope of ['loopback', 'all', 'interface'] as const) {
    lines.push(wrap(pick(SCOPE_LEGEND[scope], lang), { prefix: `  ${scopeLabel(scope, null, lang)}: `, ...(width ? { width } : {}) }));
  }
  return lines;
}

function footer(result: { source: string; skipped: Attempt[]; root: boolean | null }, sockets: readonly ListeningSocket[], lang: Lang, theme: Theme, wrap: Wrap, width?: number): string[] {
  const lines = [theme.dim(localize(T.source, lang, { source: result.source }))];
  if (result.skipped.length > 0) lines.push(theme.dim(localize(T.fellBack, lang, { list: result.skipped.map((a) => `${a.backend} (${a.detail})`).join('; ') })));
  const para = (text: string, style: (s: string) => string) => wrap(text, { style, keep: ['sudo l7lab ports'], ...(width ? { width } : {}) });
  if (result.root === false) lines.push(para(pick(T.notRoot, lang), theme.warn));
  else if (sockets.some((s) => s.pid === null)) lines.push(para(pick(T.noPid, lang), theme.dim));
  return lines;
}

/**
 * TCP first, as `lsof -i | grep LISTEN` does. `--port 53` without `--udp` found nothing over TCP
 * while 53/udp (DNS, RFC 1035 4.2.1) listens: then UDP is asked for that port too, so the answer
 * is not a false "nothing listens". A port whose well-known service speaks UDP (DNS on 53 and
 * 2053: UDP first, TCP for large answers) gets its UDP sockets shown beside the TCP ones.
 */
async function listFor(opts: PortsOptions, deps: ProbeDeps): Promise<{ result: Extract<ProbeResult, { ok: true }>; sockets: ListeningSocket[]; udpFallback: boolean }> {
  // The table shows "(IPv4+IPv6)" for a dual-stack wildcard; JSON has no such field (prober.ts).
  const result = await probe({ backend: opts.backend, udp: opts.udp, dualStack: !opts.json }, deps);
  if (!result.ok) throw new ExitError(failureLine(result.attempts, opts.backend !== 'auto'));
  if (opts.port === null) return { result, sockets: result.sockets, udpFallback: false };
  const port = opts.port;
  const sockets = result.sockets.filter((s) => s.port === port);
  const speaksUdp = lookupService(port, 'udp') !== null;
  if ((sockets.length > 0 && !speaksUdp) || opts.udp) return { result, sockets, udpFallback: false };
  const withUdp = await probe({ backend: opts.backend, udp: true, dualStack: !opts.json }, deps);
  if (!withUdp.ok) return { result, sockets, udpFallback: false };
  const udp = withUdp.sockets.filter((s) => s.port === port && s.protocol === 'udp');
  if (sockets.length > 0) return { result: withUdp, sockets: withUdp.sockets.filter((s) => s.port === port), udpFallback: false };
  return udp.length > 0 ? { result: withUdp, sockets: udp, udpFallback: true } : { result, sockets, udpFallback: false };
}

function headline(opts: PortsOptions, sockets: readonly ListeningSocket[], udpFallback: boolean): string[] {
  const hint = opts.udp ? '' : ` ${pick(T.udpHint, opts.lang)}`;
  if (udpFallback) return [localize(T.udpOnly, opts.lang, { port: opts.port ?? 0 })];
  if (sockets.length > 0) return [];
  // With --port and no --udp, UDP was asked too (listFor): nothing over either.
  if (opts.port !== null) return [localize(T.noneOnPort, opts.lang, { port: opts.port })];
  return [pick(T.none, opts.lang) + hint];
}

export async function runPorts(raw: Record<string, unknown>, io: PortsIo = { deps: defaultDeps(), write: (t) => process.stdout.write(t) }): Promise<void> {
  const opts = parsePortsOptions(raw);
  const { result, sockets, udpFallback } = await listFor(opts, io.deps);
  // Partial about what is shown: `--port 2525 --json` is definitive when that port's owner is known.
  const report = buildReport(result.backend, isPartial(result.root, sockets), sockets, opts.lang);
  if (opts.json) {
    io.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const [{ theme }, { renderFitted }, { wrap }] = await Promise.all([import('../ui/theme.js'), import('../ui/tables.js'), import('../ui/wrap.js')]);
  const lines = headline(opts, sockets, udpFallback);
  if (sockets.length > 0) lines.push(table(sockets, report, opts.lang, theme, renderFitted, io.width));
  if (opts.explain && sockets.length > 0) lines.push(...explanation(sockets, opts.lang, theme, wrap, io.width));
  lines.push('', ...footer(result, sockets, opts.lang, theme, wrap, io.width));
  io.write(`${lines.join('\n')}\n`);
}
