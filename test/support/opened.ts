import type { Socket } from 'node:net';
import { afterAll, afterEach } from 'vitest';
import type { LineServer } from '../../src/protocols/server.js';

/** What a test file's tests open, closed after each test (or after all of them): push onto these lists. */
export interface Opened {
  sockets: Socket[];
  clients: Array<{ close(): void }>;
  servers: LineServer[];
}

function closer(hook: typeof afterEach, graceMs: number): Opened {
  const opened: Opened = { sockets: [], clients: [], servers: [] };
  hook(async () => {
    for (const s of opened.sockets.splice(0)) s.destroy();
    for (const c of opened.clients.splice(0)) c.close();
    await Promise.all(opened.servers.splice(0).map((s) => s.close(graceMs)));
  });
  return opened;
}

/** Registers the afterEach that destroys every socket, closes every client, then every server (grace `graceMs`). */
export function closeAfterEach(graceMs: number): Opened {
  return closer(afterEach, graceMs);
}

/** The same, once after all the tests of the file (or describe block): for a server started in beforeAll. */
export function closeAfterAll(graceMs: number): Opened {
  return closer(afterAll, graceMs);
}

/** Starts `server` on an ephemeral port of 127.0.0.1, tracked in `opened`; returns the port. */
export async function listenLoopback(server: LineServer, opened: Opened): Promise<number> {
  opened.servers.push(server);
  return (await server.listen(0, '127.0.0.1')).port;
}
