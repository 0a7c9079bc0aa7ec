// `l7lab serve` as users run it, for the benchmarks: bin/l7lab.js (the bundled CLI) in a child
// process of its own, every port ephemeral (0) on 127.0.0.1, its home and data directories in a
// temporary folder (so the lab certificate and the default Maildir never touch the user's), in
// memory (--memory) or on a Maildir (--store). The data directory, where the lab certificate is
// kept, is one for the whole run: the first serve makes the certificate and the others find it,
// as every run of a user after the first does. It prints its banner; the SMTP port is read from
// it. The parent reads the child's RSS and peak RSS from /proc and its CPU time.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuMicrosOf, peakRssOf } from './fork-server.mjs';

const CLI = fileURLToPath(new URL('../../bin/l7lab.js', import.meta.url));
const START_TIMEOUT_MS = 30_000;
let sharedData = null;
/** The run's data directory (XDG_DATA_HOME), made on first use and removed when the run exits. */
function dataHome() {
  if (sharedData === null) {
    sharedData = mkdtempSync(join(tmpdir(), 'l7lab-bench-data-'));
    process.once('exit', () => rmSync(sharedData, { recursive: true, force: true }));
  }
  return sharedData;
}

const PORT_FLAGS = ['smtp', 'pop3', 'imap', 'http', 'dns', 'submission', 'smtps', 'pop3s', 'imaps', 'https'].flatMap((p) => [`--${p}-port`, '0']);

/** Resident set of a process now (VmRSS), in bytes; null once it is gone. */
export function rssOf(pid) {
  try {
    const kb = /VmRSS:\s+(\d+)\s*kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? null : Number(kb) * 1024;
  } catch {
    return null;
  }
}

/** The banner's table row of a protocol: `│ SMTP │ 127.0.0.1 │ 2525 │ ...`. */
function portIn(banner, name) {
  const m = new RegExp(`^\\W*${name}\\W+[\\d.]+\\W+(\\d+)`, 'm').exec(banner);
  return m ? Number(m[1]) : null;
}

/**
 * Start `l7lab serve --quiet` with `store`: 'memory' (--memory) or 'maildir' (--store in the
 * temporary folder). `execArgv`: extra node flags (e.g. --cpu-prof). Resolves with
 * { port, pop3Port, pid, rss(), peak(), cpu(), stop() } once the banner is out.
 */
export function startServe(store, { execArgv = [] } = {}) {
  const home = mkdtempSync(join(tmpdir(), 'l7lab-bench-serve-'));
  const storeArgs = store === 'memory' ? ['--memory'] : ['--store', join(home, 'mail')];
  const env = { ...process.env, HOME: home, XDG_DATA_HOME: dataHome(), XDG_CONFIG_HOME: join(home, 'config'), XDG_CACHE_HOME: join(home, 'cache'), NO_COLOR: '1' };
  const child = spawn(process.execPath, [...execArgv, CLI, 'serve', '--quiet', ...storeArgs, ...PORT_FLAGS], { env, cwd: home, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const cleanup = () => rmSync(home, { recursive: true, force: true });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail('did not print its banner'), START_TIMEOUT_MS);
    const fail = (why) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      cleanup();
      reject(new Error(`serve (${store}) ${why}: ${err.trim().slice(0, 300)}`));
    };
    child.once('error', (e) => fail(`could not start: ${e.message}`));
    child.once('exit', (code) => fail(`exited (${code})`));
    child.stdout.on('data', (d) => {
      out += d;
      const port = portIn(out, 'SMTP');
      const pop3Port = portIn(out, 'POP3');
      if (port === null || pop3Port === null || !/\n.*Store:/.test(out)) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      resolve({
        port,
        pop3Port,
        pid: child.pid,
        rss: () => rssOf(child.pid),
        peak: () => peakRssOf(child.pid),
        cpu: () => cpuMicrosOf(child.pid),
        stop: () =>
          new Promise((done) => {
            const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
            child.once('exit', () => {
              clearTimeout(killer);
              cleanup();
              done();
            });
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
