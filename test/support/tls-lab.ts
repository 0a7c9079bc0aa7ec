import { beforeAll } from 'vitest';
import type { LineServer } from '../../src/protocols/server.js';
import { LineClient, makeTlsFixture, type TlsFixture } from './tls-fixture.js';
import { closeAfterEach, listenLoopback } from './opened.js';
import { scratch } from './scratch.js';

/** A file's lab certificate (made before all its tests, removed after) plus loopback servers and clients closed after each test. */
export function tlsLab(graceMs = 100) {
  let made: TlsFixture | undefined;
  const dir = scratch('l7lab-tls-').suiteDir();
  beforeAll(async () => {
    made = await makeTlsFixture(dir);
  });
  const opened = closeAfterEach(graceMs);
  function fx(): TlsFixture {
    if (!made) throw new Error('the TLS fixture is made in beforeAll');
    return made;
  }
  return {
    fx,
    /** A server's `tls` option: the lab pair, implicit TLS when asked. */
    serverTls: (implicit?: boolean) => ({ ...fx().pair, ...(implicit ? { implicit: true } : {}) }),
    /** Listens on loopback, connects (implicit TLS or plain) and reads the greeting up to the line `first` accepts. */
    async greet(server: LineServer, first: (l: string) => boolean, implicit = false): Promise<LineClient> {
      const port = await listenLoopback(server, opened);
      const client = await LineClient.open(port, fx().cert.cert, implicit ? { implicit: true } : {});
      opened.clients.push(client);
      await client.until(first);
      return client;
    },
  };
}
