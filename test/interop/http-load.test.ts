import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../src/protocols/http/server.js';
import type { HttpApp } from '../../src/protocols/http/types.js';
import type { TranscriptEvent } from '../../src/protocols/transcript.js';
import { closeAfterAll, listenLoopback } from '../support/opened.js';
import { runProgram } from '../support/programs.js';
import { scratch } from '../support/scratch.js';

/**
 * Load tools nobody here wrote against the lab's HTTP server on 127.0.0.1: ApacheBench (`ab -k`,
 * HTTP/1.0 with `Connection: keep-alive`, RFC 9112 9.3 and appendix C.2.2) and wrk pipelining
 * requests (RFC 9112 9.3.2: a server answers pipelined requests in the order received).
 */
const paths: string[] = [];
const events: TranscriptEvent[] = [];
const app: HttpApp = async (request) => {
  paths.push(request.path);
  return { status: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ path: request.path }) };
};

let port = 0;
const suite = closeAfterAll(200);
const { suiteDir } = scratch('l7lab-http-load-');

beforeAll(async () => {
  port = await listenLoopback(createHttpServer({ app, sink: (e) => events.push(e) }), suite);
});

/** ab's "Label: value" summary lines. */
function abField(out: string, label: string): string | undefined {
  return new RegExp(`^${label}:\\s+(.*)$`, 'm').exec(out)?.[1]?.trim();
}

describe('ab -k (keep-alive over HTTP/1.0)', () => {
  it('answers 200 requests from 5 connections, every one kept alive', async () => {
    paths.length = 0;
    events.length = 0;
    const run = await runProgram('ab', ['-k', '-n', '200', '-c', '5', '-q', `http://127.0.0.1:${port}/api/messages`], 60_000);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(abField(run.stdout, 'Complete requests')).toBe('200');
    expect(abField(run.stdout, 'Failed requests')).toBe('0');
    expect(abField(run.stdout, 'Non-2xx responses')).toBeUndefined();
    expect(abField(run.stdout, 'Keep-Alive requests')).toBe('200');
    expect(abField(run.stdout, 'Document Length')).toBe(`${JSON.stringify({ path: '/api/messages' }).length} bytes`);
    expect(paths).toHaveLength(200);
    // Kept alive on the server's side too: no more connections than ab's concurrency.
    expect(events.filter((e) => e.event === 'connect').length).toBeLessThanOrEqual(5);
  });
});

/**
 * wrk writes the three requests of `pipeline` in one write on each connection and, for each
 * response, checks that its body names the path of the request it answers: the n-th response
 * must answer the n-th request. The counts come back on the last line as JSON.
 */
const PIPELINE_LUA = `
local paths = { "/p/1", "/p/2", "/p/3" }
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
  local reqs = {}
  for i, p in ipairs(paths) do reqs[i] = wrk.format("GET", p) end
  pipeline = table.concat(reqs)
  n, bad = 0, 0
end
function request() return pipeline end
function response(status, headers, body)
  n = n + 1
  local want = paths[(n - 1) % #paths + 1]
  if status ~= 200 or body ~= '{"path":"' .. want .. '"}' then bad = bad + 1 end
end
function done(summary, latency, requests)
  local n, bad = 0, 0
  for _, t in ipairs(threads) do n = n + t:get("n"); bad = bad + t:get("bad") end
  io.write(string.format('{"responses":%d,"outOfOrder":%d,"errors":%d}\\n', n, bad,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
end
`;

describe('wrk pipelining', () => {
  it('answers three requests sent in one write, in the order they were sent', async () => {
    const script = join(suiteDir(), 'pipeline.lua');
    writeFileSync(script, PIPELINE_LUA);
    paths.length = 0;
    const run = await runProgram('wrk', ['-t', '1', '-c', '1', '-d', '1s', '-s', script, `http://127.0.0.1:${port}/`], 30_000);
    expect(run.code, run.stderr).toBe(0);
    const counts = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '') as { responses: number; outOfOrder: number; errors: number };
    expect(counts.responses).toBeGreaterThanOrEqual(3);
    expect(counts.outOfOrder).toBe(0);
    expect(counts.errors).toBe(0);
    // The app saw them in the order sent, whole pipelines only.
    expect(paths.slice(0, 6)).toEqual(['/p/1', '/p/2', '/p/3', '/p/1', '/p/2', '/p/3']);
  });
});
