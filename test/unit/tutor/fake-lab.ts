import { LineServer } from '../../../src/protocols/server.js';
import type { ProtocolSession, Step } from '../../../src/protocols/session.js';
import { Accounts, DEMO_ACCOUNTS } from '../../../src/protocols/accounts.js';
import { KNOWLEDGE } from '../../../src/protocols/registry.js';
import { TranscriptHub } from '../../../src/protocols/transcript.js';
import type { Protocol } from '../../../src/protocol.js';
import { MemoryStore } from '../../../src/mailstore/memory.js';
import type { MailStore } from '../../../src/mailstore/types.js';
import type { StartLab, TutorLab, TutorLabOptions } from '../../../src/tutor/lab-types.js';

/**
 * A tiny stand-in for src/lab.ts, for engine tests only: a just-enough SMTP session and a
 * just-enough IMAP session (LOGIN, IDLE with pushed EXISTS, LOGOUT) on the real LineServer,
 * so the runner's path (sockets, transcript hub, store) is the real one while the protocol
 * is small and predictable. Like the real sessions, they put a knowledge key on every line
 * (found from the line's text by the real tables), so the lesson explains them at its edge.
 */
function keyed(protocol: Protocol, client: string | null, step: Step): Step {
  const k = KNOWLEDGE[protocol];
  const knowledge = step.out.map((item) => (typeof item === 'string' ? k.serverKey(item) : null));
  const clientKey = client === null || step.client?.silent ? null : k.clientKey(client);
  return { ...step, knowledge, ...(clientKey ? { client: { ...step.client, knowledge: clientKey } } : {}) };
}

const LINE = { mode: 'line', maxLine: 1000 } as const;

class FakeSmtp implements ProtocolSession {
  readonly protocol = 'smtp' as const;
  state = 'CONNECTED';
  readonly expect = LINE;
  private from = '';
  private to: string[] = [];
  private body: string[] | null = null;

  constructor(
    readonly id: string,
    private readonly store: MailStore,
  ) {}

  async greet(): Promise<Step> {
    return keyed('smtp', null, { out: ['220 fake.lab ESMTP ready'] });
  }

  async line(buf: Buffer): Promise<Step> {
    const text = buf.toString('utf8');
    return keyed('smtp', text, await this.answer(text));
  }

  private async answer(text: string): Promise<Step> {
    if (this.body) return this.bodyLine(text);
    const verb = (text.split(/[\s:]/)[0] ?? '').toUpperCase();
    const reply = (out: string, state?: string): Step => {
      if (state) this.state = state;
      return { out: [out] };
    };
    switch (verb) {
      case 'EHLO':
        this.state = 'READY';
        return { out: ['250-fake.lab hello', '250 HELP'] };
      case 'MAIL':
        if (this.state !== 'READY') return reply('503 5.5.1 send EHLO first');
        if (!/^MAIL FROM:\s*<[^>]*>$/i.test(text)) return reply('501 5.5.4 syntax: MAIL FROM:<address>');
        this.from = /<([^>]*)>/.exec(text)?.[1] ?? '';
        return reply('250 2.1.0 sender ok', 'MAIL');
      case 'RCPT':
        if (this.state !== 'MAIL' && this.state !== 'RCPT') return reply('503 5.5.1 need MAIL before RCPT');
        this.to.push(/<([^>]*)>/.exec(text)?.[1] ?? '');
        return reply('250 2.1.5 recipient ok', 'RCPT');
      case 'DATA':
        if (this.state !== 'RCPT') return reply('503 5.5.1 need RCPT before DATA');
        this.body = [];
        return reply('354 end with <CRLF>.<CRLF>', 'DATA');
      case 'QUIT':
        return { out: ['221 2.0.0 bye'], close: true };
      default:
        return reply('500 5.5.2 unknown command');
    }
  }

  private async bodyLine(text: string): Promise<Step> {
    if (text !== '.') {
      (this.body as string[]).push(text.startsWith('.') ? text.slice(1) : text);
      return { out: [], client: { silent: true } };
    }
    const raw = Buffer.from(`${(this.body as string[]).join('\r\n')}\r\n`);
    await this.store.deliver({ from: this.from, to: this.to }, raw);
    this.body = null;
    this.to = [];
    this.state = 'READY';
    return { out: ['250 2.0.0 queued'] };
  }

  async bytes(): Promise<Step> {
    return { out: [] };
  }
  async overflow(): Promise<Step> {
    return { out: ['500 line too long'] };
  }
  timeout(): Step {
    return { out: ['421 timeout'], close: true };
  }
  shutdown(): Step {
    return { out: ['421 shutting down'], close: true };
  }
  async closed(): Promise<void> {}
}

class FakeImap implements ProtocolSession {
  readonly protocol = 'imap' as const;
  state = 'not authenticated';
  readonly expect = LINE;
  private idleTag: string | null = null;
  private push: ((step: Step) => void) | null = null;
  private readonly unwatch: () => void;

  constructor(
    readonly id: string,
    private readonly store: MailStore,
    private readonly accounts: Accounts,
  ) {
    this.unwatch = store.watch((change) => {
      if (change.kind !== 'added' || !this.idleTag) return;
      void this.store.list(change.account, 'INBOX').then((all) => this.push?.(keyed('imap', null, { out: [`* ${all.length} EXISTS`] })));
    });
  }

  attachPush(push: (step: Step) => void): void {
    this.push = push;
  }

  async greet(): Promise<Step> {
    return keyed('imap', null, { out: ['* OK fake IMAP4rev1 ready'] });
  }

  async line(buf: Buffer): Promise<Step> {
    const text = buf.toString('utf8');
    return keyed('imap', text, await this.answer(text));
  }

  private async answer(text: string): Promise<Step> {
    if (this.idleTag !== null) {
      const tag = this.idleTag;
      this.idleTag = null;
      return { out: [text === 'DONE' ? `${tag} OK IDLE terminated` : `${tag} BAD expected DONE`] };
    }
    const [tag = '*', verb = '', ...args] = text.split(' ');
    switch (verb.toUpperCase()) {
      case 'LOGIN':
        if (!this.accounts.verify(args[0] ?? '', args[1] ?? '')) return { out: [`${tag} NO [AUTHENTICATIONFAILED] wrong`] };
        this.state = 'authenticated';
        return { out: [`${tag} OK LOGIN completed`] };
      case 'IDLE':
        this.idleTag = tag;
        return { out: ['+ idling'] };
      case 'LOGOUT':
        this.state = 'logout';
        return { out: ['* BYE logging out', `${tag} OK LOGOUT completed`], close: true };
      default:
        return { out: [`${tag} BAD unknown command`] };
    }
  }

  async bytes(): Promise<Step> {
    return { out: [] };
  }
  async overflow(): Promise<Step> {
    return { out: ['* BAD too long'] };
  }
  timeout(): Step {
    return { out: ['* BYE timeout'], close: true };
  }
  shutdown(): Step {
    return { out: ['* BYE shutting down'], close: true };
  }
  async closed(): Promise<void> {
    this.unwatch();
  }
}

export interface FakeLabTracker {
  startLab: StartLab;
  /** Every lab started, with whether it was closed: no stray listeners. */
  started: Array<{ lab: TutorLab; options: TutorLabOptions; closed: boolean; servers: LineServer[] }>;
}

export function fakeLabs(): FakeLabTracker {
  const started: FakeLabTracker['started'] = [];
  const startLab: StartLab = async (options) => {
    const store = new MemoryStore();
    const accounts = new Accounts(DEMO_ACCOUNTS);
    const hub = new TranscriptHub();
    const make = (protocol: Protocol) =>
      new LineServer({
        protocol,
        createSession: (c) => (protocol === 'smtp' ? new FakeSmtp(c.id, store) : new FakeImap(c.id, store, accounts)),
        busyReply: '421 busy',
        internalErrorReply: '451 internal error',
        idleTimeoutMs: 60_000,
        sink: hub.emit,
      });
    const wanted = options.protocols ?? (['smtp', 'imap'] as Protocol[]);
    const servers: LineServer[] = [];
    const endpoints: TutorLab['endpoints'] = {};
    for (const p of wanted.filter((x) => x === 'smtp' || x === 'imap')) {
      const server = make(p);
      endpoints[p] = await server.listen(0, options.host ?? '127.0.0.1');
      servers.push(server);
    }
    const entry = { lab: undefined as unknown as TutorLab, options, closed: false, servers };
    entry.lab = {
      store,
      accounts,
      hub,
      endpoints,
      close: async () => {
        await Promise.all(servers.map((s) => s.close(100)));
        await store.close();
        entry.closed = true;
      },
    };
    started.push(entry);
    return entry.lab;
  };
  return { startLab, started };
}
