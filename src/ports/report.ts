import { pick, type Lang, type Localized } from '../i18n.js';
import { classifyScope } from './address.js';
import { lookupService, type Service } from './services.js';
import type { BackendName, Family, ListeningSocket, Transport, Scope } from './types.js';

/**
 * The `ports` answer as data: the `--json` shape of issue 2, and the pieces the table and
 * `--explain` print. Pure: the command module renders, this decides what is said.
 */
export interface SocketReport {
  protocol: Transport;
  family: Family;
  address: string;
  port: number;
  scope: Scope;
  pid: number | null;
  process: string | null;
  user: string | null;
  service: { name: string; description: string } | null;
}

export interface PortsReport {
  backend: BackendName;
  partial: boolean;
  sockets: SocketReport[];
}

export function describeSocket(s: ListeningSocket, lang: Lang): SocketReport {
  const service = lookupService(s.port, s.protocol);
  return {
    protocol: s.protocol,
    family: s.family,
    address: s.address,
    port: s.port,
    scope: classifyScope(s.address),
    pid: s.pid,
    process: s.process,
    user: s.user,
    service: service ? { name: service.name, description: pick(service.description, lang) } : null,
  };
}

export function buildReport(backend: BackendName, partial: boolean, sockets: readonly ListeningSocket[], lang: Lang): PortsReport {
  return { backend, partial, sockets: sockets.map((s) => describeSocket(s, lang)) };
}

const SCOPES: Record<Scope, Localized> = {
  loopback: { en: 'loopback only', ja: 'ループバックのみ' },
  all: { en: 'all interfaces', ja: 'すべてのインターフェース' },
  interface: { en: 'one interface', ja: '1 つのインターフェース' },
};

export function scopeLabel(scope: Scope, dualStack: boolean | null, lang: Lang): string {
  return pick(SCOPES[scope], lang) + (dualStack ? ' (IPv4+IPv6)' : '');
}

/** What `--explain` says about scope, once, under the services. */
export const SCOPE_LEGEND: Readonly<Record<Scope, Localized>> = {
  loopback: { en: 'only programs on this machine can connect', ja: 'このマシン上のプログラムだけが接続できます' },
  all: { en: 'any machine that can reach this one can connect: check the firewall', ja: 'このマシンに届くどのマシンからも接続できます (ファイアウォールを確認してください)' },
  interface: { en: 'machines on that one network (or that device) can connect', ja: 'その 1 つのネットワーク (またはデバイス) 上のマシンから接続できます' },
};

export interface ExplainedService {
  service: Service;
  /** `2525/tcp`, in port order, each once. */
  where: string[];
}

/** Each service found, once, with where it was found; and the ports no table entry knows. */
export function explainServices(sockets: readonly ListeningSocket[]): { known: ExplainedService[]; unknown: string[] } {
  const known = new Map<Service, Set<string>>();
  const unknown = new Set<string>();
  for (const s of sockets) {
    const where = `${s.port}/${s.protocol}`;
    const service = lookupService(s.port, s.protocol);
    if (service) known.set(service, (known.get(service) ?? new Set()).add(where));
    else unknown.add(where);
  }
  return { known: [...known].map(([service, where]) => ({ service, where: [...where] })), unknown: [...unknown] };
}
