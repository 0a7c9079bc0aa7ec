import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/mailstore/memory.js';
import { Accounts, DEMO_ACCOUNTS } from '../../src/protocols/accounts.js';
import { createImapServer } from '../../src/protocols/imap/server.js';
import { closeAfterAll, listenLoopback } from '../support/opened.js';
import { MULTIPART_REPORT } from '../support/messages.js';

/**
 * Python's imaplib (a real, independent IMAP client) against the lab server on
 * 127.0.0.1: login, list, select, FETCH of every item the issue names, STORE, SEARCH,
 * APPEND with a literal, UID commands, EXPUNGE, and IDLE by raw lines (imaplib of
 * Python 3.11 has no idle()). The script prints one JSON object; the test checks it.
 */
const SCRIPT = String.raw`
import imaplib, json, sys
port = int(sys.argv[1])
out = {}
def ok(res):
    typ, data = res
    assert typ == 'OK', (typ, data)
    return data
def flat(data):
    parts = []
    for d in data:
        if isinstance(d, tuple):
            parts.append(d[0].decode('latin1') + '<<' + d[1].decode('latin1') + '>>')
        elif d is not None:
            parts.append(d.decode('latin1'))
    return ' '.join(parts)

m = imaplib.IMAP4('127.0.0.1', port)
out['capabilities'] = sorted(m.capabilities)
ok(m.login('bob', 'builder'))
out['state'] = m.state
out['list'] = [x.decode() for x in ok(m.list())]
ok(m.create('Archive'))
out['list2'] = [x.decode() for x in ok(m.list('""', '*'))]
out['exists'] = int(ok(m.select('INBOX'))[0])
items = ['FLAGS', 'UID', 'INTERNALDATE', 'RFC822.SIZE', 'ENVELOPE', 'BODYSTRUCTURE', 'BODY',
         'BODY.PEEK[HEADER]', 'BODY.PEEK[HEADER.FIELDS (SUBJECT FROM)]', 'BODY.PEEK[TEXT]',
         'BODY.PEEK[1]', 'BODY.PEEK[2]', 'BODY.PEEK[]<0.10>', 'RFC822.HEADER', 'ALL', 'FAST', 'FULL']
out['fetch'] = {}
for item in items:
    spec = item if item in ('ALL', 'FAST', 'FULL') else '(' + item + ')'
    out['fetch'][item] = flat(ok(m.fetch('2', spec)))
out['flags_before_read'] = flat(ok(m.fetch('1', '(FLAGS)')))
out['fetch']['BODY[]'] = flat(ok(m.fetch('1', '(BODY[])')))
out['fetch']['RFC822'] = flat(ok(m.fetch('2', '(RFC822)')))
out['fetch']['RFC822.TEXT'] = flat(ok(m.fetch('3', '(RFC822.TEXT)')))
out['flags_after_read'] = flat(ok(m.fetch('1:3', '(FLAGS)')))
out['store'] = flat(ok(m.store('1', '+FLAGS', '(\\Flagged)')))
out['search_unseen'] = flat(ok(m.search(None, 'UNSEEN')))
out['search_flagged'] = flat(ok(m.search(None, 'FLAGGED')))
out['search_from'] = flat(ok(m.search(None, 'FROM', '"carol"')))
out['search_or'] = flat(ok(m.search(None, 'OR', 'SUBJECT', 'report', 'SUBJECT', 'hello')))
msg = b'From: bob@example.com\r\nTo: alice@example.com\r\nSubject: draft\r\n\r\nA draft.\r\n'
out['append'] = flat(ok(m.append('INBOX', '(\\Draft)', imaplib.Time2Internaldate(1704448800), msg)))
out['uid_search'] = flat(ok(m.uid('SEARCH', None, 'DRAFT')))
uid = out['uid_search'].split()[-1]
out['uid_fetch'] = flat(ok(m.uid('FETCH', uid, '(FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])')))
out['uid_store'] = flat(ok(m.uid('STORE', uid, '+FLAGS', '(\\Deleted)')))
out['uid_copy'] = flat(ok(m.uid('COPY', '1:2', 'Archive')))
out['copy_response'] = [x.decode() if isinstance(x, bytes) else str(x) for x in m.untagged_responses.get('COPYUID', [])]
out['expunge'] = flat(ok(m.expunge()))
out['status'] = flat(ok(m.status('Archive', '(MESSAGES UIDNEXT)')))

# IDLE by raw lines while a second connection appends a message.
tag = m._new_tag().decode()
m.send((tag + ' IDLE\r\n').encode())
out['idle_start'] = m.readline().decode().strip()
m2 = imaplib.IMAP4('127.0.0.1', port)
ok(m2.login('bob', 'builder'))
ok(m2.append('INBOX', None, None, b'Subject: pushed\r\n\r\nx\r\n'))
m2.logout()
out['idle_push'] = [m.readline().decode().strip(), m.readline().decode().strip()]
m.send(b'DONE\r\n')
out['idle_end'] = m.readline().decode().strip()
ok(m.close())
out['logout'] = m.logout()[0]
print(json.dumps(out))
`;

const opened = closeAfterAll(100);
let port: number;

beforeAll(async () => {
  const store = new MemoryStore();
  const deliver = (raw: string) => store.deliver({ from: 'x@example.com', to: ['bob@example.com'] }, Buffer.from(raw));
  await deliver('From: Alice <alice@example.com>\r\nTo: bob@example.com\r\nSubject: hello\r\n\r\nHello Bob.\r\n');
  await deliver(MULTIPART_REPORT);
  await deliver('From: Dave <dave@example.com>\r\nTo: bob@example.com\r\nSubject: third\r\n\r\nThird body.\r\n');
  port = await listenLoopback(createImapServer({ store, accounts: new Accounts(DEMO_ACCOUNTS) }), opened);
});

function runPython(): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-', String(port)], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`python3 exited ${code}: ${stderr}`));
      else resolve(JSON.parse(stdout) as Record<string, unknown>);
    });
    child.stdin.end(SCRIPT);
  });
}

describe('Python imaplib against the lab IMAP server', () => {
  let r: Record<string, any>;
  beforeAll(async () => {
    r = await runPython();
  });

  it('reads the capabilities, logs in and lists mailboxes', () => {
    expect(r.capabilities).toEqual(expect.arrayContaining(['IMAP4REV1', 'IDLE', 'UIDPLUS', 'LITERAL+', 'AUTH=PLAIN']));
    expect(r.state).toBe('AUTH');
    expect(r.list).toEqual(['(\\HasNoChildren) "/" INBOX']);
    expect(r.list2).toEqual(['(\\HasNoChildren) "/" Archive', '(\\HasNoChildren) "/" INBOX']);
    expect(r.exists).toBe(3);
  });

  it('fetches every item the issue names', () => {
    const f = r.fetch as Record<string, string>;
    expect(f.FLAGS).toBe('2 (FLAGS (\\Recent))');
    expect(f.UID).toBe('2 (UID 2)');
    expect(f.INTERNALDATE).toMatch(/^2 \(INTERNALDATE "[ \d]\d-[A-Z][a-z]{2}-\d{4} \d\d:\d\d:\d\d \+0000"\)$/);
    expect(f['RFC822.SIZE']).toBe(`2 (RFC822.SIZE ${Buffer.byteLength(MULTIPART_REPORT)})`);
    expect(f.ENVELOPE).toMatch(/^2 \(ENVELOPE \("Tue, 02 Jan 2024 11:00:00 \+0000" "report" \(\("Carol" NIL "carol" "example.com"\)\)/);
    expect(f.BODYSTRUCTURE).toMatch(/^2 \(BODYSTRUCTURE \(\("text" "plain" \("charset" "utf-8"\) NIL NIL "7bit" 13 \d+ NIL NIL NIL NIL\)\("application" "octet-stream" \("name" "data\.bin"\) NIL NIL "base64" 8 NIL NIL NIL NIL\) "mixed" \("boundary" "b1"\)/i);
    expect(f.BODY).toMatch(/^2 \(BODY \(\("text" "plain" .*"mixed"\)\)$/i);
    expect(f['BODY.PEEK[HEADER]']).toMatch(/^2 \(BODY\[HEADER\] \{\d+\}<<From: Carol[\s\S]*boundary="b1"\r\n\r\n>> \)$/);
    expect(f['BODY.PEEK[HEADER.FIELDS (SUBJECT FROM)]']).toBe('2 (BODY[HEADER.FIELDS (SUBJECT FROM)] {52}<<From: Carol <carol@example.com>\r\nSubject: report\r\n\r\n>> )');
    expect(f['BODY.PEEK[TEXT]']).toMatch(/^2 \(BODY\[TEXT\] \{\d+\}<<--b1\r\n[\s\S]*--b1--\r\n>> \)$/);
    expect(f['BODY.PEEK[1]']).toBe('2 (BODY[1] {13}<<See attached.>> )');
    expect(f['BODY.PEEK[2]']).toBe('2 (BODY[2] {8}<<AAECAw==>> )');
    expect(f['BODY.PEEK[]<0.10>']).toBe('2 (BODY[]<0> {10}<<From: Caro>> )');
    expect(f['RFC822.HEADER']).toMatch(/^2 \(RFC822\.HEADER \{\d+\}<<From: Carol/);
    expect(f.FAST).toMatch(/^2 \(FLAGS \(\\Recent\) INTERNALDATE "[^"]+" RFC822\.SIZE \d+\)$/);
    expect(f.ALL).toMatch(/^2 \(FLAGS \(\\Recent\) INTERNALDATE "[^"]+" RFC822\.SIZE \d+ ENVELOPE \(/);
    expect(f.FULL).toMatch(/ENVELOPE \(.*\) BODY \(\(/);
    expect(f['BODY[]']).toMatch(/^1 \(BODY\[\] \{\d+\}<<From: Alice[\s\S]*Hello Bob\.\r\n>> {2}FLAGS \(\\Seen \\Recent\)\)$/);
    expect(f.RFC822).toMatch(/^2 \(RFC822 \{\d+\}<<From: Carol[\s\S]*>> {2}FLAGS \(\\Seen \\Recent\)\)$/);
    expect(f['RFC822.TEXT']).toBe('3 (RFC822.TEXT {13}<<Third body.\r\n>>  FLAGS (\\Seen \\Recent))');
  });

  it('sets \\Seen only with BODY[], RFC822 and RFC822.TEXT, never with PEEK or RFC822.HEADER', () => {
    expect(r.flags_before_read).toBe('1 (FLAGS (\\Recent))');
    expect(r.flags_after_read).toBe('1 (FLAGS (\\Seen \\Recent)) 2 (FLAGS (\\Seen \\Recent)) 3 (FLAGS (\\Seen \\Recent))');
  });

  it('stores flags, searches, appends with a literal and runs UID commands', () => {
    expect(r.store).toBe('1 (FLAGS (\\Flagged \\Seen \\Recent))');
    expect(r.search_unseen).toBe('');
    expect(r.search_flagged).toBe('1');
    expect(r.search_from).toBe('2');
    expect(r.search_or).toBe('1 2');
    expect(r.append).toMatch(/^\[APPENDUID \d+ 4\] APPEND completed/);
    expect(r.uid_search).toBe('4');
    expect(r.uid_fetch).toBe('4 (UID 4 FLAGS (\\Draft \\Recent) BODY[HEADER.FIELDS (SUBJECT)] {18}<<Subject: draft\r\n\r\n>> )');
    expect(r.uid_store).toBe('4 (UID 4 FLAGS (\\Deleted \\Draft \\Recent))');
    // imaplib files the tagged OK's response code under its name.
    expect(r.copy_response).toEqual([expect.stringMatching(/^\d+ 1:2 1:2$/)]);
    expect(r.expunge).toBe('4');
    expect(r.status).toBe('Archive (MESSAGES 2 UIDNEXT 3)');
  });

  it('IDLE by raw lines: + idling, then the new message as EXISTS, then OK after DONE', () => {
    expect(r.idle_start).toBe('+ idling');
    // Messages 1-3 and the new one are recent for this session (the draft was expunged).
    expect(r.idle_push).toEqual(['* 4 EXISTS', '* 4 RECENT']);
    expect(r.idle_end).toMatch(/^[A-Z]+\d+ OK IDLE terminated$/);
    expect(r.logout).toBe('BYE');
  });
});
