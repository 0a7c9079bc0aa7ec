import { createSocket } from 'node:dgram';
import { createServer, type Server } from 'node:net';
import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { freeLoopbackPort, runMenu, servePorts, type MenuActions } from '../../../src/commands/menu.js';
import { PromptCancelled } from '../../../src/ui/prompts.js';
import { scriptedPrompts } from '../tutor/scripted-prompts.js';

/** Issue 14 item 10: the menu comes back after a job, and serving from it never fails on a taken port. */
function fakeActions(log: string[], fail?: 'learn'): MenuActions {
  return {
    learn: async () => {
      log.push('learn');
      if (fail === 'learn') throw new PromptCancelled();
    },
    ports: async () => void log.push('ports'),
    practice: async (p) => void log.push(`practice ${p}`),
    serve: async (opts) => void log.push(`serve ${String(opts.smtpPort)}`),
    say: (t) => void log.push(t),
    freePort: async (p) => (p === 2525 ? 40000 : p),
  };
}

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

describe('the menu', () => {
  it('returns to the menu after a lesson, ports and practice, and leaves on Quit', async () => {
    const log: string[] = [];
    const prompts = scriptedPrompts(['learn', 'ports', 'practice', 'pop3', 'practice', 'back', 'quit']);
    await runMenu(new Command(), prompts, fakeActions(log), true, 'en');
    expect(log).toEqual(['learn', 'ports', 'practice pop3']);
    expect(prompts.log.filter((q) => q.message === 'What would you like to do?')).toHaveLength(5);
  });

  it('offers every protocol to practise, the web and DNS too, and names what lessons cover', async () => {
    const log: string[] = [];
    const prompts = scriptedPrompts(['practice', 'dns', 'practice', 'http', 'quit']);
    await runMenu(new Command(), prompts, fakeActions(log), true, 'en');
    expect(log).toEqual(['practice dns', 'practice http']);
    const which = prompts.log.find((q) => q.message === 'Which protocol?');
    expect(which?.choices).toEqual(['SMTP (sending mail)', 'POP3 (downloading mail)', 'IMAP (mail kept on the server)', 'HTTP (the web: requests and responses)', 'DNS (names: questions and answers)', 'Back']);
    expect(prompts.log[0]?.choices?.[0]).toBe('Take a lesson (mail, the web and DNS, step by step)');
  });

  it('comes back after a lesson stopped with Ctrl-C; Ctrl-C at the menu itself leaves', async () => {
    const log: string[] = [];
    await runMenu(new Command(), scriptedPrompts(['learn', { cancel: true }]), fakeActions(log, 'learn'), true, 'en');
    expect(log).toEqual(['learn']);
  });

  it('serves on free ports when a default is taken, and says so', async () => {
    const log: string[] = [];
    await runMenu(new Command(), scriptedPrompts(['serve']), fakeActions(log), true, 'en');
    expect(log).toEqual(['port 2525 is in use; using 40000 instead', 'serve 40000']);
  });

  it('speaks Japanese when the locale is Japanese', async () => {
    const log: string[] = [];
    const prompts = scriptedPrompts(['serve']);
    await runMenu(new Command(), prompts, fakeActions(log), true, 'ja');
    expect(prompts.log[0]?.message).toBe('何をしますか？');
    expect(log[0]).toBe('ポート 2525 は使用中のため、代わりに 40000 を使います');
  });

  it('finds a free loopback port instead of one that is taken', async () => {
    const taken = createServer();
    servers.push(taken);
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const port = (taken.address() as { port: number }).port;
    const other = await freeLoopbackPort(port);
    expect(other).not.toBe(port);
    expect(other).toBeGreaterThan(0);
    const opts = await servePorts({ freePort: async () => 1, say: () => {} });
    expect(opts).toMatchObject({ host: '127.0.0.1', smtpPort: 1, imapsPort: 1, submissionPort: 1, httpPort: 1, httpsPort: 1, dnsPort: 1 });
  });

  it('asks for the DNS port to be free over UDP too (issue 17: the resolver takes UDP and TCP)', async () => {
    const asked: Array<[number, boolean]> = [];
    await servePorts({ freePort: async (p, udp) => (asked.push([p, udp ?? false]), p), say: () => {} });
    expect(asked).toContainEqual([2053, true]);
    expect(asked).toContainEqual([2525, false]);
  });

  it('with udp, passes over a port whose UDP side is taken', async () => {
    const udp = createSocket('udp4');
    await new Promise<void>((r) => udp.bind(0, '127.0.0.1', () => r()));
    const port = udp.address().port;
    try {
      // TCP on that port is free: only the UDP check can refuse it.
      expect(await freeLoopbackPort(port)).toBe(port);
      const other = await freeLoopbackPort(port, true);
      expect(other).not.toBe(port);
      expect(other).toBeGreaterThan(0);
    } finally {
      udp.close();
    }
  });
});
