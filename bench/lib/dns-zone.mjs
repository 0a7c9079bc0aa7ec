// One zone's records (the lab's ResourceRecord shape, src/protocols/dns/types.ts) turned into
// what each side of the DNS benchmark needs: dnsperf's query file, dnsmasq's configuration,
// and a one-query UDP client (dns-packet) that checks every server gives the same answers
// before anything is timed, so a server that answers wrongly cannot look fast.
import dgram from 'node:dgram';
import dnsPacket from 'dns-packet';

const NAMES = { 1: 'A', 5: 'CNAME', 12: 'PTR', 15: 'MX', 16: 'TXT', 28: 'AAAA' };
/** A name under the zone that no record has: the NXDOMAIN row of the mix. */
export const MISSING_LABEL = 'no-such-name';
const CHECK_TIMEOUT_MS = 2000;

const inZone = (name, zone) => name.toLowerCase() === zone || name.toLowerCase().endsWith(`.${zone}`);

/**
 * The query mix: one query per (name, type) of the records dnsmasq can also serve (A, AAAA,
 * MX, TXT, CNAME, PTR), an A query on each CNAME whose target is in the zone, plus an A
 * query for a name that does not exist (NXDOMAIN).
 */
export function queryMix(records, zone) {
  const seen = new Set();
  const mix = [];
  for (const rr of records) {
    const type = NAMES[rr.type];
    const k = `${rr.name.toLowerCase()} ${type}`;
    if (!type || seen.has(k)) continue;
    seen.add(k);
    mix.push({ name: rr.name, type });
    // A CNAME's owner asked for an address: the answer chases the alias (RFC 1034 3.6.2). Only
    // for a target in the zone: the peers hold this zone's records alone.
    if (type === 'CNAME' && inZone(rr.data.name, zone)) mix.push({ name: rr.name, type: 'A' });
  }
  mix.push({ name: `${MISSING_LABEL}.${zone}`, type: 'A' });
  return mix;
}

/** dnsperf's datafile: `name TYPE` a line. */
export function dnsperfFile(mix) {
  return mix.map((q) => `${q.name} ${q.type}\n`).join('');
}

const quote = (s) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** dnsmasq's answer lines for one record, or [] for a type it does not serve from its config. */
function dnsmasqLines(rr) {
  const d = rr.data;
  switch (d.kind) {
    case 'A':
    case 'AAAA':
      return [`host-record=${rr.name},${d.address},${rr.ttl}`];
    case 'CNAME':
      return [`cname=${rr.name},${d.name},${rr.ttl}`];
    case 'MX':
      return [`mx-host=${rr.name},${d.exchange},${d.preference}`];
    case 'TXT':
      return [`txt-record=${rr.name},${d.strings.map(quote).join(',')}`];
    case 'PTR':
      return [`ptr-record=${rr.name},${d.name}`];
    default:
      return [];
  }
}

/**
 * dnsmasq as a local answerer of `zone` on host:port and nothing else: no upstream
 * (no-resolv), no /etc/hosts, NXDOMAIN for other names of the zone (local=), no cache
 * logging, no DHCP, foreground. local-ttl is the TTL its MX and TXT answers carry.
 */
export function dnsmasqConfig({ records, zone, host, port }) {
  const ttl = records.find((r) => r.data.kind === 'MX' || r.data.kind === 'TXT')?.ttl ?? 300;
  return [
    `port=${port}`,
    `listen-address=${host}`,
    'bind-interfaces',
    'no-resolv',
    'no-hosts',
    `local=/${zone}/`,
    `local-ttl=${ttl}`,
    'keep-in-foreground',
    'pid-file=',
    'user=nobody',
    ...records.flatMap(dnsmasqLines),
    '',
  ].join('\n');
}

/** One UDP query to host:port; resolves with { rcode, answers } (answers as `TYPE data` strings, sorted). */
export function ask({ host, port }, { name, type }) {
  const socket = dgram.createSocket('udp4');
  const id = Math.floor(Math.random() * 65536);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`no answer from ${host}:${port} to ${name} ${type}`)), CHECK_TIMEOUT_MS);
    const done = (err, value) => {
      clearTimeout(timer);
      socket.close();
      if (err) reject(err);
      else resolve(value);
    };
    socket.on('message', (msg) => {
      try {
        const r = dnsPacket.decode(msg);
        if (r.id !== id) return;
        const answers = r.answers.map((a) => `${a.type} ${JSON.stringify(a.data, (_k, v) => (v?.type === 'Buffer' ? Buffer.from(v.data).toString() : v))}`.toLowerCase()).sort();
        done(null, { rcode: r.rcode, answers });
      } catch (err) {
        done(err);
      }
    });
    socket.send(dnsPacket.encode({ type: 'query', id, flags: 0, questions: [{ name, type, class: 'IN' }] }), port, host);
  });
}

/** The queries of `mix` on which `target` answers other than `reference` does: [] when they agree. */
export async function disagreements(reference, target, mix) {
  const out = [];
  for (const q of mix) {
    const [a, b] = [await ask(reference, q), await ask(target, q)];
    if (a.rcode !== b.rcode || a.answers.join('|') !== b.answers.join('|')) out.push(`${q.name} ${q.type}: ${b.rcode} ${b.answers.join(', ')} (expected ${a.rcode} ${a.answers.join(', ')})`);
  }
  return out;
}
