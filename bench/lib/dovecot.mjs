// A throwaway standalone Dovecot for the benchmarks' peer rows: its own config, passwd-file,
// base/state dirs and Maildir in a temp directory, one protocol, 127.0.0.1 on a free port,
// plaintext auth, no TLS. Nothing is shared with a system instance. Dovecot never runs as
// root: when we are root, it is started as nobody through setpriv. For LMTP (RFC 2033) the
// service is `lmtp` itself (no -login process) and delivers into the same kind of Maildir.
import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { stopChild } from './child-server.mjs';
import { HOST, LineClient } from './line-client.mjs';
import { writeMaildir } from './maildrop.mjs';

const DOVECOT = '/usr/sbin/dovecot';

/**
 * What differs between the protocols: the greeting that says the server is up, settings
 * of its own, and the listeners to switch off (port 0) besides the one we use.
 */
const PROTOCOLS = {
  pop3: { greeting: '+OK', service: 'pop3-login', settings: ['pop3_uidl_format = %08Xu%08Xv'], unused: [] },
  imap: { greeting: '* OK', service: 'imap-login', settings: [], unused: ['imaps'] },
  lmtp: {
    greeting: '220',
    service: 'lmtp',
    settings: [
      // RCPT TO:<bob@example.com> is the account bob of the passwd-file.
      'auth_username_format = %Ln',
      // Dovecot's default, said out loud: anything but "never" fsyncs each delivered file and
      // then new/ before the LMTP reply (maildir-save.c, maildir_transaction_fsync_dirs).
      'mail_fsync = optimized',
    ],
    unused: [],
  },
};

/** A port that was free on 127.0.0.1 a moment ago (Dovecot cannot listen on port 0). */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, HOST, () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Who Dovecot runs as: never root. As root we drop to nobody with setpriv. */
function dovecotIdentity() {
  const me = userInfo();
  if (me.uid !== 0) {
    const group = execFileSync('id', ['-gn'], { encoding: 'utf8' }).trim();
    return { user: me.username, group, uid: me.uid, gid: me.gid, wrap: [] };
  }
  const uid = Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).trim());
  const group = execFileSync('id', ['-gn', 'nobody'], { encoding: 'utf8' }).trim();
  return { user: 'nobody', group, uid, gid, wrap: ['setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--clear-groups'] };
}

function dovecotConfig(dir, port, who, protocol) {
  const { settings, unused, service } = PROTOCOLS[protocol];
  const off = unused.map((name) => `  inet_listener ${name} {\n    port = 0\n  }\n`).join('');
  return `# l7lab benchmark: a throwaway standalone ${protocol}d, nothing shared with a system instance
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = ${protocol}
listen = ${HOST}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain
mail_location = maildir:${dir}/mail/%u
default_internal_user = ${who.user}
default_internal_group = ${who.group}
default_login_user = ${who.user}
first_valid_uid = ${Math.min(who.uid, 500)}
${settings.map((s) => `${s}\n`).join('')}passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = passwd-file
  args = username_format=%u ${dir}/users
}
service ${service} {
  inet_listener ${protocol} {
    address = ${HOST}
    port = ${port}
  }
${off}  chroot =
}
service anvil {
  chroot =
}
`;
}

/** Poll (100 ms apart, 10 s at most) until the server greets with `greeting`. */
async function waitForGreeting(port, child, greeting) {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`dovecot exited with code ${child.exitCode}`);
    try {
      const c = await LineClient.open(port);
      const g = await c.line();
      c.close();
      if (g.startsWith(greeting)) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('dovecot did not answer within 10 s');
}

/** Lay out dir/dovecot: run/, state/ and the Maildir (owned by Dovecot's user when we drop to it). */
function layout(base, who, { messages, maildir, user }) {
  for (const d of ['run', 'state', 'mail']) mkdirSync(join(base, d), { recursive: true });
  writeMaildir(join(base, 'mail', user), messages, { ...maildir, owner: who.wrap.length ? { uid: who.uid, gid: who.gid } : null });
}

/** Write dovecot.conf and the passwd-file, and hand the tree to Dovecot's user when we drop to it. */
function configure(base, dir, port, who, { protocol, user, password }) {
  writeFileSync(join(base, 'dovecot.conf'), dovecotConfig(base, port, who, protocol));
  writeFileSync(join(base, 'users'), `${user}:{PLAIN}${password}:${who.uid}:${who.gid}::${base}/mail/${user}\n`);
  if (!who.wrap.length) return;
  // The unprivileged user must be able to reach the temp directory (mkdtemp makes it 0700).
  chmodSync(dir, 0o755);
  for (const p of ['', 'run', 'state', 'mail', `mail/${user}`, ...['cur', 'new', 'tmp'].map((s) => `mail/${user}/${s}`), 'dovecot.conf', 'users']) chownSync(join(base, p), who.uid, who.gid);
}

/**
 * Start Dovecot's `protocol` server ('pop3' or 'imap') under dir/dovecot on the messages
 * (Maildir named per `maildir`, as writeMaildir takes it), with one account user:password.
 * Resolves with { port, pid, stop, name }, or { error } saying why the peer cannot run.
 */
export async function startDovecot(options) {
  const { protocol, dir } = options;
  if (!existsSync(DOVECOT) || !existsSync(`/usr/lib/dovecot/${protocol}`)) return { error: `Dovecot ${protocol}d is not installed (Debian: dovecot-${protocol}d; bench/setup.sh)` };
  const version = execFileSync(DOVECOT, ['--version'], { encoding: 'utf8' }).trim().split(' ')[0];
  const who = dovecotIdentity();
  const base = join(dir, 'dovecot');
  layout(base, who, options);
  const port = await freePort();
  configure(base, dir, port, who, options);
  const argv = [...who.wrap, DOVECOT, '-F', '-c', join(base, 'dovecot.conf')];
  const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const stop = stopChild(child);
  try {
    await waitForGreeting(port, child, PROTOCOLS[protocol].greeting);
  } catch (err) {
    await stop();
    const log = existsSync(join(base, 'dovecot.log')) ? readFileSync(join(base, 'dovecot.log'), 'utf8') : '';
    return { error: `${err.message}; ${(stderr + log).trim().split('\n').slice(-2).join(' | ')}` };
  }
  return { port, pid: child.pid, stop, name: `Dovecot ${protocol}d ${version}`, maildir: join(base, 'mail', options.user) };
}
