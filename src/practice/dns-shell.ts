import { randomInt } from 'node:crypto';
import type { Lang } from '../i18n.js';
import { decodeMessage } from '../protocols/dns/codec/decode.js';
import { encodeQuery } from '../protocols/dns/codec/encode.js';
import { DnsFormatError } from '../protocols/dns/codec/errors.js';
import { hexRows } from '../protocols/dns/codec/hex-view.js';
import { presentName } from '../protocols/dns/codec/names.js';
import { RCODES, type DnsMessage } from '../protocols/dns/types.js';
import { lookup } from '../explain/lookup.js';
import { renderLookup, unknownTermLine } from '../explain/view.js';
import { DNS_KNOWLEDGE } from '../protocols/dns/knowledge/index.js';
import { theme } from '../ui/theme.js';
import { renderHexRows } from '../ui/dns-hex.js';
import { wrap } from '../ui/wrap.js';
import { DnsWireError, exchangeDns, type DnsExchange, type DnsExchangeOptions } from '../wire/dns-client.js';
import { completeDns } from './dns-completion.js';
import { negativeTtl, shownLines } from './dns-lines.js';
import { isReferral } from '../protocols/dns/lines.js';
import { dnsMsg } from './dns-messages.js';
import { DEFAULT_OPTIONS, parseQueryLine, type DnsQueryLine, type QueryOptions } from './dns-query.js';
import { chooseServer, type DnsTargets } from './dns-targets.js';
import { runTrace, type Asked } from './dns-trace-run.js';
import { nextHop } from './dns-trace.js';
import { renderExchange, type ShownLine } from './render.js';
import type { Outcome } from './shell.js';
import type { Target } from './target.js';

/**
 * `practice dns`: one question per line, sent as one datagram (or one TCP message) to the lab's
 * resolver or the server named with @, the query's bytes annotated, the response shown section by
 * section with every line explained, and the time it took. No terminal here: terminal.ts feeds it.
 */
export interface DnsShellOptions {
  lang: Lang;
  targets: DnsTargets;
  out: (text: string) => void;
  timeoutMs: number;
  /** Terminal columns (80 at least). */
  width: number;
  /** The one network edge; tests may pass their own. */
  exchange?: (query: Uint8Array, o: DnsExchangeOptions) => Promise<DnsExchange>;
  /** Query IDs: random by default (RFC 5452 4.3); tests fix them. */
  nextId?: () => number;
  /** The lab resolver's steps per question (null: not the lab). */
  resolverSteps?: { take(port: number, lang: Lang): ShownLine[] } | null;
  /** Called with each line worth keeping in the history file. */
  remember?: (line: string) => Promise<void>;
}

export class DnsShell {
  private defaults: QueryOptions = DEFAULT_OPTIONS;
  private hex = true;

  constructor(private readonly o: DnsShellOptions) {}

  prompt(): string {
    return this.defaults.server === null ? 'dns> ' : `dns @${this.defaults.server}> `;
  }

  readonly completer = (line: string): [string[], string] => completeDns(line, this.o.targets);

  takesBody(): boolean {
    return false;
  }

  /** DNS servers never speak unasked: nothing is pushed between questions. */
  takePushed(): { text: string; bye: boolean } | null {
    return null;
  }

  onServerSpeaks(_listener: () => void): void {}

  async waitForClose(): Promise<boolean> {
    return false;
  }

  async handle(line: string): Promise<Outcome> {
    const text = line.trim();
    if (text === '') return 'more';
    await this.o.remember?.(text);
    if (text.startsWith(':')) return this.helper(text);
    const parsed = parseQueryLine(text, this.defaults);
    if (parsed.kind === 'error') this.warn(dnsMsg(this.o.lang, parsed.code, parsed.vars));
    else if (parsed.kind === 'defaults') this.setDefaults(parsed.options);
    else await this.ask(parsed.query);
    return 'more';
  }

  private warn(text: string): void {
    this.o.out(wrap(theme.warn(text), { width: this.o.width }));
  }

  private note(text: string): void {
    this.o.out(wrap(text, { width: this.o.width, style: theme.dim }));
  }

  private setDefaults(options: QueryOptions): void {
    this.defaults = options;
    const what = [options.server === null ? '' : `@${options.server}`, options.rd ? '+rec' : '+norec', options.tcp ? '+tcp' : '+notcp', options.edns === null ? '+noedns' : `+edns=${options.edns}`];
    this.note(dnsMsg(this.o.lang, 'defaults', { what: what.filter((w) => w !== '').join(' ') }));
  }

  private async helper(text: string): Promise<Outcome> {
    const [name = '', ...args] = text.split(/\s+/);
    switch (name.toLowerCase()) {
      case ':quit':
      case ':q':
      case ':exit':
        return 'quit';
      case ':help':
        this.o.out(dnsMsg(this.o.lang, 'help'));
        return 'more';
      case ':hex':
        this.hex = !this.hex;
        this.note(dnsMsg(this.o.lang, this.hex ? 'hexOn' : 'hexOff'));
        return 'more';
      case ':servers':
        this.servers();
        return 'more';
      case ':explain':
        this.o.out(this.explain(args.join(' ')));
        return 'more';
      case ':trace':
        await runTrace(args, { lang: this.o.lang, targets: this.o.targets, defaults: this.defaults, ask: (q, t, label) => this.askAt(q, t, label), warn: (t) => this.warn(t), note: (t) => this.note(t) });
        return 'more';
      default:
        this.warn(dnsMsg(this.o.lang, 'unknownHelper', { helper: name }));
        return 'more';
    }
  }

  /** `:explain NXDOMAIN`, `:explain AA`: what `l7lab explain dns` says. */
  private explain(term: string): string {
    if (term.trim() === '') return theme.warn(dnsMsg(this.o.lang, 'explainUsage'));
    const found = lookup(DNS_KNOWLEDGE, term);
    return found.kind === 'unknown' ? theme.warn(unknownTermLine(found, this.o.lang)) : (renderLookup(found, this.o.lang) ?? '');
  }

  private servers(): void {
    const servers = this.o.targets.servers;
    if (servers.length === 0) return this.note(dnsMsg(this.o.lang, 'noServers'));
    this.o.out(dnsMsg(this.o.lang, 'servers'));
    for (const s of servers) this.o.out(`  ${s.role.padEnd(9)} ${s.name.padEnd(22)} ${s.host}:${s.port}`);
  }

  private async ask(query: DnsQueryLine): Promise<void> {
    const choice = chooseServer(query.server, this.o.targets);
    if (!choice.ok) return this.warn(dnsMsg(this.o.lang, 'unknownServer', { server: query.server ?? '', names: choice.names }));
    await this.askAt(query, choice.target, choice.label);
  }

  /** Send one question to one server and show it all; the trace asks through here too. */
  async askAt(query: DnsQueryLine, target: Target, label: string): Promise<Asked> {
    const { lang } = this.o;
    const id = this.o.nextId?.() ?? randomInt(0, 0x10000);
    const bytes = encodeQuery(query.name, query.type, { id, rd: query.rd, edns: query.edns === null ? false : { udpSize: query.edns } });
    const transport = query.tcp ? 'tcp' : 'udp';
    const sent = decodeMessage(bytes);
    this.note(dnsMsg(lang, 'sent', { bytes: bytes.length, server: label, transport: transport.toUpperCase() }));
    this.o.out(renderExchange(shownLines(sent.message, 'client', lang), null, { lang, raw: false }));
    if (this.hex) this.o.out(renderHexRows(hexRows(bytes, sent.fields)));
    let got: DnsExchange;
    try {
      got = await (this.o.exchange ?? exchangeDns)(bytes, { host: target.host, port: target.port, transport, timeoutMs: this.o.timeoutMs });
    } catch (err) {
      if (!(err instanceof DnsWireError)) throw err;
      this.warn(dnsMsg(lang, err.kind, { server: label, seconds: this.o.timeoutMs / 1000 }));
      return { response: null, ms: 0 };
    }
    return { response: this.showResponse(got, id, label, query), ms: got.ms };
  }

  private showResponse(got: DnsExchange, id: number, label: string, query: DnsQueryLine): DnsMessage | null {
    const { lang } = this.o;
    let response: DnsMessage;
    try {
      response = decodeMessage(got.bytes, { fields: false, trailing: 'ignore' }).message;
    } catch (err) {
      if (!(err instanceof DnsFormatError)) throw err;
      this.warn(dnsMsg(lang, 'badAnswer', { server: label, reason: err.reason, offset: err.offset }));
      return null;
    }
    this.note(dnsMsg(lang, 'received', { bytes: got.bytes.length, server: label, ms: got.ms.toFixed(1) }));
    if (response.header.id !== id) this.warn(dnsMsg(lang, 'otherId', { got: response.header.id, want: id }));
    this.o.out(renderExchange(shownLines(response, 'server', lang), null, { lang, raw: false }));
    this.resolverWork(got.localPort);
    this.afterwards(response, query);
    return response;
  }

  /** On the lab: what the resolver did to answer (upstream questions, cache hits), from its transcript. */
  private resolverWork(port: number): void {
    const steps = this.o.resolverSteps?.take(port, this.o.lang) ?? [];
    if (steps.length === 0) return;
    this.note(dnsMsg(this.o.lang, 'resolverWork'));
    this.o.out(renderExchange(steps, null, { lang: this.o.lang, raw: false }));
  }

  /** What the learner most needs after this answer: why a name is missing, or what to do next. */
  private afterwards(m: DnsMessage, query: DnsQueryLine): void {
    const { lang } = this.o;
    const name = presentName(query.name);
    const ttl = negativeTtl(m);
    if (m.header.tc) return this.note(dnsMsg(lang, 'truncatedHint'));
    if (m.header.rcode === RCODES.NXDOMAIN) return this.note(dnsMsg(lang, 'nxdomain', { name, ttl: ttl ?? 0 }));
    if (m.header.rcode !== RCODES.NOERROR) return;
    if (isReferral(m)) {
      // The next server by its glue address, which works for any server (RFC 1034 4.2.1).
      const hop = nextHop(m, this.o.targets.port);
      const server = hop.kind === 'ask' ? hop.target.host : hop.kind === 'no-glue' ? hop.ns : '';
      return this.note(dnsMsg(lang, 'referralHint', { next: `${query.type} ${name} +norec @${server}` }));
    }
    if (m.answers.length === 0 && ttl !== null) this.note(dnsMsg(lang, 'nodata', { name, type: query.type, ttl }));
  }
}
