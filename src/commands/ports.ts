import { localize, pick, type Lang, type Localized } from '../i18n.js';
import type { ListeningSocket } from '../ports/types.js';
import { defaultDeps, isPartial, type Attempt, type ProbeDeps } from '../ports/prober.js';
import { buildReport, explainServices, scopeLabel, SCOPE_LEGEND, type PortsReport } from '../ports/report.js';
import type { Theme } from '../ui/theme.js';
import { listFor, parsePortsOptions, portsJson, type PortsOptions } from './ports-list.js';

/**
 * `l7lab ports`: which processes wait for connections on which ports, and which application
 * protocol each port speaks. The classic answer is `sudo lsof -i -P -n | grep LISTEN`; this
 * wraps ss/proc/lsof/netstat (see ports/prober.ts) and explains what it finds.
 * chalk, cli-table3 and the wrapping are loaded only for the table: `--json` is for scripts and must start fast
 * (bin/l7lab.js runs it from ports-json.ts's bundle, with ports-list.ts and not this).
 */
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
  if (opts.json) return io.write(await portsJson(opts, io.deps));
  const { result, sockets, udpFallback } = await listFor(opts, io.deps);
  const report = buildReport(result.backend, isPartial(result.root, sockets), sockets, opts.lang);
  const [{ theme }, { renderFitted }, { wrap }] = await Promise.all([import('../ui/theme.js'), import('../ui/tables.js'), import('../ui/wrap.js')]);
  const lines = headline(opts, sockets, udpFallback);
  if (sockets.length > 0) lines.push(table(sockets, report, opts.lang, theme, renderFitted, io.width));
  if (opts.explain && sockets.length > 0) lines.push(...explanation(sockets, opts.lang, theme, wrap, io.width));
  lines.push('', ...footer(result, sockets, opts.lang, theme, wrap, io.width));
  io.write(`${lines.join('\n')}\n`);
}
