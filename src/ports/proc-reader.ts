import { readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { parsePasswd, parseProcNet, socketInode, type Endianness, type ProcSocket } from './proc.js';
import { listening, type Family, type ListeningSocket, type Transport } from './types.js';

/**
 * The /proc backend's I/O (Linux only, needs no tool): the listening sockets from
 * /proc/net/*, their owners by matching socket inodes against every /proc/<pid>/fd link,
 * the process name from /proc/<pid>/comm and the user from the owner of /proc/<pid>
 * (its effective uid, what ps and lsof show) looked up in /etc/passwd. Another user's fd
 * directory is not readable without root: such sockets keep a null pid, and their user is
 * the socket's owner from /proc/net.
 */
export type FileRead = { ok: true; text: string } | { ok: false; code: 'missing' | 'denied' | 'failed'; detail: string };

export interface ProcFs {
  read(path: string): FileRead;
  list(path: string): string[];
  link(path: string): string | null;
  ownerUid(path: string): number | null;
}

function errorCode(err: unknown): 'missing' | 'denied' | 'failed' {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : code === 'EACCES' || code === 'EPERM' ? 'denied' : 'failed';
}

export const nodeProcFs: ProcFs = {
  read(path) {
    try {
      return { ok: true, text: readFileSync(path, 'utf8') };
    } catch (err) {
      return { ok: false, code: errorCode(err), detail: (err as Error).message };
    }
  },
  list(path) {
    try {
      return readdirSync(path);
    } catch {
      return [];
    }
  },
  link(path) {
    try {
      return readlinkSync(path);
    } catch {
      return null;
    }
  },
  ownerUid(path) {
    try {
      return statSync(path).uid;
    } catch {
      return null;
    }
  },
};

export type ProcOutcome = { ok: true; sockets: ListeningSocket[] } | { ok: false; code: 'missing' | 'denied' | 'failed'; detail: string };

const TABLES: ReadonlyArray<{ file: string; protocol: Transport; family: Family }> = [
  { file: 'tcp', protocol: 'tcp', family: 4 },
  { file: 'tcp6', protocol: 'tcp', family: 6 },
  { file: 'udp', protocol: 'udp', family: 4 },
  { file: 'udp6', protocol: 'udp', family: 6 },
];

/** Reads the socket tables; tcp must exist (else this is no Linux /proc), the others may not (IPv6 off). */
function readTables(fs: ProcFs, udp: boolean, endian: Endianness): ProcSocket[] | Extract<ProcOutcome, { ok: false }> {
  const found: ProcSocket[] = [];
  for (const t of TABLES) {
    if (t.protocol === 'udp' && !udp) continue;
    const r = fs.read(`/proc/net/${t.file}`);
    if (!r.ok && (t.file === 'tcp' || r.code !== 'missing')) return { ok: false, code: r.code, detail: `/proc/net/${t.file}: ${r.detail}` };
    if (r.ok) found.push(...parseProcNet(r.text, t.protocol, t.family, endian));
  }
  return found;
}

/** inode -> every pid holding it (a pre-forked server shares one socket between processes). */
export function socketOwners(fs: ProcFs, inodes: ReadonlySet<number>): Map<number, number[]> {
  const owners = new Map<number, number[]>();
  if (inodes.size === 0) return owners;
  for (const entry of fs.list('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    for (const fd of fs.list(`/proc/${entry}/fd`)) {
      const inode = socketInode(fs.link(`/proc/${entry}/fd/${fd}`) ?? '');
      if (inode === null || !inodes.has(inode)) continue;
      const pids = owners.get(inode) ?? [];
      if (!pids.includes(pid)) pids.push(pid);
      owners.set(inode, pids);
    }
  }
  return owners;
}

/** /proc/<pid>/comm without its newline, or null. */
export function processName(fs: ProcFs, pid: number): string | null {
  const r = fs.read(`/proc/${pid}/comm`);
  return r.ok ? r.text.replace(/\n$/, '') || null : null;
}

export function userTable(fs: ProcFs): Map<number, string> {
  const r = fs.read('/etc/passwd');
  return r.ok ? parsePasswd(r.text) : new Map();
}

/** The user a process runs as, by the owner of /proc/<pid>; null if unknown or not in passwd. */
export function processUser(fs: ProcFs, pid: number, users: ReadonlyMap<number, string>): string | null {
  const uid = fs.ownerUid(`/proc/${pid}`);
  return uid === null ? null : (users.get(uid) ?? null);
}

/** This machine's byte order, as os.endianness() says it, without loading node:os. */
const HOST_ENDIAN: Endianness = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 'LE' : 'BE';

export function readProcSockets(fs: ProcFs, opts: { udp: boolean; endian?: Endianness }): ProcOutcome {
  const tables = readTables(fs, opts.udp, opts.endian ?? HOST_ENDIAN);
  if (!Array.isArray(tables)) return tables;
  const owners = socketOwners(fs, new Set(tables.map((s) => s.inode)));
  const users = userTable(fs);
  const sockets = tables.flatMap((s) => {
    const base = { protocol: s.protocol, family: s.family, address: s.address, port: s.port, dualStack: s.dualStack };
    const pids = owners.get(s.inode) ?? [];
    // Without the owning process, the socket's own uid still says whose it is.
    if (pids.length === 0) return [listening({ ...base, user: users.get(s.uid) ?? null })];
    return pids.map((pid) => listening({ ...base, pid, process: processName(fs, pid), user: processUser(fs, pid, users) }));
  });
  return { ok: true, sockets };
}
