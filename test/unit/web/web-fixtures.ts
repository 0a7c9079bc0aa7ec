import { MemoryStore } from '../../../src/mailstore/memory.js';
import type { HttpResponse } from '../../../src/protocols/http/types.js';
import { createWebApp, type WebAppOptions } from '../../../src/web/app.js';
import { httpRequest, type RequestSpec } from '../../support/http-request.js';

/** A web app over a fresh MemoryStore, called directly with hand-built requests. */
export function webLab(opts: Partial<WebAppOptions> = {}) {
  const store = new MemoryStore();
  const app = createWebApp({ store, ...opts });
  // async: an app may answer at once or throw at once; a test always gets a promise.
  const call = async (spec: RequestSpec | string, signal: AbortSignal = new AbortController().signal): Promise<HttpResponse> =>
    app(httpRequest(typeof spec === 'string' ? { target: spec } : spec), signal);
  const body = (r: HttpResponse): string => (r.body === undefined ? '' : r.body.toString());
  const json = <T = Record<string, unknown>>(r: HttpResponse): T => JSON.parse(body(r)) as T;
  const header = (r: HttpResponse, name: string): string | undefined => {
    const key = Object.keys(r.headers ?? {}).find((k) => k.toLowerCase() === name.toLowerCase());
    const v = key === undefined ? undefined : r.headers?.[key];
    return v === undefined ? undefined : Array.isArray(v) ? v.join(', ') : (v as string);
  };
  const deliver = async (from: string, to: string[], raw: string, at?: Date): Promise<string> => {
    const [first] = await store.deliver({ from, to }, Buffer.from(raw.replace(/\r?\n/g, '\r\n')), at);
    return first?.meta.id as string;
  };
  return { store, app, call, body, json, header, deliver };
}

export function simple(subject: string, from = 'alice@example.com', to = 'bob@example.com'): string {
  return `From: ${from}\nTo: ${to}\nSubject: ${subject}\nDate: Tue, 02 Jan 2024 10:00:00 +0000\n\nHello ${subject}.\n`;
}

/** Text, HTML with a remote image and a style sheet, and a named attachment (RFC 2231 file name). */
export const RICH = [
  'From: Shop <shop@example.com>',
  'To: Bob <bob@example.com>',
  'Subject: =?UTF-8?B?5rOo5paH?= order',
  'Date: Tue, 02 Jan 2024 11:00:00 +0000',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="outer"',
  '',
  '--outer',
  'Content-Type: multipart/alternative; boundary="alt"',
  '',
  '--alt',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Your order <b>shipped</b>.',
  '--alt',
  'Content-Type: text/html; charset=utf-8',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  '<p style=3D"color:red">Your order shipped.</p><img src=3D"http://example.invalid/x.png">',
  '<link rel=3D"stylesheet" href=3D"https://cdn.example.invalid/s.css"><a href=3D"https://example.invalid/track">track</a>',
  '--alt--',
  '--outer',
  "Content-Type: text/plain; name*=UTF-8''%E5%A0%B1%E5%91%8A.txt",
  "Content-Disposition: attachment; filename*=UTF-8''%E5%A0%B1%E5%91%8A.txt",
  'Content-Transfer-Encoding: base64',
  '',
  Buffer.from('report bytes\n').toString('base64'),
  '--outer--',
  '',
].join('\n');
