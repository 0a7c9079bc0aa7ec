import { describe, expect, it } from 'vitest';
import { createHttpServer } from '../../src/protocols/http/server.js';
import type { HttpApp } from '../../src/protocols/http/types.js';
import { WireClient, WireError } from '../../src/wire/client.js';
import { fieldValue } from '../../src/wire/http-response.js';
import { closeAfterEach, listenLoopback } from '../support/opened.js';

/** The wire client reading whole HTTP responses from the lab's server on 127.0.0.1. */
const opened = closeAfterEach(100);

const app: HttpApp = async (request) => {
  if (request.path === '/chunked') return { status: 200, headers: { 'Content-Type': 'text/plain' }, chunks: ['Hello, ', 'chunked!'] };
  if (request.path === '/echo') return { status: 200, headers: { 'Content-Type': 'text/plain' }, body: request.body };
  return { status: 200, headers: { 'Content-Type': 'text/plain' }, body: 'Hello, world!' };
};

async function connect(): Promise<WireClient> {
  const port = await listenLoopback(createHttpServer({ app }), opened);
  const { client, greeting } = await WireClient.connect({ host: '127.0.0.1', port, protocol: 'http', timeoutMs: 5000 });
  opened.clients.push({ close: () => client.destroy() });
  expect(greeting.lines).toEqual([]);
  return client;
}

describe('WireClient over HTTP', () => {
  it('keeps the connection for a second request, and reads no body after HEAD', async () => {
    const client = await connect();
    const [head] = await client.sendHttp(['HEAD / HTTP/1.1', 'Host: localhost', ''], Buffer.alloc(0), 'HEAD');
    expect(head?.code).toBe(200);
    expect(fieldValue(head?.fields ?? [], 'content-length')).toBe('13');
    expect(head?.body.length).toBe(0);
    const [get] = await client.sendHttp(['GET / HTTP/1.1', 'Host: localhost', ''], Buffer.alloc(0), 'GET');
    expect(get?.body.toString()).toBe('Hello, world!');
  });

  it('shows the chunk-size lines of a chunked response', async () => {
    const client = await connect();
    const [r] = await client.sendHttp(['GET /chunked HTTP/1.1', 'Host: localhost', ''], Buffer.alloc(0), 'GET');
    expect(r?.framing).toBe('chunked');
    expect(r?.parts.filter((p) => p.kind === 'chunk-size').map((p) => ('text' in p ? p.text : ''))).toEqual(['7', '8']);
    expect(r?.body.toString()).toBe('Hello, chunked!');
  });

  it('sends a body after the empty line, as typed lines plus bytes', async () => {
    const client = await connect();
    const [r] = await client.sendHttp(['POST /echo HTTP/1.1', 'Host: localhost', 'Content-Length: 5', ''], Buffer.from('hello'), 'POST');
    expect(r?.code).toBe(200);
    expect(r?.body.toString()).toBe('hello');
  });

  it('reads the 400 for a request line without a version, then sees the server close', async () => {
    const client = await connect();
    const [r] = await client.sendHttp(['GET /', ''], Buffer.alloc(0), 'GET');
    expect(r?.code).toBe(400);
    await expect(client.sendHttp(['GET / HTTP/1.1', 'Host: localhost', ''], Buffer.alloc(0), 'GET')).rejects.toBeInstanceOf(WireError);
  });
});
