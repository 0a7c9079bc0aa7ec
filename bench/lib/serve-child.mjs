// The child process child-server.mjs starts: one l7lab POP3 or IMAP server on 127.0.0.1, port 0.
// argv: protocol root user password host; L7LAB_DIST is the URL of the built dist/ folder.
// It serves the Maildir at root through MaildirStore, or loads the same files into a
// MemoryStore when MaildirStore cannot open it, and prints one JSON line once it listens.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [protocol, root, user, password, host] = process.argv.slice(2);
const dist = (p) => new URL(p, process.env.L7LAB_DIST).href;

/** Per protocol: the server factory, and how one Maildir file goes into a MemoryStore. */
const SERVERS = {
  pop3: {
    module: 'protocols/pop3/server.js',
    factory: 'createPop3Server',
    fill: (store, name, raw) => store.deliver({ from: 'sender@example.com', to: [user + '@example.com'] }, raw),
  },
  imap: {
    module: 'protocols/imap/server.js',
    factory: 'createImapServer',
    fill: (store, name, raw) => store.append(user, 'INBOX', raw, name.endsWith('S') ? ['\\Seen'] : []),
  },
};

const spec = SERVERS[protocol];
if (!spec) throw new Error(`serve-child: unknown protocol ${protocol}`);
const create = (await import(dist(spec.module)))[spec.factory];
const { Accounts } = await import(dist('protocols/accounts.js'));
let store;
let storeName = 'MaildirStore';
let why = '';
try {
  const { MaildirStore } = await import(dist('mailstore/maildir/store.js'));
  store = new MaildirStore(root);
  await store.status(user, 'INBOX');
} catch (err) {
  why = String((err && err.message) || err);
  const { MemoryStore } = await import(dist('mailstore/memory.js'));
  store = new MemoryStore();
  storeName = 'MemoryStore';
  const cur = join(root, user, 'cur');
  for (const name of readdirSync(cur).sort()) await spec.fill(store, name, readFileSync(join(cur, name)));
}
// status(), not list(): the count is all the parent needs, and list() would make a MessageMeta (with a
// SHA-1 id) per message that no server holds at start, inflating the memory row (issue 19).
const count = (await store.status(user, 'INBOX')).messages;
const server = create({ store, accounts: new Accounts([[user, password]]) });
const { port } = await server.listen(0, host);
process.stdout.write(JSON.stringify({ port, storeName, count, why }) + '\n');
process.on('SIGTERM', () => server.close(500).then(() => process.exit(0)));
