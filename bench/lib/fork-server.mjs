// A benchmark's servers, each alone in a child process of its own, so the load generator never
// shares an event loop with the server it measures and each server's peak RSS is its own.
// A bench file forks itself: `serveForked(flag, starters)` at its top level turns the child
// into a server (it does nothing in the parent), `launch(self, flag, kind, content)` in the
// parent starts one and resolves with { port, pid, peak(), stop() }. http, smtp and dns use it.
import { fork } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/** How long a child may take to load dist/ and listen. */
const START_TIMEOUT_MS = 30_000;
/** Between stop() and SIGKILL. */
const STOP_GRACE_MS = 2000;

/** Peak resident set (VmHWM) of any process, in bytes, from /proc (Linux); null elsewhere or once it is gone. */
export function peakRssOf(pid) {
  if (!existsSync(`/proc/${pid}/status`)) return null;
  try {
    const kb = /VmHWM:\s+(\d+)\s*kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? null : Number(kb) * 1024;
  } catch {
    return null;
  }
}

/**
 * CPU time (user + system) a process has used, in microseconds, from /proc/<pid>/stat (Linux;
 * clock ticks of USER_HZ = 100 a second, proc(5)); null elsewhere or once it is gone. Per query
 * served it says what a server costs even when other work on the machine slows every server.
 */
export function cpuMicrosOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command name.
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return null;
  }
}

/**
 * In the child (argv[2] === flag): start the server `starters[kind]` (given the content the
 * parent sent, when it sends any), report `{ port, ...info }`, then answer 'peak' with the
 * peak RSS in bytes (the kernel's VmHWM, else sampled every 20 ms) and exit on 'stop' or when
 * the parent goes away. In the parent: returns false and does nothing.
 */
export async function serveForked(flag, starters) {
  if (process.argv[2] !== flag) return false;
  const kind = process.argv[3];
  const start = starters[kind];
  if (!start) throw new Error(`fork-server: no server of kind ${kind}`);
  const content = process.argv[4] === 'with-content' ? await new Promise((r) => process.once('message', r)) : undefined;
  const info = await start(content);
  let sampled = process.memoryUsage().rss;
  // Sampling costs the server time (memoryUsage() showed in its CPU profile): only where the kernel keeps no peak.
  if (peakRssOf(process.pid) === null) setInterval(() => (sampled = Math.max(sampled, process.memoryUsage().rss)), 20).unref();
  process.on('message', (msg) => {
    if (msg === 'peak') process.send({ peak: peakRssOf(process.pid) ?? Math.max(sampled, process.memoryUsage().rss) });
    if (msg === 'stop') process.exit(0);
    // A server may count what it holds (a store's bytes): `stats()` answers, else null.
    if (msg === 'stats') process.send({ stats: typeof info.stats === 'function' ? info.stats() : null });
  });
  process.on('disconnect', () => process.exit(0));
  const { stats: _stats, ...report } = info;
  process.send(report);
  return true;
}

/** The next IPC message of `child` that has `key`, or null after the timeout. */
function nextMessage(child, key, timeoutMs) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(null), timeoutMs);
    const on = (msg) => msg && typeof msg === 'object' && key in msg && done(msg);
    const done = (msg) => {
      clearTimeout(timer);
      child.off('message', on);
      resolve(msg);
    };
    child.on('message', on);
  });
}

/**
 * Fork `self` as a server of `kind`; `content` (any JSON value) is sent to it before it starts;
 * `execArgv` are extra node flags for the child (e.g. --cpu-prof). Resolves with the child's
 * report ({ port, ... }) plus pid, peak() (bytes, or null), stats() (what the server's own
 * stats() returned, or null) and stop().
 */
export function launch(self, flag, kind, content, { execArgv = [] } = {}) {
  const args = [flag, kind, ...(content === undefined ? [] : ['with-content'])];
  const child = fork(self, args, { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], execArgv: [...process.execArgv, ...execArgv] });
  return new Promise((resolve, reject) => {
    const failed = (why) => {
      child.kill('SIGKILL');
      reject(new Error(`${kind} server ${why}`));
    };
    child.once('error', (err) => failed(`could not start: ${err.message}`));
    child.once('exit', (code) => failed(`exited (${code}) before listening`));
    if (content !== undefined) child.send(content);
    nextMessage(child, 'port', START_TIMEOUT_MS).then((info) => {
      if (!info) return failed('did not start');
      child.removeAllListeners('exit');
      resolve({
        ...info,
        pid: child.pid,
        peak: async () => {
          if (!child.connected) return null;
          const reply = nextMessage(child, 'peak', START_TIMEOUT_MS);
          child.send('peak');
          return (await reply)?.peak ?? null;
        },
        stats: async () => {
          if (!child.connected) return null;
          const reply = nextMessage(child, 'stats', START_TIMEOUT_MS);
          child.send('stats');
          return (await reply)?.stats ?? null;
        },
        stop: () => {
          if (child.connected) child.send('stop');
          setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS).unref();
        },
      });
    });
  });
}
