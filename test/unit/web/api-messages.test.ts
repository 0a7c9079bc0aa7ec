import { afterEach, describe, expect, it, vi } from 'vitest';
import { WEB_WAIT_MAX_S } from '../../../src/limits.js';
import type { HttpResponse } from '../../../src/protocols/http/types.js';
import { httpRequest } from '../../support/http-request.js';
import { simple, webLab } from './web-fixtures.js';

interface Listing {
  total: number;
  offset: number;
  limit: number;
  next: number | null;
  messages: Array<{ id: string; from: string; to: string; subject: string; date: string; size: number; envelope: { from: string; to: string[] } | null }>;
}

const at = (minute: number) => new Date(Date.UTC(2026, 11, 3, 3, minute));

async function threeMessages() {
  const lab = webLab();
  await lab.deliver('alice@example.com', ['bob@example.com'], simple('first', 'alice@example.com'), at(1));
  await lab.deliver('carol@example.com', ['dave@example.com', 'secret@example.com'], simple('second', 'carol@example.com', 'dave@example.com'), at(2));
  await lab.deliver('bounces@list.example', ['bob@example.com'], simple('third', 'news@list.example'), at(3));
  return lab;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('GET /api/messages', () => {
  it('lists one entry per transaction, newest first, with envelope and size', async () => {
    const lab = await threeMessages();
    const r = await lab.call('/api/messages');
    expect(r.status).toBe(200);
    expect(lab.header(r, 'content-type')).toBe('application/json');
    expect(r.etag).toMatch(/^"/);
    const list = lab.json<Listing>(r);
    expect(list.total).toBe(3);
    expect(list.messages.map((m) => m.subject)).toEqual(['third', 'second', 'first']);
    const second = list.messages[1];
    // Two recipients, one transaction: one entry.
    expect(second?.envelope).toEqual({ from: 'carol@example.com', to: ['dave@example.com', 'secret@example.com'] });
    expect(second?.date).toBe(at(2).toISOString());
    expect(second?.size).toBeGreaterThan(50);
    expect(list.messages[0]).toMatchObject({ from: 'news@list.example', to: 'bob@example.com' });
  });

  it.each([
    ['to=secret', ['second']], // only in the envelope: a Bcc
    ['to=BOB@', ['third', 'first']],
    ['from=bounces', ['third']], // the envelope sender
    ['from=news', ['third']], // the From header
    ['subject=IR', ['third', 'first']],
    ['to=bob&subject=first', ['first']],
    [`since=${encodeURIComponent(at(2).toISOString())}`, ['third', 'second']],
    ['to=nobody', []],
  ])('filters: %s', async (query, subjects) => {
    const lab = await threeMessages();
    expect(lab.json<Listing>(await lab.call(`/api/messages?${query}`)).messages.map((m) => m.subject)).toEqual(subjects);
  });

  it('pages with limit and offset, and says where the next page starts', async () => {
    const lab = await threeMessages();
    const one = lab.json<Listing>(await lab.call('/api/messages?limit=2'));
    expect(one.messages.map((m) => m.subject)).toEqual(['third', 'second']);
    expect(one.next).toBe(2);
    const two = lab.json<Listing>(await lab.call('/api/messages?limit=2&offset=2'));
    expect(two).toMatchObject({ total: 3, offset: 2, limit: 2, next: null });
    expect(two.messages.map((m) => m.subject)).toEqual(['first']);
  });

  it.each(['since=yesterday', 'since=', 'limit=0', 'limit=abc', 'limit=100000', 'offset=-1', 'wait=-1', `wait=${WEB_WAIT_MAX_S + 1}`, 'wait=1.5', 'lang=fr'])(
    'answers 400 with a JSON reason for %s',
    async (query) => {
      const lab = webLab();
      const r = await lab.call(`/api/messages?${query}`);
      expect(r.status).toBe(400);
      expect(lab.json(r).error).toEqual(expect.any(String));
    },
  );

  it('answers a listing of an unchanged store at once (no promise), and reads a changed store again', async () => {
    const lab = await threeMessages();
    const first = await lab.call('/api/messages?to=bob');
    const ask = (target: string) => lab.app(httpRequest({ target }), new AbortController().signal);
    const again = ask('/api/messages?to=bob');
    expect(again).not.toBeInstanceOf(Promise);
    expect((again as HttpResponse).body).toEqual(first.body);
    expect(lab.json<Listing>(again as HttpResponse).messages.map((m) => m.subject)).toEqual(['third', 'first']);
    await lab.deliver('erin@example.com', ['bob@example.com'], simple('fourth', 'erin@example.com'), at(4));
    const after = ask('/api/messages?to=bob');
    expect(after).toBeInstanceOf(Promise);
    expect(lab.json<Listing>(await after).messages.map((m) => m.subject)).toEqual(['fourth', 'third', 'first']);
    // A bad parameter is still 400, at once.
    expect((ask('/api/messages?limit=x') as HttpResponse).status).toBe(400);
  });

  it('says why in Japanese too', async () => {
    const lab = webLab();
    const r = await lab.call('/api/messages?since=yesterday&lang=ja');
    expect(lab.json(r).error).toContain('使えません');
  });
});

describe('the long poll: GET /api/messages?wait=N', () => {
  it('answers at once when a matching message is already there', async () => {
    const lab = await threeMessages();
    const list = lab.json<Listing>(await lab.call(`/api/messages?to=dave&wait=${WEB_WAIT_MAX_S}`));
    expect(list.messages.map((m) => m.subject)).toEqual(['second']);
  });

  it('wakes when a matching message arrives, and not for one that does not match', async () => {
    const lab = webLab();
    let answered = false;
    const pending = lab.call(`/api/messages?to=bob&wait=${WEB_WAIT_MAX_S}`).then((r) => {
      answered = true;
      return r;
    });
    await lab.deliver('a@x', ['carol@example.com'], simple('not for bob', 'a@x', 'carol@example.com'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(false);
    await lab.deliver('a@x', ['bob@example.com'], simple('for bob'));
    const list = lab.json<Listing>(await pending);
    expect(list.messages.map((m) => m.subject)).toEqual(['for bob']);
  });

  it('answers with an empty list when the wait is over', async () => {
    vi.useFakeTimers();
    const lab = webLab();
    const pending = lab.call('/api/messages?to=bob&wait=10');
    await vi.advanceTimersByTimeAsync(10_000);
    const r = await pending;
    expect(r.status).toBe(200);
    expect(lab.json<Listing>(r)).toMatchObject({ total: 0, messages: [] });
  });

  it('with If-None-Match, waits for the listing to change: a message removed elsewhere wakes it', async () => {
    const lab = await threeMessages();
    const before = await lab.call('/api/messages');
    let answered = false;
    const pending = lab.call({ target: `/api/messages?wait=${WEB_WAIT_MAX_S}`, headers: { 'If-None-Match': before.etag as string } }).then((r) => {
      answered = true;
      return r;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(false);
    const first = lab.json<Listing>(before).messages[2]?.id as string;
    await lab.store.removeTransaction(first);
    const after = await pending;
    expect(after.etag).not.toBe(before.etag);
    expect(lab.json<Listing>(after).messages.map((m) => m.subject)).toEqual(['third', 'second']);
  });

  it('with If-None-Match and no change, answers the same listing at the deadline (the protocol side makes it a 304)', async () => {
    const lab = await threeMessages();
    const before = await lab.call('/api/messages');
    vi.useFakeTimers();
    const pending = lab.call({ target: '/api/messages?wait=10', headers: { 'If-None-Match': before.etag as string } });
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await pending).etag).toBe(before.etag);
  });

  it('stops waiting when the client goes away, and stops watching the store', async () => {
    const lab = webLab();
    const abort = new AbortController();
    let watchers = 0;
    const watch = lab.store.watch.bind(lab.store);
    lab.store.watch = (listener) => {
      watchers++;
      const stop = watch(listener);
      return () => {
        watchers--;
        stop();
      };
    };
    const pending = lab.call(`/api/messages?wait=${WEB_WAIT_MAX_S}`, abort.signal);
    await new Promise((resolve) => setImmediate(resolve));
    expect(watchers).toBe(1);
    abort.abort();
    expect(lab.json<Listing>(await pending).messages).toEqual([]);
    expect(watchers).toBe(0);
  });
});

describe('DELETE /api/messages and errors', () => {
  it('deletes everything and says how many', async () => {
    const lab = await threeMessages();
    const r = await lab.call({ method: 'DELETE', target: '/api/messages', headers: { 'X-L7lab': '1' } });
    expect(lab.json(r)).toEqual({ deleted: 3 });
    expect(lab.json<Listing>(await lab.call('/api/messages')).total).toBe(0);
  });

  it('answers 405 with Allow for a method the resource does not have', async () => {
    const lab = webLab();
    const r = await lab.call({ method: 'PUT', target: '/api/messages', headers: { 'X-L7lab': '1' } });
    expect(r.status).toBe(405);
    expect(lab.header(r, 'allow')).toBe('GET, DELETE, HEAD, OPTIONS');
    expect(lab.json(r).error).toContain('PUT');
    const post = await lab.call({ method: 'POST', target: '/hello.txt', headers: { 'X-L7lab': '1' } });
    expect(post.status).toBe(405);
    expect(lab.header(post, 'allow')).toBe('GET, HEAD, OPTIONS');
  });

  it('answers HEAD as GET would (the protocol side drops the body)', async () => {
    const lab = await threeMessages();
    const head = await lab.call({ method: 'HEAD', target: '/api/messages' });
    const get = await lab.call('/api/messages');
    expect(head.status).toBe(200);
    expect(head.etag).toBe(get.etag);
  });

  it('answers OPTIONS with the methods allowed', async () => {
    const lab = webLab();
    const r = await lab.call({ method: 'OPTIONS', target: '/api/messages/x' });
    expect(r.status).toBe(204);
    expect(lab.header(r, 'allow')).toBe('GET, DELETE, HEAD, OPTIONS');
  });

  it('answers 404 as JSON for an unknown path', async () => {
    const lab = webLab();
    const r = await lab.call('/api/nothing');
    expect(r.status).toBe(404);
    expect(lab.json(r).error).toMatch(/README/);
  });
});
