import type { Lang } from '../i18n.js';
import { defaultDeps, probe, type ProbeDeps } from '../ports/prober.js';
import { buildReport } from '../ports/report.js';
import { renderFitted } from '../ui/tables.js';
import { theme } from '../ui/theme.js';

/**
 * The `run: ports` step: what `l7lab ports` finds listening on the lab's own ports, so the
 * learner sees that a server is a process holding a port (the lab is this very process).
 * Null when nothing could list sockets here; the step then shows the lab's endpoints.
 * The lab's ports are free ones the system chose, which no services table can name: `names`
 * (port -> "SMTP (l7lab)") names them, as `l7lab ports` names serve's fixed ports.
 */
const HEAD: Record<Lang, string[]> = {
  en: ['proto', 'address', 'port', 'service', 'pid', 'process'],
  ja: ['プロトコル', 'アドレス', 'ポート', 'サービス', 'PID', 'プロセス'],
};

export async function labPortsView(ports: number[], lang: Lang, names: ReadonlyMap<number, string> = new Map(), deps: ProbeDeps = defaultDeps()): Promise<string | null> {
  const result = await probe({ backend: 'auto', udp: false }, deps);
  if (!result.ok) throw new Error(result.attempts.map((a) => `${a.backend}: ${a.detail}`).join('; '));
  const mine = result.sockets.filter((s) => ports.includes(s.port));
  if (mine.length === 0) return null;
  const report = buildReport(result.backend, result.partial, mine, lang);
  const dash = (v: string | number | null) => (v === null ? '-' : String(v));
  const rows = report.sockets.map((s) => [s.protocol, s.address, s.port, names.get(s.port) ?? s.service?.name ?? '-', dash(s.pid), dash(s.process)]);
  // As `l7lab ports` does: pid gives way first, then long addresses and process names are cut with ….
  const fit = [{}, { min: 12 }, {}, { min: 8 }, { drop: 1 }, { min: 8 }];
  const columns = HEAD[lang].map((head, i) => ({ head, ...fit[i] }));
  return `${theme.dim(`$ l7lab ports   (${result.source})`)}\n${renderFitted(columns, rows)}`;
}
