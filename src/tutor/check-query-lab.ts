import { presentMessage } from '../protocols/dns/codec/present.js';
import { createResolver } from '../protocols/dns/resolver/index.js';
import { createAuthority, type Authority } from '../protocols/dns/session.js';
import { CLASS_IN, type DnsMessage } from '../protocols/dns/types.js';
import { AUTHORITATIVE_SERVERS, RESOLVER_IP, zonesOf } from '../protocols/dns/zones.js';
import { parseAsk, type AskedQuery } from './dns-ask.js';
import { expectLabel, expectMisses, responseLabel } from './dns-verdict.js';
import type { Lesson, StepOf } from './schema.js';

/**
 * The checker's second look at query steps: each suggested query is asked of the lab's own zones
 * (zones.ts), in memory, with the servers' pure answer (session.ts) and the resolver's walk
 * (resolver/), in the lesson's order, so a step whose expected answer the lab cannot give is
 * rejected before a learner meets it (an MX expected where the zone has none, a referral from
 * the zone's own server). Nothing is sent: no socket, and a clock that does not move.
 */
export interface LabQueryProblem {
  step: string;
  field: string;
  message: string;
}

/** A port for the in-memory servers: only the addresses matter, as on the lab's one port. */
const PORT = 53;

function authorities(): Map<string, { name: string; role: string; authority: Authority }> {
  return new Map(AUTHORITATIVE_SERVERS.map((s) => [s.ip, { name: s.name, role: s.role, authority: createAuthority(zonesOf(s)) }]));
}

function query(q: AskedQuery): DnsMessage {
  const header = { id: 1, qr: false, opcode: 0, aa: false, tc: false, rd: q.rd, ra: false, z: 0, rcode: 0 };
  return { header, questions: [{ name: q.name, type: q.qtype, class: CLASS_IN }], answers: [], authority: [], additional: [] };
}

/** The in-memory lab: `ask` answers as the real one would, from the resolver or the server named after `@`. */
function memoryLab() {
  const servers = authorities();
  const answerAt = (ip: string, m: DnsMessage): DnsMessage => {
    const reply = servers.get(ip)?.authority.answer(m);
    if (!reply || reply === 'drop') throw new Error(`no lab server answers at ${ip}`);
    return reply.response;
  };
  const root = AUTHORITATIVE_SERVERS.find((s) => s.role === 'root');
  const resolver = createResolver({ rootHints: root ? [{ host: root.ip, port: PORT }] : [], exchange: async (server, m) => answerAt(server.host, m), now: () => 0 });
  const resolve = (m: DnsMessage) => resolver.resolve(m, { session: 'lessons --check', port: 0 });
  const serverIp = async (name: string): Promise<string | null> => {
    const s = [...servers].find(([ip, x]) => x.role === name || x.name === name || ip === name);
    if (s) return s[0];
    if (name === RESOLVER_IP) return RESOLVER_IP;
    const a = (await resolve(query({ type: 'A', qtype: 1, name, rd: true, server: null, tcp: false }))).answers.find((rr) => rr.data.kind === 'A');
    return a?.data.kind === 'A' ? a.data.address : null;
  };
  return {
    async ask(q: AskedQuery): Promise<DnsMessage | null> {
      const ip = q.server === null ? RESOLVER_IP : await serverIp(q.server);
      if (ip === null) return null;
      return ip === RESOLVER_IP ? resolve(query(q)) : answerAt(ip, query(q));
    },
  };
}

async function checkOne(lab: ReturnType<typeof memoryLab>, step: StepOf<'query'>): Promise<LabQueryProblem | null> {
  const parsed = parseAsk(step.query);
  if (!parsed.ok) return null; // the first look reports it
  const m = await lab.ask(parsed.query);
  if (m === null) return { step: step.id, field: 'query', message: `no lab DNS server is called @${parsed.query.server ?? ''}` };
  if (expectMisses(step.expect, m, presentMessage(m), step.match).length === 0) return null;
  return { step: step.id, field: 'expect', message: `the lab DNS answers "${step.query}" with ${responseLabel(m)}, not ${expectLabel(step.expect)}` };
}

/** Every query step of a lesson (those without placeholders), asked in order of the lab's zones. */
export async function labQueryProblems(lesson: Lesson): Promise<LabQueryProblem[]> {
  const steps = lesson.steps.filter((s): s is StepOf<'query'> => s.kind === 'query' && !s.query.includes('{'));
  if (steps.length === 0) return [];
  const lab = memoryLab();
  const out: LabQueryProblem[] = [];
  for (const step of steps) {
    const problem = await checkOne(lab, step);
    if (problem) out.push(problem);
  }
  return out;
}
