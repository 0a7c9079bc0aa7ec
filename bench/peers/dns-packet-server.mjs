// The DNS benchmark's Node peer: what a Node developer would write to serve a few records,
// `dns-packet` to decode and encode and `dgram` for UDP, no framework. It answers from a
// Map of (name, type) -> records: the records themselves, a CNAME chain (and its last target's
// records of the asked type, RFC 1034 3.6.2), NOERROR with no answer for a name it knows under another
// type, NXDOMAIN (RFC 1035 4.1.1 rcode 3, RFC 2308) for a name it does not know; the SOA goes
// in the authority section of both negative answers (RFC 2308 3). Every answer is authoritative
// (AA) and copies RD. No TCP, no EDNS, no truncation: the benchmark's answers are small.
//
// Records come in as the lab's own ResourceRecord shape (src/protocols/dns/types.ts) so this
// server is fed the very data l7lab serves.
import dgram from 'node:dgram';
import dnsPacket from 'dns-packet';

const TYPE_NAMES = { 1: 'A', 2: 'NS', 5: 'CNAME', 6: 'SOA', 12: 'PTR', 15: 'MX', 16: 'TXT', 28: 'AAAA' };
const RCODE_NXDOMAIN = 3;

/** One lab ResourceRecord as a dns-packet answer, or null for a type this peer does not serve. */
export function toPacketRecord(rr) {
  const type = TYPE_NAMES[rr.type];
  if (!type) return null;
  const d = rr.data;
  const data =
    d.kind === 'A' || d.kind === 'AAAA'
      ? d.address
      : d.kind === 'MX'
        ? { preference: d.preference, exchange: d.exchange }
        : d.kind === 'TXT'
          ? [...d.strings] // a copy: dns-packet's encode turns the strings into Buffers in place
          : d.kind === 'SOA'
            ? { mname: d.mname, rname: d.rname, serial: d.serial, refresh: d.refresh, retry: d.retry, expire: d.expire, minimum: d.minimum }
            : d.name;
  return { name: rr.name, type, class: 'IN', ttl: rr.ttl, data };
}

const key = (name, type) => `${name.toLowerCase()} ${type}`;

/** The answer table: (name, type) -> records, the names known, and the zone's SOA. */
function buildTable(records) {
  const table = new Map();
  const names = new Set();
  let soa = null;
  for (const rr of records) {
    const rec = toPacketRecord(rr);
    if (!rec) continue;
    names.add(rec.name.toLowerCase());
    if (rec.type === 'SOA') soa = rec;
    const k = key(rec.name, rec.type);
    table.set(k, [...(table.get(k) ?? []), rec]);
  }
  return { table, names, soa };
}

function answer({ table, names, soa }, query) {
  const q = query.questions[0];
  const flags = dnsPacket.AUTHORITATIVE_ANSWER | (query.flags & dnsPacket.RECURSION_DESIRED);
  const reply = { type: 'response', id: query.id, flags, questions: query.questions, answers: [], authorities: [] };
  if (!q) return reply;
  const answers = [];
  let name = q.name;
  // Follow a chain of CNAMEs through the records it has (at most 8: a loop must end).
  for (let hop = 0; hop < 8; hop++) {
    const cname = q.type === 'CNAME' ? undefined : table.get(key(name, 'CNAME'))?.[0];
    if (!cname) break;
    answers.push(cname);
    name = cname.data;
  }
  answers.push(...(table.get(key(name, q.type)) ?? []));
  reply.answers = answers;
  if (answers.length === 0) {
    if (!names.has(q.name.toLowerCase())) reply.flags |= RCODE_NXDOMAIN;
    // The SOA's TTL is its minimum for a negative answer (RFC 2308 3).
    if (soa) reply.authorities = [{ ...soa, ttl: Math.min(soa.ttl, soa.data.minimum) }];
  }
  return reply;
}

/** Listen on UDP host:port (0 = any free port) serving `records`; resolves with { port, close }. */
export async function startDnsPacketServer({ records, host = '127.0.0.1', port = 0 }) {
  const data = buildTable(records);
  const socket = dgram.createSocket('udp4');
  socket.on('message', (msg, rinfo) => {
    let query;
    try {
      query = dnsPacket.decode(msg);
    } catch {
      return; // not a DNS message: drop it
    }
    socket.send(dnsPacket.encode(answer(data, query)), rinfo.port, rinfo.address);
  });
  await new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, host, resolve);
  });
  return { port: socket.address().port, close: () => new Promise((r) => socket.close(r)) };
}
