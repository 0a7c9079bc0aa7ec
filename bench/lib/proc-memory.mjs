// Memory of a server as the benchmarks report it: the resident set (RSS) of a process and all
// its descendants, read from /proc (Linux; null elsewhere). Dovecot is a tree of processes
// (master, login, auth, one imap or lmtp per session); l7lab is one Node process: summing the
// tree treats both alike. Peaks are sampled (the kernel keeps a peak per process only, and
// Dovecot's per-session processes come and go).
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** The pids of `rootPid` and its descendants, from each process's parent in /proc/<pid>/stat. */
function treeOf(rootPid) {
  const parents = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // the process ended meanwhile
    }
  }
  const tree = new Set([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parents) if (!tree.has(pid) && tree.has(ppid)) (tree.add(pid), (grew = true));
  }
  return tree;
}

/** A /proc/<pid>/status field in kB (VmRSS, VmHWM) summed over a process and its descendants, in MB; null without /proc. */
function treeMb(rootPid, field) {
  if (!existsSync('/proc/self/status')) return null;
  const pattern = new RegExp(`${field}:\\s+(\\d+)`);
  let kb = 0;
  for (const pid of treeOf(rootPid)) {
    try {
      kb += Number(pattern.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return kb / 1024;
}

/** RSS of a process and its descendants now, in MB; null where /proc is missing. */
export function rssTreeMb(rootPid) {
  return treeMb(rootPid, 'VmRSS');
}

/**
 * Sample rssTreeMb(rootPid) every `everyMs` until stop(), which returns the highest sample in
 * MB (null without /proc). Sampling runs in the benchmark's process, not in the server's.
 */
export function samplePeak(rootPid, everyMs = 50) {
  let peak = rssTreeMb(rootPid);
  const timer = setInterval(() => {
    const now = rssTreeMb(rootPid);
    if (now !== null && (peak === null || now > peak)) peak = now;
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      const now = rssTreeMb(rootPid);
      return now !== null && peak !== null ? Math.max(peak, now) : peak;
    },
  };
}

/**
 * Peak RSS (VmHWM, the kernel's own high-water mark) summed over a process and its descendants
 * still running, in MB; null without /proc. For a tree it is an upper bound: the processes need
 * not have peaked at the same moment.
 */
export function peakTreeMb(rootPid) {
  return treeMb(rootPid, 'VmHWM');
}
